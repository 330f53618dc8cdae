"""Offline: after one visit the site and its Python runtime work with the server gone, and a new build
replaces the cached copy."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error, Page, expect

from quiz_engine.serve import SiteServer, network_address
from tests.site.test_join import decode_qr, qr_modules

from .conftest import Watch
from .helpers import PYTHON_TIMEOUT_MS, axe_violations, check_answer, visit

CHOICE = "examples/choice/"


@pytest.fixture
def own_server(site_dir: Path) -> Iterator[SiteServer]:
    """The built site on a server of its own (its own origin, so its own service worker), which a test can stop."""
    server = SiteServer(site_dir).start()
    yield server
    server.stop()


@pytest.fixture
def service_workers() -> str:
    return "allow"


@pytest.fixture(autouse=True)
def watch_own_site(watch: Watch, own_server: SiteServer) -> None:
    watch.site = own_server.url


def cache_name(site: Path) -> str:
    return re.search(r'^const CACHE = "([^"]+)";', (site / "sw.js").read_text(), re.MULTILINE)[1]


def wait_until_offline_ready(page: Page) -> list[str]:
    """Wait until the service worker has cached the site and controls the page; return the caches' names."""
    page.wait_for_function(
        "navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)",
        timeout=PYTHON_TIMEOUT_MS,
        polling=200,
    )
    return page.evaluate("caches.keys()")


def test_after_one_visit_the_site_works_offline(page: Page, own_server: SiteServer, site_dir: Path, watch) -> None:
    site = own_server.url
    page.goto(site + CHOICE)
    assert wait_until_offline_ready(page) == [cache_name(site_dir)]
    own_server.stop()
    with pytest.raises(Error):
        page.request.get(site + CHOICE)  # the server is really gone
    # The browser logs its failed checks for a newer service worker; those are expected offline.
    watch.allow_console_errors = True

    page.reload()
    expect(page.locator("h1")).to_contain_text("Choice questions")
    assert check_answer(page, "example-decisions", ["b"]) == "correct"
    expect(page.locator("#quiz-example-decisions-status p").first).to_have_text("Right.")

    # Pages the reader never opened come from the cache too: one with questions, by a link (instant
    # navigation fetches it), and one loaded anew.
    visit(page, site + "examples/true-false/")
    assert check_answer(page, "example-difference", ["b"]) == "correct"
    page.goto(site + "glossary/")
    expect(page.locator("h1")).to_contain_text("Glossary")
    # An address the site does not have gets the site's own "not found" page.
    page.goto(site + "no-such-page/")
    expect(page.locator("h1")).to_contain_text("404")


def test_a_new_build_replaces_the_cached_site(
    page: Page, own_server: SiteServer, site_dir: Path, changed_site: Path, watch
) -> None:
    site = own_server.url
    rebuilt = changed_site  # built for the same address as the first build, as a site's next build is
    assert cache_name(rebuilt) != cache_name(site_dir)
    page.goto(site + CHOICE)
    assert wait_until_offline_ready(page) == [cache_name(site_dir)]

    own_server.site_root = rebuilt
    page.reload()  # pages come from the network first: the new one shows at once
    expect(page.locator("#quiz-example-decisions legend")).to_contain_text("Who makes the decisions here?")
    page.evaluate("navigator.serviceWorker.getRegistration().then((registration) => registration.update())")
    page.wait_for_function(
        "name => caches.keys().then((names) => names.length === 1 && names[0] === name)",
        arg=cache_name(rebuilt),
        timeout=PYTHON_TIMEOUT_MS,
        polling=200,
    )

    own_server.stop()
    watch.allow_console_errors = True
    page.reload()
    expect(page.locator("#quiz-example-decisions legend")).to_contain_text("Who makes the decisions here?")
    assert check_answer(page, "example-decisions", ["b"]) == "correct"


