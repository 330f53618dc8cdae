"""The plugin's settings, as written under `plugins: - quiz:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class QuizConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (the questions still render; they are not checked across the site)."""

    runtime_dir = c.Type(str, default="node_modules/pyodide")
    """Where the Pyodide runtime from npm lives, relative to mkdocs.yml."""

    build_dir = c.Type(str, default="build")
    """Where the engine wheel and its lock file are built, relative to mkdocs.yml."""

    boot_timeout = c.Type(int, default=60)
    """Seconds the browser waits for Python to start before it offers to try again."""

    mastery = c.Type(float, default=0.8)
    """The share of a lesson's points that masters it (0.8: 80%)."""

    language = c.Optional(c.Type(str))
    """Language of the quiz interface; by default the theme's language."""

    snapshot = c.Type(bool, default=True)
    """Start Python from a memory snapshot made at build time (needs Node.js; about 4 times faster)."""

    compress = c.Type(bool, default=True)
    """Write gzip copies of the site's files, which the workshop server (serve.py) sends when it can."""

    offline = c.Type(bool, default=True)
    """Give the site a service worker, so that after one visit it works without a connection."""
