"""Browser fixtures: a fresh context and page per test, watched for errors and third-party requests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page


@dataclass
class Watch:
    """What a page did: every request it made, uncaught errors, console errors."""

    requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    allow_console_errors: bool = False
    site: str = ""
    """The site the page belongs to, when it is not the session's."""


@pytest.fixture
def service_workers() -> str:
    """The site's service worker would copy the whole site into every fresh context: only the tests of
    offline use and deployment let it run (they override this fixture with "allow")."""
    return "block"


@pytest.fixture
def context(chromium: Browser, server: str, service_workers: str) -> Iterator[BrowserContext]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers=service_workers)
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(context: BrowserContext, server: str, watch: Watch) -> Iterator[Page]:
    page = context.new_page()
    page.on("request", lambda request: watch.requests.append(request.url))
    page.on("pageerror", lambda error: watch.page_errors.append(error.stack or str(error)))
    page.on("console", lambda message: watch.console_errors.append(message.text) if message.type == "error" else None)
    yield page
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(watch.site or server))
    foreign = [url for url in watch.requests if not (url.startswith(origin + "/") or url.startswith("data:"))]
    assert not foreign, f"requests to other sites: {foreign}"
    assert not watch.page_errors, f"uncaught errors in the page: {watch.page_errors}"
    if not watch.allow_console_errors:
        assert not watch.console_errors, f"errors in the console: {watch.console_errors}"
