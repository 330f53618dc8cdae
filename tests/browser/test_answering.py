"""A reader answers questions in headless Chromium and sees what the Python engine decided."""

from __future__ import annotations

import contextlib
import json

from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from quiz_engine.browser import handle
from tests.cases import scoring_cases
from tests.fault_server import Fault, FaultyServer

from .helpers import PYTHON_TIMEOUT_MS, check_answer, visit, wait_for_engine, wait_for_verdict

CHOICE = "examples/choice/"
TRUE_FALSE = "examples/true-false/"


def test_a_right_answer_shows_its_feedback_and_the_explanation(warm_page: Page, server: str) -> None:
    visit(warm_page, server + CHOICE)
    assert check_answer(warm_page, "example-decisions", ["b"]) == "correct"
    form = warm_page.locator("#quiz-example-decisions")
    expect(form.locator(".quiz__status p")).to_have_text(["Right.", "Score: 1 of 1."])
    chosen = form.locator("#quiz-example-decisions-b-feedback")
    expect(chosen).to_be_visible()
    expect(chosen).to_contain_text("Your choice, right: Yes. One partner settles the shared plans")
    expect(form.locator("#quiz-example-decisions-a-feedback")).to_be_hidden()
    expect(form.locator("#quiz-example-decisions-c-feedback")).to_be_hidden()
    expect(form.locator(".quiz__explanation")).to_be_visible()
    expect(form.locator("#quiz-example-decisions-b")).to_have_attribute(
        "aria-describedby", "quiz-example-decisions-b-feedback"
    )


def test_a_wrong_answer_says_why(warm_page: Page, server: str) -> None:
    visit(warm_page, server + CHOICE)
    assert check_answer(warm_page, "example-decisions", ["a"]) == "incorrect"
    form = warm_page.locator("#quiz-example-decisions")
    expect(form.locator(".quiz__status p")).to_have_text(["Not right yet.", "Score: 0 of 1."])
    expect(form.locator("#quiz-example-decisions-a-feedback")).to_contain_text(
        "Your choice, not right: Nothing here tells us who feels more."
    )
    expect(form.locator(".quiz__option[data-option='a']")).to_have_class("quiz__option quiz--wrong")
    expect(form.locator(".quiz__option[data-option='b']")).to_have_class("quiz__option quiz--answer")
    expect(form.locator(".quiz__option[data-option='b'] label")).to_contain_text("(Right answer)")
    expect(form.locator(".quiz__check")).to_be_hidden()  # one try: the question is finished


def test_a_partly_right_answer_gets_partial_credit_and_a_second_try_a_penalty(warm_page: Page, server: str) -> None:
    visit(warm_page, server + CHOICE)
    assert check_answer(warm_page, "example-outside", ["a", "b", "c"]) == "partial"
    status = warm_page.locator("#quiz-example-outside-status")
    expect(status.locator("p")).to_have_text(
        ["Partly right.", "You chose 2 of the 2 right answers and 1 wrong.", "Score: 0.5 of 1.", "Tries left: 1."]
    )
    expect(warm_page.locator("#quiz-example-outside-c-feedback")).to_contain_text("Your choice, not right:")
    expect(warm_page.locator("#quiz-example-outside .quiz__explanation")).to_be_hidden()
    warm_page.locator("#quiz-example-outside .quiz__again").click()
    expect(warm_page.locator("#quiz-example-outside-c-feedback")).to_be_hidden()
    warm_page.locator("#quiz-example-outside-c").uncheck()
    warm_page.locator("#quiz-example-outside .quiz__check").click()
    expect(status.locator("p")).to_have_text(
        [
            "Right.",
            "You chose 2 of the 2 right answers and 0 wrong.",
            "Score: 0.67 of 1.",
            "This was try 2, so it counts for 0.67 of the 1 it earned.",
        ]
    )
    expect(warm_page.locator("#quiz-example-outside .quiz__explanation")).to_be_visible()
    expect(warm_page.locator("#quiz-example-outside-a")).to_be_disabled()  # the fieldset is disabled: finished


def test_checking_with_nothing_chosen_asks_for_an_answer(warm_page: Page, server: str) -> None:
    visit(warm_page, server + CHOICE)
    warm_page.locator("#quiz-example-decisions .quiz__check").click()
    assert wait_for_verdict(warm_page, "example-decisions") == "error"
    expect(warm_page.locator("#quiz-example-decisions-status")).to_have_text("Choose an answer first.")


