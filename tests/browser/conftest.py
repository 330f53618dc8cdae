"""Browser fixtures. Booting Python costs seconds, so tests share what is safe to share:

- ``warm_page``: one page for the whole session whose engine is already running. Before each test its
  storage and saved progress are emptied and it is taken to the home page by instant navigation (the
  engine survives that, as it does for a reader); tests move with ``visit``. Most tests use it.
- ``page``: a fresh context and page, for tests that need a cold start, a reload, storage prepared before
  the page loads, a fault on the server or a service worker.
Both are watched: no request may leave the site, and no uncaught error or console error may happen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from quiz_engine.i18n import strings
from tests.fault_server import FaultyServer
from tests.support import build_french_site

from .helpers import VIEWPORT, visit, wait_for_engine


@dataclass
class Watch:
    """What a page did: every request it made, uncaught errors, console errors."""

    requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    allow_console_errors: bool = False
    site: str = ""
    """The site the page belongs to, when it is not the session's."""

    def follow(self, page: Page) -> None:
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.page_errors.append(error.stack or str(error)))
        page.on(
            "console", lambda message: self.console_errors.append(message.text) if message.type == "error" else None
        )

    def check(self, server: str) -> None:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.site or server))
        foreign = [url for url in self.requests if not (url.startswith(origin + "/") or url.startswith("data:"))]
        assert not foreign, f"requests to other sites: {foreign}"
        assert not self.page_errors, f"uncaught errors in the page: {self.page_errors}"
        if not self.allow_console_errors:
            assert not self.console_errors, f"errors in the console: {self.console_errors}"


@pytest.fixture
def service_workers() -> str:
    """The site's service worker would copy the whole site into every fresh context: only the tests of
    offline use and deployment let it run (they override this fixture with "allow")."""
    return "block"


@pytest.fixture
def context(chromium: Browser, server: str, service_workers: str) -> Iterator[BrowserContext]:
    context = chromium.new_context(viewport=VIEWPORT, service_workers=service_workers)
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(context: BrowserContext, server: str, watch: Watch) -> Iterator[Page]:
    page = context.new_page()
    watch.follow(page)
    yield page
    watch.check(server)


class SharedWatch(Watch):
    """The warm page's listeners report to the watch of the test that is running."""

    def __init__(self) -> None:
        super().__init__()
        self.current = Watch()

    def follow(self, page: Page) -> None:
        page.on("request", lambda request: self.current.requests.append(request.url))
        page.on("pageerror", lambda error: self.current.page_errors.append(error.stack or str(error)))
        page.on(
            "console",
            lambda message: self.current.console_errors.append(message.text) if message.type == "error" else None,
        )


@pytest.fixture(scope="session")
def warm_session(chromium: Browser, server: str) -> Iterator[tuple[Page, SharedWatch]]:
    context = chromium.new_context(viewport=VIEWPORT, service_workers="block")
    context.set_default_timeout(15_000)
    page = context.new_page()
    shared = SharedWatch()
    shared.follow(page)
    yield page, shared
    context.close()


RESET = """() => {
    localStorage.clear();
    sessionStorage.clear();
    if (window.quizStore) {
        quizStore.reset();
        quizStore.notices.length = 0;
    }
}"""


@pytest.fixture
def warm_page(warm_session: tuple[Page, SharedWatch], server: str, watch: Watch) -> Iterator[Page]:
    """The session's page with Python running, its saved progress emptied, at the home page."""
    page, shared = warm_session
    page.set_viewport_size(VIEWPORT)
    page.emulate_media(media="screen", color_scheme="light")
    healthy = page.url.startswith(server) and page.evaluate(
        "() => Boolean(window.quizEngine && quizEngine.state === 'ready')"
        " && document.body.dataset.mdColorScheme === 'default'"
    )
    if not healthy:  # the first test, or one before it left the engine stopped or the page dark: load it again
        page.goto(server + "examples/choice/")
        wait_for_engine(page)
    page.evaluate(RESET)
    visit(page, server)
    shared.current = watch
    yield page
    shared.current = Watch()
    # A dialog handler a test set up for a dialog that never came must not answer the next test's.
    page._impl_obj.remove_all_listeners("dialog")
    watch.check(server)


@pytest.fixture(scope="session")
def french_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultyServer]:
    """The example pages and the progress page in a French site, served (and breakable) on its own."""
    folder = tmp_path_factory.mktemp("french")
    server = FaultyServer(folder / "site").start()
    build_french_site(folder, server.url)
    yield server
    server.stop()


@dataclass
class Site:
    """A site in one language: its address, its server (to break files) and the words its readers see."""

    url: str
    language: str
    server: FaultyServer

    def says(self, key: str, **values: object) -> str:
        """The interface's words for ``key`` (``js.`` left out), as the reader sees them."""
        return strings(self.language)[f"js.{key}"].format(**values)


@pytest.fixture(params=["en", "fr"])
def site(request: pytest.FixtureRequest, server: str, http_server: FaultyServer, watch: Watch) -> Iterator[Site]:
    """The course's site in English, then a French site with the same example pages (tests run in both)."""
    if request.param == "en":
        chosen = Site(server, "en", http_server)
    else:
        french = request.getfixturevalue("french_server")
        chosen = Site(french.url, "fr", french)
        watch.site = french.url
    yield chosen
    chosen.server.repair()
