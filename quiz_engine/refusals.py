"""The one shape of every refusal the engine sends the page, whatever refuses it (scoring, saved progress,
a file, a share): ``{"ok": false, "question", "error": {"code", "reason", "params", "message"}}``. ``code``
and ``reason`` name what the page says (its words are in ``locales/``), ``params`` holds the values those
words need, and ``message`` is an English detail for developers, never shown to a reader."""

from __future__ import annotations

from typing import Any

from .data import ErrorResult, InvalidData
from .scoring import MAX_TEXT


def refused(
    code: str, message: str, reason: str | None = None, question: str | None = None, **params: Any
) -> dict[str, Any]:
    """The one shape of every refusal the engine sends the page (see the module's docstring)."""
    error = {"code": code, "reason": reason or code, "params": params, "message": message}
    return {"ok": False, "question": question, "error": error}


ERROR_PARAMS: dict[str, dict[str, Any]] = {"too-long": {"max": MAX_TEXT}}
"""The values the page's words need for a scoring error, by its code."""


def scoring_refusal(error: ErrorResult) -> dict[str, Any]:
    """A response that could not be scored (``scoring``'s ErrorResult), as a refusal."""
    return refused(error.code, error.message, question=error.question_id, **ERROR_PARAMS.get(error.code, {}))


class Refusal(InvalidData):
    """Something the engine refuses as a whole (saved progress, a file, a share): ``code`` says what kind
    of thing, ``reason`` why, ``params`` the values the page's words need; the message is for developers."""

    code = "refused"

    def __init__(self, reason: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.reason = reason
        self.params = params

    def to_dict(self, code: str | None = None) -> dict[str, Any]:
        return refused(code or self.code, str(self), self.reason, **self.params)
