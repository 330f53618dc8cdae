"""Side-by-side timings in headless Chromium, in one run: `make benchmark` (or `python -m benchmarks.run`).

What it measures, each over --runs runs (15 by default; the figures need at least 7) in fresh browser contexts
(empty cache), taking the pages in turn:
1. the bare Pyodide boot (a page that only loads Pyodide in a module worker) against our time until the
   engine is ready, on a page whose first question is on the first screen, both from the start of
   navigation (target: ratio <= 1.15); also the engine's own start-up, from its start to ready;
2. first answer at once: a reader opens a lesson whose quiz is far down the page (lesson 2) and, as soon as
   its first scored question is enhanced, scrolls to it, picks its first option and presses Check; the
   time from the start of navigation until the question shows a verdict, against the bare boot of the
   same run (target: <= 0.5 x bare boot; it was 9.0 s, median of 7, before the memory snapshot);
3. a lesson against a plain Material page with the same text and no questions: Largest Contentful Paint
   (target: ratio <= 1.05) and Total Blocking Time on the main thread (target: 0 ms), three loads of each
   per run (one page's LCP varies by a third from load to load here);
4. the time from pressing Check to the feedback on screen once the engine is ready (target: median <= 20 ms);
5. the time until the engine is ready on a second page reached by instant navigation, a second after Python
   was ready on the first (target: <= 50 ms), and Material's part of it (until the new page's content is in
   place); also the instant Python is ready (Chromium is then still optimising the runtime's code in the
   background, for about 0.1 s);
6. the progress page before Python: after two answers on the choice questions page and its summary kept,
   the time from the start of navigation to the progress page until that page's row shows its status,
   and the engine's state then (target: <= 300 ms, with the engine not yet ready);
7. bytes on the wire from the workshop server (quiz_engine.serve: gzip copies with Content-Encoding), as
   Chromium counts them (CDP encodedDataLength) for the page and its workers, on the room's copy of the
   site (built as `make archive` builds it: without the memory snapshot): a quiz page until its engine
   is ready (target: <= 6 MB, of 10^6 bytes), then a second page reached by instant navigation until its
   engine is ready (target: its HTML only; anything else that costs bytes is listed: a file the browser
   takes from its memory cache is not on the wire). Counting stops at engine-ready, and
   the service worker, which registers 2 s after Python is ready and copies the site, is not counted. The
   first page of the web's copy (with the snapshot) is measured too, for comparison.
The timings 1 to 6 are taken on the web's copy, as GitHub Pages serves it (with the snapshot).
It prints medians, ratios and targets (met or missed), and writes them to benchmarks/results/latest.json.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from quiz_engine.markdown.source import find_blocks
from quiz_engine.serve import SiteServer
from tests.support import CHROMIUM, CHROMIUM_ARGS, ROOT, build_site

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
PYTHON_TIMEOUT_MS = 60_000
MIN_RUNS = 7  # fewer runs make a quick trial, not figures to quote
SNAPSHOTLESS_FIRST_ANSWER_MS = 9_000  # first answer at once before the memory snapshot (median of 7)
MB = 1_000_000

BARE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide boot</title></head>
<body><p>Bare Pyodide boot in a module worker.</p>
<script type="module">
const worker = new Worker(new URL("bare-worker.js", import.meta.url), { type: "module" });
worker.onmessage = () => { performance.mark("bare:ready"); window.bareReady = true; };
worker.postMessage({ indexURL: new URL("../assets/pyodide/VERSION/", location.href).href, lock: LOCK });
</script></body></html>
"""
BARE_WORKER = """
self.onmessage = async ({ data: { indexURL, lock } }) => {
  const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
  await loadPyodide({ indexURL, lockFileContents: lock, stdout: () => {}, stderr: () => {} });
  postMessage("ready");
};
"""

# Largest Contentful Paint and long tasks, recorded from the first moment of the page.
OBSERVE = """
window.__lcp = 0; window.__longTasks = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__lcp = e.startTime; })
  .observe({ type: "largest-contentful-paint", buffered: true });
new PerformanceObserver(list => {
  for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask", buffered: true });
"""

