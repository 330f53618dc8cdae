"""A learner's progress: kept across reloads, instant navigation and new builds, moved by export and
import, and never breaking a page when the saved data is bad or storage is out of reach."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from quiz_engine.serve import SiteServer
from tests.fault_server import Fault, FaultyServer

from .helpers import PYTHON_TIMEOUT_MS, check_answer, visit, wait_for_engine, wait_for_verdict

CHOICE = "examples/choice/"
KEY = "quiz-progress:v1:/"
OBJECTIVE = "Tell which kind of imbalance a situation shows, and whether it comes from inside or outside the couple"


def open_progress(page: Page, server: str) -> None:
    visit(page, server + "progress/")
    page.wait_for_selector(".quiz-progress table", timeout=PYTHON_TIMEOUT_MS)


def saved(page: Page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem({KEY!r})"))


def test_progress_survives_a_reload_and_instant_navigation(warm_page: Page, server: str) -> None:
    visit(warm_page, server + CHOICE)
    assert check_answer(warm_page, "example-decisions", ["b"]) == "correct"
    summary = warm_page.locator(".quiz-summary__body p").first
    expect(summary).to_have_text("1 of 2 questions answered; 1 of 2 points so far.")
    objectives = warm_page.locator(".quiz-summary__objectives li")
    expect(objectives).to_have_text([f"{OBJECTIVE}: in progress"])
    warm_page.reload()
    warm_page.wait_for_selector("#quiz-example-decisions[data-quiz-enhanced]")
    expect(warm_page.locator("#quiz-example-decisions-b")).to_be_checked()
    expect(warm_page.locator("#quiz-example-decisions-status p").first).to_have_text("Right.")
    expect(warm_page.locator("#quiz-example-decisions .quiz__explanation")).to_be_visible()
    # To another page and back, by instant navigation.
    warm_page.locator("nav.md-nav a[href$='true-false/']").first.click()
    warm_page.wait_for_selector("#quiz-example-difference[data-quiz-enhanced]")
    warm_page.locator("nav.md-nav a[href$='choice/']").first.click()
    warm_page.wait_for_selector("#quiz-example-decisions[data-quiz-enhanced]")
    expect(warm_page.locator("#quiz-example-decisions-status p").first).to_have_text("Right.")


def test_finishing_a_page_shows_its_result_and_mastery(warm_page: Page, server: str) -> None:
    visit(warm_page, server + CHOICE)
    check_answer(warm_page, "example-decisions", ["b"])
    check_answer(warm_page, "example-outside", ["a", "b"])
    lines = warm_page.locator(".quiz-summary__body p")
    expect(lines).to_have_text(
        [
            "2 of 2 questions answered; 2 of 2 points so far.",
            "Result: 100% (2 of 2 points).",
            "Mastered: you reached the 80% this lesson asks for.",
            "By learning objective:",
        ]
    )
    objectives = warm_page.locator(".quiz-summary__objectives li")
    expect(objectives).to_have_text([f"{OBJECTIVE}: mastered"])


@pytest.fixture
def changed_build(http_server: SiteServer, site_dir: Path, changed_site: Path):
    """Serves the site's next build, in which an author changed one question (and only that one)."""
    yield lambda: setattr(http_server, "site_root", changed_site)
    http_server.site_root = site_dir


def test_a_new_build_keeps_answers_and_sets_aside_those_to_changed_questions(
    warm_page: Page, server: str, changed_build
) -> None:
    visit(warm_page, server + CHOICE)
    check_answer(warm_page, "example-decisions", ["b"])
    check_answer(warm_page, "example-outside", ["a", "b"])
    changed_build()
    warm_page.reload()
    warm_page.wait_for_selector("#quiz-example-outside[data-quiz-enhanced]")
    expect(warm_page.locator("#quiz-example-outside-status p").first).to_have_text("Right.")
    changed = warm_page.locator("#quiz-example-decisions-status")
    expect(changed).to_have_text("Some questions changed since you answered them; their old answers were set aside.")
    expect(warm_page.locator("#quiz-example-decisions-b")).not_to_be_checked()
    wait_for_engine(warm_page)
    expect(warm_page.locator(".quiz-summary__body p").first).to_have_text(
        "1 of 2 questions answered; 1 of 2 points so far."
    )
    # Answering the changed question again scores it against its new version.
    assert check_answer(warm_page, "example-decisions", ["b"]) == "correct"


