"""Every question type, used with the keyboard only, scored by the engine in the browser."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .helpers import visit, wait_for_engine, wait_for_verdict

MORE = "examples/more-types/"


def focus(page: Page, selector: str) -> None:
    """Reach an element with the Tab key, as a keyboard user would."""
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def order_of(page: Page) -> list[str]:
    return page.eval_on_selector_all("#quiz-example-order .quiz__item", "items => items.map(i => i.dataset.item)")


def test_order_by_keyboard_with_move_buttons_then_a_hint_and_a_second_try(warm_page: Page, server: str) -> None:
    visit(warm_page, server + MORE)
    wait_for_engine(warm_page)
    start = order_of(warm_page)
    assert start != ["a", "b", "c", "d"], "the items must not start in the right order"
    focus(warm_page, "#quiz-example-order .quiz__move")
    # The first try, as shuffled: never right, since the items never start in the right order.
    assert check_with_keyboard(warm_page, "example-order") in {"incorrect", "partial"}
    status = warm_page.locator("#quiz-example-order-status p")
    expect(status.last).to_have_text("Tries left: 1.")
    # A hint, then Try again, then put the items in order with Move up only.
    warm_page.locator("#quiz-example-order .quiz__hint-button").focus()
    warm_page.keyboard.press("Enter")
    expect(warm_page.locator("#quiz-example-order-hint-1")).to_be_visible()
    warm_page.locator("#quiz-example-order .quiz__again").focus()
    warm_page.keyboard.press("Enter")
    for target, item in enumerate(["a", "b", "c", "d"]):
        warm_page.locator(f"#quiz-example-order-{item}-up").focus()
        while order_of(warm_page).index(item) > target:
            warm_page.keyboard.press("Enter")
            assert warm_page.evaluate("document.activeElement.id") == f"quiz-example-order-{item}-up"
    expect(warm_page.locator("#quiz-example-order .quiz__announce")).to_contain_text("of 4")
    assert order_of(warm_page) == ["a", "b", "c", "d"]
    warm_page.locator("#quiz-example-order .quiz__check").focus()
    warm_page.keyboard.press("Enter")
    assert wait_for_verdict(warm_page, "example-order") == "correct"
    expect(status.first).to_have_text("Right.")
    expect(warm_page.locator("#quiz-example-order .quiz__explanation")).to_be_visible()
    expect(warm_page.locator("#quiz-example-order-a-feedback")).to_be_visible()


def check_with_keyboard(page: Page, question: str) -> str:
    page.locator(f"#quiz-{question} .quiz__check").focus()
    page.keyboard.press("Enter")
    return wait_for_verdict(page, question)


def test_match_by_keyboard(warm_page: Page, server: str) -> None:
    visit(warm_page, server + MORE)
    wait_for_engine(warm_page)
    answers = {
        "a": "The same part for both",
        "b": "Different parts: one admires, one is admired",
        "c": "Different parts: one guides, one learns",
        "d": "The same part for both",
    }
    for item, label in answers.items():
        select = warm_page.locator(f"#quiz-example-match-{item}")
        select.focus()
        values = select.evaluate("s => [...s.options].map(o => o.text)")
        steps = values.index(label)
        for _ in range(steps):
            warm_page.keyboard.press("ArrowDown")
        assert select.evaluate("s => s.options[s.selectedIndex].text") == label
    assert check_with_keyboard(warm_page, "example-match") == "correct"
    expect(warm_page.locator("#quiz-example-match-status p").nth(1)).to_have_text("4 of 4 items are matched right.")
    expect(warm_page.locator("#quiz-example-match .quiz__solution")).to_be_visible()


def test_short_text_typed_and_sent_with_enter(warm_page: Page, server: str) -> None:
    visit(warm_page, server + MORE)
    wait_for_engine(warm_page)
    warm_page.locator("#quiz-example-text-input").focus()
    warm_page.keyboard.type("Surveillance story")
    warm_page.keyboard.press("Enter")
    assert wait_for_verdict(warm_page, "example-text") == "incorrect"
    expect(warm_page.locator("#quiz-example-text-c-feedback")).to_contain_text(
        "Your answer: Surveillance is what happens"
    )
    warm_page.locator("#quiz-example-text .quiz__again").click()
    warm_page.locator("#quiz-example-text-input").fill("  the POLICE story! ")
    warm_page.locator("#quiz-example-text-input").press("Enter")
    assert wait_for_verdict(warm_page, "example-text") == "correct"
    expect(warm_page.locator("#quiz-example-text-status p").nth(1)).to_have_text("Score: 0.67 of 1.")


def test_scale_by_keyboard_gives_a_band(warm_page: Page, server: str) -> None:
    visit(warm_page, server + MORE)
    wait_for_engine(warm_page)
    # Arrow keys in a radio group move and select: two steps right is "Often" (2), one is "Sometimes" (1).
    for statement, steps in (("a", 2), ("b", 1), ("c", 0)):
        warm_page.locator(f"#quiz-example-scale-{statement}-0").focus()
        warm_page.keyboard.press("Space")
        for _ in range(steps):
            warm_page.keyboard.press("ArrowRight")
    assert check_with_keyboard(warm_page, "example-scale") == "complete"
    # 2 + 1 + (2 - 0, reversed) = 5 of 6: the second band.
    expect(warm_page.locator("#quiz-example-scale-status p").nth(1)).to_have_text("Your total: 5 of 6.")
    expect(warm_page.locator("#quiz-example-scale [data-band='band-2']")).to_be_visible()
    expect(warm_page.locator("#quiz-example-scale [data-band='band-1']")).to_be_hidden()


def test_reflection_is_saved_to_the_journal(warm_page: Page, server: str) -> None:
    visit(warm_page, server + MORE)
    wait_for_engine(warm_page)
    warm_page.locator("#quiz-example-reflection-input").focus()
    warm_page.keyboard.type("I needed an evening to myself.")
    warm_page.keyboard.press("Tab")
    assert warm_page.evaluate("document.activeElement.textContent") == "Save to my journal"
    warm_page.keyboard.press("Enter")
    assert wait_for_verdict(warm_page, "example-reflection") == "complete"
    expect(warm_page.locator("#quiz-example-reflection-status p").nth(1)).to_have_text(
        "Saved to your journal on this device."
    )
    journal = warm_page.evaluate("quizStore.doc.journal['example-reflection'].text")
    assert journal == "I needed an evening to myself."


def test_phone_width_has_no_horizontal_scroll(warm_page: Page, server: str) -> None:
    warm_page.set_viewport_size({"width": 360, "height": 740})
    visit(warm_page, server + MORE)
    warm_page.wait_for_selector("#quiz-example-order[data-quiz-enhanced]")
    overflow = warm_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    for form in warm_page.locator("form.quiz").all():
        box = form.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360 + 1
