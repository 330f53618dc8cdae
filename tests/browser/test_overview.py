"""The class overview: participants answer in their own browsers, share a file or a code from their
progress page, and the facilitator's page adds them up, reports what it skips, stays quick with 60
shares, and has no axe violations in either scheme."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .conftest import Watch
from .helpers import PYTHON_TIMEOUT_MS, VIEWPORT, axe_violations, check_answer, visit

LESSON = "lessons/01-what-asymmetry-is/"
QUESTION = "l1-lena-and-kit"  # single: a is right

DROP = """([selector, files]) => {
    const transfer = new DataTransfer();
    for (const [name, text] of files) transfer.items.add(new File([text], name, { type: "application/json" }));
    const zone = document.querySelector(selector);
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
}"""


def new_context(chromium: Browser) -> BrowserContext:
    context = chromium.new_context(viewport=VIEWPORT, service_workers="block", accept_downloads=True)
    context.set_default_timeout(15_000)
    return context


def answer_and_share(chromium: Browser, server: str, option: str, name: str, how: str) -> str:
    """One participant, in a browser of their own: answer, then share as a file or a code."""
    context = new_context(chromium)
    watch = Watch()
    try:
        page = context.new_page()
        watch.follow(page)
        visit(page, server + LESSON)
        check_answer(page, QUESTION, [option])
        visit(page, server + "progress/")
        share = page.locator(".quiz-share")
        share.wait_for(timeout=PYTHON_TIMEOUT_MS)
        share.get_by_label("Your name or a nickname (optional)").fill(name)
        if how == "file":
            with page.expect_download() as download:
                share.get_by_role("button", name="Download a share file").click()
            text = Path(download.value.path()).read_text(encoding="utf-8")
            data = json.loads(text)
            assert data["name"] == name
            assert set(data["answers"]) == {QUESTION}
            assert "journal" not in data
            return text
        share.get_by_role("button", name="Show a share code").click()
        code = share.get_by_label("Your share code: copy it and paste it in the chat")
        page.wait_for_function("document.getElementById('quiz-share-code').value.startsWith('QS1-')")
        return code.input_value()
    finally:
        context.close()
        watch.check(server)


@pytest.fixture(scope="module")
def shares(chromium: Browser, server: str) -> dict[str, str]:
    return {
        "ana": answer_and_share(chromium, server, "a", "Ana", "file"),
        "ben": answer_and_share(chromium, server, "c", "Ben", "file"),
        "cy": answer_and_share(chromium, server, "c", "Cy", "code"),
    }


def open_overview(page: Page, server: str) -> None:
    visit(page, server + "overview/")
    page.locator(".quiz-overview__drop").wait_for()


def test_the_overview_adds_up_files_and_codes_and_lists_what_it_skips(
    shares: dict[str, str], warm_page: Page, server: str
) -> None:
    page = warm_page
    open_overview(page, server)
    files = [
        ["share-ana.json", shares["ana"]],
        ["share-ben.json", shares["ben"]],
        ["broken.json", shares["ben"][: len(shares["ben"]) // 2]],
        ["share-ana-again.json", shares["ana"]],
    ]
    page.locator(".quiz-overview__codes").fill(shares["cy"])
    page.evaluate(DROP, [".quiz-overview__drop", files])
    status = page.locator(".quiz-overview__status")
    expect(status).to_have_text("3 participants' shares used; 2 skipped.", timeout=PYTHON_TIMEOUT_MS)
    expect(page.locator(".quiz-overview__participants")).to_have_text("Participants: Ana, Ben, Cy")
    row = page.locator(f"tr[data-question='{QUESTION}']")
    expect(row.locator("td").nth(0)).to_have_text("3")
    expect(row.locator("td").nth(1)).to_have_text("33%")
    first = row.locator(".quiz-overview__option").first
    expect(first).to_have_attribute("data-option", "c")
    expect(first).to_contain_text("2 of 3")
    expect(first).to_contain_text("most chosen wrong answer")
    expect(row.locator(".quiz-overview__option--right")).to_contain_text("1 of 3")
    lesson = page.locator(".quiz-overview__table").first.locator("tbody tr").first
    expect(lesson.locator("td").nth(0)).to_have_text("3")
    rejected = page.locator(".quiz-overview__rejected-list li")
    expect(rejected).to_have_text(
        [
            "broken.json: skipped, it is damaged or not a share.",
            "share-ana-again.json: skipped, it is the same as share-ana.json.",
        ]
    )
    # Sorting: a header button, with aria-sort on its header.
    header = page.locator(".quiz-overview__table").first.locator("th").nth(1)
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    counts = page.locator(".quiz-overview__table").first.locator("tbody tr td:nth-of-type(1)").all_inner_texts()
    assert counts == sorted(counts, key=int, reverse=True)


def test_sixty_shares_draw_within_a_few_seconds(shares: dict[str, str], warm_page: Page, server: str) -> None:
    page = warm_page
    open_overview(page, server)
    one = json.loads(shares["ana"])
    files = [[f"p{i}.json", json.dumps({**one, "name": f"Participant {i}"})] for i in range(60)]
    start = time.perf_counter()
    page.evaluate(DROP, [".quiz-overview__drop", files])
    expect(page.locator(".quiz-overview__status")).to_have_text(
        "60 participants' shares used; 0 skipped.", timeout=PYTHON_TIMEOUT_MS
    )
    elapsed = time.perf_counter() - start
    assert elapsed < 4, f"60 shares took {elapsed:.1f} s"
    expect(page.locator(f"tr[data-question='{QUESTION}'] td").nth(0)).to_have_text("60")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_the_overview_with_data(
    shares: dict[str, str], chromium: Browser, server: str, scheme: str
) -> None:
    context = chromium.new_context(viewport=VIEWPORT, service_workers="block", color_scheme=scheme)
    try:
        page = context.new_page()
        visit(page, server + "overview/")
        assert page.evaluate("document.body.dataset.mdColorScheme") == {"light": "default", "dark": "slate"}[scheme]
        assert axe_violations(page) == []
        page.locator(".quiz-overview__codes").fill(f"{shares['cy']}\nQS1-broken")
        page.evaluate(DROP, [".quiz-overview__drop", [["share-ana.json", shares["ana"]]]])
        expect(page.locator(".quiz-overview__status")).to_contain_text("2 participants", timeout=PYTHON_TIMEOUT_MS)
        assert axe_violations(page) == []
    finally:
        context.close()
