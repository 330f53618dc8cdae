"""Questions, responses and results as plain data, with JSON in and out.

This is the ground floor of the engine: standard library only, so that it runs unchanged in CPython at
build time and in Pyodide in the reader's browser. Each question type keeps its own fields; the rules a
question of each type must meet are in ``check_question``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1
"""Version of the question data embedded in pages; bumped when its shape changes."""

CHOICE_TYPES = ("single", "multiple", "true-false")
SCORED_TYPES = (*CHOICE_TYPES, "order", "match", "text")
UNSCORED_TYPES = ("scale", "reflection")
QUESTION_TYPES = (*SCORED_TYPES, *UNSCORED_TYPES)
ORDER_SCORING = ("position", "pairs")

ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
"""Question and item ids: lower-case letters, digits and inner hyphens, at most 80 characters."""

DEFAULT_PENALTY = 1 / 3
"""The share of a question's points lost for each try after the first (Moodle's default, 33.3%)."""

Verdict = Literal["correct", "partial", "incorrect", "complete"]


class InvalidData(ValueError):
    """Data that does not describe a question or a response; the message says what is wrong."""


@dataclass(frozen=True)
class Option:
    """One choice of a single, multiple or true-false question."""

    id: str
    correct: bool


@dataclass(frozen=True)
class Answer:
    """An answer a `text` question anticipates: accepted (correct) or a known wrong one with feedback.

    ``value`` is a text compared after normalisation, or a regular expression when ``pattern`` is true.
    """

    id: str
    value: str
    correct: bool
    pattern: bool = False


@dataclass(frozen=True)
class Statement:
    """A statement of a `scale` question; a reversed one counts its scale backwards."""

    id: str
    reversed: bool = False


@dataclass(frozen=True)
class Band:
    """A range of a `scale` question's total, with its own message (in the page)."""

    id: str
    low: int
    high: int


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
    options: tuple[Option, ...] = ()
    """single, multiple, true-false: the options, in the author's order."""
    items: tuple[str, ...] = ()
    """order: item ids in the right order. match: the ids of the items to match (left-hand side)."""
    scoring: str = "position"
    """order: "position" (items in the right place) or "pairs" (pairs of items in the right order)."""
    choices: tuple[str, ...] = ()
    """match: the ids of the choices (right-hand side), decoys included."""
    key: tuple[str, ...] = ()
    """match: for each item, the id of its right choice."""
    answers: tuple[Answer, ...] = ()
    """text: accepted and anticipated answers, tried in order."""
    statements: tuple[Statement, ...] = ()
    """scale: the statements to rate."""
    levels: int = 0
    """scale: how many points the scale has (each rating is 0 .. levels - 1)."""
    bands: tuple[Band, ...] = ()
    """scale: the ranges of the total, each with a message."""

    @property
    def scored(self) -> bool:
        return self.type in SCORED_TYPES

    @property
    def right_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options if o.correct)

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

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
        if self.type in CHOICE_TYPES:
            data["options"] = [{"id": o.id, "correct": o.correct} for o in self.options]
        elif self.type == "order":
            data["items"] = list(self.items)
            data["scoring"] = self.scoring
        elif self.type == "match":
            data["items"] = list(self.items)
            data["choices"] = list(self.choices)
            data["key"] = list(self.key)
        elif self.type == "text":
            data["answers"] = [
                {"id": a.id, "value": a.value, "correct": a.correct, **({"pattern": True} if a.pattern else {})}
                for a in self.answers
            ]
        elif self.type == "scale":
            data["statements"] = [{"id": s.id, **({"reversed": True} if s.reversed else {})} for s in self.statements]
            data["levels"] = self.levels
            data["bands"] = [{"id": b.id, "low": b.low, "high": b.high} for b in self.bands]
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Question:
        """Read a question from its JSON form; raise InvalidData, never anything else."""
        reader = _Reader(data, "a question")
        version = reader.data.get("v", SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            raise InvalidData(f"question data version {version!r} is not supported (expected {SCHEMA_VERSION})")
        qtype = reader.data.get("type")
        if qtype not in QUESTION_TYPES:
            raise InvalidData(f"question type {qtype!r} is not one of {', '.join(QUESTION_TYPES)}")
        fields: dict[str, Any] = {
            "id": reader.ident("id"),
            "type": qtype,
            "points": reader.number("points", 1.0, low=0, strict_low=True),
            "tries": int(reader.number("tries", 1, low=1, integer=True)),
            "penalty": reader.number("penalty", DEFAULT_PENALTY, low=0, high=1),
            "hints": int(reader.number("hints", 0, low=0, integer=True)),
            "shuffle": reader.boolean("shuffle", False),
            "hash": reader.string("hash", ""),
            "objective": int(reader.number("objective", 0, low=0, high=99, integer=True)),
        }
        if qtype in CHOICE_TYPES:
            fields["options"] = tuple(
                Option(r.ident("id"), r.boolean("correct")) for r in reader.objects("options", "an option")
            )
        elif qtype == "order":
            fields["items"] = reader.idents("items")
            scoring = reader.data.get("scoring", "position")
            if scoring not in ORDER_SCORING:
                raise InvalidData(f"scoring {scoring!r} is not one of {', '.join(ORDER_SCORING)}")
            fields["scoring"] = scoring
        elif qtype == "match":
            fields["items"] = reader.idents("items")
            fields["choices"] = reader.idents("choices")
            fields["key"] = reader.idents("key")
        elif qtype == "text":
            fields["answers"] = tuple(
                Answer(r.ident("id"), r.string("value"), r.boolean("correct"), r.boolean("pattern", False))
                for r in reader.objects("answers", "an answer")
            )
        elif qtype == "scale":
            fields["statements"] = tuple(
                Statement(r.ident("id"), r.boolean("reversed", False))
                for r in reader.objects("statements", "a statement")
            )
            fields["levels"] = int(reader.number("levels", 0, low=2, integer=True))
            fields["bands"] = tuple(
                Band(r.ident("id"), int(r.number("low", integer=True)), int(r.number("high", integer=True)))
                for r in reader.objects("bands", "a band")
            )
        question = cls(**fields)
        problems = check_question(question)
        if problems:
            raise InvalidData(problems[0].message)
        return question


_MISSING = object()


class _Reader:
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
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            raise InvalidData(f"{key} must be a number, not {value!r}")
        if integer and value != int(value):
            raise InvalidData(f"{key} must be a whole number, not {value!r}")
        if low is not None and (value < low or (strict_low and value == low)):
            raise InvalidData(f"{key} must be {'greater than' if strict_low else 'at least'} {low}, not {value!r}")
        if high is not None and value > high:
            raise InvalidData(f"{key} must be at most {high}, not {value!r}")
        return float(value)

    def objects(self, key: str, what: str) -> list[_Reader]:
        values = self._get(key, _MISSING)
        if not isinstance(values, list):
            raise InvalidData(f"{key} must be a list")
        return [_Reader(v, what) for v in values]


@dataclass(frozen=True)
class Problem:
    """Why a question cannot be asked, with the parts involved and how to fix it."""

    code: str
    message: str
    fix: str
    ids: tuple[str, ...] = ()


def check_question(question: Question) -> list[Problem]:
    """The rules every question of its type must meet; an empty list means it can be asked."""
    checks = {
        "single": _check_choice,
        "true-false": _check_choice,
        "multiple": _check_choice,
        "order": _check_order,
        "match": _check_match,
        "text": _check_text,
        "scale": _check_scale,
        "reflection": lambda q: [],
    }
    problems = checks[question.type](question)
    if question.tries > 1 and not question.scored:
        problems.append(Problem("tries-unscored", f"a {question.type} question has no tries", "remove `tries`"))
    return problems


def _duplicates(ids: tuple[str, ...], what: str) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for value in ids:
        if value in seen:
            problems.append(Problem(f"duplicate-{what}", f"two {what}s share the id {value!r}", "", (value,)))
        seen.add(value)
    return problems


def _check_choice(question: Question) -> list[Problem]:
    ids, right = question.option_ids, question.right_ids
    if not ids:
        return [
            Problem(
                "no-options",
                "the question has no options",
                "add the options as a task list: `- [x] a right answer` and `- [ ] a wrong one`",
            )
        ]
    problems = _duplicates(ids, "option")
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


def _check_order(question: Question) -> list[Problem]:
    if len(question.items) < 2:
        return [
            Problem(
                "too-few-items",
                "an order question needs at least two items",
                "list the items in their right order as a numbered list: `1. first`, `2. second`",
            )
        ]
    return _duplicates(question.items, "item")


def _check_match(question: Question) -> list[Problem]:
    if len(question.items) < 2:
        return [
            Problem(
                "too-few-items",
                "a match question needs at least two items to match",
                "write one pair per line: `- an item -> its match`",
            )
        ]
    problems = _duplicates(question.items, "item") + _duplicates(question.choices, "choice")
    if len(question.key) != len(question.items):
        problems.append(Problem("bad-key", "every item needs exactly one match", "write `- item -> match`"))
    unknown = [k for k in question.key if k not in question.choices]
    if unknown:
        problems.append(Problem("bad-key", f"the match {unknown[0]!r} is not among the choices", ""))
    if len(set(question.key)) < 2 and len(question.choices) < 2:
        problems.append(
            Problem(
                "too-few-choices",
                "a match question needs at least two different matches to choose from",
                "give the items different matches, or add a decoy: `- -> a match that fits no item`",
            )
        )
    return problems


def _check_text(question: Question) -> list[Problem]:
    problems = _duplicates(tuple(a.id for a in question.answers), "answer")
    if not any(a.correct for a in question.answers):
        problems.append(
            Problem(
                "no-accepted-answer",
                "a text question needs at least one accepted answer, marked [x]",
                "add `- [x] the answer` (or `- [x] /a pattern/`)",
            )
        )
    for answer in question.answers:
        if answer.pattern:
            try:
                re.compile(answer.value)
            except re.error as exc:
                problems.append(
                    Problem(
                        "bad-pattern",
                        f"the pattern /{answer.value}/ is not a valid regular expression ({exc})",
                        "fix the pattern, or write the answer as plain text",
                        (answer.id,),
                    )
                )
        elif not normalize(answer.value):
            problems.append(
                Problem(
                    "empty-answer",
                    "this answer has nothing left once case, spaces and punctuation are ignored",
                    "write the answer with letters or digits",
                    (answer.id,),
                )
            )
    return problems


def _check_scale(question: Question) -> list[Problem]:
    problems = _duplicates(tuple(s.id for s in question.statements), "statement")
    if not question.statements:
        problems.append(
            Problem("no-statements", "a scale question has no statements to rate", "add them as `- a statement`")
        )
        return problems
    if question.levels < 2:
        problems.append(
            Problem(
                "too-few-levels",
                "the scale needs at least two levels",
                "write `labels: [Never, Sometimes, Often]`",
            )
        )
        return problems
    top = (question.levels - 1) * len(question.statements)
    if not question.bands:
        problems.append(
            Problem(
                "no-bands",
                "a scale question needs bands that turn the total into a message",
                f"add bands covering 0 to {top}, for example `- [0-{top // 2}] Mostly balanced`",
            )
        )
        return problems
    expected = 0
    for band in sorted(question.bands, key=lambda b: b.low):
        if band.low > band.high:
            problems.append(Problem("bad-band", f"the band {band.low}-{band.high} runs backwards", "", (band.id,)))
        elif band.low != expected:
            gap = "leaves a gap" if band.low > expected else "overlaps the band before"
            problems.append(
                Problem(
                    "bad-bands",
                    f"the band {band.low}-{band.high} {gap}: the bands must cover 0 to {top} once each",
                    f"start this band at {expected}",
                    (band.id,),
                )
            )
        expected = max(expected, band.high + 1)
    if not problems and expected != top + 1:
        last = max(question.bands, key=lambda b: b.high)
        problems.append(
            Problem(
                "bad-bands",
                f"the bands stop at {expected - 1}, but the total can reach {top}",
                f"make the last band end at {top}",
                (last.id,),
            )
        )
    return problems


def normalize(text: str) -> str:
    """A typed answer as it is compared: case, spacing, punctuation and accents ignored."""
    import unicodedata

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
    """A response or request that could not be scored, with a message a reader can act on."""

    code: str
    message: str
    question_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"ok": False, "question": self.question_id, "error": {"code": self.code, "message": self.message}}
