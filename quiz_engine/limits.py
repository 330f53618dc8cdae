"""Limits on what the engine reads: JSON it receives (a request from the page, a progress file, saved
progress) is measured before it is parsed, so that no input can exhaust the runtime's stack or memory.

A deeply nested array costs nothing to send and crashes a recursive parser: in the browser that is a
fatal error of the whole Python runtime, not an exception. ``check_json`` counts the nesting in one flat
scan (strings skipped) and refuses what is too big or too deep; the page runs the same check first.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_REQUEST_CHARS = 8_000_000
"""A request from the page (a whole course's questions and saved progress fit in well under 1 MB)."""
MAX_FILE_CHARS = 2_000_000
"""A progress file: a whole course with a full journal is about 250 KB."""
MAX_DEPTH = 32
"""JSON nesting: the engine's own data is at most about 8 levels deep."""
MAX_ENTRIES = 2_000
"""Saved answers, journal entries or pools in one progress document."""

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class TooLarge(ValueError):
    """JSON refused before parsing; ``reason`` says why ("too-large" or "too-deep")."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def depth(text: str) -> int:
    """The deepest nesting of arrays and objects in JSON text (0 for a scalar), without parsing it."""
    deepest = level = 0
    for bracket in _BRACKET.finditer(_STRING.sub("", text)):
        level += 1 if bracket.group() in "[{" else -1
        deepest = max(deepest, level)
    return deepest


def check_json(text: str, max_chars: int) -> None:
    """Raise TooLarge if ``text`` is longer than ``max_chars`` or nested deeper than MAX_DEPTH."""
    if len(text) > max_chars:
        raise TooLarge("too-large", f"it is too large ({len(text):,} characters; at most {max_chars:,})")
    if depth(text) > MAX_DEPTH:
        raise TooLarge("too-deep", f"it is nested too deeply (at most {MAX_DEPTH} levels)")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def loads(text: str, max_chars: int) -> Any:
    """Parse JSON text within the limits; NaN and Infinity are refused, as in JavaScript's JSON."""
    check_json(text, max_chars)
    return json.loads(text, parse_constant=_no_constant)


def finite(value: Any) -> bool:
    """Whether ``value`` is a JSON number that a reader can be shown (not a bool, not NaN, not infinite)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