# Total Blocking Time: of each long task after the first contentful paint, what is over 50 ms. And the same
# from the start of navigation ("blocking"): Material's own start-up is one long task on any page, counted
# by TBT only when the page painted before it; this one counts it wherever it falls.
TBT = """(fromStart) => {
  const fcp = (performance.getEntriesByName("first-contentful-paint")[0] || { startTime: 0 }).startTime;
  const counted = window.__longTasks.filter(([start]) => fromStart || start >= fcp);
  return counted.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
}"""

# A reader in a hurry, from the first moment of the page: as soon as the first scored question is
# enhanced, scroll to it, pick its first option and press Check; stamp the moment its status shows a
# verdict (quiz.js draw(): quiz__status--<verdict> or --finished; --starting while Python boots, --notice
# for a changed question; --error and --failed end the measurement with an error).
FIRST_ANSWER = """(() => {
  window.__firstAnswer = null;
  const answer = (form) => {
    const status = form.querySelector(".quiz__status");
    new MutationObserver((_, observer) => {
      const state = [...status.classList].find(c => c.startsWith("quiz__status--"));
      const verdict = state && state.slice("quiz__status--".length);
      if (!verdict || ["starting", "notice"].includes(verdict)) return;
      window.__firstAnswer = { ms: performance.now(), verdict, form: form.id };
      observer.disconnect();
    }).observe(status, { attributes: true, attributeFilter: ["class"] });
    form.scrollIntoView();
    const input = form.querySelector(".quiz__fieldset input");
    if (input) input.click();
    for (const select of form.querySelectorAll(".quiz__fieldset select")) {  // a match: any choice in each row
      select.selectedIndex = 1;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
    form.querySelector(".quiz__check").click();
  };
  const pages = new MutationObserver(() => {
    const form = [...document.querySelectorAll("form.quiz[data-quiz-enhanced]")].find(
      f => !["scale", "reflection"].includes(JSON.parse(f.dataset.quiz).type));
    if (!form) return;
    pages.disconnect();
    if (form.quizQuestion) answer(form);
    else setTimeout(() => answer(form));  // its Question is made right after the attribute is set
  });
  pages.observe(document, { subtree: true, attributes: true, attributeFilter: ["data-quiz-enhanced"] });
})();"""

CHECK_TO_FEEDBACK = """async ({ formId, option }) => {
  const form = document.getElementById(formId);
  const status = form.querySelector(".quiz__status");
  form.querySelector(`input[value="${option}"]`).click();
  const painted = new Promise(resolve => new MutationObserver((_, observer) => {
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));  // after the next paint
  }).observe(status, { childList: true, subtree: true, characterData: true, attributes: true }));
  const start = performance.now();
  form.querySelector(".quiz__check").click();
  return (await painted) - start;
}"""

# Pick these options of a question, press Check, and wait for its verdict.
ANSWER = """async ({ formId, options }) => {
  const form = document.getElementById(formId);
  const status = form.querySelector(".quiz__status");
  for (const option of options) form.querySelector(`input[value="${option}"]`).click();
  const shown = new Promise(resolve => new MutationObserver((_, observer) => {
    if (!status.className.match(/quiz__status--(?!starting|notice)/)) return;
    observer.disconnect();
    resolve(status.className);
  }).observe(status, { attributes: true, attributeFilter: ["class"] }));
  form.querySelector(".quiz__check").click();
  return await shown;
}"""

# Whether the kept summaries (store.js setSummary, from quiz.js rememberPage) have this page's, with a status.
KEPT_SUMMARY = """key => Object.keys(localStorage).filter(name => name.endsWith(":summaries")).some(name => {
  try { const summary = JSON.parse(localStorage.getItem(name))[key]; return Boolean(summary && summary.status); }
  catch { return false; }
})"""

