"""Shared fixtures: one built site, one HTTP server and one Chromium for the whole test session."""

from __future__ import annotations

import http.server
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SUBPATH = "/repo/"


def build_site(destination: Path, site_url: str, config_file: Path = ROOT / "mkdocs.yml") -> Path:
    """Build a MkDocs site as `mkdocs build --strict` would, into ``destination``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(config_file), site_dir=str(destination), site_url=site_url, strict=True)
    build(config)
    return destination


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site at the root and again under a sub-path, as GitHub Pages would."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}

    def __init__(self, request: socket.socket, client: tuple[str, int], server: SiteServer) -> None:
        super().__init__(request, client, server, directory=str(server.site_root))

    def translate_path(self, path: str) -> str:
        if path.startswith(SUBPATH):
            path = "/" + path[len(SUBPATH) :]
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:
        pass


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    site_root: Path = ROOT / "site"


@pytest.fixture(scope="session")
def http_server() -> Iterator[SiteServer]:
    httpd = SiteServer(("127.0.0.1", 0), SiteHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
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
