"""The worker's entry point: one JSON request in, one JSON answer out. The only module the browser calls.

Requests:
- ``{"op": "score", "question": {...}, "response": {...}}`` -> a result (see ``model.Result.to_dict``)
- ``{"op": "version"}`` -> ``{"ok": true, "version": ..., "schema": ...}``

Every answer is a JSON object with ``"ok"``; a request that cannot be served gives ``"ok": false`` and an
``"error"`` with a code and a message. ``handle`` never raises.
"""

from __future__ import annotations

import json
from typing import Any

from . import __version__
from .model import SCHEMA_VERSION, ErrorResult, InvalidData, Question
from .scoring import score


def _answer(request: Any) -> dict[str, Any]:
    if not isinstance(request, dict):
        return ErrorResult("bad-request", "a request must be a JSON object").to_dict()
    op = request.get("op")
    if op == "version":
        return {"ok": True, "version": __version__, "schema": SCHEMA_VERSION}
    if op == "score":
        try:
            question = Question.from_dict(request.get("question"))
        except InvalidData as exc:
            return ErrorResult("bad-question", f"the question data is not valid: {exc}").to_dict()
        return score(question, request.get("response")).to_dict()
    return ErrorResult("bad-request", f"unknown operation {op!r}").to_dict()


def handle(message: str) -> str:
    """Serve one request given as JSON text; return the answer as JSON text. Never raises."""
    try:
        request = json.loads(message)
    except (TypeError, ValueError):
        return json.dumps(ErrorResult("bad-request", "the request is not valid JSON").to_dict())
    try:
        return json.dumps(_answer(request))
    except Exception as exc:  # a bug must reach the reader as a message, not as a dead worker
        return json.dumps(ErrorResult("internal", f"the engine failed: {type(exc).__name__}: {exc}").to_dict())