# On the progress page, from its first moment: stamp when the row of the page titled TITLE shows a status.
PROGRESS_ROW = """(() => {
  if (!location.pathname.endsWith("/progress/")) return;
  window.__progressRow = null;
  const rows = new MutationObserver(() => {
    for (const row of document.querySelectorAll(".quiz-progress tbody tr")) {
      const link = row.querySelector("th a");
      const status = ((row.querySelector("td") || {}).textContent || "").trim();
      if (!link || link.textContent.trim() !== TITLE || !status || status === "…") continue;
      window.__progressRow = {
        ms: performance.now(),
        status,
        engine: window.quizEngine ? window.quizEngine.state : "absent",
        controlled: Boolean(navigator.serviceWorker && navigator.serviceWorker.controller),
      };
      rows.disconnect();
      return;
    }
  });
  rows.observe(document, { childList: true, subtree: true, characterData: true });
})();"""

# Follow the link to `href` (instant navigation); time it until the new page's question `formId` is enhanced
# with the engine ready ("ms"), and until Material has put the new page's content in place ("swapped": its
# heading), both to the moment the page changes (a MutationObserver, not the next frame).
INSTANT_NAVIGATION = """async ({ href, formId }) => {
  const link = [...document.querySelectorAll("a")].find(a => a.getAttribute("href") && a.href.endsWith(href));
  const heading = document.querySelector("article h1");
  let start, swapped;
  return await new Promise((resolve, reject) => {
    const limit = setTimeout(() => reject(new Error(`${href}: no ready question ${formId} after 10 s`)), 10000);
    const check = () => {
      const now = performance.now() - start;
      if (swapped === undefined && location.href.endsWith(href) && document.querySelector("article h1") !== heading)
        swapped = now;
      const form = document.getElementById(formId);
      if (swapped !== undefined && form && form.hasAttribute("data-quiz-enhanced") && quizEngine.state === "ready") {
        observer.disconnect();
        removeEventListener("quiz:engine-ready", check);
        clearTimeout(limit);
        resolve({ ms: now, swapped });
      }
    };
    const observer = new MutationObserver(check);
    const watched = { childList: true, subtree: true, attributes: true, attributeFilter: ["data-quiz-enhanced"] };
    observer.observe(document, watched);
    addEventListener("quiz:engine-ready", check);
    start = performance.now();
    link.click();
  });
}"""
PAINT_SAMPLES = 3  # page loads per run for LCP and TBT: one page's paint varies by a third from load to load
SETTLE_S = 1.0  # a reader who follows a link after reading for a moment, not the instant Python is ready


class Wire:
    """Bytes on the wire, as Chromium counts them (CDP Network.loadingFinished encodedDataLength: headers
    and body as received), for a page and its dedicated workers. Chromium reports a worker's requests (all
    of Python's runtime: the engine boots in a worker) to the worker's own target, not the page's: this
    session attaches to each worker as it starts, non-flattened so that its messages arrive as events on
    this session, and enables the network domain there before letting it run. The service worker (which
    copies the whole site 2 s after Python is ready) is let run and not counted: its requests are not the page's.
    Chromium counts only the headers of a worker's own script (about 15 KB of bodies here), and a request
    cancelled once its headers are read (the engine's HEAD checks) as nothing."""

    EVENTS = (
        "Network.requestWillBeSent",
        "Network.responseReceived",
        "Network.loadingFinished",
        "Network.loadingFailed",
    )

    def __init__(self, context: BrowserContext, page: Page) -> None:
        self.cdp = context.new_cdp_session(page)
        self.ids = itertools.count(1)
        self.requests: dict[str, dict] = {}  # by CDP requestId, unique in the page's processes
        self.taken: set[str] = set()  # the requests a take() has returned already
        for method in self.EVENTS:
            self.cdp.on(method, lambda params, method=method: self.network(method, params))
        self.cdp.on("Target.attachedToTarget", self.attached)
        self.cdp.on("Target.receivedMessageFromTarget", self.received)
        self.cdp.send("Network.enable")
        self.cdp.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": False})

    def send(self, session: str, method: str) -> None:
        message = json.dumps({"id": next(self.ids), "method": method})
        self.cdp.send("Target.sendMessageToTarget", {"sessionId": session, "message": message})

    def attached(self, event: dict) -> None:
        if event["targetInfo"]["type"] == "worker":
            self.send(event["sessionId"], "Network.enable")
        self.send(event["sessionId"], "Runtime.runIfWaitingForDebugger")

    def received(self, event: dict) -> None:
        message = json.loads(event["message"])
        if message.get("method") in self.EVENTS:
            self.network(message["method"], message.get("params", {}))

    def network(self, method: str, params: dict) -> None:
        request = self.requests.setdefault(
            params.get("requestId", ""),
            {"url": None, "method": None, "bytes": None, "encoding": None, "from_service_worker": False},
        )
        if method == "Network.requestWillBeSent":
            request.update(url=params["request"]["url"], method=params["request"]["method"])
        elif method == "Network.responseReceived":
            headers = {name.lower(): value for name, value in params["response"].get("headers", {}).items()}
            request.update(
                url=request["url"] or params["response"]["url"],
                encoding=headers.get("content-encoding"),
                from_service_worker=bool(params["response"].get("fromServiceWorker")),
            )
        elif method == "Network.loadingFinished":
            request["bytes"] = int(params["encodedDataLength"])
        elif method == "Network.loadingFailed":
            request.update(bytes=0, failed=params.get("errorText"))

    def take(self) -> dict:
        """What was fetched since the last call (data: URLs left out): bytes, and each request (bytes None:
        not finished yet). A request that a call returned and that ends later is not counted again."""
        new = [key for key in self.requests if key not in self.taken]
        self.taken.update(new)
        requests = [self.requests[key] for key in new if not (self.requests[key]["url"] or "").startswith("data:")]
        return {"bytes": sum(request["bytes"] or 0 for request in requests), "requests": requests}


