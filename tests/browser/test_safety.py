"""Nothing an author writes can run as script: a page with a script payload in every field of every type
(tests/markdown/golden/injection-every-field.md), loaded, hovered, focused and answered, runs none."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from quiz_engine.serve import SiteServer
from tests.support import ROOT, build_site

from .conftest import Watch
from .helpers import PYTHON_TIMEOUT_MS, wait_for_engine

PAYLOADS = ROOT / "tests/markdown/golden/injection-every-field.md"


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("payloads")
    (folder / "docs").mkdir()
    shutil.copy(PAYLOADS, folder / "docs/index.md")
    (folder / "docs/x").write_text("not an image")  # what the payloads' <img src="x"> loads: onerror would fire
    server = SiteServer(folder / "site").start()
    build_site(folder / "site", server.url, docs_dir=folder / "docs", nav=[{"Payloads": "index.md"}])
    yield server.url
    server.stop()


def test_a_page_full_of_script_payloads_runs_none_of_them(page: Page, payload_site: str, watch: Watch) -> None:
    watch.site = payload_site
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(payload_site)
    wait_for_engine(page)
    page.get_by_role("button", name="Start").click()
    expect(page.locator(".quiz-pool__status")).to_contain_text("Attempt 1", timeout=PYTHON_TIMEOUT_MS)
    for element in page.locator("form.quiz:visible :is(label, legend, li, option, p, span)").all():
        if element.is_visible():
            element.hover(force=True, timeout=2_000)
    for _ in range(60):
        page.keyboard.press("Tab")
    for form in page.locator("form.quiz:visible").all():  # answer each, then have the answer shown
        for group in form.locator(".quiz__statement").all():
            group.locator("input").first.check()
        for select in form.locator("select").all():
            select.select_option(index=1)
        for field in form.locator("input[type=text], textarea").all():
            field.fill("answer")
        if form.locator(".quiz__options input").count():
            form.locator(".quiz__options input").first.check()
        form.locator(".quiz__check").click()
        expect(form.locator(".quiz__status")).to_have_class(re.compile("--(correct|partial|incorrect|complete)"))
        if form.locator(".quiz__reveal").is_visible():
            form.locator(".quiz__reveal").click()
    for element in page.locator(".quiz__feedback:visible, .quiz__solution:visible, .quiz__explanation:visible").all():
        element.hover(force=True, timeout=2_000)
    assert page.locator(".quiz__solution:visible").count() >= 3  # the match's, the order's, the text's
    assert dialogs == []
    # The words are shown as words.
    expect(page.locator("#quiz-golden-payload-scale-a-0 + label")).to_have_text(
        "Never <img src='x' onerror='alert(1)'>"
    )
