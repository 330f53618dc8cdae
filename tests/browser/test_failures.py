"""When Python cannot start, the reader gets a plain message and a retry in bounded time, not a spinner."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, Route, expect

from .helpers import PYTHON_TIMEOUT_MS

CHOICE = "examples/choice/"
WASM = "**/pyodide.asm.wasm"


def wrong_mime(route: Route) -> None:
    response = route.fetch()
    route.fulfill(response=response, headers={**response.headers, "content-type": "application/octet-stream"})


def missing(route: Route) -> None:
    route.fulfill(status=404, body="Not found")


def blocked(route: Route) -> None:
    route.abort("blockedbyclient")


def stalled(route: Route) -> None:
    if route.request.method == "HEAD":
        route.continue_()
    # Otherwise never answer: the download hangs, as on a dead connection.


FAULTS = {
    "the server sends the wasm file with the wrong MIME type": (wrong_mime, "application/wasm"),
    "the runtime is missing": (missing, "HTTP 404"),
    "the runtime is blocked": (blocked, ""),
    "the download stalls": (stalled, "did not start within 3 s"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_runtime_that_cannot_load_gives_a_message_and_a_retry(page: Page, server: str, watch, fault: str) -> None:
    watch.allow_console_errors = True  # the browser itself logs a failed download
    handler, detail = FAULTS[fault]
    if handler is stalled:  # a short time limit, so that the test does not wait a whole minute
        page.route(
            "**/examples/choice/",
            lambda route: route.fulfill(
                response=(response := route.fetch()), body=response.text().replace('"timeout":60', '"timeout":3')
            ),
        )
    page.route(WASM, handler)
    page.goto(server + CHOICE)
    page.locator("#quiz-example-decisions-b").check()
    started = time.monotonic()
    page.locator("#quiz-example-decisions .quiz__check").click()
    status = page.locator("#quiz-example-decisions-status")
    expect(status).to_contain_text(
        "The answer checker could not start, so answers cannot be checked right now.", timeout=20_000
    )
    assert time.monotonic() - started < 20
    expect(status).to_contain_text(detail)
    retry = status.get_by_role("button", name="Try again")
    expect(retry).to_be_visible()
    assert page.evaluate("quizEngine.state") == "failed"

    page.unroute(WASM)
    page.evaluate(f"quizEngine.options.timeoutMs = {PYTHON_TIMEOUT_MS}")  # undo the short limit of the stall
    retry.click()
    expect(status.locator("p")).to_have_text(["Right.", "Score: 1 of 1."], timeout=PYTHON_TIMEOUT_MS)