def test_an_answer_checked_before_python_is_ready_is_scored_when_it_is(
    page: Page, server: str, faults: FaultyServer
) -> None:
    faults.break_files(".bin", Fault("delay", seconds=3))  # a slow network: Python is still starting
    page.goto(server + CHOICE)
    page.wait_for_selector("#quiz-example-decisions[data-quiz-enhanced]")
    assert page.evaluate("quizEngine.state") in {"idle", "starting"}
    page.locator("#quiz-example-decisions-b").check()
    page.locator("#quiz-example-decisions .quiz__check").click()
    status = page.locator("#quiz-example-decisions-status")
    expect(status).to_have_text("Starting the answer checker. Your answer will be checked in a moment.")
    expect(page.locator("#quiz-example-decisions")).to_have_attribute("aria-busy", "true")
    expect(status.locator("p")).to_have_text(["Right.", "Score: 1 of 1."], timeout=PYTHON_TIMEOUT_MS)
    expect(page.locator("#quiz-example-decisions")).not_to_have_attribute("aria-busy", "true")
    # Python started from the build's memory snapshot: if a Pyodide upgrade breaks the private snapshot
    # API, the site still works (a normal start), and this says so loudly.
    assert page.evaluate("quizEngine.bootMode") == "snapshot"


def test_keyboard_only(warm_page: Page, server: str) -> None:
    visit(warm_page, server + CHOICE)
    warm_page.wait_for_selector("#quiz-example-outside[data-quiz-enhanced]")
    for _ in range(80):
        warm_page.keyboard.press("Tab")
        if warm_page.evaluate("document.activeElement.name") == "quiz-example-decisions":
            break
    else:
        raise AssertionError("Tab never reached the first question")
    warm_page.keyboard.press("ArrowDown")  # radio group: arrows move and select
    assert warm_page.evaluate("document.activeElement.value") == "b"
    warm_page.keyboard.press("Tab")
    assert warm_page.evaluate("document.activeElement.className").startswith("md-button quiz__check")
    warm_page.keyboard.press("Enter")
    assert wait_for_verdict(warm_page, "example-decisions") == "correct"

    warm_page.keyboard.press("Tab")  # into the next question's checkboxes, one tab stop each
    while warm_page.evaluate("document.activeElement.name") != "quiz-example-outside":
        warm_page.keyboard.press("Tab")
    right = {"a", "b"}
    while warm_page.evaluate("document.activeElement.name") == "quiz-example-outside":
        if warm_page.evaluate("document.activeElement.value") in right:
            warm_page.keyboard.press("Space")
        warm_page.keyboard.press("Tab")
    warm_page.keyboard.press("Enter")
    assert wait_for_verdict(warm_page, "example-outside") == "correct"


def test_instant_navigation_keeps_the_engine_running(page: Page, server: str, watch) -> None:
    page.add_init_script(
        "window.__engineWorkers = 0;"
        "const NativeWorker = window.Worker;"
        "window.Worker = class extends NativeWorker { constructor(url, options) {"
        "  super(url, options); if (String(url).includes('assets/quiz/worker.js')) window.__engineWorkers += 1; } };"
    )
    page.goto(server + CHOICE)
    wait_for_engine(page)
    page.evaluate("window.__sameDocument = true")
    runtime_requests = [url for url in watch.requests if "pyodide" in url]
    assert any(url.endswith("pyodide.asm.wasm") for url in runtime_requests)
    page.locator("nav.md-nav a[href$='true-false/']").first.click()
    page.wait_for_url("**/examples/true-false/")
    page.wait_for_selector("#quiz-example-difference[data-quiz-enhanced]")
    assert page.evaluate("window.__sameDocument") is True, "the page was reloaded, not navigated instantly"
    assert page.evaluate("quizEngine.state") == "ready"
    started = page.evaluate("performance.now()")
    assert check_answer(page, "example-difference", ["b"]) == "correct"
    assert page.evaluate("performance.now()") - started < 5_000
    assert page.evaluate("window.__engineWorkers") == 1
    assert [url for url in watch.requests if "pyodide" in url] == runtime_requests, "the runtime was fetched again"


def test_the_site_works_under_a_sub_path(page: Page, server: str, watch) -> None:
    page.goto(server + "repo/" + TRUE_FALSE)
    assert check_answer(page, "example-phone", ["b"]) == "correct"
    assert watch.requests and all(url.startswith(server + "repo/") for url in watch.requests)


def test_a_page_without_questions_downloads_none_of_the_runtime(page: Page, server: str, watch) -> None:
    page.goto(server)
    page.wait_for_load_state("networkidle")
    assert page.locator("form.quiz").count() == 0
    assert not [url for url in watch.requests if "pyodide" in url]
    # Only the navigation's progress marks, which start no Python (see test_navigation_marks.py).
    ours = sorted(url.split("assets/quiz/")[1].split("?")[0] for url in watch.requests if "assets/quiz/" in url)
    assert ours == ["nav.css", "nav.js"]


