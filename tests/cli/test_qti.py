"""`quiz-engine export --format qti`: the package's structure, and its scoring against the engine's.

No PyPI package ships the IMS QTI 2.1 XSD (looked for in qti-package-maker, citolab-qti-convert and
json2qti), and the schema cannot be fetched at test time, so the package is checked structurally, by
the rules of the QTI 2.1 and IMS Content Packaging specifications that matter to an importer: the
manifest lists every file; each item declares what it uses, in the schema's element order, with the
XHTML subset QTI allows; each key is ours. Then a small interpreter of QTI response processing (the
operators the exporter writes) scores every possible response, and the score must be the engine's.
"""

from __future__ import annotations

import io
import itertools
import os
import pty
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from quiz_engine.cli import main
from quiz_engine.export.bank import read_bank
from quiz_engine.export.qti import XHTML
from quiz_engine.markdown.source import QuestionSource
from quiz_engine.scoring import score
from quiz_engine.types.match import match_choices
from tests.support import ROOT

from .conftest import write_docs
from .test_gift import EVERY_TYPE

QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
IDENTIFIER = re.compile(r"^[A-Za-z_][\w.-]*$")
ITEM_ORDER = ["responseDeclaration", "outcomeDeclaration", "itemBody", "responseProcessing", "modalFeedback"]
INTERACTIONS = {"choiceInteraction", "orderInteraction", "matchInteraction", "extendedTextInteraction"}
INTERACTION_PARTS = {"prompt", "simpleChoice", "simpleMatchSet", "simpleAssociableChoice", "textEntryInteraction"}
BLOCKS = {"p", "div", "ul", "ol", "dl", "blockquote", "pre", "table", "hr", "h1", "h2", "h3", "h4", "h5", "h6"}


def local(tag: str) -> str:
    return tag.split("}", 1)[1]


def export_package(cli, output_dir: Path, *args: str) -> tuple[zipfile.ZipFile, str]:
    output = output_dir / "bank.qti.zip"
    result = cli("export", "--format", "qti", "--output", str(output), *args)
    assert result.code == 0, result.err
    return zipfile.ZipFile(io.BytesIO(output.read_bytes())), result.err


def parse_package(package: zipfile.ZipFile) -> dict[str, ET.Element]:
    """Every XML file of the package, parsed; the manifest's rules checked."""
    names = set(package.namelist())
    assert "imsmanifest.xml" in names
    documents = {name: ET.fromstring(package.read(name)) for name in names}
    manifest = documents["imsmanifest.xml"]
    assert manifest.tag == f"{CP}manifest" and manifest.get("identifier")
    assert manifest.findtext(f"{CP}metadata/{CP}schema") == "QTIv2.1 Package"
    resources = manifest.findall(f"{CP}resources/{CP}resource")
    ids = [r.get("identifier") for r in resources]
    assert len(ids) == len(set(ids)) and all(IDENTIFIER.match(i) for i in ids)
    listed = set()
    for resource in resources:
        href = resource.get("href")
        assert href in names, f"{href} is listed but not in the package"
        assert [f.get("href") for f in resource.findall(f"{CP}file")] == [href]
        kind = resource.get("type")
        root = documents[href]
        assert kind in ("imsqti_item_xmlv2p1", "imsqti_test_xmlv2p1")
        assert root.tag == (f"{QTI}assessmentItem" if kind == "imsqti_item_xmlv2p1" else f"{QTI}assessmentTest")
        listed.add(href)
    assert listed == names - {"imsmanifest.xml"}, "a file of the package is not in the manifest"
    test = next(r for r in resources if r.get("type") == "imsqti_test_xmlv2p1")
    items = {r.get("identifier") for r in resources if r.get("type") == "imsqti_item_xmlv2p1"}
    assert {d.get("identifierref") for d in test.findall(f"{CP}dependency")} == items
    return documents