def prepare_docs(workdir: Path, lesson: Path) -> Path:
    """A copy of the docs with, beside the lesson, the same page without its questions; and the bare page,
    which loads the same self-hosted Pyodide in a module worker and nothing else."""
    docs = workdir / "docs"
    shutil.copytree(ROOT / "docs", docs)
    text = lesson.read_text(encoding="utf-8")
    lines = text.split("\n")
    for block in reversed(find_blocks(text)):
        del lines[block.start : block.end]
    (docs / plain_twin(lesson)).write_text("\n".join(lines), encoding="utf-8")
    version = json.loads((ROOT / "node_modules/pyodide/package.json").read_text())["version"]
    info = json.loads((ROOT / "node_modules/pyodide/pyodide-lock.json").read_text())["info"]
    lock = json.dumps(json.dumps({"info": info, "packages": {}}))  # a lock file with no package, as a JS string
    (docs / "bench").mkdir()
    (docs / "bench/bare.html").write_text(BARE_PAGE.replace("VERSION", version).replace("LOCK", lock), encoding="utf-8")
    (docs / "bench/bare-worker.js").write_text(BARE_WORKER, encoding="utf-8")
    return docs


def plain_twin(lesson: Path) -> Path:
    """Where the lesson's copy without questions goes, relative to docs/: beside it, so links still work."""
    relative = lesson.relative_to(ROOT / "docs")
    return relative.with_name(f"{relative.stem}-plain.md")


def page_url(base: str, relative: Path | str) -> str:
    return f"{base}{Path(relative).with_suffix('').as_posix()}/"