def test_the_packed_site_serves_itself_on_a_laptop(page: Page, site_dir: Path, tmp_path: Path, watch) -> None:
    """The second offline route: one archive, unpacked and served with one command, with no project installed."""
    archive = tmp_path / "course-site.zip"
    subprocess.run([sys.executable, "-m", "quiz_engine.serve", str(site_dir), "--pack", str(archive)], check=True)
    with zipfile.ZipFile(archive) as packed:
        packed.extractall(tmp_path / "unpacked")
    server = subprocess.Popen(
        [sys.executable, "-I", "serve.py", "--host", "0.0.0.0", "--port", "0"],  # -I: without this project
        cwd=tmp_path / "unpacked",
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        port = re.search(r"at http://0\.0\.0\.0:(\d+)/ ", server.stdout.readline())[1]
        # A phone opens the laptop's network address: not a "secure context" (no service worker), still works.
        host = network_address() or "127.0.0.1"
        site = f"http://{host}:{port}/"
        watch.site = site
        page.goto(site + CHOICE)
        assert check_answer(page, "example-decisions", ["b"]) == "correct"
        if host != "127.0.0.1":
            assert page.evaluate("isSecureContext") is False
            # The site was built for 127.0.0.1 (no SITE_URL): the join page shows the address the phone
            # opened, with a QR code of it, when reached by a link (twice: the script runs once per visit)
            # and when loaded (in both colour schemes).
            visit(page, site + "join/")
            check_join_page(page, site, schemes=False)
            visit(page, site)
            visit(page, site + "join/")
            check_join_page(page, site)
    finally:
        server.terminate()
        server.wait(10)


def check_join_page(page: Page, address: str, *, opened: bool = True, schemes: bool = True) -> None:
    """The join page shows ``address`` in words and as a QR code of it, labelled as the build labels its
    own; ``opened``: drawn by the browser for the address the page was opened from. ``schemes``: the code
    stays black on white when the reader switches to the dark scheme and back, and axe finds nothing."""
    block = page.locator(".quiz-join__here")
    expect(block).to_have_attribute("data-quiz-join-checked", "")
    if opened:
        expect(block).to_have_attribute("data-quiz-join-shown", address)
    else:
        expect(block).not_to_have_attribute("data-quiz-join-shown", re.compile(".*"))
    link = block.locator(".quiz-join__address a")
    expect(link).to_have_text(address)
    expect(link).to_have_attribute("href", address)
    code = block.locator("svg.quiz-join__code")
    expect(code).to_have_count(1)
    expect(code).to_have_attribute("role", "img")
    expect(code).to_have_attribute("aria-label", f"QR code for {address}")
    assert decode_qr(qr_modules(code.evaluate("svg => svg.outerHTML"))) == address, "the QR code is of another address"
    box = code.bounding_box()
    assert box and box["width"] == box["height"] >= 200, "the code is drawn at the build's size"
    colours = """svg => [getComputedStyle(svg).backgroundColor, getComputedStyle(svg.querySelector("path")).fill,
        getComputedStyle(svg.querySelector(".qrline")).stroke]"""
    for switch, material in (("dark", "slate"), ("light", "default")) if schemes else ():
        page.locator(f"label[title='Switch to {switch} mode']:visible").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", material)
        assert code.evaluate(colours) == ["rgb(255, 255, 255)"] * 2 + ["rgb(0, 0, 0)"], material
        assert axe_violations(page) == [], material


@pytest.mark.parametrize("where", ["built", "loopback"])
def test_the_join_page_keeps_the_address_it_was_built_for(
    page: Page, server: str, own_server: SiteServer, watch: Watch, where: str
) -> None:
    """Opened from the address it was built for, or from this machine's own address on another port (no phone
    can open that one), the join page keeps the build's address and QR code."""
    site = server if where == "built" else own_server.url
    watch.site = site
    page.goto(site + "join/")
    check_join_page(page, server, opened=False)
