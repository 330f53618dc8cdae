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
from ..types.match import match_choices
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
    """Writes the items of one bank, collecting notes on what QTI cannot say."""

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

    def item(self, page: Page, original: QuestionSource) -> ET.Element:
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
        declarations, processing = WRITERS[source.type](self, source, body)
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


def write_choice(writer: Writer, source: QuestionSource, body: ET.Element) -> Written:
    options = source.options
    right = [o.id for o in options if o.correct]
    many = source.type == "multiple"
    interaction = element(
        "choiceInteraction",
        {"responseIdentifier": "RESPONSE", "shuffle": str(source.shuffle).lower(), "maxChoices": "0" if many else "1"},
    )
    writer.choices(interaction, options, source.id)
    body.append(interaction)
    if many:
        wrong = len(options) - len(right)
        shares = [(o.id, source.points / len(right) if o.correct else -source.points / wrong) for o in options]
        declaration = response("RESPONSE", "multiple", "identifier", right, mapping(shares, source.points))
        return [declaration], [score_from_mapping(), show(variable("RESPONSE"))]
    matched = element("match", {}, variable("RESPONSE"), element("correct", {"identifier": "RESPONSE"}))
    rule = element(
        "responseCondition",
        {},
        element("responseIf", {}, matched, set_value("SCORE", base("float", number(source.points)))),
    )
    return [response("RESPONSE", "single", "identifier", right)], [rule, show(variable("RESPONSE"))]


