"""Scoring one response: ``score(question, response)`` gives the credit, the verdict and the feedback to
show; ``solution(question)`` the right answer. Each type's rule is in its module in ``quiz_engine.types``.

A response is correct when it earns all the points. A malformed response gives an ErrorResult; scoring
never raises. Tries, penalties and finishing a question are in ``progress``.
"""

from __future__ import annotations

from typing import Any

from .data import CREDIT_DECIMALS, ErrorResult, Result
from .model import Question
from .types.text import MAX_TEXT, matching_answer

__all__ = ["CREDIT_DECIMALS", "MAX_TEXT", "matching_answer", "score", "solution"]


def score(question: Question, response: Any) -> Result | ErrorResult:
    """Score a response given as JSON-like data; never raises on a malformed response."""
    return question.kind.score(question, response)


def solution(question: Question) -> dict[str, Any]:
    """The right answer, to show once a question is finished: the parts a reader should have given."""
    return question.kind.solution(question)
