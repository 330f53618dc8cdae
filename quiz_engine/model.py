"""Questions, responses and results as plain data, with JSON in and out.

This is the ground floor of the engine: standard library only, so that it runs unchanged in CPython at
build time and in Pyodide in the reader's browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1
"""Version of the question data embedded in pages; bumped when its shape changes."""

CHOICE_TYPES = ("single", "multiple", "true-false")
QUESTION_TYPES = CHOICE_TYPES

ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
"""Question and option ids: lower-case letters, digits and inner hyphens, at most 80 characters."""

Verdict = Literal["correct", "partial", "incorrect"]


class InvalidData(ValueError):
    """Data that does not describe a question or a response; the message says what is wrong."""


@dataclass(frozen=True)
class Option:
    """One choice of a choice question."""

    id: str
    correct: bool


@dataclass(frozen=True)
class Question:
    """What the engine needs to score a question; the prose stays in the page's HTML."""

    id: str
    type: str
    options: tuple[Option, ...]
    points: float = 1.0
    shuffle: bool = False
    hash: str = ""

    @property
    def right_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options if o.correct)

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "v": SCHEMA_VERSION,
            "id": self.id,
            "type": self.type,
            "points": self.points,
            "options": [{"id": o.id, "correct": o.correct} for o in self.options],
        }
        if self.shuffle:
            data["shuffle"] = True
        if self.hash:
            data["hash"] = self.hash
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Question:
        """Read a question from its JSON form; raise InvalidData, never anything else."""
        if not isinstance(data, dict):
            raise InvalidData("a question must be a JSON object")
        version = data.get("v", SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            raise InvalidData(f"question data version {version!r} is not supported (expected {SCHEMA_VERSION})")
        qid = data.get("id")
        if not isinstance(qid, str) or not ID_PATTERN.match(qid):
            raise InvalidData(f"question id {qid!r} is not a valid id")
        qtype = data.get("type")
        if qtype not in QUESTION_TYPES:
            raise InvalidData(f"question type {qtype!r} is not one of {', '.join(QUESTION_TYPES)}")
        points = data.get("points", 1.0)
        if isinstance(points, bool) or not isinstance(points, int | float) or not points > 0:
            raise InvalidData(f"points must be a positive number, not {points!r}")
        raw_options = data.get("options")
        if not isinstance(raw_options, list):
            raise InvalidData("options must be a list")
        options = []
        for raw in raw_options:
            if not isinstance(raw, dict):
                raise InvalidData("each option must be a JSON object")
            oid, correct = raw.get("id"), raw.get("correct")
            if not isinstance(oid, str) or not ID_PATTERN.match(oid):
                raise InvalidData(f"option id {oid!r} is not a valid id")
            if not isinstance(correct, bool):
                raise InvalidData(f"option {oid!r}: correct must be true or false")
            options.append(Option(oid, correct))
        question = cls(
            id=qid,
            type=qtype,
            options=tuple(options),
            points=float(points),
            shuffle=bool(data.get("shuffle", False)),
            hash=str(data.get("hash", "")),
        )
        problems = check_question(question)
        if problems:
            raise InvalidData(problems[0].message)
        return question


@dataclass(frozen=True)
class Problem:
    """Why a question cannot be asked, with the options involved and how to fix it."""

    code: str
    message: str
    fix: str
    option_ids: tuple[str, ...] = ()


def check_question(question: Question) -> list[Problem]:
    """The rules every question of its type must meet; an empty list means it can be asked."""
    problems: list[Problem] = []
    ids = question.option_ids
    right = question.right_ids
    seen: set[str] = set()
    for oid in ids:
        if oid in seen:
            problems.append(Problem("duplicate-option-id", f"two options share the id {oid!r}", "", (oid,)))
        seen.add(oid)
    if not ids:
        return [
            Problem(
                "no-options",
                "the question has no options",
                "add the options as a task list: `- [x] a right answer` and `- [ ] a wrong one`",
            )
        ]
    if question.type == "true-false":
        if len(ids) != 2:
            problems.append(
                Problem(
                    "true-false-count",
                    f"a true-false question needs exactly two options, but this one has {len(ids)}",
                    "give two options, for example `- [x] True` and `- [ ] False`, or use `type: single`",
                    ids,
                )
            )
        elif len(right) != 1:
            problems.append(_one_right_problem("true-false", right))
    elif question.type == "single":
        if len(ids) < 2:
            problems.append(
                Problem(
                    "too-few-options",
                    "a single-answer question needs at least two options",
                    "add at least one wrong option (`- [ ] ...`)",
                    ids,
                )
            )
        if len(right) != 1:
            problems.append(_one_right_problem("single", right))
    elif question.type == "multiple":
        if len(ids) < 2:
            problems.append(
                Problem(
                    "too-few-options",
                    "a multiple-answer question needs at least two options",
                    "add more options, or use `type: single`",
                    ids,
                )
            )
        if not right:
            problems.append(
                Problem(
                    "no-right-option",
                    "a multiple-answer question needs at least one right option, but none is marked [x]",
                    "mark each right option with `[x]`",
                )
            )
    return problems


def _one_right_problem(kind: str, right: tuple[str, ...]) -> Problem:
    if not right:
        return Problem(
            "no-right-option",
            f"a {kind} question needs exactly one right option, but none is marked [x]",
            "mark the right answer with `[x]`",
        )
    return Problem(
        "several-right-options",
        f"a {kind} question needs exactly one right option, but {len(right)} are marked [x]",
        "keep `[x]` on the one right answer, or use `type: multiple` if several are right",
        right,
    )


@dataclass(frozen=True)
class ChoiceResponse:
    """The options a reader chose, by id."""

    selected: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    """How a response scored and what the reader is shown."""

    question_id: str
    verdict: Verdict
    credit: float
    max_credit: float
    marks: dict[str, str] = field(default_factory=dict)
    """For each chosen option: "right" or "wrong"."""
    feedback: tuple[str, ...] = ()
    """The options whose feedback is shown, in the question's order."""
    explanation: bool = True
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
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


@dataclass(frozen=True)
class ErrorResult:
    """A response or request that could not be scored, with a message a reader can act on."""

    code: str
    message: str
    question_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": False,
            "question": self.question_id,
            "error": {"code": self.code, "message": self.message},
        }
