"""The quiz interface follows Material's theme.language: a French site speaks French, built and in use."""

from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from quiz_engine.i18n import strings
from quiz_engine.model import ErrorResult, Question
from quiz_engine.saved import import_progress
from quiz_engine.scoring import score
from tests.fault_server import FaultyServer
from tests.support import ROOT

from .helpers import PYTHON_TIMEOUT_MS, check_answer, import_file, visit, wait_for_engine, wait_for_verdict


def test_a_french_site_shows_the_quiz_in_french(page: Page, french_server: FaultyServer, watch) -> None:
    watch.site = french_server.url
    page.goto(french_server.url + "examples/choice/")
    form = page.locator("#quiz-example-decisions")
    expect(form.locator(".quiz__check")).to_have_text("Vérifier")
    expect(form.locator(".quiz__instruction")).to_have_text("Choisissez une réponse.")
    assert check_answer(page, "example-decisions", ["b"]) == "correct"
    expect(form.locator(".quiz__status p")).to_have_text(["Juste.", "Score : 1 sur 1."])
    expect(page.locator(".quiz-summary__title")).to_have_text("Votre score sur cette page")


# -- a French site shows no English word: answers of every kind, refusals, bad files -------------------------

ENGLISH = strings("en")
FRENCH = strings("fr")


@functools.cache
def english_fragments() -> frozenset[str]:
    """The interface's English words a French reader must never see: every English text that French says
    otherwise, cut at its placeholders, in pieces long enough not to meet the authors' prose by chance
    (the example pages are written in English: words they hold themselves are theirs, not the interface's);
    and the engine's own English messages (its refusals' developer details)."""
    sources = [*(ROOT / "docs").glob("examples/*.md"), ROOT / "docs/progress.md"]
    author = " ".join(path.read_text(encoding="utf-8") for path in sources)
    pieces = set()
    for key, english in ENGLISH.items():
        if FRENCH.get(key) == english:
            continue
        pieces.update(piece.strip() for piece in re.split(r"\{\w+\}", english) if len(piece.strip()) >= 14)
    pieces = {piece for piece in pieces if piece not in author}
    pieces.update(engine_messages())
    return frozenset(pieces)


def engine_messages() -> set[str]:
    """The engine's English messages for what these tests do: empty answers of every type, bad files."""
    messages = set()
    for page, ids in PAGES.items():
        text = (FRENCH_SITE[0] / page / "index.html").read_text(encoding="utf-8")
        for question_id in ids:
            found = re.search(rf'data-quiz="([^"]*)"[^>]*? id="quiz-{question_id}"', text)
            assert found, question_id
            question = Question.from_dict(json.loads(html.unescape(found[1])))
            for response in ({"selected": []}, {"pairs": {}}, {"text": ""}, {"ratings": {}}, {"text": "x" * 20_000}):
                result = score(question, response)
                if isinstance(result, ErrorResult):
                    messages.add(result.message)
    for content in ("not json", '{"schema": 99}', '{"schema": 1, "questions": 5}', '{"schema": 1}'):
        answer = import_progress(content, "/")
        messages.add(answer["error"]["message"])
    return messages


PAGES = {
    "examples/choice": ["example-decisions", "example-outside"],
    "examples/true-false": ["example-difference"],
    "examples/more-types": ["example-order", "example-match", "example-text", "example-scale", "example-reflection"],
}
FRENCH_SITE: list[Path] = []


def shows_no_english(page: Page, step: str, seen: list[str]) -> None:
    """The article's visible text (questions, statuses, notices, the progress page) has no English word
    of the interface or the engine."""
    visible = page.locator("article.md-content__inner").inner_text()
    seen.append(visible)
    found = sorted(piece for piece in english_fragments() if piece in visible)
    assert not found, f"{step}: English on a French page: {found}"


def fresh(page: Page, url: str) -> None:
    """The page again, with no saved progress, by instant navigation (Python keeps running)."""
    page.evaluate("quizStore.reset()")
    visit(page, url)


def check(page: Page, question_id: str) -> str:
    """Press Check; the verdict (or "error") the engine gives this time, not the one drawn before."""
    page.evaluate("id => { document.getElementById(id).className = 'quiz__status'; }", f"quiz-{question_id}-status")
    page.locator(f"#quiz-{question_id} .quiz__check").click()
    return wait_for_verdict(page, question_id)


def put_in_order(page: Page, question_id: str, order: list[str]) -> None:
    page.evaluate(
        """([id, order]) => {
            const list = document.querySelector(`#quiz-${id} .quiz__order`);
            for (const item of order) list.append(list.querySelector(`[data-item="${item}"]`));
        }""",
        [question_id, order],
    )


def data_of(page: Page, question_id: str) -> dict:
    return json.loads(page.locator(f"#quiz-{question_id}").get_attribute("data-quiz"))