def test_cpython_and_pyodide_score_every_case_the_same(warm_page: Page, server: str) -> None:
    visit(warm_page, server + CHOICE)
    wait_for_engine(warm_page)
    requests = [{"op": "score", "question": c["question"], "response": c["response"]} for c in scoring_cases()]
    in_browser = warm_page.evaluate("requests => Promise.all(requests.map(r => quizEngine.request(r)))", requests)
    in_cpython = [json.loads(handle(json.dumps(request))) for request in requests]
    assert in_browser == in_cpython
    versions = warm_page.evaluate("quizEngine.request({op: 'version'})")
    assert versions == json.loads(handle('{"op": "version"}'))


LESSON = "lessons/02-love-stories/"


def test_a_reader_who_only_reads_downloads_no_runtime_and_one_who_jumps_to_the_quiz_starts_it(
    page: Page, server: str, watch
) -> None:
    page.goto(server + LESSON)
    page.wait_for_selector("form.quiz[data-quiz-enhanced]", state="attached")
    far = page.evaluate("document.querySelector('form.quiz').getBoundingClientRect().top / innerHeight")
    assert far > 2, "the lesson's first question must be more than two screens down for this test"
    page.wait_for_load_state("networkidle")
    assert page.evaluate("quizEngine.state") == "idle"
    assert not [url for url in watch.requests if "pyodide" in url or url.endswith(".bin")]
    # Only the engine's worker is made ahead of need (a few KB of ours), so that a first answer comes sooner.
    assert [url for url in watch.requests if "/worker.js" in url]
    page.evaluate("location.hash = '#quiz'")  # the table of contents' Quiz link
    wait_for_engine(page)


def test_an_address_that_points_at_the_quiz_starts_python_at_once(page: Page, server: str) -> None:
    page.goto(server + LESSON + "#quiz")
    page.wait_for_selector("form.quiz[data-quiz-enhanced]", state="attached")
    assert page.evaluate("quizEngine.state") in {"starting", "ready"}


def test_an_address_that_points_at_a_question_far_down_shows_that_question(page: Page, server: str) -> None:
    # While the page starts, questions off screen skip their rendering (quiz.css, .quiz-starting): the page
    # must still land on the question the address names, and lay out every question once it has started.
    page.goto(server + LESSON)
    last = page.eval_on_selector_all("form.quiz", "forms => forms.at(-1).id")
    page.goto("about:blank")
    page.goto(f"{server}{LESSON}#{last}", wait_until="load")
    assert not page.evaluate("document.documentElement.classList.contains('quiz-starting')")
    where = "id => document.getElementById(id).getBoundingClientRect().top / innerHeight"
    with contextlib.suppress(PlaywrightTimeoutError):  # Material scrolls to the address once its script has run
        page.wait_for_function(f"id => ({where})(id) >= 0 && ({where})(id) < 0.5", arg=last, timeout=5_000)
    top = page.evaluate(where, last)
    assert 0 <= top < 0.5, f"the question is {top:.2f} screens from the top of the window"


LISTEN = """() => {
    window.__answered = [];
    if (window.__listening) return;
    window.__listening = true;
    document.addEventListener("quiz:answered", (event) => window.__answered.push({
        detail: event.detail, target: event.target.id, bubbles: event.bubbles,
    }));
}"""


def answered(page: Page) -> list[dict]:
    return page.evaluate("window.__answered")


def test_each_answer_dispatches_quiz_answered_with_what_the_engine_decided(warm_page: Page, server: str) -> None:
    visit(warm_page, server + CHOICE)
    warm_page.evaluate(LISTEN)
    assert check_answer(warm_page, "example-outside", ["a", "b", "c"]) == "partial"
    event = {
        "target": "quiz-example-outside",
        "bubbles": True,
        "detail": {
            "id": "example-outside",
            "page": "examples/choice/",
            "type": "multiple",
            "scored": True,
            "verdict": "partial",
            "score": {"credit": 0.5, "max": 1},
            "tries": 1,
            "finished": False,
        },
    }
    assert answered(warm_page) == [event]
    # What the reader saw is what the event says.
    expect(warm_page.locator("#quiz-example-outside-status p").nth(2)).to_have_text("Score: 0.5 of 1.")

    # "Show the answer" is not an answer: no event.
    warm_page.locator("#quiz-example-outside .quiz__reveal").click()
    expect(warm_page.locator("#quiz-example-outside-status")).to_contain_text("You asked to see the answer.")
    assert check_answer(warm_page, "example-decisions", ["b"]) == "correct"
    assert [e["detail"]["id"] for e in answered(warm_page)] == ["example-outside", "example-decisions"]
    last = answered(warm_page)[-1]["detail"]
    assert (last["verdict"], last["score"], last["finished"]) == ("correct", {"credit": 1, "max": 1}, True)

    # Nor is a hint, or an answer the engine cannot score (nothing chosen).
    visit(warm_page, server + "examples/more-types/")
    warm_page.locator("#quiz-example-order .quiz__hint-button").click()
    expect(warm_page.locator("#quiz-example-order-hint-1")).to_be_visible()
    warm_page.locator("#quiz-example-text .quiz__check").click()
    assert wait_for_verdict(warm_page, "example-text") == "error"
    assert len(answered(warm_page)) == 2