# Every status and score the row of the page titled "Choice questions" shows, from the page's first moment.
ROW_HISTORY = """(() => {
  if (!location.pathname.endsWith("/progress/")) return;
  window.__rowHistory = [];
  new MutationObserver(() => {
    const rows = [...document.querySelectorAll(".quiz-progress tbody tr")];
    const row = rows.find((r) => r.textContent.includes("Choice questions"));
    const seen = row && [...row.querySelectorAll("td")].map((cell) => cell.textContent).join(" | ");
    if (seen && seen !== window.__rowHistory.at(-1)) window.__rowHistory.push(seen);
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();"""


def test_a_page_left_as_soon_as_answered_never_shows_its_old_numbers(page: Page, server: str) -> None:
    page.add_init_script(ROW_HISTORY)
    page.goto(server + CHOICE)
    wait_for_engine(page)
    check_answer(page, "example-decisions", ["b"])
    page.wait_for_function(f"JSON.parse(localStorage.getItem('{KEY}:summaries') || '{{}}')['page:{CHOICE}']")
    # The engine's numbers for the second answer never come on this page: the reader has gone.
    page.evaluate("""() => {
      const request = quizEngine.request.bind(quizEngine);
      quizEngine.request = (r) => (r.op === "summary" ? new Promise(() => {}) : request(r));
    }""")
    check_answer(page, "example-outside", ["a", "c"])
    page.goto(server + "progress/")
    row = page.locator(".quiz-progress tbody tr", has_text="Choice questions")
    expect(row).to_contain_text("2 of 2 answered", timeout=PYTHON_TIMEOUT_MS)
    shown = page.evaluate("window.__rowHistory")
    assert shown[0].startswith("…"), shown  # waiting for Python, not the kept "1 of 2 answered"
    assert not any("1 of 2 answered" in seen for seen in shown), shown