def check_item(item: ET.Element) -> None:
    """The rules of QTI 2.1's assessmentItem that the exporter must keep."""
    assert IDENTIFIER.match(item.get("identifier", ""))
    assert item.get("title") and item.get("adaptive") == "false" and item.get("timeDependent") == "false"
    order = [ITEM_ORDER.index(local(child.tag)) for child in item]
    assert order == sorted(order), "the item's children are not in the schema's order"
    responses = {d.get("identifier"): d for d in item.findall(f"{QTI}responseDeclaration")}
    outcomes = {d.get("identifier") for d in item.findall(f"{QTI}outcomeDeclaration")}
    for declaration in [*responses.values(), *item.findall(f"{QTI}outcomeDeclaration")]:
        assert declaration.get("cardinality") in ("single", "multiple", "ordered")
        assert declaration.get("baseType") in ("identifier", "float", "string", "directedPair")
    body = item.find(f"{QTI}itemBody")
    assert body is not None
    for child in body:
        assert local(child.tag) in BLOCKS | INTERACTIONS, f"{local(child.tag)} cannot stand in an itemBody"
    used = set()
    for node in body.iter():
        name = local(node.tag)
        if node is body:
            continue
        assert name in XHTML or name in INTERACTIONS | INTERACTION_PARTS, f"{name} is not QTI content"
        if name in XHTML:
            assert set(node.attrib) <= set(XHTML[name])
        if "responseIdentifier" in node.attrib:
            used.add(node.get("responseIdentifier"))
            assert node.get("responseIdentifier") in responses
        if name == "choiceInteraction":
            assert node.get("maxChoices") is not None and node.get("shuffle") in ("true", "false")
    for text_entry in body.iter(f"{QTI}textEntryInteraction"):
        assert any(text_entry in list(p) for p in body.iter(f"{QTI}p")), "a textEntryInteraction must be inline"
    assert used == set(responses), "a response is declared but never asked"
    processing = item.find(f"{QTI}responseProcessing")
    if processing is not None:
        for node in processing.iter():
            if local(node.tag) == "variable":
                assert node.get("identifier") in set(responses) | outcomes
            if local(node.tag) == "setOutcomeValue":
                assert node.get("identifier") in outcomes
            if local(node.tag) in ("mapResponse", "correct"):
                assert responses[node.get("identifier")] is not None
    for feedback in item.findall(f"{QTI}modalFeedback"):
        assert feedback.get("outcomeIdentifier") in outcomes and feedback.get("showHide") == "show"
        assert IDENTIFIER.match(feedback.get("identifier", ""))


# -- a small interpreter of QTI response processing ------------------------------------------------


def declared_value(declaration: ET.Element, values: list[str]) -> Any:
    cardinality = declaration.get("cardinality")
    if cardinality == "single":
        return values[0] if values else None
    return list(values) if cardinality == "ordered" else sorted(values)


def evaluate(node: ET.Element, state: dict[str, Any], item: ET.Element) -> Any:
    name = local(node.tag)
    args = [evaluate(child, state, item) for child in node]
    declarations = {d.get("identifier"): d for d in item.findall(f"{QTI}responseDeclaration")}
    if name == "variable":
        return state.get(node.get("identifier"))
    if name == "baseValue":
        return float(node.text) if node.get("baseType") == "float" else node.text
    if name == "correct":
        declaration = declarations[node.get("identifier")]
        return declared_value(declaration, [v.text for v in declaration.iterfind(f"{QTI}correctResponse/{QTI}value")])
    if name == "mapResponse":
        declaration = declarations[node.get("identifier")]
        mapping = declaration.find(f"{QTI}mapping")
        entries = {e.get("mapKey"): float(e.get("mappedValue")) for e in mapping}
        value = state.get(node.get("identifier"))
        chosen = [] if value is None else [value] if isinstance(value, str) else set(value)
        total = sum(entries.get(v, float(mapping.get("defaultValue", 0))) for v in chosen)
        if mapping.get("lowerBound") is not None:
            total = max(total, float(mapping.get("lowerBound")))
        if mapping.get("upperBound") is not None:
            total = min(total, float(mapping.get("upperBound")))
        return total
    if name == "multiple":
        flat = []
        for arg in args:
            if arg is not None:
                flat.extend(arg if isinstance(arg, list) else [arg])
        return flat
    if any(arg is None for arg in args):
        return None
    if name == "match":
        return args[0] == args[1]
    if name == "sum":
        return sum(args)
    if name == "index":
        n = int(node.get("n"))
        return args[0][n - 1] if len(args[0]) >= n else None
    if name == "and":
        return all(args)
    if name in ("gte", "lte"):
        return args[0] >= args[1] if name == "gte" else args[0] <= args[1]
    if name == "stringMatch":
        assert node.get("caseSensitive") == "false"
        return args[0].casefold() == args[1].casefold()
    if name == "patternMatch":
        return re.fullmatch(node.get("pattern"), args[0]) is not None
    raise AssertionError(f"the interpreter does not know <{name}>")


