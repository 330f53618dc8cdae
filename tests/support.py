"""What the tests and the benchmarks share: building the site, and launching Debian's Chromium."""

from __future__ import annotations

import os
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


def build_site(destination: Path, site_url: str, *, docs_dir: Path | None = None, strict: bool = True) -> Path:
    """Build the site from mkdocs.yml as `mkdocs build --strict` would, into ``destination``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    overrides = {"docs_dir": str(docs_dir)} if docs_dir else {}
    config = load_config(
        str(ROOT / "mkdocs.yml"), site_dir=str(destination), site_url=site_url, strict=strict, **overrides
    )
    build(config)
    return destination