def test_export_then_import_into_a_fresh_browser(
    warm_page: Page, server: str, chromium: Browser, tmp_path: Path
) -> None:
    visit(warm_page, server + "examples/more-types/")
    wait_for_engine(warm_page)
    warm_page.locator("#quiz-example-reflection-input").fill("Written on my laptop.")
    warm_page.locator("#quiz-example-reflection .quiz__check").click()
    wait_for_verdict(warm_page, "example-reflection")
    visit(warm_page, server + CHOICE)
    check_answer(warm_page, "example-decisions", ["b"])
    open_progress(warm_page, server)
    row = warm_page.locator(".quiz-progress tbody tr", has_text="Choice questions")
    expect(row).to_contain_text("In progress", timeout=PYTHON_TIMEOUT_MS)  # Python's numbers, if not kept yet
    with warm_page.expect_download() as download:
        warm_page.get_by_role("button", name="Export my progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text())["questions"]["example-decisions"]["finished"] is True

    fresh = chromium.new_context(service_workers="block")
    other = fresh.new_page()
    try:
        open_progress(other, server)
        expect(other.locator(".quiz-progress tbody tr", has_text="Choice questions")).to_contain_text("Not started")
        wait_for_engine(other)  # a fresh browser starts Python: under load, more than the 5 s checks below allow
        other.once("dialog", lambda dialog: dialog.accept())
        other.locator("#quiz-progress-file").set_input_files(str(exported))
        expect(other.locator(".quiz-progress__status")).to_have_text("Your progress was imported.")
        expect(other.locator(".quiz-progress tbody tr", has_text="Choice questions")).to_contain_text("In progress")
        expect(other.locator(".quiz-progress__journal")).to_contain_text("Written on my laptop.")
        visit(other, server + CHOICE)
        expect(other.locator("#quiz-example-decisions-b")).to_be_checked()
    finally:
        fresh.close()


def test_importing_a_bad_file_is_refused_and_changes_nothing(warm_page: Page, server: str, tmp_path: Path) -> None:
    visit(warm_page, server + CHOICE)
    check_answer(warm_page, "example-decisions", ["b"])
    before = saved(warm_page)["questions"]
    open_progress(warm_page, server)
    for content, message in (
        ("not json at all", "This file is not a progress file (not JSON)."),
        ('{"schema": 9, "questions": {}}', "This file cannot be imported: this progress was saved by a newer version"),
    ):
        bad = tmp_path / "bad.json"
        bad.write_text(content)
        warm_page.locator("#quiz-progress-file").set_input_files(str(bad))
        expect(warm_page.locator(".quiz-progress__status")).to_contain_text(message)
    assert saved(warm_page)["questions"] == before


def test_reset_asks_first(warm_page: Page, server: str) -> None:
    visit(warm_page, server + CHOICE)
    check_answer(warm_page, "example-decisions", ["b"])
    open_progress(warm_page, server)
    warm_page.once("dialog", lambda dialog: dialog.dismiss())
    warm_page.get_by_role("button", name="Reset my progress").click()
    expect(warm_page.locator(".quiz-progress__status")).to_have_text("Nothing was deleted.")
    assert saved(warm_page)["questions"]
    warm_page.once("dialog", lambda dialog: dialog.accept())
    warm_page.get_by_role("button", name="Reset my progress").click()
    expect(warm_page.locator(".quiz-progress__status")).to_have_text("Your progress was reset.")
    assert saved(warm_page)["questions"] == {}


BROKEN = {
    "corrupt JSON": "{not json",
    "an older schema": json.dumps({"schema": 0, "answers": {"example-decisions": "b"}}),
    "a wrong shape": json.dumps([1, 2, 3]),
}


@pytest.mark.parametrize("stored", list(BROKEN))
def test_bad_saved_progress_gives_a_notice_and_a_working_page(page: Page, server: str, stored: str) -> None:
    page.add_init_script(
        f"if (!sessionStorage.getItem('seeded')) {{ localStorage.setItem({KEY!r}, {BROKEN[stored]!r});"
        " sessionStorage.setItem('seeded', '1'); }"
    )
    page.goto(server + CHOICE)
    notice = page.locator(".quiz-notice")
    expect(notice).to_contain_text("Your saved progress could not be read, so this page starts afresh.")
    aside = page.evaluate("Object.keys(localStorage).filter(k => k.includes(':set-aside:'))")
    assert len(aside) == 1 and page.evaluate(f"localStorage.getItem({aside[0]!r})") == BROKEN[stored]
    assert check_answer(page, "example-decisions", ["b"]) == "correct"
    page.reload()
    expect(page.locator("#quiz-example-decisions-b")).to_be_checked()


def test_a_damaged_entry_is_set_aside_by_the_engine(page: Page, server: str) -> None:
    stored = {"schema": 1, "site": "/", "questions": {"example-decisions": {"tries": "three"}}, "journal": {}}
    page.add_init_script(f"localStorage.setItem({KEY!r}, {json.dumps(stored)!r})")
    page.goto(server + CHOICE)
    wait_for_engine(page)
    expect(page.locator(".quiz-notice")).to_contain_text("The saved answer to 'example-decisions' could not be read")
    # What is said to be set aside is: a copy of the saved progress, taken before the entry was removed.
    aside = page.evaluate("Object.keys(localStorage).filter((k) => k.includes(':set-aside:'))")
    assert len(aside) == 1
    assert json.loads(page.evaluate(f"localStorage.getItem({aside[0]!r})"))["questions"] == stored["questions"]
    assert "example-decisions" not in saved(page)["questions"]
    assert check_answer(page, "example-decisions", ["b"]) == "correct"


@pytest.mark.parametrize(
    "failure",
    [
        # Errors with a stack, so that an uncaught one names the script that did not catch it.
        "Object.defineProperty(window, 'localStorage', {get() { throw new Error('storage denied'); }})",
        "Storage.prototype.setItem = function () { throw new Error('storage full'); }",
    ],
    ids=["storage turned off", "storage full"],
)
def test_storage_out_of_reach_gives_a_notice_and_answers_are_still_checked(
    page: Page, server: str, watch, failure: str
) -> None:
    page.add_init_script(failure)
    page.goto(server + CHOICE)
    expect(page.locator(".quiz-notice")).to_contain_text("This browser does not let the site save your progress")
    assert check_answer(page, "example-decisions", ["b"]) == "correct"
    expect(page.locator(".quiz-summary__body p").first).to_have_text("1 of 2 questions answered; 1 of 2 points so far.")
    # Material's own scripts read localStorage without a guard and fail when it is turned off; ours must not.
    ours = [error for error in watch.page_errors if "assets/quiz/" in error]
    assert not ours, ours
    watch.page_errors = [error for error in watch.page_errors if "__md_get" not in error and "bundle." not in error]


def test_a_pool_draws_questions_and_a_new_attempt_draws_again(warm_page: Page, server: str) -> None:
    visit(warm_page, server + "examples/pool/")
    forms = warm_page.locator("#pool-example-pool form.quiz")
    expect(forms.first).to_be_hidden()
    warm_page.get_by_role("button", name="Start").click()
    expect(warm_page.locator(".quiz-pool__status")).to_have_text(
        "Attempt 1: 2 questions drawn for you.", timeout=PYTHON_TIMEOUT_MS
    )
    first = [f.get_attribute("id") for f in forms.all() if f.is_visible()]
    assert len(first) == 2
    question = first[0].removeprefix("quiz-")
    warm_page.locator(f"#{first[0]} input").first.check()
    warm_page.locator(f"#{first[0]} .quiz__check").click()
    wait_for_verdict(warm_page, question)
    warm_page.reload()
    expect(warm_page.locator(".quiz-pool__status")).to_have_text("Attempt 1: 2 questions drawn for you.")
    assert [f.get_attribute("id") for f in forms.all() if f.is_visible()] == first
    warm_page.get_by_role("button", name="New attempt").click()  # after a reload, Python may still be starting
    expect(warm_page.locator(".quiz-pool__status")).to_have_text(
        "Attempt 2: 2 questions drawn for you.", timeout=PYTHON_TIMEOUT_MS
    )
    second = [f.get_attribute("id") for f in forms.all() if f.is_visible()]
    assert len(second) == 2 and sorted(second) != sorted(first)
    for form_id in second:
        expect(warm_page.locator(f"#{form_id} .quiz__status")).to_be_empty()


def test_the_progress_page_shows_stored_progress_before_python_is_up(
    page: Page, server: str, faults: FaultyServer
) -> None:
    page.goto(server + CHOICE)
    assert check_answer(page, "example-decisions", ["b"]) == "correct"
    check_answer(page, "example-outside", ["a", "b"])
    page.wait_for_function(  # the page's line on the progress page, kept after the answers
        "key => JSON.parse(localStorage.getItem(key) || '{}')['page:examples/choice/']?.status === 'mastered'",
        arg=f"{KEY}:summaries",
    )
    faults.break_files(".bin", Fault("delay", seconds=20))  # Python cannot start for a while
    faults.break_files(".wasm", Fault("delay", seconds=20))
    page.goto(server + "progress/")
    row = page.locator(".quiz-progress tbody tr", has_text="Choice questions")
    expect(row).to_contain_text("Mastered")
    expect(row).to_contain_text("100% (2 of 2 answered)")
    expect(page.locator(".quiz-progress tbody tr", has_text="True or false")).to_contain_text("Not started")
    # A demo page (front matter `lesson: false`) is listed apart from the lessons, and not in the chart.
    lessons = page.locator(".quiz-progress table", has=page.locator("caption", has_text="lesson by lesson"))
    others = page.locator(".quiz-progress table", has=page.locator("caption", has_text="not part of the course"))
    expect(lessons.locator("tbody tr")).to_have_count(9)
    expect(lessons.locator("tbody tr", has_text="Choice questions")).to_have_count(0)
    expect(others.locator("tbody tr", has_text="Choice questions")).to_have_count(1)
    expect(page.locator(".quiz-progress__chart")).not_to_contain_text("Choice questions")
    objectives = page.locator(".quiz-progress__lesson-objectives", has_text="Choice questions").locator("li")
    expect(objectives).to_have_text([f"{OBJECTIVE}: mastered"])
    assert page.evaluate("quizEngine.state") == "starting", "drawn from storage, not by a running Python"


def test_the_chart_keeps_its_words_legible_and_whole_on_a_phone(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(server + "progress/")
    labels = page.locator(".quiz-progress__label")
    expect(labels.first).to_be_visible()
    # The size of the words on screen: their font size times the chart's scale.
    size = labels.first.evaluate("text => text.getScreenCTM().a * parseFloat(getComputedStyle(text).fontSize)")
    assert size >= 12, f"the chart's words are {size:.1f} px high on a phone"
    # And no words run off the chart (an SVG cuts them): each text's box lies within the chart's width.
    outside = labels.evaluate_all(
        """texts => texts.filter(text => {
            const box = text.getBBox(), width = text.ownerSVGElement.getBoundingClientRect().width;
            return box.x < 0 || box.x + box.width > width;
        }).map(text => text.textContent)"""
    )
    assert not outside, f"cut off on a 320 px screen: {outside}"
