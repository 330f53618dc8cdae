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
