"""Plain data every part of the engine shares: invalid input, an author's problem, a scored result, and
the reader of typed JSON fields.

Standard library only: it runs in CPython at build time and in Pyodide in the reader's browser.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
"""Question and item ids: lower-case letters, digits and inner hyphens, at most 80 characters."""

CREDIT_DECIMALS = 4

Verdict = Literal["correct", "partial", "incorrect", "complete"]


class InvalidData(ValueError):
    """Data that does not describe a question or a response; the message says what is wrong."""


@dataclass(frozen=True)
class Problem:
    """Why a question cannot be asked, with the parts involved and how to fix it."""

    code: str
    message: str
    fix: str
    ids: tuple[str, ...] = ()


def duplicates(ids: tuple[str, ...], what: str) -> list[Problem]:
    """A problem for each id given twice."""
    seen: set[str] = set()
    problems = []
    for value in ids:
        if value in seen:
            problems.append(Problem(f"duplicate-{what}", f"two {what}s share the id {value!r}", "", (value,)))
        seen.add(value)
    return problems


def normalize(text: str) -> str:
    """A typed answer as it is compared: case, spacing, punctuation and accents ignored."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn":  # accents
            continue
        kept.append(" " if category[0] in "PSZC" else char)
    return " ".join("".join(kept).split())


@dataclass(frozen=True)
class Result:
    """How a response scored and what the reader is shown."""

    question_id: str
    verdict: Verdict
    credit: float
    max_credit: float
    marks: dict[str, str] = field(default_factory=dict)
    """Per part the reader answered (option, item, answer): "right" or "wrong"."""
    feedback: tuple[str, ...] = ()
    """The parts whose feedback is shown, in the question's order."""
    explanation: bool = True
    counts: dict[str, int] = field(default_factory=dict)
    profile: dict[str, Any] = field(default_factory=dict)
    """scale: the total, its maximum and the band it falls in."""

    def to_dict(self) -> dict[str, Any]:
        data = {
            "ok": True,
            "question": self.question_id,
            "verdict": self.verdict,
            "credit": self.credit,
            "max": self.max_credit,
            "marks": dict(self.marks),
            "feedback": list(self.feedback),
            "explanation": self.explanation,
            "counts": dict(self.counts),
        }
        if self.profile:
            data["profile"] = dict(self.profile)
        return data


@dataclass(frozen=True)
class ErrorResult:
    """A response or request that could not be scored: a code the page words, and a message for logs."""

    code: str
    message: str
    question_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"ok": False, "question": self.question_id, "error": {"code": self.code, "message": self.message}}


def graded(question_id: str, points: float, fraction: float, **details: Any) -> Result:
    """The result of a scored question that earned ``fraction`` of its ``points`` (clamped to 0..1)."""
    credit = round(points * max(0.0, min(1.0, fraction)), CREDIT_DECIMALS)
    verdict: Verdict = "correct" if credit == points else "partial" if credit > 0 else "incorrect"
    return Result(question_id, verdict, credit, points, **details)


def number_problem(
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    strict_low: bool = False,
    integer: bool = False,
) -> str | None:
    """What keeps ``value`` from being a number in the range, in words that follow its name ("must be at
    least 1"); None if it is one. The one range check of the JSON reader and of the settings."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return "must be a number"
    if integer and value != int(value):
        return "must be a whole number"
    if low is not None and (value < low or (strict_low and value == low)):
        return f"must be {'greater than' if strict_low else 'at least'} {low}"
    if high is not None and value > high:
        return f"must be at most {high}"
    return None


_MISSING = object()


class Reader:
    """Reads typed fields from a JSON object, raising InvalidData that names the field."""

    def __init__(self, data: Any, what: str) -> None:
        if not isinstance(data, dict):
            raise InvalidData(f"{what} must be a JSON object")
        self.data = data
        self.what = what

    def _get(self, key: str, default: Any) -> Any:
        value = self.data.get(key, default)
        if value is _MISSING:
            raise InvalidData(f"{self.what} has no {key!r}")
        return value

    def ident(self, key: str) -> str:
        value = self._get(key, _MISSING)
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            raise InvalidData(f"{key} {value!r} is not a valid id")
        return value

    def idents(self, key: str) -> tuple[str, ...]:
        values = self._get(key, _MISSING)
        if not isinstance(values, list) or not all(isinstance(v, str) and ID_PATTERN.match(v) for v in values):
            raise InvalidData(f"{key} must be a list of ids")
        return tuple(values)

    def string(self, key: str, default: Any = _MISSING) -> str:
        value = self._get(key, default)
        if not isinstance(value, str):
            raise InvalidData(f"{key} must be a string")
        return value

    def boolean(self, key: str, default: Any = _MISSING) -> bool:
        value = self._get(key, default)
        if not isinstance(value, bool):
            raise InvalidData(f"{key} must be true or false")
        return value

    def number(
        self,
        key: str,
        default: Any = _MISSING,
        *,
        low: float | None = None,
        high: float | None = None,
        strict_low: bool = False,
        integer: bool = False,
    ) -> float:
        value = self._get(key, default)
        if problem := number_problem(value, low=low, high=high, strict_low=strict_low, integer=integer):
            raise InvalidData(f"{key} {problem}, not {value!r}")
        return float(value)

    def choice(self, key: str, allowed: tuple[str, ...], default: Any = _MISSING) -> str:
        value = self._get(key, default)
        if value not in allowed:
            raise InvalidData(f"{key} {value!r} is not one of {', '.join(allowed)}")
        return value

    def objects(self, key: str, what: str) -> list[Reader]:
        values = self._get(key, _MISSING)
        if not isinstance(values, list):
            raise InvalidData(f"{key} must be a list")
        return [Reader(v, what) for v in values]