def run_rules(rules: list[ET.Element], state: dict[str, Any], item: ET.Element) -> None:
    for rule in rules:
        if local(rule.tag) == "setOutcomeValue":
            state[rule.get("identifier")] = evaluate(rule[0], state, item)
        elif local(rule.tag) == "responseCondition":
            for branch in rule:
                if local(branch.tag) == "responseElse":
                    run_rules(list(branch), state, item)
                    break
                if evaluate(branch[0], state, item):
                    run_rules(list(branch)[1:], state, item)
                    break
        else:
            raise AssertionError(local(rule.tag))


def process(item: ET.Element, responses: dict[str, Any]) -> dict[str, Any]:
    """The item's outcomes for the candidate's responses."""
    state: dict[str, Any] = dict(responses)
    for declaration in item.findall(f"{QTI}outcomeDeclaration"):
        default = declaration.find(f"{QTI}defaultValue/{QTI}value")
        state[declaration.get("identifier")] = float(default.text) if default is not None else None
    processing = item.find(f"{QTI}responseProcessing")
    run_rules(list(processing) if processing is not None else [], state, item)
    return state


# -- each question against its source ---------------------------------------------------------------


def every_response(source: QuestionSource) -> list[tuple[Any, dict[str, Any]]]:
    """Responses as QTI holds them, with the same response as the engine takes it."""
    if source.type in ("single", "true-false"):
        return [(o.id, {"selected": [o.id]}) for o in source.options]
    if source.type == "multiple":
        ids = [o.id for o in source.options]
        subsets = itertools.chain.from_iterable(itertools.combinations(ids, n) for n in range(1, len(ids) + 1))
        return [(sorted(s), {"selected": list(s)}) for s in subsets]
    if source.type == "order":
        ids = [p.id for p in source.of_kind("item")]
        return [(list(p), {"order": list(p)}) for p in itertools.permutations(ids)]
    if source.type == "match":
        items = [p.id for p in source.of_kind("item")]
        choices = [cid for cid, _ in match_choices(source)]
        out = []
        for picks in itertools.product(choices, repeat=len(items)):
            pairs = dict(zip(items, picks, strict=True))
            out.append((sorted(f"{i} {c}" for i, c in pairs.items()), {"pairs": pairs}))
        return out
    if source.type == "text":
        typed = [a.value.upper() for a in source.of_kind("answer") if not a.pattern] + ["Police", "nothing like it"]
        return [(t, {"text": t}) for t in typed]
    return []


def check_key(item: ET.Element, source: QuestionSource) -> None:
    """The correct response the item declares is our key."""
    declaration = item.find(f"{QTI}responseDeclaration")
    values = [v.text for v in item.iterfind(f"{QTI}responseDeclaration/{QTI}correctResponse/{QTI}value")]
    kinds = {
        "single": "choiceInteraction",
        "true-false": "choiceInteraction",
        "multiple": "choiceInteraction",
        "order": "orderInteraction",
        "match": "matchInteraction",
        "text": "textEntryInteraction",
        "reflection": "extendedTextInteraction",
        "scale": "choiceInteraction",
    }
    assert item.find(f".//{QTI}{kinds[source.type]}") is not None
    if source.type in ("single", "true-false", "multiple"):
        assert values == [o.id for o in source.options if o.correct]
        choices = item.findall(f".//{QTI}simpleChoice")
        assert [c.get("identifier") for c in choices] == [o.id for o in source.options]
        assert declaration.get("cardinality") == ("multiple" if source.type == "multiple" else "single")
    elif source.type == "order":
        assert declaration.get("cardinality") == "ordered"
        assert values == [p.id for p in source.of_kind("item")]
    elif source.type == "match":
        ids = {text: cid for cid, text in match_choices(source)}
        assert values == [f"{p.id} {ids[p.match]}" for p in source.of_kind("item")]
        first, second = item.findall(f".//{QTI}simpleMatchSet")
        assert [c.get("identifier") for c in first] == [p.id for p in source.of_kind("item")]
        assert [c.get("identifier") for c in second] == list(ids.values())
    elif source.type == "text":
        accepted = [a.value for a in source.of_kind("answer") if a.correct and not a.pattern]
        assert values == accepted[:1]
    else:
        assert values == []


