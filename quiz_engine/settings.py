"""Settings with their types and allowed ranges: one schema for every setting an author writes.

- A question's settings under its `/// quiz` header (``COMMON`` here; a question type adds its own in
  ``QuestionType.settings``): read by the Markdown reader, which reports a bad value at its line with how
  to fix it, and by the engine's JSON reader (``Question.from_dict``), which refuses the same values.
- The plugin's options in mkdocs.yml (``quiz_engine.mkdocs.config``), each an option built on a Setting.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any, Literal

from .data import InvalidData, Reader, number_problem

Kind = Literal["number", "integer", "boolean", "share", "choice", "text"]


@dataclass(frozen=True)
class Setting:
    """One setting: its name, type, range or allowed values, default, and the words of its error."""

    name: str
    kind: Kind
    default: Any
    low: float | None = None
    high: float | None = None
    strict_low: bool = False
    allowed: tuple[str, ...] = ()
    author_low: float | None = None
    """A stricter lower bound for what an author writes (the engine's data may hold the default below it)."""
    scored_only: bool = True
    """Only a scored question takes it (a scale or a journal prompt has no points, tries or objective)."""
    problem: str = ""
    """What is wrong with a bad value, after "`name: value`"."""
    fix: str = ""
    example: str = ""
    """A good value, for the words of ``allowed``."""
    allowed_text: str = ""
    """What the setting takes, when the words made from its kind and range would not say it."""

    def takes(self) -> str:
        """What the setting takes, in words: "a whole number from 5 to 600, such as 60 (seconds)"."""
        if self.allowed_text:
            return self.allowed_text
        if self.kind == "boolean":
            return "true or false"
        if self.kind == "choice":
            return f"one of {', '.join(self.allowed)}"
        if self.kind == "text":
            return "some text"
        kind = "a whole number" if self.kind == "integer" else "a number"
        if self.strict_low:
            words = f"{kind} greater than {self.low:g} and at most {self.high:g}"
        else:
            words = f"{kind} from {self.low:g} to {self.high:g}"
        return f"{words}, such as {self.example}" if self.example else words

    def parse(self, value: Any, author: bool = False) -> Any:
        """The value as the engine keeps it; ValueError if it has the wrong type or is out of range (for an
        ``author``'s value, the author's range)."""
        if self.kind == "boolean":
            if not isinstance(value, bool):
                raise ValueError(self.name)
            return value
        if self.kind == "choice":
            if not isinstance(value, str) or value not in self.allowed:
                raise ValueError(self.name)
            return value
        if self.kind == "text":
            if not isinstance(value, str) or not value.strip():
                raise ValueError(self.name)
            return value
        if self.kind == "share" and isinstance(value, str) and value.strip().endswith("%"):
            with contextlib.suppress(ValueError):
                value = float(value.strip()[:-1]) / 100
        low = self.author_low if author and self.author_low is not None else self.low
        if number_problem(value, low=low, high=self.high, strict_low=self.strict_low, integer=self.kind == "integer"):
            raise ValueError(self.name)
        return int(value) if self.kind == "integer" else float(value)

    def read(self, reader: Reader) -> Any:
        """The setting from a question's JSON form (the default when absent); InvalidData if bad."""
        if self.name not in reader.data:
            return self.default
        value = reader.data[self.name]
        if self.kind in ("boolean", "choice"):
            try:
                return self.parse(value)
            except ValueError:
                raise InvalidData(self.json_error(value)) from None
        number = reader.number(
            self.name, low=self.low, high=self.high, strict_low=self.strict_low, integer=self.kind == "integer"
        )
        return int(number) if self.kind == "integer" else number

    def json_error(self, value: Any) -> str:
        if self.kind == "boolean":
            return f"{self.name} must be true or false"
        return f"{self.name} {value!r} is not one of {', '.join(self.allowed)}"


DEFAULT_PENALTY = 1 / 3
"""The share of a question's points lost for each try after the first (Moodle's default, 33.3%)."""

SHUFFLE = Setting(
    "shuffle",
    "boolean",
    False,
    problem="is not true or false",
    fix="write `shuffle: true` or `shuffle: false`",
)
POINTS = Setting(
    "points",
    "number",
    1.0,
    low=0,
    high=1000,
    strict_low=True,
    problem="is not a positive number",
    fix="write a number greater than 0 and at most 1000, for example `points: 2`",
)
TRIES = Setting(
    "tries",
    "integer",
    1,
    low=1,
    high=10,
    problem="is not a number of tries",
    fix="write a whole number from 1 to 10, for example `tries: 3`",
)
PENALTY = Setting(
    "penalty",
    "share",
    DEFAULT_PENALTY,
    low=0,
    high=1,
    problem="is not a share of the points",
    fix="write a number from 0 to 1 or a percentage, for example `penalty: 0.25` or `penalty: 25%`",
)
OBJECTIVE = Setting(
    "objective",
    "integer",
    0,
    low=0,
    high=99,
    author_low=1,
    problem="is not the number of a learning objective",
    fix="write the number of the objective in the page's `## Learning objectives` list, "
    "for example `objective: 2` for the second",
)
"""0 in the engine's data means "none named"; an author names 1 to 99."""

COMMON = (SHUFFLE, POINTS, TRIES, PENALTY, OBJECTIVE)
"""The settings every question type takes (those marked ``scored_only`` only when it is scored)."""


def applicable(settings: tuple[Setting, ...], scored: bool) -> tuple[Setting, ...]:
    return tuple(s for s in settings if scored or not s.scored_only)
