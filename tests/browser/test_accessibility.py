"""Accessibility, checked with axe-core in the browser, in light and dark mode: every kind of page, and the
question pages before and after answering. One pass per scheme, on the session's warm page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .helpers import PYTHON_TIMEOUT_MS, axe_violations, check_answer, visit


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_any_kind_of_page_before_and_after_answering(
    request: pytest.FixtureRequest, server: str, scheme: str
) -> None:
    # Material sets the scheme that matches the reader's setting when the first page loads, and keeps it:
    # the dark pass has a page of its own, opened with the dark setting.
    page: Page = request.getfixturevalue("warm_page" if scheme == "light" else "page")
    if scheme == "dark":
        page.emulate_media(color_scheme="dark")
        page.goto(server)
    found: dict[str, list[str]] = {}

    visit(page, server + "examples/choice/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == {"light": "default", "dark": "slate"}[scheme]
    found["choice"] = axe_violations(page)
    check_answer(page, "example-decisions", ["a"])
    check_answer(page, "example-outside", ["a", "c"])
    found["choice, answered"] = axe_violations(page)

    visit(page, server + "examples/more-types/")
    found["every type"] = axe_violations(page)
    page.locator("#quiz-example-order .quiz__check").click()
    page.locator("#quiz-example-text-input").fill("police")
    page.locator("#quiz-example-text .quiz__check").click()
    page.wait_for_selector("#quiz-example-text .quiz__status--correct", timeout=PYTHON_TIMEOUT_MS)
    page.locator("#quiz-example-order .quiz__hint-button").click()
    page.wait_for_selector("#quiz-example-order-hint-1:not([hidden])")
    found["every type, answered"] = axe_violations(page)

    visit(page, server + "examples/pool/")
    page.get_by_role("button", name="Start").click()
    page.wait_for_selector(".quiz-pool__status p", timeout=PYTHON_TIMEOUT_MS)
    found["pool"] = axe_violations(page)

    visit(page, server + "final-check/")  # an exam: before Submit, its warning, and the review after it
    page.locator(".quiz-pool__controls").get_by_role("button", name="Start").click()
    page.wait_for_selector(".quiz-pool__status p", timeout=PYTHON_TIMEOUT_MS)
    page.locator("#pool-final-pool form.quiz:not([hidden]) .quiz__options input").first.check()
    found["exam"] = axe_violations(page)
    page.get_by_role("button", name="Submit", exact=True).click()
    page.get_by_role("button", name="Submit anyway").click()
    page.wait_for_selector(".quiz-pool__result :text('Your score')", timeout=PYTHON_TIMEOUT_MS)
    found["exam, submitted"] = axe_violations(page)
    page.mouse.move(0, 0)  # the pointer left over the next page's links would measure their hover colour

    visit(page, server + "progress/")
    page.wait_for_selector(".quiz-progress table", timeout=PYTHON_TIMEOUT_MS)
    found["progress"] = axe_violations(page)

    for path in ("join/", "lessons/05-pressure-and-distancing/", "facilitator/"):
        visit(page, server + path)
        found[path] = axe_violations(page)
    assert {name: violations for name, violations in found.items() if violations} == {}
