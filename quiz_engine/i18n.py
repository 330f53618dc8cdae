"""The words of the quiz interface, per language: one JSON file per language in ``locales/``.

The page's language picks them (the MkDocs plugin follows Material's ``theme.language``). Keys starting
with ``js.`` are the messages the browser shows; the plugin hands them to the page. Placeholders in
braces are filled in by the browser from the engine's result. To add a language, copy ``en.json`` to
``<code>.json`` and translate every value; a test checks that no key is missing.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LOCALES = Path(__file__).resolve().parent / "locales"
DEFAULT_LANGUAGE = "en"


def languages() -> list[str]:
    return sorted(path.stem for path in LOCALES.glob("*.json"))


@cache
def _load(language: str) -> dict[str, str]:
    path = LOCALES / f"{language}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def strings(language: str | None = None) -> dict[str, str]:
    """The strings for a language, falling back to English for a language or a key we do not have."""
    code = (language or DEFAULT_LANGUAGE).replace("_", "-").split("-")[0].lower()
    return {**_load(DEFAULT_LANGUAGE), **_load(code)}