MAX_RESPONSES = 300
"""A match question of the course has thousands of possible responses: beyond this many, a fixed sample is
scored (check_key checks the right one); the small questions of the every-type test are scored in full."""


def check_scoring(item: ET.Element, source: QuestionSource) -> int:
    """Every response (or a fixed sample of them) scores in the item as in the engine; how many were tried."""
    question = source.to_question()
    cases = every_response(source)
    if len(cases) > MAX_RESPONSES:
        cases = random.Random(source.id).sample(cases, MAX_RESPONSES)
    for qti_response, engine_response in cases:
        outcomes = process(item, {"RESPONSE": qti_response})
        expected = score(question, engine_response)
        assert outcomes["SCORE"] == pytest.approx(expected.credit, abs=1e-4), (source.id, engine_response)
        assert outcomes["MAXSCORE"] == source.points
        if source.type == "text":
            assert set(outcomes["FEEDBACK"]) - {"EXPLANATION"} == set(expected.feedback)
    if source.type == "scale":
        statements = source.of_kind("statement")
        for levels in itertools.product(range(len(source.settings["labels"])), repeat=len(statements)):
            ratings = {s.id: level for s, level in zip(statements, levels, strict=True)}
            outcomes = process(item, {f"S-{sid}": f"L{level}" for sid, level in ratings.items()})
            expected = score(question, {"ratings": ratings})
            assert set(outcomes["FEEDBACK"]) - {"EXPLANATION"} == set(expected.feedback)
            cases.append(((), {}))
    return len(cases)


def check_package(cli, output_dir: Path, docs: Path) -> tuple[dict[str, ET.Element], str]:
    package, err = export_package(cli, output_dir)
    documents = parse_package(package)
    bank = read_bank(docs)
    items = {root.get("identifier"): root for root in documents.values() if root.tag == f"{QTI}assessmentItem"}
    assert len(items) == len(bank.questions())
    tried = 0
    for _, source in bank.questions():
        item = items[source.id if source.id[0].isalpha() else f"q-{source.id}"]
        check_item(item)
        check_key(item, source)
        if not (source.type == "order" and source.settings.get("scoring") == "pairs"):
            tried += check_scoring(item, source)
    assert tried > 0
    return documents, err


def test_every_type_is_a_valid_item_that_scores_as_the_engine(cli, project: Path) -> None:
    scale = EVERY_TYPE.replace("labels: [No, Yes]", "labels: [Rarely, Often]")
    write_docs(project, {"index.md": scale.replace("scoring: pairs", "scoring: position")})
    documents, err = check_package(cli, project, project / "docs")
    assert "wrote 12 questions to " in err
    test = documents["assessment.xml"]
    section = test.find(f"{QTI}testPart/{QTI}assessmentSection")
    assert section.get("title") == "Every type: {braces} and #hashes"
    pool = section.find(f"{QTI}assessmentSection")
    assert pool.find(f"{QTI}selection").get("select") == "1"
    assert [r.get("identifier") for r in pool.findall(f"{QTI}assessmentItemRef")] == ["pool-one", "pool-two"]
    tries = {r.get("identifier"): r.find(f"{QTI}itemSessionControl") for r in test.iter(f"{QTI}assessmentItemRef")}
    assert tries["multiple-three"].get("maxAttempts") == "3" and tries["single-specials"] is None
    for ref in test.iter(f"{QTI}assessmentItemRef"):
        assert ref.get("href") in documents
    item = documents["items/single-specials.xml"]
    assert item.get("title") == "Which one is right: a = b, c ~ d, {e}, #f or g: h?"
    assert item.find(f"{QTI}itemBody/{QTI}p/{QTI}em").text == "Markdown"
    feedback = {f.get("identifier"): f for f in item.findall(f"{QTI}modalFeedback")}
    assert set(feedback) == {"a", "b", "EXPLANATION"}
    assert feedback["a"].find(f"{QTI}p/{QTI}code").text == "="


