"""Scoring: score(question, response) gives the credit, the verdict and the feedback to show.

Rules
-----
- ``single`` and ``true-false``: the full points for the right option, nothing otherwise.
- ``multiple``: with R right options and W wrong ones, a reader who chooses h of the right ones and f of the
  wrong ones earns ``points * max(0, h/R - f/W)`` (the ``f/W`` term is 0 when there is no wrong option).
  Every right option is worth an equal share; every wrong one takes an equal share of the whole back, so
  choosing every option earns nothing, and the credit never goes below zero. The answer is correct when
  all right options and no wrong one are chosen.

The feedback shown is that of every option the reader chose, in the question's order, and the question's
explanation. A malformed response gives an ErrorResult; scoring never raises.
"""

from __future__ import annotations

from typing import Any

from .model import ChoiceResponse, ErrorResult, Question, Result, Verdict

CREDIT_DECIMALS = 4


def parse_choice_response(question: Question, data: Any) -> ChoiceResponse | ErrorResult:
    """Read ``{"selected": [option ids]}`` for a choice question."""

    def bad(code: str, message: str) -> ErrorResult:
        return ErrorResult(code, message, question.id)

    if not isinstance(data, dict) or "selected" not in data:
        return bad("bad-response", 'a response must be an object with a "selected" list')
    selected = data["selected"]
    if not isinstance(selected, list) or not all(isinstance(s, str) for s in selected):
        return bad("bad-response", '"selected" must be a list of option ids')
    if len(set(selected)) != len(selected):
        return bad("bad-response", "an option was chosen twice")
    unknown = [s for s in selected if s not in question.option_ids]
    if unknown:
        return bad("unknown-option", f"this question has no option {unknown[0]!r}")
    if not selected:
        return bad("no-answer", "Choose an answer first.")
    if question.type != "multiple" and len(selected) > 1:
        return bad("too-many", "Choose only one answer.")
    return ChoiceResponse(tuple(selected))


def score(question: Question, response: Any) -> Result | ErrorResult:
    """Score a response given as JSON-like data; never raises on a malformed response."""
    parsed = parse_choice_response(question, response)
    if isinstance(parsed, ErrorResult):
        return parsed
    chosen = set(parsed.selected)
    right = set(question.right_ids)
    wrong = set(question.option_ids) - right
    hits, false_alarms = len(chosen & right), len(chosen & wrong)

    if question.type == "multiple":
        fraction = hits / len(right) - (false_alarms / len(wrong) if wrong else 0.0)
    else:
        fraction = 1.0 if hits == 1 else 0.0
    fraction = max(0.0, fraction)
    credit = round(question.points * fraction, CREDIT_DECIMALS)

    verdict: Verdict
    if hits == len(right) and false_alarms == 0:
        verdict = "correct"
    elif credit > 0:
        verdict = "partial"
    else:
        verdict = "incorrect"

    return Result(
        question_id=question.id,
        verdict=verdict,
        credit=credit,
        max_credit=question.points,
        marks={oid: ("right" if oid in right else "wrong") for oid in question.option_ids if oid in chosen},
        feedback=tuple(oid for oid in question.option_ids if oid in chosen),
        explanation=True,
        counts={"right_chosen": hits, "right_total": len(right), "wrong_chosen": false_alarms},
    )
