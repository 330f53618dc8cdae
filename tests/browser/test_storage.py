"""A save is a save: the page says an answer was saved only once it was, shows what was saved even when
nothing new can be written, keeps aside what it says it keeps aside, and never writes over what it could
not read. Storage is filled to the browser's real quota, as on a phone that is out of space."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from quiz_engine.browser import handle

from .conftest import Site
from .helpers import axe_violations, check_answer, visit, wait_for_engine, wait_for_verdict

CHOICE = "examples/choice/"
MORE = "examples/more-types/"
KEY = "quiz-progress:v1:/"

FILL = """([key, saved, free]) => {
    if (sessionStorage.getItem("filled")) return;
    sessionStorage.setItem("filled", "1");
    if (saved !== null) localStorage.setItem(key, saved);
    let n = 0;
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
        const chunk = "x".repeat(size);
        try { for (;;) localStorage.setItem(`junk-${n++}`, chunk); } catch {}
    }
    if (free) {  // make room for about ``free`` characters: the smallest chunk that big goes
        const chunks = Object.keys(localStorage).filter((k) => k.startsWith("junk-"));
        const lengths = chunks.map((k) => localStorage.getItem(k).length);
        const fits = lengths.filter((length) => length >= free);
        localStorage.removeItem(chunks[lengths.indexOf(Math.min(...fits))]);
    }
}"""


def question(site_root: Path, page: str, question_id: str) -> dict[str, Any]:
    """A question's data for the engine, as the built page holds it."""
    text = (site_root / page / "index.html").read_text(encoding="utf-8")
    found = re.search(rf'data-quiz="([^"]*)"[^>]*? id="quiz-{question_id}"', text)
    assert found, f"no question {question_id} in {page}"
    return json.loads(html.unescape(found[1]))


def answered(data: dict[str, Any], selected: list[str]) -> dict[str, Any]:
    """The state the engine saves after one try."""
    return json.loads(handle(json.dumps({"op": "attempt", "question": data, "response": {"selected": selected}})))[
        "state"
    ]


def progress_with(states: dict[str, Any]) -> str:
    return json.dumps({"schema": 1, "site": "/", "questions": states, "journal": {}, "pools": {}, "seed": "s"})


def fill_storage(page: Page, saved: str | None, free: int = 0) -> None:
    """Before the page loads: ``saved`` as the saved progress, then storage filled to its quota but for
    about ``free`` characters."""
    page.add_init_script(f"({FILL})({json.dumps([KEY, saved, free])})")


def seed(page: Page, saved: str) -> None:
    """Before the page first loads: ``saved`` as the saved progress (once: a reload keeps what happened)."""
    page.add_init_script(
        f"if (!sessionStorage.getItem('seeded')) {{ localStorage.setItem({KEY!r}, {saved!r});"
        " sessionStorage.setItem('seeded', '1'); }"
    )


def test_with_storage_filling_up_an_answer_is_checked_but_not_said_to_be_saved(page: Page, site: Site) -> None:
    root = site.server.site_root
    earlier = answered(question(root, CHOICE, "example-decisions"), ["b"])
    fill_storage(page, progress_with({"example-decisions": earlier}), free=32)  # room for a check, not an answer
    page.goto(site.url + CHOICE)
    # What was saved before is shown.
    expect(page.locator("#quiz-example-decisions-status p").first).to_have_text(site.says("verdict.correct"))
    assert check_answer(page, "example-outside", ["a", "b"]) == "correct"
    status = page.locator("#quiz-example-outside-status")
    expect(status).to_contain_text(site.says("storage.not-saved"))
    if site.language == "en":
        assert axe_violations(page) == []
    visit(page, site.url + MORE)
    page.locator("#quiz-example-reflection-input").fill("Written with a full phone.")
    page.locator("#quiz-example-reflection .quiz__check").click()
    assert wait_for_verdict(page, "example-reflection") == "complete"
    reflection = page.locator("#quiz-example-reflection-status")
    expect(reflection).to_contain_text(site.says("storage.not-saved"))
    for claim in (site.says("verdict.complete"), site.says("journal.saved")):
        assert claim not in reflection.inner_text()
    # After a reload: the earlier answer is there, the ones that could not be saved are not.
    page.goto(site.url + CHOICE)
    expect(page.locator("#quiz-example-decisions-status p").first).to_have_text(site.says("verdict.correct"))
    expect(page.locator("#quiz-example-outside-status")).to_be_empty()
    kept = json.loads(page.evaluate(f"localStorage.getItem({KEY!r})"))
    assert kept["questions"].keys() == {"example-decisions"} and kept["journal"] == {}


