"""Questions as plain data, with JSON in and out.

The ground floor of the engine: standard library only, so that it runs unchanged in CPython at build time
and in Pyodide in the reader's browser. A question holds the settings every type shares; what is its
type's own (options, items, answers...) is its ``body``, defined, read and checked by its type's module in
``quiz_engine.types``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import settings
from .data import ID_PATTERN, ErrorResult, InvalidData, Problem, Reader, Result, Verdict, normalize
from .settings import DEFAULT_PENALTY
from .types import QUESTION_TYPES, SCORED_TYPES, TYPES, UNSCORED_TYPES, QuestionType
from .types.choice import Option, Options
from .types.match import Pairs
from .types.order import Items
from .types.scale import Band, Ratings, Statement
from .types.text import Answer, Answers

SCHEMA_VERSION = 1
"""Version of the question data embedded in pages; bumped when its shape changes."""

CHOICE_TYPES = TYPES["single"].names

__all__ = [
    "CHOICE_TYPES",
    "DEFAULT_PENALTY",
    "ID_PATTERN",
    "QUESTION_TYPES",
    "SCHEMA_VERSION",
    "SCORED_TYPES",
    "UNSCORED_TYPES",
    "Answer",
    "Answers",
    "Band",
    "ErrorResult",
    "InvalidData",
    "Items",
    "Option",
    "Options",
    "Pairs",
    "Problem",
    "Question",
    "Ratings",
    "Result",
    "Statement",
    "Verdict",
    "check_question",
    "normalize",
]


@dataclass(frozen=True)
class Question:
    """What the engine needs to score a question; the prose stays in the page's HTML."""

    id: str
    type: str
    points: float = 1.0
    tries: int = 1
    penalty: float = DEFAULT_PENALTY
    hints: int = 0
    shuffle: bool = False
    hash: str = ""
    objective: int = 0
    """The number of the page's learning objective the question checks (0: none)."""
    body: Any = None
    """The type's own data (``kind.empty_body()`` when not given)."""

    def __post_init__(self) -> None:
        if self.body is None:
            object.__setattr__(self, "body", self.kind.empty_body())

    @property
    def kind(self) -> QuestionType:
        """The question's type: its rules, scoring and drawing."""
        return TYPES[self.type]

    @property
    def scored(self) -> bool:
        return self.kind.scored

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"v": SCHEMA_VERSION, "id": self.id, "type": self.type}
        if self.scored:
            data["points"] = self.points
            data["tries"] = self.tries
            if self.tries > 1:
                data["penalty"] = self.penalty
        if self.hints:
            data["hints"] = self.hints
        if self.shuffle:
            data["shuffle"] = True
        if self.hash:
            data["hash"] = self.hash
        if self.objective:
            data["objective"] = self.objective
        data.update(self.kind.to_dict(self.body))
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Question:
        """Read a question from its JSON form; raise InvalidData, never anything else."""
        reader = Reader(data, "a question")
        version = reader.data.get("v", SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            raise InvalidData(f"question data version {version!r} is not supported (expected {SCHEMA_VERSION})")
        qtype = reader.data.get("type")
        if qtype not in QUESTION_TYPES:
            raise InvalidData(f"question type {qtype!r} is not one of {', '.join(QUESTION_TYPES)}")
        kind = TYPES[qtype]
        question = cls(
            id=reader.ident("id"),
            type=qtype,
            hints=int(reader.number("hints", 0, low=0, integer=True)),
            hash=reader.string("hash", ""),
            body=kind.from_dict(reader, qtype),
            **{setting.name: setting.read(reader) for setting in settings.COMMON},
        )
        problems = check_question(question)
        if problems:
            raise InvalidData(problems[0].message)
        return question


def check_question(question: Question) -> list[Problem]:
    """The rules every question of its type must meet; an empty list means it can be asked."""
    problems = question.kind.check(question)
    if question.tries > 1 and not question.scored:
        problems.append(Problem("tries-unscored", f"a {question.type} question has no tries", "remove `tries`"))
    return problems
