"""Progress marks in the navigation: each lesson in Material's sidebar (and the mobile drawer, the same
markup) shows not started, in progress, done or mastered, as the engine last summed the lesson up, with
the status in its name for screen readers; on every page, redrawn after answers and instant navigation."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.fault_server import Fault, FaultyServer
from tests.support import ROOT

from .helpers import PYTHON_TIMEOUT_MS, follow_link, visit, wait_for_verdict

LESSON = "lessons/02-love-stories/"
TITLE = "2. Love stories"
OTHER = "lessons/03-when-asymmetry-hurts/"
OTHER_TITLE = "3. When asymmetry hurts"
FIRST_SCORED = "l2-match-couples"  # the lesson's first scored question (a match)
KEY = "quiz-progress:v1:/"
STATUS_WORDS = {"not-started": "not started", "in-progress": "in progress", "mastered": "mastered"}


def lesson_link(page: Page, title: str) -> Locator:
    """A lesson's link in the navigation, by what a reader sees of it: its title."""
    return page.locator("nav.md-nav--primary").get_by_role("link", name=re.compile(rf"^{re.escape(title)}\b"))


def expect_mark(page: Page, title: str, status: str) -> None:
    """The lesson's link shows the status's symbol, and its name says the status in words."""
    link = lesson_link(page, title)
    expect(link).to_have_accessible_name(f"{title}, {STATUS_WORDS[status]}", timeout=PYTHON_TIMEOUT_MS)
    symbol = link.locator(".quiz-nav-mark")
    expect(symbol).to_be_visible()
    expect(symbol).to_have_attribute("data-status", status)
    expect(symbol).to_have_attribute("aria-hidden", "true")


def answer_right(page: Page, question_id: str) -> str:
    """Answer one question of the page right, from the answer the page itself holds."""
    form = page.locator(f"#quiz-{question_id}")
    data = json.loads(form.get_attribute("data-quiz"))
    if data["type"] == "match":
        for item, choice in zip(data["items"], data["key"], strict=True):
            form.locator(f"#quiz-{question_id}-{item}").select_option(choice)
    else:
        for option in data["options"]:
            if option["correct"]:
                form.locator(f"input[value='{option['id']}']").check()
    form.locator(".quiz__check").click()
    return wait_for_verdict(page, question_id)


def follow(page: Page, link: Locator) -> None:
    """Click a link in the navigation, and wait until Material has swapped in the new page's markup."""
    page.evaluate("document.querySelector('[data-md-component=container]').setAttribute('data-test-left', '')")
    link.click()
    page.wait_for_function("!document.querySelector('[data-test-left]')", timeout=PYTHON_TIMEOUT_MS, polling=50)


