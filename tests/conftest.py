"""Shared fixtures: one built site, one HTTP server and one Chromium for the whole test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.fault_server import FaultyServer
from tests.support import CHROMIUM, CHROMIUM_ARGS, ROOT, build_examples_site, build_site

# The property tests check what the engine answers, not how fast: on a machine busy with the browser tests
# in the other worker, one example can take longer than Hypothesis's default 200 ms deadline.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

SUBPATH = "/repo/"
BROWSER_TESTS = ROOT / "tests" / "browser"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Once, before any worker starts (pytest-xdist runs this in the controller and again in each
    worker): make what every site build reuses (the engine wheel, its memory snapshot, the runtime's
    compressed copies), so that the workers' first builds neither race nor repeat the work."""
    if hasattr(session.config, "workerinput"):
        return
    from quiz_engine.mkdocs import bundle, compress

    runtime = bundle.find_runtime(ROOT / "node_modules" / "pyodide")
    engine = bundle.build_engine(ROOT / "build", runtime)
    bundle.make_snapshot(engine, runtime, bundle.make_stdlib(engine, runtime))
    for name in bundle.RUNTIME_FILES:
        if Path(name).suffix in compress.COMPRESSIBLE:
            compress.compressed_copy(runtime.directory / name, ROOT / "build" / "compressed")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser is a browser test (`make test-fast` leaves them out). With
    pytest-xdist (`make test`), the browser tests run one after another in one worker, sharing its warm
    page, while another worker runs the rest."""
    for item in items:
        if BROWSER_TESTS in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def http_server() -> Iterator[FaultyServer]:
    httpd = FaultyServer(ROOT / "site", subpath=SUBPATH).start()
    yield httpd
    httpd.stop()


@pytest.fixture(scope="session")
def base_url(http_server: FaultyServer) -> str:
    return f"http://127.0.0.1:{http_server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, base_url: str, http_server: FaultyServer) -> Path:
    """The course site, built once per session for the address the test server has, and served."""
    site = build_site(tmp_path_factory.mktemp("site"), base_url)
    http_server.site_root = site
    return site


@pytest.fixture(scope="session")
def server(site_dir: Path, base_url: str) -> str:
    """The address of the served site (at the root; also under SUBPATH)."""
    return base_url


CHANGED_QUESTION = ("Which kind of imbalance is the clearest here?", "Who makes the decisions here?")


@pytest.fixture(scope="session")
def changed_site(tmp_path_factory: pytest.TempPathFactory, base_url: str) -> Path:
    """The site's next build, for the same address, after an author changed one question (the first of
    the choice page) and nothing else: the example pages and the progress page, built once per session."""
    return build_examples_site(tmp_path_factory.mktemp("changed"), base_url, {"examples/choice.md": CHANGED_QUESTION})


@pytest.fixture
def faults(http_server: FaultyServer) -> Iterator[FaultyServer]:
    """The session's server, to break some of its files for one test; repaired after it."""
    yield http_server
    http_server.repair()


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: install Debian's `chromium` package (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
