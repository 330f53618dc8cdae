"""When Python cannot start, the reader gets a plain message and a retry in bounded time, not a spinner.

The faults are made by the test server (see tests/fault_server.py), never by a route handler in the
browser: the page may give up on a request at any moment, and the fault must not care."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.fault_server import Fault, FaultyServer

from .conftest import Site
from .helpers import PYTHON_TIMEOUT_MS

CHOICE = "examples/choice/"
WASM = "pyodide.asm.wasm"

FAULTS = {
    "the server sends the wasm file with the wrong MIME type": (
        Fault("type", content_type="application/octet-stream"),
        "application/wasm",
    ),
    "the runtime is missing": (Fault("status", status=404), "HTTP 404"),
    "the runtime is blocked": (Fault("reset"), ""),
    "the download stalls": (Fault("stall"), "did not start within 3 s"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_runtime_that_cannot_load_gives_a_message_and_a_retry(
    page: Page, server: str, faults: FaultyServer, watch, fault: str
) -> None:
    watch.allow_console_errors = True  # the browser itself logs a failed download
    broken, detail = FAULTS[fault]
    if broken.kind == "stall":  # a short time limit, so that the test does not wait a whole minute
        faults.break_files(CHOICE, Fault("rewrite", old=b'"timeout":60', new=b'"timeout":3'))
    faults.break_files(WASM, broken)
    logged: list[str] = []
    page.on("console", lambda message: logged.append(message.text))
    page.goto(server + CHOICE)
    page.locator("#quiz-example-decisions-b").check()
    started = time.monotonic()
    page.locator("#quiz-example-decisions .quiz__check").click()
    status = page.locator("#quiz-example-decisions-status")
    expect(status).to_contain_text(
        "The answer checker could not start, so answers cannot be checked right now.", timeout=20_000
    )
    assert time.monotonic() - started < 20
    # The browser's own detail, in English, is for whoever runs the site: in the console, not on the page.
    expect(status.locator("p").first).to_be_visible()
    assert any(line.startswith("quiz: the engine could not start") and detail in line for line in logged), logged
    expect(status.locator(".quiz__detail")).to_have_count(0)
    retry = status.get_by_role("button", name="Try again")
    expect(retry).to_be_visible()
    assert page.evaluate("quizEngine.state") == "failed"

    faults.repair()
    page.evaluate(f"quizEngine.options.timeoutMs = {PYTHON_TIMEOUT_MS}")  # undo the short limit of the stall
    retry.click()
    expect(status.locator("p")).to_have_text(["Right.", "Score: 1 of 1."], timeout=PYTHON_TIMEOUT_MS)


def test_a_snapshot_whose_hash_is_not_the_builds_is_not_used(page: Page, server: str, faults: FaultyServer) -> None:
    # A whole, well-formed snapshot, but not the one the build named: the worker checks its hash itself
    # (it inflates the snapshot as it arrives), and starts Python the normal way.
    faults.break_files(CHOICE, Fault("rewrite", old=b'"integrity":"sha256-', new=b'"integrity":"sha256-AAAA'))
    logged: list[str] = []
    page.on("console", lambda message: logged.append(message.text))
    page.goto(server + CHOICE)
    page.wait_for_function("quizEngine.state === 'ready'", timeout=PYTHON_TIMEOUT_MS, polling=100)
    assert page.evaluate("quizEngine.bootMode") == "normal"
    assert any("without the snapshot" in line and "integrity" in line for line in logged), logged


def test_a_snapshot_that_cannot_be_used_gives_a_normal_start_and_no_message(
    page: Page, server: str, faults: FaultyServer
) -> None:
    # The memory snapshot fails its integrity check. (A missing one: see the wheel's integrity test below,
    # which starts without it.)
    faults.break_files(".bin", Fault("corrupt"))
    page.goto(server + CHOICE)
    page.wait_for_function("quizEngine.state === 'ready'", timeout=PYTHON_TIMEOUT_MS, polling=100)
    assert page.evaluate("quizEngine.bootMode") == "normal"
    page.locator("#quiz-example-decisions-b").check()
    page.locator("#quiz-example-decisions .quiz__check").click()
    expect(page.locator("#quiz-example-decisions-status p")).to_have_text(["Right.", "Score: 1 of 1."])


NAMED = {  # the broken file, how, and what the reader is told
    "the standard library is missing": (".zip", Fault("status", status=404), "failed.missing"),  # the trimmed one
    "the download of the runtime is cut": (WASM, Fault("cut"), "failed.download"),
    "the engine's worker is missing": ("worker.js", Fault("status", status=404), "failed.missing"),
}


@pytest.mark.parametrize("fault", list(NAMED))
def test_each_failure_of_the_runtime_is_named_in_the_readers_language(
    page: Page, site: Site, watch, fault: str
) -> None:
    suffix, broken, words = NAMED[fault]
    site.server.break_files(suffix, broken)
    named_then_retried(page, site, watch, words, within=10)


def test_a_worker_made_ahead_that_could_not_load_is_named_when_python_starts(
    page: Page, server: str, faults: FaultyServer, watch
) -> None:
    # On a lesson whose quiz is far down, the engine's worker is made ahead (engine.js warm), and fails.
    watch.allow_console_errors = True
    faults.break_files("worker.js", Fault("status", status=404))
    page.goto(server + "lessons/02-love-stories/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("quizEngine.state") == "idle"
    assert page.evaluate("Boolean(quizEngine.spare && quizEngine.spare.error)"), "no worker was made ahead"
    form = page.locator("form.quiz[data-widget='choice']").first
    form.locator("input").first.check()
    started = time.monotonic()
    form.locator(".quiz__check").click()
    status = form.locator(".quiz__status")
    expect(status).to_contain_text("A file the answer checker needs is missing from this site.", timeout=10_000)
    assert time.monotonic() - started < 10
    faults.repair()
    status.get_by_role("button", name="Try again").click()
    expect(status).to_have_class(
        re.compile(r"quiz__status--(correct|incorrect|partial|finished)"), timeout=PYTHON_TIMEOUT_MS
    )


def test_an_engine_that_fails_its_integrity_check_is_named(
    page: Page, server: str, faults: FaultyServer, watch
) -> None:
    # The wheel is only loaded when Python starts the normal way, without the snapshot; the browser knows
    # once that start is done. (In English only: that start costs seconds; the French words come as the others'.)
    faults.break_files(".bin", Fault("status", status=404))
    faults.break_files(".whl", Fault("corrupt"))
    named_then_retried(page, Site(server, "en", faults), watch, "failed.integrity", within=30)


def named_then_retried(page: Page, site: Site, watch, words: str, within: float) -> None:
    """What happened, in the reader's words, within ``within`` seconds (the time limit is 60), with Try
    again; then, the fault repaired, the retry works."""
    watch.allow_console_errors = True  # the browser itself logs a failed download
    page.goto(site.url + CHOICE)
    page.locator("#quiz-example-decisions-b").check()
    started = time.monotonic()
    page.locator("#quiz-example-decisions .quiz__check").click()
    status = page.locator("#quiz-example-decisions-status")
    expect(status).to_contain_text(site.says(words), timeout=40_000)
    assert time.monotonic() - started < within, "the reader waited for the time limit although the browser knew"
    expect(status).to_contain_text(site.says("failed"))
    english = Site(site.url, "en", site.server).says(words)
    assert site.language == "en" or english not in status.inner_text()
    site.server.repair()
    status.get_by_role("button", name=site.says("retry")).click()
    expect(status.locator("p").first).to_have_text(site.says("verdict.correct"), timeout=PYTHON_TIMEOUT_MS)
