"""The interface's words: every language complete, with the same placeholders as English."""

from __future__ import annotations

import json
import re

import pytest

from quiz_engine.i18n import LOCALES, languages, strings

ENGLISH = json.loads((LOCALES / "en.json").read_text(encoding="utf-8"))


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_there_is_more_than_one_language() -> None:
    assert {"en", "fr"} <= set(languages())


@pytest.mark.parametrize("language", languages())
def test_every_language_is_complete(language: str) -> None:
    words = json.loads((LOCALES / f"{language}.json").read_text(encoding="utf-8"))
    assert set(words) == set(ENGLISH), f"{language}.json: missing {set(ENGLISH) - set(words)}"
    for key, text in words.items():
        assert text.strip(), f"{language}.json: {key} is empty"
        assert placeholders(text) == placeholders(ENGLISH[key]), f"{language}.json: {key} has other placeholders"


def test_a_language_is_picked_by_its_code_with_english_as_the_fallback() -> None:
    assert strings("fr")["check"] == "Vérifier"
    assert strings("fr-CA")["check"] == "Vérifier"
    assert strings("xx")["check"] == "Check"
    assert strings(None)["check"] == "Check"
