"""Accessibility, checked with axe-core in the browser: before answering, after, in light and dark mode."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.support import ROOT

from .helpers import check_answer

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in results["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_question_page_has_no_axe_violations_before_and_after_answering(page: Page, server: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(server + "examples/choice/")
    page.wait_for_selector("#quiz-example-outside[data-quiz-enhanced]")
    assert axe_violations(page) == []
    check_answer(page, "example-decisions", ["a"])
    check_answer(page, "example-outside", ["a", "c"])
    assert axe_violations(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_question_type_and_the_progress_page_have_no_axe_violations(page: Page, server: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(server + "examples/more-types/")
    page.wait_for_selector("#quiz-example-reflection[data-quiz-enhanced]")
    assert axe_violations(page) == []
    page.locator("#quiz-example-order .quiz__check").click()
    page.locator("#quiz-example-text-input").fill("police")
    page.locator("#quiz-example-text .quiz__check").click()
    page.wait_for_selector("#quiz-example-text .quiz__status--correct", timeout=60_000)
    page.locator("#quiz-example-order .quiz__hint-button").click()
    page.wait_for_selector("#quiz-example-order-hint-1:not([hidden])")
    assert axe_violations(page) == []
    page.goto(server + "examples/pool/")
    page.get_by_role("button", name="Start").click()
    page.wait_for_selector(".quiz-pool__status p", timeout=60_000)
    assert axe_violations(page) == []
    page.goto(server + "progress/")
    page.wait_for_selector(".quiz-progress table", timeout=60_000)
    assert axe_violations(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_join_page_and_the_lessons_have_no_axe_violations(page: Page, server: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    for path in ("join/", "lessons/05-pressure-and-distancing/", "facilitator/"):
        page.goto(server + path)
        assert axe_violations(page) == [], path