def fresh_page(browser: Browser, *init_scripts: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for script in (OBSERVE, *init_scripts):
        page.add_init_script(script)
    return context, page


def wait_ready(page: Page) -> None:
    page.wait_for_function("window.quizEngine && quizEngine.state === 'ready'", timeout=PYTHON_TIMEOUT_MS, polling=20)


def mark(page: Page, name: str) -> float:
    return page.evaluate("name => performance.getEntriesByName(name)[0].startTime", name)


def median(values: list[float]) -> float:
    return statistics.median(values)


def ratio(ours: float, reference: float) -> float | None:
    return ours / reference if reference > 0 else None


def first_answer(browser: Browser, url: str) -> dict:
    """One reader who answers the first scored question of ``url`` at once (see FIRST_ANSWER)."""
    context, page = fresh_page(browser, FIRST_ANSWER)
    page.goto(url)
    result = page.wait_for_function("window.__firstAnswer", timeout=PYTHON_TIMEOUT_MS, polling=50).json_value()
    context.close()
    if result["verdict"] in ("error", "failed"):
        raise RuntimeError(f"the first answer on {url} ended in {result['verdict']}")
    return result


def measure_boot_and_paint(browser: Browser, runs: int, urls: dict[str, str]) -> dict:
    """The bare boot, ours and the first answer at once, in a rotating order; then LCP and TBT, alternating."""
    boot: dict[str, list[float]] = {"bare": [], "ours": [], "ours_engine_only": [], "first_answer": []}
    paint: dict[str, dict[str, list[float]]] = {n: {"lcp": [], "tbt": [], "blocking": []} for n in ("plain", "ours")}
    order = ["bare", "ours", "first_answer"]
    for run in range(runs):
        for name in order[run % 3 :] + order[: run % 3]:
            if name == "first_answer":
                boot["first_answer"].append(first_answer(browser, urls["answer"])["ms"])
                continue
            context, page = fresh_page(browser)
            if name == "bare":
                page.goto(urls["bare"])
                page.wait_for_function("window.bareReady === true", timeout=PYTHON_TIMEOUT_MS, polling=20)
                boot["bare"].append(mark(page, "bare:ready"))
            else:
                page.goto(urls["boot"])
                wait_ready(page)
                boot["ours"].append(mark(page, "quiz:engine-ready"))
                boot["ours_engine_only"].append(mark(page, "quiz:engine-ready") - mark(page, "quiz:engine-start"))
            context.close()
        for name in ("plain", "ours") * PAINT_SAMPLES if run % 2 == 0 else ("ours", "plain") * PAINT_SAMPLES:
            context, page = fresh_page(browser)
            page.goto(urls["plain"] if name == "plain" else urls["lesson"], wait_until="load")
            time.sleep(1.0)  # let LCP settle and long tasks land
            paint[name]["lcp"].append(page.evaluate("window.__lcp"))
            paint[name]["tbt"].append(page.evaluate(TBT, False))
            paint[name]["blocking"].append(page.evaluate(TBT, True))
            context.close()
    return {"boot": boot, "paint": paint}


def measure_check(browser: Browser, runs: int, boot_url: str) -> list[float]:
    """Check to feedback on screen, on one page whose engine is ready, at least 20 times."""
    context, page = fresh_page(browser)
    page.goto(boot_url)
    wait_ready(page)
    first_form = page.eval_on_selector("form.quiz", "form => form.id")
    options = page.eval_on_selector_all(f"#{first_form} input", "inputs => inputs.map(i => i.value)")
    check = [
        page.evaluate(CHECK_TO_FEEDBACK, {"formId": first_form, "option": options[i % len(options)]})
        for i in range(max(20, runs))
    ]
    context.close()
    return check


def measure_instant(browser: Browser, runs: int, server: str) -> dict[str, list[float]]:
    """Engine ready on a second page reached by instant navigation (see INSTANT_NAVIGATION), SETTLE_S after
    Python is ready on the first ("settled", with Material's part: "swapped"), and the instant it is ready."""
    instant: dict[str, list[float]] = {"settled": [], "swapped": [], "at_once": []}
    second = {"href": "examples/true-false/", "formId": "quiz-example-difference"}
    for _ in range(runs):
        for name in ("at_once", "settled"):
            context, page = fresh_page(browser)
            page.goto(f"{server}examples/choice/")
            wait_ready(page)
            if name == "settled":
                time.sleep(SETTLE_S)
            timing = page.evaluate(INSTANT_NAVIGATION, second)
            instant[name].append(timing["ms"])
            if name == "settled":
                instant["swapped"].append(timing["swapped"])
            context.close()
    return instant


def measure_progress(browser: Browser, runs: int, server: str) -> list[dict]:
    """The progress page drawn from the kept summaries, before Python (see PROGRESS_ROW)."""
    samples = []
    for _ in range(runs):
        context, page = fresh_page(browser, PROGRESS_ROW.replace("TITLE", json.dumps("Choice questions")))
        page.goto(f"{server}examples/choice/")
        wait_ready(page)
        page.evaluate(ANSWER, {"formId": "quiz-example-decisions", "options": ["b"]})
        page.evaluate(ANSWER, {"formId": "quiz-example-outside", "options": ["a", "c"]})
        page.wait_for_function(KEPT_SUMMARY, arg="page:examples/choice/", timeout=PYTHON_TIMEOUT_MS, polling=20)
        page.goto(f"{server}progress/")
        samples.append(page.wait_for_function("window.__progressRow", timeout=PYTHON_TIMEOUT_MS).json_value())
        context.close()
    return samples


def measure_bytes(browser: Browser, runs: int, server: str) -> list[dict]:
    """Bytes on the wire for a quiz page, then for a second page reached by instant navigation (see Wire)."""
    samples = []
    for _ in range(runs):
        context, page = fresh_page(browser)
        wire = Wire(context, page)
        page.goto(f"{server}examples/choice/")
        wait_ready(page)
        first = wire.take()
        page.evaluate(INSTANT_NAVIGATION, {"href": "examples/true-false/", "formId": "quiz-example-difference"})
        second = wire.take()
        samples.append({"first": first, "second": second})
        context.close()
    return samples


def measure(browser: Browser, server: str, room: str, runs: int, pages: dict[str, Path]) -> dict:
    docs = ROOT / "docs"
    urls = {
        "bare": f"{server}bench/bare.html",
        "boot": page_url(server, pages["boot"].relative_to(docs)),
        "answer": page_url(server, pages["answer"].relative_to(docs)),
        "lesson": page_url(server, pages["lesson"].relative_to(docs)),
        "plain": page_url(server, plain_twin(pages["lesson"])),
    }
    timings = measure_boot_and_paint(browser, runs, urls)
    boot, paint = timings["boot"], timings["paint"]
    check = measure_check(browser, runs, urls["boot"])
    instant = measure_instant(browser, runs, server)
    progress = measure_progress(browser, runs, server)
    wire = measure_bytes(browser, runs, room)
    web_wire = measure_bytes(browser, min(runs, 3), server)  # for comparison: the same bytes each time

    second_page = page_url(room, "examples/true-false.md")
    second_extra = sorted(
        {
            r["url"]
            for sample in wire
            for r in sample["second"]["requests"]
            if r["url"] not in (None, second_page) and r["bytes"] != 0  # 0: from the browser's memory cache
        }
    )
    first_page = [r for r in wire[0]["first"]["requests"] if r["method"] == "GET" and r["bytes"] is not None]
    largest = sorted(first_page, key=lambda r: r["bytes"], reverse=True)
    return {
        "runs": runs,
        "boot_page": pages["boot"].relative_to(ROOT).as_posix(),
        "answer_page": pages["answer"].relative_to(ROOT).as_posix(),
        "paint_page": pages["lesson"].relative_to(ROOT).as_posix(),
        "boot_ms": {key: median(values) for key, values in boot.items() if key != "first_answer"},
        "boot_ratio": ratio(median(boot["ours"]), median(boot["bare"])),
        "engine_only_ratio": ratio(median(boot["ours_engine_only"]), median(boot["bare"])),
        "first_answer_ms": median(boot["first_answer"]),
        "first_answer_ratio": ratio(median(boot["first_answer"]), median(boot["bare"])),
        "first_answer_before_snapshot_ms": SNAPSHOTLESS_FIRST_ANSWER_MS,
        "lcp_ms": {key: median(values["lcp"]) for key, values in paint.items()},
        "lcp_ratio": ratio(median(paint["ours"]["lcp"]), median(paint["plain"]["lcp"])),
        "tbt_ms": {key: median(values["tbt"]) for key, values in paint.items()},
        "tbt_ratio": ratio(median(paint["ours"]["tbt"]), median(paint["plain"]["tbt"])),
        "blocking_ms": {key: median(values["blocking"]) for key, values in paint.items()},
        "check_to_feedback_ms": median(check),
        "instant_navigation_ready_ms": median(instant["settled"]),
        "instant_navigation_at_once_ms": median(instant["at_once"]),
        "instant_navigation_swapped_ms": median(instant["swapped"]),
        "progress_row_ms": median([sample["ms"] for sample in progress]),
        "progress_engine_states": sorted({sample["engine"] for sample in progress}),
        "progress_controlled_by_service_worker": sum(sample["controlled"] for sample in progress),
        "first_page_bytes": median([sample["first"]["bytes"] for sample in wire]),
        "first_page_largest": [{key: request[key] for key in ("url", "bytes", "encoding")} for request in largest[:6]],
        "web_first_page_bytes": median([sample["first"]["bytes"] for sample in web_wire]),
        "first_page_gzip": sum(r["encoding"] == "gzip" for r in first_page),
        "first_page_requests": len(first_page),
        "second_page_bytes": median([sample["second"]["bytes"] for sample in wire]),
        "second_page_extra": second_extra,
        "samples": {
            "boot": boot,
            "paint": paint,
            "check": check,
            "instant": instant,
            "progress": progress,
            "wire": wire,
            "web_wire": web_wire,
        },
    }


def judge(report: dict) -> dict:
    """Each target, its value in this run, and whether it is met."""
    targets = {
        "boot_ratio": (report["boot_ratio"], "<= 1.15", 1.15),
        "first_answer_ratio": (report["first_answer_ratio"], "<= 0.5 x bare boot", 0.5),
        "lcp_ratio": (report["lcp_ratio"], "<= 1.05", 1.05),
        "tbt_ms": (report["tbt_ms"]["ours"], "0 ms", 0),
        "check_to_feedback_ms": (report["check_to_feedback_ms"], "<= 20 ms", 20),
        "instant_navigation_ready_ms": (report["instant_navigation_ready_ms"], "<= 50 ms", 50),
        "progress_row_ms": (report["progress_row_ms"], "<= 300 ms", 300),
        "first_page_bytes": (report["first_page_bytes"], "<= 6 MB", 6 * MB),
    }
    verdicts = {
        name: {"value": value, "target": text, "met": value is not None and value <= limit}
        for name, (value, text, limit) in targets.items()
    }
    verdicts["progress_engine_not_ready"] = {
        "value": report["progress_engine_states"],
        "target": "engine not ready when the row shows",
        "met": "ready" not in report["progress_engine_states"],
    }
    verdicts["second_page_html_only"] = {
        "value": report["second_page_extra"],
        "target": "nothing but its HTML",
        "met": not report["second_page_extra"],
    }
    return verdicts


def show(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def print_report(report: dict) -> None:
    boot, lcp, tbt, met = report["boot_ms"], report["lcp_ms"], report["tbt_ms"], report["targets"]

    def target(name: str) -> str:
        return f"(target {met[name]['target']}: {'met' if met[name]['met'] else 'MISSED'})"

    print(f"Medians over {report['runs']} runs each, headless Chromium, a fresh context (empty cache) per run")
    if report["runs"] < MIN_RUNS:
        print(f"  NOTE: a quick trial: the figures need at least {MIN_RUNS} runs (--runs {MIN_RUNS} or more)")
    print(f"  Engine ready from navigation start ({report['boot_page']}):")
    print(
        f"    bare Pyodide {boot['bare']:.0f} ms, ours {boot['ours']:.0f} ms:"
        f" ratio {show(report['boot_ratio'])} {target('boot_ratio')}"
    )
    print(
        f"    our engine alone, start to ready: {boot['ours_engine_only']:.0f} ms:"
        f" ratio {show(report['engine_only_ratio'])} to the bare page"
    )
    before = report["first_answer_before_snapshot_ms"]
    print(f"  First answer at once ({report['answer_page']}, quiz far down), navigation start to verdict:")
    print(
        f"    {report['first_answer_ms']:.0f} ms: {show(report['first_answer_ratio'])} x bare boot"
        f" {target('first_answer_ratio')}"
    )
    print(
        f"    before the memory snapshot: {before / 1000:.1f} s (median of 7); now"
        f" {show(ratio(report['first_answer_ms'], before))} of that"
    )
    print(f"  {report['paint_page']} against the same text without questions:")
    print(
        f"    Largest Contentful Paint: plain {lcp['plain']:.0f} ms, ours {lcp['ours']:.0f} ms:"
        f" ratio {show(report['lcp_ratio'])} {target('lcp_ratio')}"
    )
    print(f"    Total Blocking Time: plain {tbt['plain']:.0f} ms, ours {tbt['ours']:.0f} ms {target('tbt_ms')}")
    blocking = report["blocking_ms"]
    print(f"    the same from navigation start: plain {blocking['plain']:.0f} ms, ours {blocking['ours']:.0f} ms")
    print(f"  Check to feedback on screen: {report['check_to_feedback_ms']:.1f} ms {target('check_to_feedback_ms')}")
    print(
        f"  Engine ready after instant navigation, {SETTLE_S:.0f} s after Python was ready:"
        f" {report['instant_navigation_ready_ms']:.1f} ms {target('instant_navigation_ready_ms')}"
    )
    swapped, at_once = report["instant_navigation_swapped_ms"], report["instant_navigation_at_once_ms"]
    print(f"    of which Material's, until the new page's content is in place: {swapped:.1f} ms")
    print(f"    the instant Python is ready (not a second after): {at_once:.1f} ms")
    print(
        f"  Progress page, navigation start to the row of the page answered: {report['progress_row_ms']:.0f} ms"
        f" {target('progress_row_ms')}"
    )
    print(
        f"    engine then: {', '.join(report['progress_engine_states'])} {target('progress_engine_not_ready')};"
        f" page controlled by the service worker in {report['progress_controlled_by_service_worker']}"
        f" of {report['runs']} runs"
    )
    print("  Bytes on the wire (workshop server; the page and its workers, not the service worker):")
    print(f"    the web's copy (with the memory snapshot), a quiz page: {report['web_first_page_bytes'] / MB:.2f} MB")
    print("    the room's copy (`make archive`: no memory snapshot):")
    print(
        f"    a quiz page until its engine is ready: {report['first_page_bytes'] / MB:.2f} MB"
        f" {target('first_page_bytes')}; {report['first_page_gzip']} of {report['first_page_requests']}"
        " responses to GET gzip-encoded; the largest (with their Content-Encoding):"
    )
    for request in report["first_page_largest"]:
        print(f"      {request['bytes'] / MB:6.2f} MB  {request['encoding'] or 'none':4}  {request['url']}")
    print(
        f"    the next page by instant navigation, until its engine is ready: {report['second_page_bytes']:.0f} bytes"
        f" {target('second_page_html_only')}"
    )
    for url in report["second_page_extra"]:
        print(f"      also fetched: {url}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help=f"runs per measurement (1 for a trial; {MIN_RUNS}+)")
    parser.add_argument("--boot-page", default="docs/examples/choice.md", help="a page with a question on top")
    parser.add_argument("--answer-page", default="docs/lessons/02-love-stories.md", help="a quiz far down a page")
    parser.add_argument("--lesson", default="docs/lessons/01-what-asymmetry-is.md", help="a lesson for LCP and TBT")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    lesson = ROOT / args.lesson
    if not lesson.exists():
        lesson = ROOT / "docs/examples/choice.md"
    pages = {"boot": ROOT / args.boot_page, "answer": ROOT / args.answer_page, "lesson": lesson}

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        workdir = Path(tmp)
        docs = prepare_docs(workdir, lesson)
        server = SiteServer(workdir / "site").start()
        build_site(workdir / "site", server.url, docs_dir=docs, strict=False)
        room = SiteServer(workdir / "room-site").start()
        os.environ["QUIZ_SNAPSHOT"] = "false"  # as `make archive` builds it
        try:
            build_site(workdir / "room-site", room.url, docs_dir=docs, strict=False)
        finally:
            del os.environ["QUIZ_SNAPSHOT"]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            report = measure(browser, server.url, room.url, args.runs, pages)
        finally:
            browser.close()
            server.shutdown()
            room.shutdown()
    report["targets"] = judge(report)

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print_report(report)
    print(f"  Written to {RESULTS / 'latest.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
