"""Steps the browser tests share: wait for Python, answer a question, read the verdict."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Page

from tests.support import ROOT, build_site

PYTHON_TIMEOUT_MS = 60_000  # the ceiling for waiting on Python to start; it usually takes about 3 s


def wait_for_engine(page: Page) -> None:
    page.wait_for_function(
        "window.quizEngine && window.quizEngine.state === 'ready'", timeout=PYTHON_TIMEOUT_MS, polling=100
    )


def check_answer(page: Page, question_id: str, options: list[str]) -> str:
    """Choose the options of a question, press Check, and return the verdict Python gave."""
    form = page.locator(f"#quiz-{question_id}")
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


def build_changed_site(tmp_path: Path, site_url: str, page: str, old: str, new: str) -> Path:
    """The course built again after an author replaced ``old`` with ``new`` in one page (and nothing else)."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    source = docs / page
    text = source.read_text(encoding="utf-8")
    assert old in text, f"{page} no longer says {old!r}"
    source.write_text(text.replace(old, new), encoding="utf-8")
    return build_site(tmp_path / "site", site_url, docs_dir=docs)
