"""Steps the browser tests share: move between pages, wait for Python, answer a question, read the verdict."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Page

from tests.support import ROOT

PYTHON_TIMEOUT_MS = 60_000  # the ceiling for waiting on Python to start; it usually takes about 3 s
VIEWPORT = {"width": 1280, "height": 900}

ENHANCED = """path => location.pathname === path
    && !document.querySelector("[data-md-component=container][data-test-left]")
    && [...document.querySelectorAll("[data-quiz], [data-quiz-summary], [data-quiz-pool], [data-quiz-course]")]
        .every((element) => element.hasAttribute("data-quiz-enhanced"))"""

CLICK_LINK = """url => {
    document.querySelector("[data-md-component=container]").setAttribute("data-test-left", "");
    const link = document.createElement("a");
    link.href = url;
    document.body.append(link);
    link.click();
    link.remove();
}"""


def visit(page: Page, url: str) -> None:
    """Open ``url`` as a reader following a link would: by Material's instant navigation when the page is
    already on the site (the engine keeps running), by loading it otherwise. Returns once the questions
    are ready to use."""
    target = urlsplit(url)
    here = urlsplit(page.url)
    if (here.scheme, here.netloc) != (target.scheme, target.netloc) or not page.evaluate("!!window.location$"):
        page.goto(url)
    else:
        if here.path == target.path:  # instant navigation only follows a change of page
            follow_link(page, urljoin(url, "/" if target.path != "/" else "/glossary/"))
        follow_link(page, url)
    page.wait_for_function(ENHANCED, arg=urlsplit(page.url).path, timeout=PYTHON_TIMEOUT_MS, polling=50)


def follow_link(page: Page, url: str) -> None:
    page.evaluate(CLICK_LINK, url)
    page.wait_for_function(
        "path => location.pathname === path && !document.querySelector('[data-test-left]')",
        arg=urlsplit(url).path,
        timeout=PYTHON_TIMEOUT_MS,
        polling=50,
    )


def wait_for_engine(page: Page) -> None:
    page.wait_for_function(
        "window.quizEngine && window.quizEngine.state === 'ready'", timeout=PYTHON_TIMEOUT_MS, polling=100
    )


def check_answer(page: Page, question_id: str, options: list[str]) -> str:
    """Choose the options of a question, press Check, and return the verdict Python gave."""
    form = page.locator(f"#quiz-{question_id}")
    form.and_(page.locator("[data-quiz-enhanced]")).wait_for()
    for option in options:
        form.locator(f"input[value='{option}']").check()
    form.locator(".quiz__check").click()
    return wait_for_verdict(page, question_id)


def wait_for_verdict(page: Page, question_id: str) -> str:
    status = page.locator(f"#quiz-{question_id}-status")
    page.wait_for_function(
        "id => /quiz__status--(correct|partial|incorrect|complete|error)/.test(document.getElementById(id).className)",
        arg=f"quiz-{question_id}-status",
        timeout=PYTHON_TIMEOUT_MS,
        polling=50,
    )
    return status.get_attribute("class").split("quiz__status--")[1]


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page: Page) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):  # instant navigation keeps it
        page.add_script_tag(path=str(AXE))
    # Colours are measured once transitions end (instant navigation fades the header's title, for one).
    page.evaluate("Promise.all(document.getAnimations().map((animation) => animation.finished))")
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in results["violations"]
    ]


def import_file(page: Page, tmp_path: Path, content: str, accept: bool = True) -> None:
    """Import ``content`` as a progress file on the progress page, confirming the replacement (or not)."""
    file = tmp_path / "progress.json"
    file.write_text(content, encoding="utf-8")
    if accept:
        page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#quiz-progress-file").set_input_files(str(file))
