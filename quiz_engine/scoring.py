"""Scoring one response: score(question, response) gives the credit, the verdict and the feedback to show.

Rules, per type (points are the question's ``points``):
- ``single``, ``true-false``: all the points for the right option, none otherwise.
- ``multiple``: with R right options and W wrong ones, choosing h right and f wrong earns
  ``points * max(0, h/R - f/W)`` (the f/W term is 0 when there is no wrong option). Choosing every option
  earns nothing; the credit never goes below zero.
- ``order``: "position" scoring gives the share of items in their right place; "pairs" scoring gives the
  share of pairs of items whose order is right (a rank measure: one item moved to the wrong end loses less
  than under "position").
- ``match``: the share of items matched right.
- ``text``: the typed answer is normalised (case, accents, spacing and punctuation ignored) and compared
  with the question's answers in order: the first accepted or anticipated answer that equals it (or, for
  a pattern, fully matches it) decides. Accepted: all the points; otherwise none.
- ``scale`` and ``reflection`` have no right answer and no points: a scale sums its ratings (a reversed
  statement counts backwards) into a band; a reflection is kept for the reader.
A response is correct when it earns all the points. A malformed response gives an ErrorResult; scoring
never raises. Tries, penalties and finishing a question are in ``progress``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .model import ErrorResult, Question, Result, Verdict, normalize

CREDIT_DECIMALS = 4
MAX_TEXT = 10_000


def _error(question: Question, code: str, message: str) -> ErrorResult:
    return ErrorResult(code, message, question.id)


def _result(question: Question, fraction: float, **details: Any) -> Result:
    credit = round(question.points * max(0.0, min(1.0, fraction)), CREDIT_DECIMALS)
    verdict: Verdict = "correct" if credit == question.points else "partial" if credit > 0 else "incorrect"
    return Result(question.id, verdict, credit, question.points, **details)


def _ids(data: Any, key: str, what: str) -> list[str] | None:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        return None
    values = data[key]
    return values if all(isinstance(v, str) for v in values) else None


def score_choice(question: Question, response: Any) -> Result | ErrorResult:
    selected = _ids(response, "selected", "option")
    if selected is None:
        return _error(question, "bad-response", 'a response must be an object with a "selected" list of option ids')
    if len(set(selected)) != len(selected):
        return _error(question, "bad-response", "an option was chosen twice")
    unknown = [s for s in selected if s not in question.option_ids]
    if unknown:
        return _error(question, "unknown-option", f"this question has no option {unknown[0]!r}")
    if not selected:
        return _error(question, "no-answer", "Choose an answer first.")
    if question.type != "multiple" and len(selected) > 1:
        return _error(question, "too-many", "Choose only one answer.")
    chosen, right = set(selected), set(question.right_ids)
    wrong = set(question.option_ids) - right
    hits, false_alarms = len(chosen & right), len(chosen & wrong)
    if question.type == "multiple":
        fraction = hits / len(right) - (false_alarms / len(wrong) if wrong else 0.0)
    else:
        fraction = float(hits)
    return _result(
        question,
        fraction,
        marks={o: ("right" if o in right else "wrong") for o in question.option_ids if o in chosen},
        feedback=tuple(o for o in question.option_ids if o in chosen),
        counts={"right_chosen": hits, "right_total": len(right), "wrong_chosen": false_alarms},
    )


def score_order(question: Question, response: Any) -> Result | ErrorResult:
    order = _ids(response, "order", "item")
    if order is None or sorted(order) != sorted(question.items):
        return _error(question, "bad-response", 'a response must be an object with an "order" of all the item ids')
    n = len(order)
    in_place = [item for item, right in zip(order, question.items, strict=True) if item == right]
    if question.scoring == "pairs":
        rank = {item: i for i, item in enumerate(question.items)}
        concordant = sum(1 for i in range(n) for j in range(i + 1, n) if rank[order[i]] < rank[order[j]])
        fraction = concordant / (n * (n - 1) / 2)
    else:
        fraction = len(in_place) / n
    return _result(
        question,
        fraction,
        marks={item: ("right" if item in in_place else "wrong") for item in question.items},
        counts={"in_place": len(in_place), "items": n},
    )


def score_match(question: Question, response: Any) -> Result | ErrorResult:
    pairs = response.get("pairs") if isinstance(response, dict) else None
    if not isinstance(pairs, dict):
        return _error(question, "bad-response", 'a response must be an object with "pairs": {item: choice}')
    for item, choice in pairs.items():
        if item not in question.items:
            return _error(question, "unknown-item", f"this question has no item {item!r}")
        if choice is not None and choice not in question.choices:
            return _error(question, "unknown-choice", f"this question has no choice {choice!r}")
    answered = {item: choice for item, choice in pairs.items() if choice is not None}
    if not answered:
        return _error(question, "no-answer", "Match at least one item first.")
    right = [item for item, key in zip(question.items, question.key, strict=True) if answered.get(item) == key]
    return _result(
        question,
        len(right) / len(question.items),
        marks={item: ("right" if item in right else "wrong") for item in question.items if item in answered},
        counts={"right": len(right), "items": len(question.items), "answered": len(answered)},
    )


def matching_answer(question: Question, typed: str) -> str | None:
    """The id of the first answer the typed text matches, or None."""
    text = normalize(typed)
    for answer in question.answers:
        if answer.pattern:
            if re.fullmatch(answer.value, text, re.IGNORECASE):
                return answer.id
        elif normalize(answer.value) == text:
            return answer.id
    return None


def score_text(question: Question, response: Any) -> Result | ErrorResult:
    typed = response.get("text") if isinstance(response, dict) else None
    if not isinstance(typed, str):
        return _error(question, "bad-response", 'a response must be an object with a "text" string')
    if len(typed) > MAX_TEXT:
        return _error(question, "too-long", f"The answer is too long (at most {MAX_TEXT} characters).")
    if not normalize(typed):
        return _error(question, "no-answer", "Type an answer first.")
    found = matching_answer(question, typed)
    accepted = {a.id for a in question.answers if a.correct}
    return _result(
        question,
        1.0 if found in accepted else 0.0,
        marks={found: "right" if found in accepted else "wrong"} if found else {},
        feedback=(found,) if found else (),
    )


def score_scale(question: Question, response: Any) -> Result | ErrorResult:
    ratings = response.get("ratings") if isinstance(response, dict) else None
    if not isinstance(ratings, dict):
        return _error(question, "bad-response", 'a response must be an object with "ratings": {statement: level}')
    total = 0
    for statement in question.statements:
        level = ratings.get(statement.id)
        if level is None:
            return _error(question, "no-answer", "Rate every statement first.")
        if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level < question.levels:
            return _error(question, "bad-response", f"the rating of {statement.id!r} is not on the scale")
        total += question.levels - 1 - level if statement.reversed else level
    if set(ratings) - {s.id for s in question.statements}:
        return _error(question, "bad-response", "a rating names a statement this question does not have")
    band = next(b for b in question.bands if b.low <= total <= b.high)
    top = (question.levels - 1) * len(question.statements)
    return Result(
        question.id,
        "complete",
        0.0,
        0.0,
        feedback=(band.id,),
        profile={"total": total, "max": top, "band": band.id},
    )


def score_reflection(question: Question, response: Any) -> Result | ErrorResult:
    text = response.get("text") if isinstance(response, dict) else None
    if not isinstance(text, str):
        return _error(question, "bad-response", 'a response must be an object with a "text" string')
    if not text.strip():
        return _error(question, "no-answer", "Write something first.")
    if len(text) > MAX_TEXT:
        return _error(question, "too-long", f"This is too long to keep (at most {MAX_TEXT} characters).")
    return Result(question.id, "complete", 0.0, 0.0)


SCORERS: dict[str, Callable[[Question, Any], Result | ErrorResult]] = {
    "single": score_choice,
    "true-false": score_choice,
    "multiple": score_choice,
    "order": score_order,
    "match": score_match,
    "text": score_text,
    "scale": score_scale,
    "reflection": score_reflection,
}


def score(question: Question, response: Any) -> Result | ErrorResult:
    """Score a response given as JSON-like data; never raises on a malformed response."""
    return SCORERS[question.type](question, response)


def solution(question: Question) -> dict[str, Any]:
    """The right answer, to show once a question is finished: the parts a reader should have given."""
    if question.type in ("single", "true-false", "multiple"):
        return {"selected": list(question.right_ids)}
    if question.type == "order":
        return {"order": list(question.items)}
    if question.type == "match":
        return {"pairs": dict(zip(question.items, question.key, strict=True))}
    if question.type == "text":
        return {"answers": [a.id for a in question.answers if a.correct]}
    return {}
