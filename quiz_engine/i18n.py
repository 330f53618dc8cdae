"""The words of the quiz interface, per language; the page's language picks them.

Keys starting with ``js.`` are the messages the browser shows; the MkDocs plugin hands them to the page.
Placeholders in braces are filled in by the browser from the engine's result.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "instruction.single": "Choose one answer.",
        "instruction.true-false": "Choose one answer.",
        "instruction.multiple": "Choose every answer that applies.",
        "check": "Check",
        "explanation": "Explanation",
        "noscript": "Turn on JavaScript to check your answers on this page.",
        "error.title": "This question has an error and cannot be shown",
        "js.verdict.correct": "Right.",
        "js.verdict.partial": "Partly right.",
        "js.verdict.incorrect": "Not right yet.",
        "js.counts": "You chose {right_chosen} of the {right_total} right answers and {wrong_chosen} wrong.",
        "js.score": "Score: {credit} of {max}.",
        "js.mark.right": "Your choice, right:",
        "js.mark.wrong": "Your choice, not right:",
        "js.starting": "Starting the answer checker. Your answer will be checked in a moment.",
        "js.failed": "The answer checker could not start, so answers cannot be checked right now.",
        "js.failed.hint": "Check your connection, then try again.",
        "js.retry": "Try again",
        "js.error": "This answer could not be checked: {message}",
    },
}

DEFAULT_LANGUAGE = "en"


def strings(language: str | None = None) -> dict[str, str]:
    """The strings for a language, falling back to English for a language or a key we do not have."""
    base = STRINGS[DEFAULT_LANGUAGE]
    chosen = STRINGS.get((language or DEFAULT_LANGUAGE).split("-")[0].lower(), {})
    return {**base, **chosen}
