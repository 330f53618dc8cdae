"""What the reader of a page finds: a question (``QuestionSource``), a pool of questions, and either one
with the lines it spans (``FoundBlock``)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from ..model import DEFAULT_PENALTY, Question
from ..types import TYPES, QuestionType
from ..types.syntax import Part, QuizSyntaxError

HASHED_DEFAULTS: dict[str, Any] = {"scoring": "position", "labels": []}
"""What a question's content hash held before types kept their own settings, so that a reader's saved
answers (kept under the hash) survive the change."""


@dataclass
class QuestionSource:
    """One `/// quiz` block as the author wrote it: Markdown pieces and settings, with line numbers."""

    line: int
    title: str
    type: str
    explicit_id: str | None = None
    shuffle: bool = False
    points: float = 1.0
    tries: int = 1
    penalty: float = DEFAULT_PENALTY
    objective: int = 0
    """The number of the page's learning objective this question checks (0: none named)."""
    objective_line: int = 0
    settings: dict[str, Any] = field(default_factory=dict)
    """The type's own settings (``QuestionType.settings``), by name."""
    stem: str = ""
    parts: list[Part] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    explanation: str = ""
    pool: str | None = None
    id: str = ""
    hash: str = ""

    def of_kind(self, *kinds: str) -> list[Part]:
        return [p for p in self.parts if p.kind in kinds]

    @property
    def options(self) -> list[Part]:
        return self.of_kind("option")

    @property
    def kind(self) -> QuestionType:
        return TYPES[self.type]

    def to_question(self) -> Question:
        """The engine's view of the question: ids and rules, no prose."""
        return Question(
            id=self.id or "draft",
            type=self.type,
            points=self.points,
            tries=self.tries,
            penalty=self.penalty,
            hints=len(self.hints),
            shuffle=self.shuffle,
            hash=self.hash,
            objective=self.objective,
            body=self.kind.body_of(self),
        )

    def content_hash(self) -> str:
        """A short hash of everything that decides how an answer scores and reads."""
        content = {
            key: value
            for key, value in self.__dict__.items()
            if key
            not in ("line", "explicit_id", "id", "hash", "pool", "parts", "objective", "objective_line", "settings")
        }
        content.update(HASHED_DEFAULTS, **self.settings)
        content["parts"] = [{k: v for k, v in p.__dict__.items() if k != "line"} for p in self.parts]
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class PoolSource:
    """A `//// quiz-pool` block: questions of which each attempt draws ``draw``."""

    line: int
    title: str
    draw: int
    explicit_id: str | None = None
    id: str = ""
    questions: list[str] = field(default_factory=list)
    exam: bool = False
    """An exam: answers are kept until one Submit scores them all; no feedback before."""


@dataclass
class FoundBlock:
    """Where a block stands in the page's lines (0-based, end exclusive) and what it says.

    A block that cannot be read has no ``source`` but an ``error``. A pool's ``end`` is its closing line.
    """

    start: int
    end: int
    indent: str
    fence: str
    kind: str = "quiz"
    source: QuestionSource | None = None
    pool: PoolSource | None = None
    error: QuizSyntaxError | None = None
