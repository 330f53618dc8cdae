"""Shared fixtures: one built site, one HTTP server and one Chromium for the whole test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from quiz_engine.serve import SiteServer
from tests.support import CHROMIUM, CHROMIUM_ARGS, ROOT, build_site

SUBPATH = "/repo/"


@pytest.fixture(scope="session")
def http_server() -> Iterator[SiteServer]:
    httpd = SiteServer(ROOT / "site", subpath=SUBPATH).start()
    yield httpd
    httpd.shutdown()


@pytest.fixture(scope="session")
def base_url(http_server: SiteServer) -> str:
    return f"http://127.0.0.1:{http_server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, base_url: str, http_server: SiteServer) -> Path:
    """The course site, built once per session for the address the test server has, and served."""
    site = build_site(tmp_path_factory.mktemp("site"), base_url)
    http_server.site_root = site
    return site


@pytest.fixture(scope="session")
def server(site_dir: Path, base_url: str) -> str:
    """The address of the served site (at the root; also under SUBPATH)."""
    return base_url


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: install Debian's `chromium` package (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
