"""A progress file can never crash the engine, and the page never claims what did not happen: imports
that are too large, too deep, full of unknown or impossible entries, or that storage cannot take."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from .helpers import PYTHON_TIMEOUT_MS, check_answer, import_file, visit, wait_for_engine

KEY = "quiz-progress:v1:/"
DEEP = "[" * 5000 + "]" * 5000


def saved(page: Page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({KEY!r})"))


def one_answer_saved(page: Page, server: str) -> dict:
    """Answer the first example question, as a reader would; return the saved progress."""
    visit(page, server + "examples/choice/")
    check_answer(page, "example-decisions", ["b"])
    return saved(page)


def open_progress(page: Page, server: str) -> None:
    visit(page, server + "progress/")
    page.wait_for_selector(".quiz-progress table", timeout=PYTHON_TIMEOUT_MS)


def test_files_too_large_or_too_deep_are_refused_and_the_engine_keeps_working(
    warm_page: Page, server: str, tmp_path: Path
) -> None:
    page = warm_page
    before = one_answer_saved(page, server)
    open_progress(page, server)
    status = page.locator(".quiz-progress__status")
    import_file(page, tmp_path, DEEP, accept=False)
    expect(status).to_have_text("This file cannot be imported: it is nested too deeply to be a progress file.")
    big = json.dumps({"schema": 1, "questions": {}, "journal": {"x": {"text": "y" * 8_000_000}}})
    import_file(page, tmp_path, big, accept=False)
    expect(status).to_have_text("This file cannot be imported: it is too large to be a progress file.")
    # Sent to the engine directly, past the page's own check: refused by the engine, which lives on.
    answer = page.evaluate("text => quizEngine.request({op: 'progress.import', text, site: '/'})", DEEP)
    assert answer["ok"] is False and answer["error"]["reason"] == "too-deep"
    nested = page.evaluate(
        "deep => quizEngine.request({op: 'summary', questions: [], states: {q: JSON.parse(deep)}})", DEEP
    )
    assert nested["ok"] is False
    assert saved(page)["questions"] == before["questions"]
    visit(page, server + "examples/true-false/")
    assert check_answer(page, "example-difference", ["b"]) == "correct"


def test_an_impossible_score_in_a_file_is_never_shown(warm_page: Page, server: str, tmp_path: Path) -> None:
    page = warm_page
    exported = one_answer_saved(page, server)
    for state in exported["questions"].values():
        state["credit"] = 1e300
    exported["questions"]["example-outside"] = dict(exported["questions"]["example-decisions"], credit=1e300)
    open_progress(page, server)
    import_file(page, tmp_path, json.dumps(exported), accept=False)  # refused before any question
    expect(page.locator(".quiz-progress__status")).to_have_text(
        "Nothing in this file can be used on this site, so nothing was changed."
    )
    row = page.locator(".quiz-progress tbody tr", has_text="Choice questions")
    expect(row).to_contain_text("In progress")
    assert "e+" not in page.locator(".quiz-progress").inner_text()


def test_a_file_of_answers_this_site_does_not_have_is_imported_without_them(
    warm_page: Page, server: str, tmp_path: Path
) -> None:
    page = warm_page
    exported = one_answer_saved(page, server)
    exported["questions"].update({f"not-here-{i}": {"tries": 0} for i in range(20_000)})
    open_progress(page, server)
    import_file(page, tmp_path, json.dumps(exported))
    expect(page.locator(".quiz-progress__status")).to_have_text(
        "Your progress was imported. 20000 entries are for questions or prompts this site does not have;"
        " they were left out."
    )
    assert set(saved(page)["questions"]) == {"example-decisions"}
    assert len(page.evaluate(f"localStorage.getItem({KEY!r})")) < 5_000


def test_an_import_that_storage_cannot_take_changes_nothing(warm_page: Page, server: str, tmp_path: Path) -> None:
    page = warm_page
    bigger = one_answer_saved(page, server)
    before = page.evaluate(f"localStorage.getItem({KEY!r})")
    bigger["journal"] = {"example-reflection": {"text": "A long entry. " * 500, "updated": ""}}
    open_progress(page, server)
    page.evaluate(
        """() => { let n = 0;
        for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
            const chunk = "x".repeat(size);
            try { for (;;) localStorage.setItem(`junk-${n++}`, chunk); } catch {}
        } }"""
    )
    import_file(page, tmp_path, json.dumps(bigger))
    expect(page.locator(".quiz-progress__status")).to_contain_text(
        "The file was read, but this browser could not save it (its storage is full or turned off), so nothing changed."
    )
    assert page.evaluate(f"localStorage.getItem({KEY!r})") == before
    expect(page.locator(".quiz-progress__journal")).not_to_contain_text("A long entry.")


def test_a_runtime_that_stops_is_started_again_and_says_so(warm_page: Page, server: str) -> None:
    page = warm_page
    one_answer_saved(page, server)
    # A request in flight when the runtime stops for good (as after Pyodide's "fatal error").
    page.evaluate(
        """() => { const worker = quizEngine.worker; worker.postMessage = () => {};
        document.getElementById("quiz-example-outside-a").checked = true;
        document.getElementById("quiz-example-outside").requestSubmit(); }"""
    )
    page.wait_for_function("quizEngine.pending.size >= 1")  # with the page summary's
    page.evaluate("quizEngine.crashed('the runtime stopped (simulated)')")
    status = page.locator("#quiz-example-outside-status")
    expect(status).to_contain_text("The answer checker stopped working and was started again.")
    wait_for_engine(page)
    expect(page.locator("#quiz-example-decisions-status p").first).to_have_text("Right.")  # saved answers stay
    status.get_by_role("button", name="Try again").click()
    expect(status.locator("p").first).to_have_text("Partly right.")