def test_storage_that_cannot_be_written_still_shows_what_was_saved(page: Page, site: Site) -> None:
    earlier = answered(question(site.server.site_root, CHOICE, "example-decisions"), ["b"])
    fill_storage(page, progress_with({"example-decisions": earlier}))
    page.goto(site.url + CHOICE)
    expect(page.locator(".quiz-notice")).to_contain_text(site.says("storage.readonly"))
    expect(page.locator("#quiz-example-decisions-b")).to_be_checked()
    expect(page.locator("#quiz-example-decisions-status p").first).to_have_text(site.says("verdict.correct"))


def test_unreadable_progress_with_no_room_for_a_copy_is_left_as_it_is(page: Page, server: str) -> None:
    fill_storage(page, "{not json")
    page.goto(server + CHOICE)
    expect(page.locator(".quiz-notice")).to_contain_text(
        "Your saved progress could not be read, and there is no room to keep a copy of it aside"
    )
    assert "kept aside in this browser" not in page.locator(".quiz-notice").inner_text()
    assert check_answer(page, "example-decisions", ["b"]) == "correct"
    assert page.evaluate(f"localStorage.getItem({KEY!r})") == "{not json"
    assert page.evaluate("Object.keys(localStorage).filter((k) => k.includes(':set-aside:'))") == []


def test_saved_answers_of_the_wrong_shape_are_set_aside_not_thrown(page: Page, server: str, site_dir: Path) -> None:
    wrong = {"example-order": {"order": 5}, "example-match": "b", "example-text": {"text": ["not", "text"]}}
    states = {}
    for question_id, response in wrong.items():
        data = question(site_dir, MORE, question_id)
        states[question_id] = {"hash": data["hash"], "tries": 1, "credit": 1, "finished": True, "response": response}
    seed(page, progress_with(states))
    page.goto(server + MORE)  # no uncaught error (the page fixture checks)
    wait_for_engine(page)
    for question_id in wrong:
        expect(page.locator(".quiz-notice")).to_contain_text(f"The saved answer to '{question_id}' could not be read")
        expect(page.locator(f"#quiz-{question_id}-status")).to_be_empty()
    page.locator("#quiz-example-text-input").fill("police")
    page.locator("#quiz-example-text .quiz__check").click()
    assert wait_for_verdict(page, "example-text") == "correct"


def test_a_file_that_cannot_be_used_is_refused_in_the_readers_language(page: Page, site: Site, tmp_path: Path) -> None:
    page.goto(site.url + "progress/")
    page.wait_for_selector(".quiz-progress table", timeout=60_000)
    wait_for_engine(page)  # the engine reads the files that pass the page's own checks: under load, not in 5 s
    status = page.locator(".quiz-progress__status")
    for content, words in (
        ("[" * 5000 + "]" * 5000, "progress.import.error.too-deep"),
        ('{"schema": 1, "questions": {"nowhere": {"tries": 0}}}', "progress.import.error.nothing-usable"),
        ('{"schema": 1, "questions": {"q": {"credit": NaN}}}', "progress.import.error.not-json"),
    ):
        file = tmp_path / "progress.json"
        file.write_text(content, encoding="utf-8")
        page.locator("#quiz-progress-file").set_input_files(str(file))
        expect(status).to_have_text(site.says(words))
