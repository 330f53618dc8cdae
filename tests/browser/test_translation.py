"""The quiz interface follows Material's theme.language: a French site speaks French, built and in use."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from quiz_engine.serve import SiteServer
from tests.support import ROOT

from .helpers import check_answer


@pytest.fixture(scope="module")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    folder = tmp_path_factory.mktemp("french")
    (folder / "docs").mkdir()
    shutil.copy(ROOT / "docs/examples/choice.md", folder / "docs/index.md")
    (folder / "mkdocs.yml").write_text(
        "site_name: Cours\n"
        "theme: {name: material, language: fr, font: false}\n"
        "plugins:\n"
        "  - quiz:\n"
        f"      runtime_dir: {ROOT / 'node_modules/pyodide'}\n"
        f"      build_dir: {ROOT / 'build'}\n",
        encoding="utf-8",
    )
    server = SiteServer(folder / "site").start()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(folder / "mkdocs.yml"), site_url=server.url))
    yield server.url
    server.shutdown()


def test_a_french_site_shows_the_quiz_in_french(page: Page, french_site: str, watch) -> None:
    watch.site = french_site
    page.goto(french_site)
    form = page.locator("#quiz-example-decisions")
    expect(form.locator(".quiz__check")).to_have_text("Vérifier")
    expect(form.locator(".quiz__instruction")).to_have_text("Choisissez une réponse.")
    assert check_answer(page, "example-decisions", ["b"]) == "correct"
    expect(form.locator(".quiz__status p")).to_have_text(["Juste.", "Score : 1 sur 1."])
    expect(page.locator(".quiz-summary__title")).to_have_text("Votre score sur cette page")