def test_quiz_answered_is_not_dispatched_when_saved_answers_are_restored(warm_page: Page, server: str) -> None:
    visit(warm_page, server + CHOICE)
    assert check_answer(warm_page, "example-decisions", ["b"]) == "correct"
    warm_page.evaluate(LISTEN)
    # Away and back by instant navigation: the saved answer is drawn again, then checked again by Python.
    visit(warm_page, server + TRUE_FALSE)
    visit(warm_page, server + CHOICE)
    expect(warm_page.locator("#quiz-example-decisions-status p").first).to_have_text("Right.")
    expect(warm_page.locator("#quiz-example-decisions-b")).to_be_checked()
    warm_page.evaluate("quizEngine.request({op: 'version'})")  # after the engine's check of the saved answers
    assert answered(warm_page) == []
    # A new answer on the restored page is announced once.
    assert check_answer(warm_page, "example-outside", ["a", "b"]) == "correct"
    assert [e["detail"]["id"] for e in answered(warm_page)] == ["example-outside"]


def test_a_pool_coming_into_view_starts_python_before_its_start_button_is_pressed(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server + "final-check/")
    page.wait_for_selector(".quiz-pool[data-quiz-enhanced]", state="attached")
    far = page.evaluate("document.querySelector('.quiz-pool').getBoundingClientRect().top / innerHeight")
    assert far > 2, "the final check's pool must be more than two screens down on a phone for this test"
    assert page.evaluate("quizEngine.state") == "idle"
    page.locator(".quiz-pool").scroll_into_view_if_needed()
    wait_for_engine(page)


def test_without_javascript_each_question_offers_its_answer_and_explanation(chromium: Browser, server: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server + CHOICE)
        fallback = page.locator("#quiz-example-decisions details.quiz__fallback")
        expect(fallback.locator("summary")).to_have_text("Show the answer and the explanation")
        expect(fallback.locator(".quiz-key__answer")).not_to_be_visible()
        fallback.locator("summary").click()
        expect(fallback.locator(".quiz-key__answer")).to_have_text("Answer: An imbalance in who makes the decisions.")
        expect(fallback.locator(".quiz-key__explanation")).to_contain_text("Who decides is one of the clearest signs")
    finally:
        context.close()


def test_with_javascript_the_fallback_answer_is_not_there(warm_page: Page, server: str) -> None:
    # Loaded anew, <noscript> holds text; reached by instant navigation (Material parses the page with
    # scripting off), it holds elements: hidden either way.
    warm_page.goto(server + CHOICE)
    warm_page.wait_for_selector("#quiz-example-decisions[data-quiz-enhanced]")
    expect(warm_page.get_by_text("Show the answer and the explanation")).to_have_count(0)
    visit(warm_page, server + "examples/true-false/")
    visit(warm_page, server + CHOICE)
    expect(warm_page.locator("details.quiz__fallback").first).to_be_hidden()
    expect(warm_page.locator("p.quiz__noscript").first).to_be_hidden()


def test_a_check_pressed_before_the_questions_are_ready_is_answered_once_they_are(
    page: Page, server: str, faults: FaultyServer
) -> None:
    # quiz.js arrives three seconds late (a slow phone): the reader has already chosen and pressed Check.
    faults.break_files("quiz.js", Fault("delay", seconds=3))
    page.goto(server + "examples/choice/", wait_until="domcontentloaded")
    form = page.locator("#quiz-example-decisions")
    assert form.get_attribute("data-quiz-enhanced") is None, "the question was ready too soon for this test"
    page.locator("#quiz-example-decisions-b").check()
    form.locator(".quiz__check").click()
    assert "?" not in page.url, "the browser submitted the form itself and reloaded the page"
    expect(page.locator("#quiz-example-decisions-status p")).to_have_text(
        ["Right.", "Score: 1 of 1."], timeout=PYTHON_TIMEOUT_MS
    )
    assert "?" not in page.url
    assert page.locator("#quiz-example-decisions-b").is_checked()
