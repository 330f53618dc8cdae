"""The shape GitHub Pages gives a project site: built for https://USER.github.io/REPO/ and served under /REPO/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from quiz_engine.serve import SiteServer
from tests.support import build_examples_site

from .conftest import Watch
from .helpers import PYTHON_TIMEOUT_MS, check_answer, visit


@pytest.fixture(scope="module")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built for http://127.0.0.1:PORT/repo/, as the Pages workflow builds it, and served there (the
    example pages and the progress page: the course's other pages add nothing here)."""
    server = SiteServer(tmp_path_factory.mktemp("empty"), subpath="/repo/").start()
    address = f"{server.url}repo/"
    server.site_root = build_examples_site(tmp_path_factory.mktemp("project-site"), address, {})
    yield address
    server.stop()


@pytest.fixture
def service_workers() -> str:
    return "allow"


def test_a_project_site_under_a_sub_path_works_with_its_service_worker(
    page: Page, project_site: str, watch: Watch
) -> None:
    watch.site = project_site
    page.goto(project_site + "examples/choice/")
    assert check_answer(page, "example-decisions", ["b"]) == "correct"
    page.locator("nav.md-nav a[href$='true-false/']").first.click()
    page.wait_for_url("**/repo/examples/true-false/")
    assert check_answer(page, "example-difference", ["b"]) == "correct"
    scope = page.wait_for_function(
        "navigator.serviceWorker.ready.then((registration) => registration.scope)", timeout=PYTHON_TIMEOUT_MS
    ).json_value()
    assert scope == project_site
    assert page.evaluate("caches.keys()") == [page.evaluate("fetch('../../sw.js').then((r) => r.text())").split('"')[1]]
    assert all(url.startswith(project_site) for url in watch.requests), "every request stays under /repo/"
    visit(page, project_site + "progress/")
    page.wait_for_selector(".quiz-progress table", timeout=PYTHON_TIMEOUT_MS)
    expect(page.locator(".quiz-progress tbody tr", has_text="Choice questions")).to_contain_text("In progress")