def scored_questions(page: Page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll("form.quiz[data-quiz]")].map((form) => JSON.parse(form.dataset.quiz))
            .filter((q) => !["scale", "reflection"].includes(q.type)).map((q) => q.id)"""
    )


NAV_SCRIPT = re.compile(r"<script type=\"module\" async src=\"([^\"]*)\" data-quiz-nav='([^']*)'></script>")


def test_every_page_loads_the_marks_with_the_lessons_of_the_course(site_dir: Path) -> None:
    lessons = {f"lessons/{path.stem}/" for path in (ROOT / "docs/lessons").glob("*.md")} | {"final-check/"}
    pages = sorted(path for path in site_dir.rglob("*.html") if "assets" not in path.parts)
    assert site_dir / "404.html" in pages and site_dir / "glossary/index.html" in pages
    for page in pages:
        found = NAV_SCRIPT.search(page.read_text(encoding="utf-8"))
        assert found, f"{page}: no nav.js"
        src, data = found[1], json.loads(html.unescape(found[2]))
        # The demo pages for authors have questions but are not lessons.
        assert set(data["lessons"]) == lessons, page
        assert re.fullmatch(r"(\.\./)*assets/quiz/nav\.js\?v=\w+|/assets/quiz/nav\.js\?v=\w+", src), src
    assert data["lessons"][LESSON][:2] == ["l2-reflect-your-story", FIRST_SCORED]
    assert data["strings"] == {
        "mark": "{title}, {status}",
        "not-started": "not started",
        "in-progress": "in progress",
        "complete": "done, not mastered yet",
        "mastered": "mastered",
    }


def test_marks_follow_answers_and_are_drawn_from_storage_after_a_reload(
    page: Page, server: str, faults: FaultyServer
) -> None:
    page.goto(server + LESSON + "#quiz")
    for title in (TITLE, OTHER_TITLE, "1. What asymmetry is", "Final check"):
        expect_mark(page, title, "not-started")
    # Pages that are not lessons have no mark: the progress page, the demo pages for authors.
    expect(page.locator("nav.md-nav--primary").get_by_role("link", name="Your progress", exact=True)).to_be_attached()
    assert page.locator("nav.md-nav--primary a[href*='examples/'] .quiz-nav-mark").count() == 0

    questions = scored_questions(page)
    assert questions[0] == FIRST_SCORED
    assert answer_right(page, FIRST_SCORED) == "correct"
    expect_mark(page, TITLE, "in-progress")
    expect_mark(page, OTHER_TITLE, "not-started")
    for question_id in questions[1:]:
        assert answer_right(page, question_id) == "correct"
    expect_mark(page, TITLE, "mastered")
    expect(page.locator(".quiz-summary__body p").nth(2)).to_have_text(
        "Mastered: you reached the 80% this lesson asks for."
    )

    # After a reload the marks come from storage at once: Python cannot start for a while.
    faults.break_files(".bin", Fault("delay", seconds=20))
    faults.break_files(".wasm", Fault("delay", seconds=20))
    page.reload()
    expect_mark(page, TITLE, "mastered")
    expect_mark(page, OTHER_TITLE, "not-started")
    assert page.evaluate("quizEngine.state") != "ready", "drawn from storage, not by a running Python"


def test_marks_are_redrawn_after_instant_navigation_and_on_pages_without_questions(
    warm_page: Page, server: str
) -> None:
    visit(warm_page, server + LESSON)
    assert answer_right(warm_page, FIRST_SCORED) == "correct"
    expect_mark(warm_page, TITLE, "in-progress")
    warm_page.evaluate("window.__sameDocument = true")

    # Another lesson, by its link in the navigation: Material swaps in new navigation markup.
    follow(warm_page, lesson_link(warm_page, OTHER_TITLE))
    assert warm_page.url == server + OTHER
    expect_mark(warm_page, TITLE, "in-progress")
    expect_mark(warm_page, OTHER_TITLE, "not-started")

    # A page without questions: the lessons are folded away under "Lessons"; the reader opens them.
    follow(warm_page, warm_page.locator("nav.md-nav--primary").get_by_role("link", name="Glossary", exact=True))
    assert warm_page.url == server + "glossary/"
    assert warm_page.locator("form.quiz").count() == 0
    expect_mark(warm_page, "Final check", "not-started")
    warm_page.locator("nav.md-nav--primary label.md-nav__link", has_text="Lessons").click()
    expect_mark(warm_page, TITLE, "in-progress")
    expect_mark(warm_page, OTHER_TITLE, "not-started")
    assert warm_page.evaluate("window.__sameDocument") is True, "the page was reloaded, not navigated instantly"


def test_a_page_without_questions_shows_marks_and_downloads_no_runtime(page: Page, server: str) -> None:
    page.goto(server + LESSON + "#quiz")
    assert answer_right(page, FIRST_SCORED) == "correct"
    expect_mark(page, TITLE, "in-progress")

    reader = page.context.new_page()  # the same browser's storage, in a new tab
    requests: list[str] = []
    errors: list[str] = []
    reader.on("request", lambda request: requests.append(request.url))
    reader.on("pageerror", lambda error: errors.append(str(error)))
    reader.goto(server + "glossary/")
    reader.wait_for_load_state("networkidle")
    expect_mark(reader, "Final check", "not-started")
    reader.locator("nav.md-nav--primary label.md-nav__link", has_text="Lessons").click()
    expect_mark(reader, TITLE, "in-progress")
    ours = sorted(url.split("assets/quiz/")[1].split("?")[0] for url in requests if "assets/quiz/" in url)
    assert ours == ["nav.css", "nav.js"]
    assert not [url for url in requests if "pyodide" in url or url.endswith((".whl", ".bin", ".wasm"))]
    assert reader.evaluate("typeof window.quizEngine") == "undefined"
    assert not errors
    reader.close()


def test_the_mobile_drawer_shows_the_marks_with_their_words(warm_page: Page, server: str) -> None:
    visit(warm_page, server + LESSON)
    assert answer_right(warm_page, FIRST_SCORED) == "correct"
    warm_page.set_viewport_size({"width": 390, "height": 844})
    warm_page.locator("label.md-header__button[for='__drawer']").click()
    drawer = warm_page.locator("nav.md-nav--primary")
    # The page being read stands in the drawer as the label that opens its table of contents.
    current = drawer.locator("label.md-nav__link[for='__toc']")
    expect(current).to_be_visible()
    expect(current).to_have_text(f"{TITLE}, in progress")
    expect(current.locator(".quiz-nav-mark")).to_be_visible()
    expect(current.locator(".quiz-nav-mark")).to_have_attribute("data-status", "in-progress")
    expect_mark(warm_page, OTHER_TITLE, "not-started")
    warm_page.evaluate("document.getElementById('__drawer').checked = false")  # closed again, for the next test


def test_a_lesson_shows_no_mark_until_python_sums_it_up_and_a_reset_clears_them(warm_page: Page, server: str) -> None:
    visit(warm_page, server + LESSON)
    assert answer_right(warm_page, FIRST_SCORED) == "correct"
    expect_mark(warm_page, TITLE, "in-progress")
    # Answers saved but no summary kept (an older visit, say): the page does not decide, so no mark.
    warm_page.evaluate("key => localStorage.removeItem(key)", f"{KEY}:summaries")
    follow_link(warm_page, server + OTHER)
    link = lesson_link(warm_page, TITLE)
    expect(link).to_have_accessible_name(TITLE)
    expect(link.locator(".quiz-nav-mark")).to_have_count(0)
    expect_mark(warm_page, OTHER_TITLE, "not-started")
    # The progress page asks Python for every lesson's summary: the mark comes back.
    visit(warm_page, server + "progress/")
    warm_page.wait_for_selector(".quiz-progress table", timeout=PYTHON_TIMEOUT_MS)
    warm_page.locator("nav.md-nav--primary label.md-nav__link", has_text="Lessons").click()
    expect_mark(warm_page, TITLE, "in-progress")
    # A reset there: every lesson is not started again.
    warm_page.once("dialog", lambda dialog: dialog.accept())
    warm_page.get_by_role("button", name="Reset my progress").click()
    expect(warm_page.locator(".quiz-progress__status")).to_have_text("Your progress was reset.")
    expect_mark(warm_page, TITLE, "not-started")


def test_marks_are_drawn_when_the_quiz_runs_before_the_page_has_arrived(
    page: Page, server: str, faults: FaultyServer
) -> None:
    # The end of the page (with nav.js's own script element) arrives late: the quiz's modules, which read the
    # progress key from nav.js, run first. The marks are still drawn once the page is there.
    nav_tag = b'<script type="module" async src="../../assets/quiz/nav.js'
    faults.break_files(LESSON, Fault("pause", old=nav_tag, seconds=3))
    page.goto(server + LESSON)
    faults.repair()
    expect_mark(page, TITLE, "not-started")
    expect_mark(page, OTHER_TITLE, "not-started")
    assert answer_right(page, FIRST_SCORED) == "correct"
    expect_mark(page, TITLE, "in-progress")