def test_a_french_site_shows_no_english_whatever_the_reader_does(
    page: Page, french_server: FaultyServer, watch, tmp_path: Path
) -> None:
    watch.site = french_server.url
    FRENCH_SITE[:] = [french_server.site_root]
    url = french_server.url
    seen: list[str] = []
    # Single and multiple choice: nothing chosen, wrong, partly right, right, the answer asked for.
    choice = url + "examples/choice/"
    page.goto(choice)
    wait_for_engine(page)
    assert check(page, "example-decisions") == "error"
    expect(page.locator("#quiz-example-decisions-status")).to_have_text("Choisissez d'abord une réponse.")
    shows_no_english(page, "single, nothing chosen", seen)
    page.locator("#quiz-example-decisions input[value='a']").check()
    assert check(page, "example-decisions") == "incorrect"
    page.locator("#quiz-example-outside input[value='a']").check()
    assert check(page, "example-outside") == "partial"
    expect(page.locator("#quiz-example-outside-status")).to_contain_text("Essais restants : 1.")
    shows_no_english(page, "single wrong, multiple partly right", seen)
    page.locator("#quiz-example-outside .quiz__again").click()
    page.locator("#quiz-example-outside input[value='a']").uncheck()
    page.locator("#quiz-example-outside input[value='c']").check()
    assert check(page, "example-outside") == "incorrect"
    shows_no_english(page, "multiple wrong on its last try", seen)
    fresh(page, choice)
    page.locator("#quiz-example-decisions input[value='b']").check()
    assert check(page, "example-decisions") == "correct"
    page.locator("#quiz-example-outside input[value='d']").check()
    assert check(page, "example-outside") == "incorrect"
    page.locator("#quiz-example-outside .quiz__reveal").click()
    expect(page.locator("#quiz-example-outside .quiz__reveal")).to_be_hidden()
    shows_no_english(page, "single right, multiple revealed", seen)
    fresh(page, choice)
    for option in ("a", "b"):
        page.locator(f"#quiz-example-outside input[value='{option}']").check()
    assert check(page, "example-outside") == "correct"
    shows_no_english(page, "multiple right", seen)

    # True or false.
    true_false = url + "examples/true-false/"
    visit(page, true_false)
    assert check(page, "example-difference") == "error"
    right = next(o["id"] for o in data_of(page, "example-difference")["options"] if o["correct"])
    wrong = next(o["id"] for o in data_of(page, "example-difference")["options"] if not o["correct"])
    page.locator(f"#quiz-example-difference input[value='{wrong}']").check()
    assert check(page, "example-difference") in ("incorrect", "partial")
    shows_no_english(page, "true-false wrong", seen)
    fresh(page, true_false)
    page.locator(f"#quiz-example-difference input[value='{right}']").check()
    assert check(page, "example-difference") == "correct"
    shows_no_english(page, "true-false right", seen)

    # Order, match, text, scale, reflection.
    more = url + "examples/more-types/"
    visit(page, more)
    items = data_of(page, "example-order")["items"]
    page.locator("#quiz-example-order .quiz__hint-button").click()
    expect(page.locator("#quiz-example-order-hint-1")).to_be_visible()
    put_in_order(page, "example-order", [items[1], items[0], *items[2:]])
    assert check(page, "example-order") == "partial"
    match = data_of(page, "example-match")
    assert check(page, "example-match") == "error"
    first_item, first_choice = match["items"][0], match["key"][0]
    page.locator(f"#quiz-example-match-{first_item}").select_option(first_choice)
    assert check(page, "example-match") == "partial"
    assert check(page, "example-text") == "error"
    page.locator("#quiz-example-text-input").fill("surveillance story")
    assert check(page, "example-text") == "incorrect"
    assert check(page, "example-scale") == "error"
    assert check(page, "example-reflection") == "error"
    shows_no_english(page, "order and match partly right, text wrong, nothing rated or written", seen)
    page.locator("#quiz-example-order .quiz__again").click()
    put_in_order(page, "example-order", list(reversed(items)))
    assert check(page, "example-order") == "incorrect"
    page.locator("#quiz-example-text .quiz__again").click()
    page.locator("#quiz-example-text-input").fill("surveillance")
    assert check(page, "example-text") == "incorrect"
    shows_no_english(page, "order wrong on its last try, text wrong twice", seen)
    fresh(page, more)
    put_in_order(page, "example-order", items)
    assert check(page, "example-order") == "correct"
    for item, choice in zip(match["items"], match["key"], strict=True):
        page.locator(f"#quiz-example-match-{item}").select_option(choice)
    assert check(page, "example-match") == "correct"
    page.locator("#quiz-example-text-input").fill("police")
    assert check(page, "example-text") == "correct"
    for group in page.locator("#quiz-example-scale .quiz__statement").all():
        group.locator("input").first.check()
    assert check(page, "example-scale") == "complete"
    page.locator("#quiz-example-reflection-input").fill("Écrit pour moi.")
    assert check(page, "example-reflection") == "complete"
    shows_no_english(page, "every type right, rated and written", seen)

    # The progress page: files that are not JSON, too large, of the wrong shape, from a newer site, with
    # nothing usable; then another site's file, imported with a notice.
    visit(page, url + "progress/")
    page.wait_for_selector(".quiz-progress table", timeout=PYTHON_TIMEOUT_MS)
    status = page.locator(".quiz-progress__status")
    state = {**page.evaluate("quizStore.question('example-text')"), "response": {"text": "police"}}
    files = {
        "not JSON": ("not json", "progress.import.error.not-json"),
        "too large": (
            json.dumps({"schema": 1, "journal": {"x": {"text": "y" * 8_000_000}}}),
            "progress.import.error.too-large",
        ),
        "the wrong shape": ('{"schema": 1, "questions": 5}', "progress.import.error.not-progress"),
        "a newer site's": ('{"schema": 99}', "progress.import.error.newer"),
        "nothing usable": ('{"schema": 1, "questions": {"elsewhere": {}}}', "progress.import.error.nothing-usable"),
    }
    for what, (content, key) in files.items():
        import_file(page, tmp_path, content, accept=False)
        expect(status).to_have_text(FRENCH[f"js.{key}"])
        shows_no_english(page, f"a file: {what}", seen)
    other = {"schema": 1, "site": "/another-course/", "questions": {"example-text": state}}
    import_file(page, tmp_path, json.dumps(other))
    expect(status).to_contain_text(FRENCH["js.progress.imported"])
    expect(status).to_contain_text(FRENCH["js.storage.other-site"])
    shows_no_english(page, "another site's file", seen)
    assert seen and all(text.strip() for text in seen)
