"""IMS QTI 2.1: the question bank as a content package (a zip), for platforms that import QTI.

The package holds `imsmanifest.xml`, one `assessmentItem` per question in `items/`, and `assessment.xml`,
an `assessmentTest` with a section per page (a pool is a section that selects `draw` of its questions,
and `tries` is the item's `maxAttempts`). Each item scores itself into `SCORE`, out of its points:
- single, true-false: `choiceInteraction`, full points for the right option.
- multiple: `choiceInteraction` whose mapping gives each right option points/R and each wrong one
  -points/W, bounded by 0 and the points: our partial-credit rule.
- order: `orderInteraction`; points/N for each item in its place (`scoring: position`).
- match: `matchInteraction`, a `directedPair` per item; points/N for each item matched right.
- text: `textEntryInteraction`; the answers are tried in order (`stringMatch` ignoring case, patterns
  as `patternMatch`), each with its feedback.
- scale: a `choiceInteraction` per statement, their ratings summed into `TOTAL`; the band it falls in is
  shown as feedback. No `SCORE`. reflection: `extendedTextInteraction`, no score.
Option feedback and the explanation are `modalFeedback` shown through the `FEEDBACK` outcome. Markdown
becomes XHTML.

Why this module is over 400 lines: it is one format's writer, whose parts only make sense together (the
XML helpers the question types write with, QTI's subset of XHTML, the item, the test and the manifest);
each type's own interaction is in its module in ``quiz_engine.types``.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable

import markdown

from ..markdown.source import Part, QuestionSource, slugify
from ..model import DEFAULT_PENALTY, SCORED_TYPES
from .bank import Bank, Page
from .common import Exported, Note, percent, plain, prepare

FORMAT = "QTI 2.1"
QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
IMSCP_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
TEST_FILE = "assessment.xml"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the same bytes for the same bank

# The XHTML that QTI 2.1 allows in item bodies, with the attributes kept; other elements are unwrapped.
PLAIN_TAGS = (
    "p div span em strong b i sub sup code pre kbd samp var q cite abbr br hr "
    "ul ol li dl dt dd blockquote h1 h2 h3 h4 h5 h6 table thead tbody tr caption"
)
XHTML = {
    **dict.fromkeys(PLAIN_TAGS.split(" "), ()),
    "a": ("href",),
    "img": ("src", "alt", "width", "height"),
    "th": ("colspan", "rowspan"),
    "td": ("colspan", "rowspan"),
}
INLINE_ONLY = re.compile(r"^<p>(?P<inner>.*)</p>$", re.DOTALL)
XSD_REGEX_UNSUPPORTED = re.compile(r"\(\?|\\[bBAZ]|[*+?}]\?|(?<!\\)[\^$]")


def case_insensitive(pattern: str) -> str:
    """A regular expression that also matches its letters in the other case (`a` -> `[aA]`): QTI's
    patternMatch has no flag for it, and the site ignores case."""
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char.isascii() and char.isalpha():
            if in_class and pattern[index + 1 : index + 2] == "-" and pattern[index + 2 : index + 3].isalpha():
                low, high = char, pattern[index + 2]
                out.append(f"{low.lower()}-{high.lower()}{low.upper()}-{high.upper()}")
                index += 3
                continue
            both = char.lower() + char.upper()
            out.append(both if in_class else f"[{both}]")
            index += 1
            continue
        out.append(char)
        index += 1
    return "".join(out)


def element(tag: str, attrs: dict[str, str] | None = None, *children: ET.Element, text: str | None = None):
    node = ET.Element(tag, attrs or {})
    node.extend(children)
    if text is not None:
        node.text = text
    return node


def identifier(qid: str) -> str:
    """A question id as a QTI identifier, which must start with a letter."""
    return qid if qid[0].isalpha() else f"q-{qid}"


def number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


class Writer:
    """Writes the items of one bank, collecting notes on what QTI cannot say. Each question type writes
    its interaction and response processing (``QuestionType.qti``) with this writer and its helpers."""

    Note = Note
    XSD_REGEX_UNSUPPORTED = XSD_REGEX_UNSUPPORTED

    def __init__(self, site_url: str | None) -> None:
        self.site_url = site_url
        self.notes: list[Note] = []
        self.md = markdown.Markdown(output_format="xhtml")

    # -- Markdown to QTI's XHTML ----------------------------------------------------------------

    def blocks(self, parent: ET.Element, text: str, qid: str) -> None:
        """Block Markdown appended to ``parent`` as QTI XHTML."""
        if not text.strip():
            return
        fragment = self._fragment(self.md.reset().convert(text), qid)
        if fragment.text and fragment.text.strip():
            parent.append(element("p", text=fragment.text.strip()))
        parent.extend(fragment)

    def inline(self, parent: ET.Element, text: str, qid: str) -> None:
        """Inline Markdown put into ``parent`` (a choice, a prompt), without a paragraph around it."""
        html = self.md.reset().convert(text)
        single = INLINE_ONLY.match(html)
        if single and "<p>" not in single["inner"]:
            html = single["inner"]
        fragment = self._fragment(html, qid)
        parent.text = fragment.text
        parent.extend(fragment)

    def _fragment(self, html: str, qid: str) -> ET.Element:
        """The HTML in a `<div>`, reduced to what QTI allows; as plain text if it is not well-formed."""
        try:
            root = ET.fromstring(f"<div>{html}</div>")
        except ET.ParseError:
            self.notes.append(Note(qid, "some of its HTML is not well-formed XHTML; it was written as plain text"))
            return element("div", text=" ".join(re.sub(r"<[^>]+>", " ", html).split()))
        _clean(root)
        return root

    # -- items ----------------------------------------------------------------------------------

    def item(self, page: Page, original: QuestionSource) -> ET.Element | None:
        """One question as a QTI item, or None when QTI cannot hold it (with a note)."""
        source, notes = prepare(original, page.uri, self.site_url, FORMAT)
        self.notes.extend(notes)
        qid = source.id
        if source.tries > 1 and abs(source.penalty - DEFAULT_PENALTY) > 1e-9:
            self.notes.append(
                Note(qid, f"its penalty of {percent(source.penalty)} per try cannot be written in QTI; its tries can")
            )
        elif source.tries > 1:
            self.notes.append(Note(qid, "its penalty per try cannot be written in QTI; its tries can (maxAttempts)"))
        root = element(
            "assessmentItem",
            {
                "xmlns": QTI,
                "xmlns:xsi": XSI,
                "xsi:schemaLocation": f"{QTI} {QTI_XSD}",
                "identifier": identifier(qid),
                "title": plain(source.title),
                "adaptive": "false",
                "timeDependent": "false",
            },
        )
        body = element("itemBody")
        title = element("p")
        self.inline(title, source.title, qid)
        body.append(title)
        self.blocks(body, source.stem, qid)
        written = source.kind.qti(self, source, body)
        if written is None:
            return None
        declarations, processing = written
        root.extend(declarations)
        if source.type in SCORED_TYPES:
            root.append(outcome("SCORE", "float", "0", normalMaximum=number(source.points)))
            root.append(outcome("MAXSCORE", "float", number(source.points)))
        feedback = {"identifier": "FEEDBACK", "cardinality": "multiple", "baseType": "identifier"}
        root.append(element("outcomeDeclaration", feedback))
        root.append(body)
        if processing:
            root.append(element("responseProcessing", {}, *processing))
        for part in source.parts:
            if part.feedback.strip() and part.kind in ("option", "answer", "band"):
                root.append(self.feedback(part.id, part.feedback, qid, part.text if part.kind == "band" else None))
        if source.explanation.strip():
            root.append(self.feedback("EXPLANATION", source.explanation, qid))
        return root

    def feedback(self, ident: str, text: str, qid: str, title: str | None = None) -> ET.Element:
        node = element("modalFeedback", {"outcomeIdentifier": "FEEDBACK", "showHide": "show", "identifier": ident})
        if title:
            node.set("title", plain(title))
        self.blocks(node, text, qid)
        return node

    def choices(self, interaction: ET.Element, parts: Iterable[Part], qid: str, tag: str = "simpleChoice") -> None:
        for part in parts:
            choice = element(tag, {"identifier": part.id})
            self.inline(choice, part.text, qid)
            interaction.append(choice)

    def item_feedback_note(self, source: QuestionSource, kind: str) -> None:
        if any(part.feedback.strip() for part in source.of_kind(kind)):
            self.notes.append(Note(source.id, f"the feedback on its {kind}s cannot be written in QTI; left out"))


# -- declarations and response processing ----------------------------------------------------------


def outcome(ident: str, base: str, default: str | None = None, **attrs: str) -> ET.Element:
    node = element("outcomeDeclaration", {"identifier": ident, "cardinality": "single", "baseType": base, **attrs})
    if default is not None:
        node.append(element("defaultValue", {}, element("value", text=default)))
    return node


def response(ident: str, cardinality: str, base: str, correct: Iterable[str] = (), mapping=None) -> ET.Element:
    node = element("responseDeclaration", {"identifier": ident, "cardinality": cardinality, "baseType": base})
    values = [element("value", text=value) for value in correct]
    if values:
        node.append(element("correctResponse", {}, *values))
    if mapping is not None:
        node.append(mapping)
    return node


def mapping(entries: Iterable[tuple[str, float]], upper: float | None, **attrs: str) -> ET.Element:
    bounds = {"lowerBound": "0", **({"upperBound": number(upper)} if upper is not None else {}), "defaultValue": "0"}
    node = element("mapping", bounds)
    for key, value in entries:
        node.append(element("mapEntry", {"mapKey": key, "mappedValue": number(value), **attrs}))
    return node


def variable(ident: str) -> ET.Element:
    return element("variable", {"identifier": ident})


def base(kind: str, value: str) -> ET.Element:
    return element("baseValue", {"baseType": kind}, text=value)


def set_value(ident: str, expression: ET.Element) -> ET.Element:
    return element("setOutcomeValue", {"identifier": ident}, expression)


def show(*expressions: ET.Element) -> ET.Element:
    """FEEDBACK set to the given identifiers and the explanation."""
    return set_value("FEEDBACK", element("multiple", {}, *expressions, base("identifier", "EXPLANATION")))


def score_from_mapping() -> ET.Element:
    return set_value("SCORE", element("mapResponse", {"identifier": "RESPONSE"}))


Written = tuple[list[ET.Element], list[ET.Element]]


def _clean(node: ET.Element) -> None:
    """Keep only the XHTML QTI allows, with its attributes: other elements give way to their content."""
    children = list(node)
    del node[:]
    for child in children:
        _clean(child)
        if child.tag in XHTML:
            child.attrib = {k: v for k, v in child.attrib.items() if k in XHTML[child.tag]}
            node.append(child)
            continue
        _add_text(node, child.text)
        node.extend(child)
        _add_text(node, child.tail)


def _add_text(node: ET.Element, text: str | None) -> None:
    if not text:
        return
    if len(node):
        node[-1].tail = (node[-1].tail or "") + text
    else:
        node.text = (node.text or "") + text


# -- the package ------------------------------------------------------------------------------------


def to_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def assessment_test(bank: Bank, refs: dict[str, str], tries: dict[str, int]) -> ET.Element:
    """The test: a section per page, a nested section per pool that selects its draw."""
    root = element(
        "assessmentTest",
        {
            "xmlns": QTI,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{QTI} {QTI_XSD}",
            "identifier": "quiz-bank",
            "title": "Question bank",
        },
    )
    root.append(outcome("SCORE", "float", "0"))
    part = element(
        "testPart", {"identifier": "questions", "navigationMode": "nonlinear", "submissionMode": "individual"}
    )
    used: set[str] = set()
    for page in bank.pages:
        section_id = identifier(slugify(page.uri.rsplit(".", 1)[0]) or "page")
        while section_id in used:
            section_id += "-x"
        used.add(section_id)
        section = element(
            "assessmentSection", {"identifier": section_id, "title": plain(page.title), "visible": "true"}
        )
        pools: dict[str, ET.Element] = {}
        for question in page.questions:
            if question.id not in refs:
                continue
            ref = element("assessmentItemRef", {"identifier": identifier(question.id), "href": refs[question.id]})
            if tries.get(question.id, 1) > 1:
                ref.append(element("itemSessionControl", {"maxAttempts": str(tries[question.id])}))
            target = section
            if question.pool:
                pool = next(p for p in page.pools if p.id == question.pool)
                if pool.id not in pools:
                    attributes = {"identifier": identifier(f"pool-{pool.id}"), "title": plain(pool.title or pool.id)}
                    pools[pool.id] = element(
                        "assessmentSection",
                        {**attributes, "visible": "true"},
                        element("selection", {"select": str(pool.draw)}),
                    )
                    section.append(pools[pool.id])
                target = pools[pool.id]
            target.append(ref)
        if len(section):
            part.append(section)
    root.append(part)
    total = element("sum", {}, element("testVariables", {"variableIdentifier": "SCORE"}))
    root.append(element("outcomeProcessing", {}, set_value("SCORE", total)))
    return root


def manifest(items: dict[str, str]) -> ET.Element:
    root = element(
        "manifest",
        {
            "xmlns": IMSCP,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{IMSCP} {IMSCP_XSD}",
            "identifier": "quiz-bank-manifest",
        },
    )
    metadata = element(
        "metadata",
        {},
        element("schema", text="QTIv2.1 Package"),
        element("schemaversion", text="1.0.0"),
    )
    resources = element("resources")
    test = element("resource", {"identifier": "quiz-bank", "type": "imsqti_test_xmlv2p1", "href": TEST_FILE})
    test.append(element("file", {"href": TEST_FILE}))
    resources.append(test)
    for ident, href in items.items():
        test.append(element("dependency", {"identifierref": f"item-{ident}"}))
        resource = element("resource", {"identifier": f"item-{ident}", "type": "imsqti_item_xmlv2p1", "href": href})
        resource.append(element("file", {"href": href}))
        resources.append(resource)
    root.extend([metadata, element("organizations"), resources])
    return root


def export(bank: Bank, site_url: str | None = None) -> Exported:
    """The bank as a QTI 2.1 content package, with a note for each thing QTI cannot say."""
    writer = Writer(site_url)
    files: dict[str, bytes] = {}
    refs: dict[str, str] = {}
    tries: dict[str, int] = {}
    for page, source in bank.questions():
        item = writer.item(page, source)
        if item is None:
            continue
        href = f"items/{identifier(source.id)}.xml"
        files[href] = to_bytes(item)
        refs[source.id] = href
        tries[source.id] = source.tries
    items = {identifier(qid): href for qid, href in refs.items()}
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as package:
        contents = {
            "imsmanifest.xml": to_bytes(manifest(items)),
            TEST_FILE: to_bytes(assessment_test(bank, refs, tries)),
            **files,
        }
        for name, content in contents.items():
            package.writestr(zipfile.ZipInfo(name, ZIP_TIME), content, zipfile.ZIP_DEFLATED)
    return Exported(data.getvalue(), written=len(refs), notes=writer.notes)


for _helper in (
    element,
    response,
    mapping,
    outcome,
    variable,
    base,
    set_value,
    show,
    score_from_mapping,
    number,
    case_insensitive,
):
    setattr(Writer, _helper.__name__, staticmethod(_helper))
