"""Side-by-side timings in headless Chromium, in one run: `make benchmark` (or `python -m benchmarks.run`).

What it measures, each over --runs runs in fresh browser contexts (empty cache), alternating the pages:
1. the bare Pyodide boot (a page that only loads Pyodide in a module worker) against our time until the
   engine is ready, on a page whose first question is on the first screen, both from the start of
   navigation (target: ratio <= 1.15); also the engine's own start-up, from its start to ready;
2. a lesson against a plain Material page with the same text and no questions: Largest Contentful Paint
   and Total Blocking Time on the main thread (target: ratio <= 1.05);
3. the time from pressing Check to the feedback on screen once the engine is ready (target: median <= 50 ms);
4. the time until the engine is ready on a second page reached by instant navigation (target: <= 100 ms).
It prints medians and ratios and writes them to benchmarks/results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from quiz_engine.markdown.source import find_blocks
from quiz_engine.serve import SiteServer
from tests.support import CHROMIUM, CHROMIUM_ARGS, ROOT, build_site

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
PYTHON_TIMEOUT_MS = 60_000

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

TBT = """() => {
  const fcp = (performance.getEntriesByName("first-contentful-paint")[0] || { startTime: 0 }).startTime;
  return window.__longTasks.filter(([start]) => start >= fcp).reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
}"""

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

INSTANT_NAVIGATION = """async ({ href, formId }) => {
  const link = [...document.querySelectorAll("a")].find(a => a.getAttribute("href") && a.href.endsWith(href));
  const start = performance.now();
  link.click();
  return await new Promise(resolve => {
    const poll = () => {
      const form = document.getElementById(formId);
      if (form && form.hasAttribute("data-quiz-enhanced") && window.quizEngine.state === "ready")
        resolve(performance.now() - start);
      else requestAnimationFrame(poll);
    };
    poll();
  });
}"""


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


def page_url(base: str, relative: Path) -> str:
    return f"{base}{relative.with_suffix('').as_posix()}/"


def fresh_page(browser: Browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(OBSERVE)
    return context, page


def wait_ready(page) -> None:
    page.wait_for_function("window.quizEngine && quizEngine.state === 'ready'", timeout=PYTHON_TIMEOUT_MS, polling=20)


def mark(page, name: str) -> float:
    return page.evaluate("name => performance.getEntriesByName(name)[0].startTime", name)


def median(values: list[float]) -> float:
    return statistics.median(values)


def ratio(ours: float, reference: float) -> float | None:
    return ours / reference if reference > 0 else None


def measure(browser: Browser, server: str, runs: int, boot_page: Path, lesson: Path) -> dict:
    docs = ROOT / "docs"
    boot_url = page_url(server, boot_page.relative_to(docs))
    lesson_url = page_url(server, lesson.relative_to(docs))
    plain_url = page_url(server, plain_twin(lesson))
    bare_url = f"{server}bench/bare.html"

    boot: dict[str, list[float]] = {"bare": [], "ours": [], "ours_engine_only": []}
    paint: dict[str, dict[str, list[float]]] = {n: {"lcp": [], "tbt": []} for n in ("plain", "ours")}
    for run in range(runs):
        for name in ("bare", "ours") if run % 2 == 0 else ("ours", "bare"):
            context, page = fresh_page(browser)
            if name == "bare":
                page.goto(bare_url)
                page.wait_for_function("window.bareReady === true", timeout=PYTHON_TIMEOUT_MS, polling=20)
                boot["bare"].append(mark(page, "bare:ready"))
            else:
                page.goto(boot_url)
                wait_ready(page)
                boot["ours"].append(mark(page, "quiz:engine-ready"))
                boot["ours_engine_only"].append(mark(page, "quiz:engine-ready") - mark(page, "quiz:engine-start"))
            context.close()
        for name in ("plain", "ours") if run % 2 == 0 else ("ours", "plain"):
            context, page = fresh_page(browser)
            page.goto(plain_url if name == "plain" else lesson_url, wait_until="load")
            time.sleep(1.0)  # let LCP settle and long tasks land
            paint[name]["lcp"].append(page.evaluate("window.__lcp"))
            paint[name]["tbt"].append(page.evaluate(TBT))
            context.close()

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

    instant = []
    for _ in range(runs):
        context, page = fresh_page(browser)
        page.goto(f"{server}examples/choice/")
        wait_ready(page)
        instant.append(
            page.evaluate(INSTANT_NAVIGATION, {"href": "examples/true-false/", "formId": "quiz-example-difference"})
        )
        context.close()

    return {
        "runs": runs,
        "boot_page": boot_page.relative_to(ROOT).as_posix(),
        "paint_page": lesson.relative_to(ROOT).as_posix(),
        "boot_ms": {key: median(values) for key, values in boot.items()},
        "boot_ratio": ratio(median(boot["ours"]), median(boot["bare"])),
        "engine_only_ratio": ratio(median(boot["ours_engine_only"]), median(boot["bare"])),
        "lcp_ms": {key: median(values["lcp"]) for key, values in paint.items()},
        "lcp_ratio": ratio(median(paint["ours"]["lcp"]), median(paint["plain"]["lcp"])),
        "tbt_ms": {key: median(values["tbt"]) for key, values in paint.items()},
        "tbt_ratio": ratio(median(paint["ours"]["tbt"]), median(paint["plain"]["tbt"])),
        "check_to_feedback_ms": median(check),
        "instant_navigation_ready_ms": median(instant),
        "samples": {"boot": boot, "paint": paint, "check": check, "instant": instant},
    }


def show(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def print_report(report: dict) -> None:
    boot, lcp, tbt = report["boot_ms"], report["lcp_ms"], report["tbt_ms"]
    tbt_ratio = "equal, both 0" if tbt["plain"] == tbt["ours"] == 0 else show(report["tbt_ratio"])
    print(f"Medians over {report['runs']} runs each, headless Chromium, a fresh context (empty cache) per run")
    print(f"  Engine ready from navigation start ({report['boot_page']}):")
    print(
        f"    bare Pyodide {boot['bare']:.0f} ms, ours {boot['ours']:.0f} ms: ratio {show(report['boot_ratio'])}"
        " (target <= 1.15)"
    )
    print(
        f"    our engine alone, start to ready: {boot['ours_engine_only']:.0f} ms:"
        f" ratio {show(report['engine_only_ratio'])} to the bare page"
    )
    print(f"  {report['paint_page']} against the same text without questions:")
    print(
        f"    Largest Contentful Paint: plain {lcp['plain']:.0f} ms, ours {lcp['ours']:.0f} ms:"
        f" ratio {show(report['lcp_ratio'])} (target <= 1.05)"
    )
    print(
        f"    Total Blocking Time: plain {tbt['plain']:.0f} ms, ours {tbt['ours']:.0f} ms: {tbt_ratio} (target <= 1.05)"
    )
    print(f"  Check to feedback on screen: {report['check_to_feedback_ms']:.1f} ms (target <= 50 ms)")
    print(f"  Engine ready after instant navigation: {report['instant_navigation_ready_ms']:.1f} ms (target <= 100 ms)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per measurement (at least 5)")
    parser.add_argument("--boot-page", default="docs/examples/choice.md", help="a page with a question on top")
    parser.add_argument("--lesson", default="docs/lessons/01-what-asymmetry-is.md", help="a lesson for LCP and TBT")
    args = parser.parse_args()
    lesson = ROOT / args.lesson
    if not lesson.exists():
        lesson = ROOT / "docs/examples/choice.md"

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        workdir = Path(tmp)
        docs = prepare_docs(workdir, lesson)
        server = SiteServer(workdir / "site").start()
        build_site(workdir / "site", server.url, docs_dir=docs, strict=False)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            report = measure(browser, server.url, max(5, args.runs), ROOT / args.boot_page, lesson)
        finally:
            browser.close()
            server.shutdown()

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print_report(report)
    print(f"  Written to {RESULTS / 'latest.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
