"""What the tests and the benchmarks share: building the site, and launching Debian's Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# As root Chromium needs --no-sandbox; the rest keeps it from calling Google's services on start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

EXAMPLES_NAV = [
    {"Home": "index.md"},
    {"Choice questions": "examples/choice.md"},
    {"True or false": "examples/true-false.md"},
    {"More question types": "examples/more-types.md"},
    {"A question pool": "examples/pool.md"},
    {"Your progress": "progress.md"},
]


def build_site(
    destination: Path, site_url: str, *, docs_dir: Path | None = None, strict: bool = True, **overrides: object
) -> Path:
    """Build the site from mkdocs.yml as `mkdocs build --strict` would, into ``destination``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if docs_dir:
        overrides["docs_dir"] = str(docs_dir)
    config = load_config(
        str(ROOT / "mkdocs.yml"), site_dir=str(destination), site_url=site_url, strict=strict, **overrides
    )
    build(config)
    return destination


def build_examples_site(folder: Path, site_url: str, changes: dict[str, tuple[str, str]]) -> Path:
    """A small site for tests that need a page changed as an author would change it: the example pages
    and the progress page of the course (at the same addresses), with ``changes`` ({page: (old, new)})."""
    docs = folder / "docs"
    shutil.copytree(ROOT / "docs/examples", docs / "examples")
    shutil.copy(ROOT / "docs/progress.md", docs / "progress.md")
    (docs / "index.md").write_text("# Examples\n\nThe example pages of the course.\n", encoding="utf-8")
    for page, (old, new) in changes.items():
        source = docs / page
        text = source.read_text(encoding="utf-8")
        assert old in text, f"{page} no longer says {old!r}"
        source.write_text(text.replace(old, new), encoding="utf-8")
    return build_site(folder / "site", site_url, docs_dir=docs, nav=EXAMPLES_NAV)


def build_french_site(folder: Path, site_url: str) -> Path:
    """The example pages and the progress page (at the course's addresses) in a site whose language is
    French, as a French author would configure it: the interface follows Material's theme.language."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = folder / "docs"
    shutil.copytree(ROOT / "docs/examples", docs / "examples")
    shutil.copy(ROOT / "docs/progress.md", docs / "progress.md")
    (docs / "index.md").write_text("# Cours\n\nLes pages d'exemple.\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Cours\n"
        "theme: {name: material, language: fr, font: false, features: [navigation.instant]}\n"
        "plugins:\n"
        "  - quiz:\n"
        f"      runtime_dir: {ROOT / 'node_modules/pyodide'}\n"
        f"      build_dir: {ROOT / 'build'}\n"
        "markdown_extensions: [admonition, attr_list]\n",
        encoding="utf-8",
    )
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(folder / "mkdocs.yml"), site_url=site_url, site_dir=str(folder / "site"), strict=True))
    return folder / "site"