def write_order(writer: Writer, source: QuestionSource, body: ET.Element) -> Written:
    items = source.of_kind("item")
    if source.settings.get("scoring") == "pairs":
        writer.notes.append(
            Note(source.id, "its `scoring: pairs` cannot be written in QTI; it is scored by position instead")
        )
    writer.item_feedback_note(source, "item")
    interaction = element("orderInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "true"})
    writer.choices(interaction, items, source.id)
    body.append(interaction)
    share = number(source.points / len(items))
    rules = [
        element(
            "responseCondition",
            {},
            element(
                "responseIf",
                {},
                element(
                    "match",
                    {},
                    element("index", {"n": str(place)}, variable("RESPONSE")),
                    base("identifier", item.id),
                ),
                set_value("SCORE", element("sum", {}, variable("SCORE"), base("float", share))),
            ),
        )
        for place, item in enumerate(items, start=1)
    ]
    declaration = response("RESPONSE", "ordered", "identifier", [item.id for item in items])
    return [declaration], [*rules, show()]


def write_match(writer: Writer, source: QuestionSource, body: ET.Element) -> Written:
    items = source.of_kind("item")
    choices = match_choices(source)
    ids = {text: cid for cid, text in choices}
    writer.item_feedback_note(source, "item")
    pairs = [f"{item.id} {ids[' '.join(item.match.split())]}" for item in items]
    interaction = element(
        "matchInteraction",
        {"responseIdentifier": "RESPONSE", "shuffle": str(source.shuffle).lower(), "maxAssociations": str(len(items))},
    )
    left = element("simpleMatchSet")
    for item in items:
        choice = element("simpleAssociableChoice", {"identifier": item.id, "matchMax": "1"})
        writer.inline(choice, item.text, source.id)
        left.append(choice)
    right = element("simpleMatchSet")
    for cid, text in choices:
        choice = element("simpleAssociableChoice", {"identifier": cid, "matchMax": str(len(items))})
        writer.inline(choice, text, source.id)
        right.append(choice)
    interaction.extend([left, right])
    body.append(interaction)
    shares = mapping(((pair, source.points / len(items)) for pair in pairs), source.points)
    declaration = response("RESPONSE", "multiple", "directedPair", pairs, shares)
    return [declaration], [score_from_mapping(), show()]


def write_text(writer: Writer, source: QuestionSource, body: ET.Element) -> Written:
    answers = []
    for answer in source.of_kind("answer"):
        if not answer.pattern:
            answers.append(answer)
        elif XSD_REGEX_UNSUPPORTED.search(answer.value):
            writer.notes.append(
                Note(source.id, f"the pattern /{answer.value}/ has no XML Schema equivalent for QTI; left out")
            )
        else:
            writer.notes.append(
                Note(
                    source.id,
                    f"the pattern /{answer.value}/ is matched against the answer as typed (QTI's patternMatch), "
                    "in either case; accents, punctuation and extra spaces are not ignored as on the site",
                )
            )
            answers.append(answer)
    writer.notes.append(
        Note(source.id, "QTI compares its text answers ignoring case only, not accents, punctuation or extra spaces")
    )
    accepted = [a.value for a in answers if a.correct and not a.pattern]
    body.append(element("p", {}, element("textEntryInteraction", {"responseIdentifier": "RESPONSE"})))
    branches = []
    for answer in answers:
        if answer.pattern:
            pattern = case_insensitive(answer.value)
            test = element("patternMatch", {"pattern": pattern}, variable("RESPONSE"))
        else:
            test = element(
                "stringMatch",
                {"caseSensitive": "false", "substring": "false"},
                variable("RESPONSE"),
                base("string", answer.value),
            )
        actions = [show(base("identifier", answer.id))]
        if answer.correct:
            actions.insert(0, set_value("SCORE", base("float", number(source.points))))
        branches.append(element("responseElseIf" if branches else "responseIf", {}, test, *actions))
    branches.append(element("responseElse", {}, show()))
    return [response("RESPONSE", "single", "string", accepted[:1])], [element("responseCondition", {}, *branches)]


def write_scale(writer: Writer, source: QuestionSource, body: ET.Element) -> Written:
    levels = len(source.settings["labels"])
    writer.item_feedback_note(source, "statement")
    declarations = []
    for statement in source.of_kind("statement"):
        values = [(f"L{i}", float(levels - 1 - i if statement.reversed else i)) for i in range(levels)]
        declarations.append(response(f"S-{statement.id}", "single", "identifier", (), mapping(values, None)))
        interaction = element(
            "choiceInteraction", {"responseIdentifier": f"S-{statement.id}", "shuffle": "false", "maxChoices": "1"}
        )
        prompt = element("prompt")
        writer.inline(prompt, statement.text, source.id)
        interaction.append(prompt)
        for index, label in enumerate(source.settings["labels"]):
            interaction.append(element("simpleChoice", {"identifier": f"L{index}"}, text=label))
        body.append(interaction)
    declarations.append(outcome("TOTAL", "float", "0"))
    total = element(
        "sum", {}, *(element("mapResponse", {"identifier": d.get("identifier")}) for d in declarations[:-1])
    )
    branches = []
    for band in source.of_kind("band"):
        within = element(
            "and",
            {},
            element("gte", {}, variable("TOTAL"), base("float", str(band.low))),
            element("lte", {}, variable("TOTAL"), base("float", str(band.high))),
        )
        chosen = show(base("identifier", band.id))
        branches.append(element("responseElseIf" if branches else "responseIf", {}, within, chosen))
    return declarations, [set_value("TOTAL", total), element("responseCondition", {}, *branches)]


def write_reflection(writer: Writer, source: QuestionSource, body: ET.Element) -> Written:
    writer.notes.append(Note(source.id, "a reflection became an extended text item with no score"))
    body.append(element("extendedTextInteraction", {"responseIdentifier": "RESPONSE"}))
    return [response("RESPONSE", "single", "string")], []


WRITERS = {
    "single": write_choice,
    "multiple": write_choice,
    "true-false": write_choice,
    "order": write_order,
    "match": write_match,
    "text": write_text,
    "scale": write_scale,
    "reflection": write_reflection,
}


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
        if source.type not in WRITERS:
            writer.notes.append(Note(source.id, f"a {source.type} question cannot be written in QTI yet; skipped"))
            continue
        item = writer.item(page, source)
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
