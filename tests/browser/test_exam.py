"""Exam mode, on the final check (a pool of 19 drawing 10, `exam: true`): answers are kept as the reader
goes with no feedback, one Submit warns about unanswered questions, then the engine's score and every
question's feedback and explanation; a reload keeps it all; Retake draws a new attempt with nothing answered."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from .helpers import ENHANCED, PYTHON_TIMEOUT_MS, visit

FINAL = "final-check/"
CHOICE_TYPES = ("single", "multiple", "true-false")


def drawn(page: Page) -> list[dict]:
    """The questions of the attempt on screen, in order, as the page holds them."""
    return page.evaluate(
        """() => [...document.querySelectorAll("#pool-final-pool form.quiz[data-quiz]:not([hidden])")]
            .map((form) => JSON.parse(form.dataset.quiz))"""
    )


def start(page: Page) -> list[dict]:
    page.locator(".quiz-pool__controls").get_by_role("button", name="Start").click()
    expect(page.locator(".quiz-pool__status")).to_have_text(
        "Attempt 1: 10 questions drawn for you.", timeout=PYTHON_TIMEOUT_MS
    )
    questions = drawn(page)
    assert len(questions) == 10 and all(q["id"].startswith("final-") for q in questions)
    return questions


def reload(page: Page) -> None:
    page.reload()
    page.wait_for_function(ENHANCED, arg=urlsplit(page.url).path, timeout=PYTHON_TIMEOUT_MS, polling=50)


def expect_no_feedback(page: Page, questions: list[dict]) -> None:
    for question in questions:
        form = page.locator(f"#quiz-{question['id']}")
        expect(form.locator(".quiz__status")).to_be_empty()
        expect(form.locator(".quiz__check")).to_be_hidden()
        for hidden in (".quiz__feedback", ".quiz__explanation", ".quiz__solution", ".quiz__hint-button"):
            assert form.locator(f"{hidden}:visible").count() == 0, f"{hidden} shown before Submit on {question['id']}"
        assert form.locator(".quiz--right, .quiz--wrong, .quiz--answer").count() == 0


def test_exam_submit_warns_scores_reviews_and_retakes(page: Page, server: str) -> None:
    visit(page, server + FINAL)
    expect(page.locator(".quiz-pool__intro")).to_contain_text("the score and the feedback come after Submit")
    questions = start(page)
    submit = page.get_by_role("button", name="Submit", exact=True)
    expect(submit).to_be_visible()
    expect_no_feedback(page, questions)

    choices = [q for q in questions if q["type"] in CHOICE_TYPES][:3]
    assert len(choices) == 3, "the final check's draw should hold at least three choice questions"
    for question in choices:
        page.locator(f"#quiz-{question['id']} .quiz__options input").first.check()
    expect_no_feedback(page, questions)  # choosing shows nothing: no verdict, no feedback, no explanation

    reload(page)  # the answers so far are kept, still without feedback
    assert [q["id"] for q in drawn(page)] == [q["id"] for q in questions]
    for question in choices:
        expect(page.locator(f"#quiz-{question['id']} .quiz__options input").first).to_be_checked()
    expect_no_feedback(page, questions)

    # Submit names the unanswered questions; Go back returns to the first of them.
    unanswered = [q for q in questions if q not in choices and q["type"] != "order"]  # an order always has one
    page.get_by_role("button", name="Submit", exact=True).click()
    warning = page.get_by_role("alert").filter(has_text="Not answered yet")
    expect(warning).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    expect(warning.locator(".admonition-title")).to_have_text(
        f"Not answered yet: {len(unanswered)} of 10 questions. They score 0 if you submit now."
    )
    expect(warning.get_by_role("link")).to_have_count(len(unanswered))
    expect_no_feedback(page, questions)
    warning.get_by_role("button", name="Go back").click()
    expect(warning).to_be_hidden()
    assert page.evaluate("document.activeElement.closest('form.quiz').id") == f"quiz-{unanswered[0]['id']}"

    page.get_by_role("button", name="Submit", exact=True).click()
    warning.get_by_role("button", name="Submit anyway").click()
    result = page.locator(".quiz-pool__result")
    expect(result).to_contain_text("Your score:", timeout=PYTHON_TIMEOUT_MS)
    expect(result).to_contain_text(f"Not answered: {len(unanswered)} of 10 questions.")
    assert page.evaluate("document.activeElement.classList.contains('quiz-pool__result')")

    def reviewed() -> None:
        expect(page.get_by_role("button", name="Submit", exact=True)).to_be_hidden()
        expect(page.locator(".quiz-pool__exam").get_by_role("button", name="Retake")).to_be_visible()
        for question in questions:
            form = page.locator(f"#quiz-{question['id']}")
            expect(form.locator(".quiz__status")).not_to_be_empty()
            if form.locator(".quiz__explanation").count():
                expect(form.locator(".quiz__explanation")).to_be_visible()
            expect(form.locator(".quiz__check")).to_be_hidden()
        for question in choices:  # an answered question shows its verdict, its score and its option's feedback
            form = page.locator(f"#quiz-{question['id']}")
            expect(form.locator(".quiz__status")).to_have_class(
                re.compile(r"quiz__status--(correct|partial|incorrect)")
            )
            expect(form.locator(".quiz__status")).to_contain_text("Score:")
            assert form.locator(".quiz__feedback:visible").count() >= 1
        for question in unanswered:
            expect(page.locator(f"#quiz-{question['id']} .quiz__status")).to_contain_text("Not answered.")

    reviewed()
    score = result.text_content()
    reload(page)  # the submitted attempt is kept, score and review included
    expect(result).to_have_text(score)
    reviewed()

    page.locator(".quiz-pool__exam").get_by_role("button", name="Retake").click()
    expect(page.locator(".quiz-pool__status")).to_have_text(
        "Attempt 2: 10 questions drawn for you.", timeout=PYTHON_TIMEOUT_MS
    )
    again = drawn(page)
    assert len(again) == 10 and sorted(q["id"] for q in again) != sorted(q["id"] for q in questions)
    expect(page.get_by_role("button", name="Submit", exact=True)).to_be_visible()
    expect(result).to_have_text("Your answers are kept on this device; nothing is scored until you submit.")
    expect_no_feedback(page, again)
    for question in again:
        assert page.locator(f"#quiz-{question['id']} input:checked").count() == 0
        expect(page.locator(f"#quiz-{question['id']} .quiz__fieldset")).to_be_enabled()