def test_what_qti_cannot_say_is_a_warning(cli, project: Path) -> None:
    write_docs(project, {"index.md": EVERY_TYPE})
    _, err = export_package(cli, project)
    warnings = "\n".join(line for line in err.splitlines() if line.startswith("warning: "))
    assert "single-specials: its 1 hint cannot be written in QTI 2.1; left out" in warnings
    assert "multiple-three: its penalty of 25% per try cannot be written in QTI" in warnings
    assert "order-three: its `scoring: pairs` cannot be written in QTI" in warnings
    assert "order-three: the feedback on its items cannot be written in QTI" in warnings
    assert "text-answers: the pattern /(the )?police/ is matched against the answer as typed" in warnings
    assert "reflection-essay: a reflection became an extended text item with no score" in warnings
    assert "points" not in warnings and "scale" not in warnings


def test_without_output_the_package_goes_to_stdout_when_it_is_a_file_or_a_pipe(
    project: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    write_docs(project, {"index.md": EVERY_TYPE})
    assert main(["export", "--format", "qti"]) == 0
    captured = capsysbinary.readouterr()
    assert sorted(path.name for path in project.iterdir()) == ["docs"], "export wrote a file into the project"
    documents = parse_package(zipfile.ZipFile(io.BytesIO(captured.out)))
    assert len([d for d in documents.values() if d.tag == f"{QTI}assessmentItem"]) == 12
    assert b"wrote 12 questions to stdout (QTI" in captured.err
    assert main(["export", "--format", "qti", "--output", "bank.zip"]) == 0
    assert (project / "bank.zip").read_bytes() == captured.out, "stdout holds the package, byte for byte"


def test_a_package_is_never_written_to_a_terminal(project: Path) -> None:
    """On a terminal a zip is noise: the command says what to do instead, and writes nothing anywhere."""
    write_docs(project, {"index.md": EVERY_TYPE})
    for output in ([], ["-o", "-"]):
        leader, follower = pty.openpty()
        try:
            result = subprocess.run(
                [sys.executable, "-m", "quiz_engine", "export", "-f", "qti", *output],
                stdout=follower,
                stderr=subprocess.PIPE,
                text=True,
                timeout=60,
            )
            os.set_blocking(leader, False)
            try:
                shown = os.read(leader, 65536)
            except BlockingIOError:
                shown = b""
        finally:
            os.close(follower)
            os.close(leader)
        assert result.returncode == 2
        assert result.stderr.startswith("quiz-engine export: a QTI package is a zip file, not text for a terminal")
        assert "-o quiz-bank.qti.zip" in result.stderr and "redirect" in result.stderr
        assert shown == b"" and sorted(path.name for path in project.iterdir()) == ["docs"]


def test_unsafe_html_and_unknown_tags_are_reduced_to_qti_xhtml(cli, project: Path) -> None:
    page = (
        "# Page\n\n/// quiz | Is <mark>this</mark> fine?\n    type: single\n    id: html\n\n"
        '- [x] Yes <span class="x" onclick="y">really</span>\n- [ ] No<br>\n///\n'
    )
    write_docs(project, {"index.md": page})
    documents, err = check_package(cli, project, project / "docs")
    item = documents["items/html.xml"]
    assert "".join(item.find(f"{QTI}itemBody/{QTI}p").itertext()) == "Is this fine?"
    span = item.find(f".//{QTI}simpleChoice/{QTI}span")
    assert span is not None and span.attrib == {}
    assert "not well-formed XHTML" in err  # `<br>` is HTML, not XML


def test_the_course_exports_as_valid_qti(cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    output = tmp_path / "course.zip"
    assert cli("export", "-f", "qti", "-o", str(output), "-q").code == 0
    first = output.read_bytes()
    documents = parse_package(zipfile.ZipFile(io.BytesIO(first)))
    assert len([d for d in documents.values() if d.tag == f"{QTI}assessmentItem"]) > 50
    assert cli("export", "-f", "qti", "-o", str(output), "-q").code == 0
    assert output.read_bytes() == first, "the same bank must give the same bytes"


def test_the_course_items_score_as_the_engine(cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    check_package(cli, tmp_path, ROOT / "docs")
