"""The worker's entry point: one JSON request in, one JSON answer out. The only module the browser calls.

Requests (``op``):
- ``version``: the engine's version and data schema.
- ``score``: ``question``, ``response`` -> the raw result of one response (no tries, no penalty).
- ``attempt``: ``question``, ``response``, ``state`` -> a try: result, new state, tries left, solution, and
  the ``view``: what the page draws (``progress.view``: tries left, the explanation, hints, buttons).
- ``hint`` / ``reveal``: ``question``, ``state`` -> the new state and its ``view`` (and the solution once
  revealed).
- ``summary``: ``questions``, ``states``, ``mastery`` -> a lesson's result and status.
- ``draw``: ``pool``, ``questions``, ``size``, ``seed``, ``attempt``, ``previous`` -> the drawn question ids.
- ``submit``: ``questions`` (an exam's), ``responses`` ({id: response}), optionally ``states``, ``mastery`` ->
  every question scored as one try and finished (``states``, and their ``views``), the ``unanswered`` ids,
  and the submission's ``summary``.
- ``progress.check``: ``progress``, ``site``, optionally ``questions`` (the page's) -> saved progress made
  safe, with notices (codes and values, worded by the page), the ``views`` of the page's questions saved
  for their version, and the ids of those saved for another version (``changed``).
- ``progress.import``: ``text``, ``site``, optionally ``course`` ({questions, journal, pools}: what the
  site has) -> an exported file read and checked, or an error with a ``reason`` code.
- ``classroom.overview``: ``shares`` ([{label, text}]), ``pages``, ``site``, ``course``, ``mastery`` -> the
  class overview (see ``classroom``), with one report entry per share skipped.
- ``classroom.share``: ``progress``, ``questions`` (the course's), ``site``, ``course``, ``name``, optionally
  ``made`` -> what a participant shares (``share``, its JSON ``text`` and its ``code``; ``empty`` when it
  holds no answer).
Every answer is a JSON object with ``"ok"``; a request that cannot be served gives ``"ok": false`` and an
``"error"`` in the one shape of every refusal (``refusals.refused``): a ``code`` and a ``reason`` the page
words, the ``params`` its words need, and an English ``message`` for developers, never shown. ``handle``
never raises, and refuses a request too large or too deeply nested to parse safely (see ``limits``)
before parsing it.
"""

from __future__ import annotations

import json
from typing import Any

from . import __version__, classroom, limits, progress, refusals, saved
from .model import SCHEMA_VERSION, ErrorResult, InvalidData, Question
from .scoring import score


def _bad(code: str, message: str, reason: str | None = None) -> dict[str, Any]:
    return refusals.refused(code, message, reason)


def _state(question: Question, request: dict[str, Any]) -> progress.QuestionState | None:
    raw = request.get("state")
    if raw is None:
        return None
    try:
        return progress.restore(question, raw)
    except InvalidData:
        return None  # a damaged saved state starts the question afresh


def _questions(data: Any) -> list[Question]:
    if not isinstance(data, list) or len(data) > limits.MAX_ENTRIES:
        raise InvalidData("questions must be a list of questions")
    return [Question.from_dict(q) for q in data]


def _answer(request: Any) -> dict[str, Any]:
    if not isinstance(request, dict):
        return _bad("bad-request", "a request must be a JSON object")
    op = request.get("op")
    if op == "version":
        return {"ok": True, "version": __version__, "schema": SCHEMA_VERSION}
    if op in ("score", "attempt", "hint", "reveal"):
        try:
            question = Question.from_dict(request.get("question"))
        except InvalidData as exc:
            return _bad("bad-question", f"the question data is not valid: {exc}")
        if op == "score":
            result = score(question, request.get("response"))
            return refusals.scoring_refusal(result) if isinstance(result, ErrorResult) else result.to_dict()
        if op == "attempt":
            return progress.attempt(question, request.get("response"), _state(question, request))
        if op == "hint":
            return progress.hint(question, _state(question, request))
        return progress.reveal(question, _state(question, request))
    if op == "summary":
        try:
            questions = _questions(request.get("questions") or [])
        except InvalidData as exc:
            return _bad("bad-question", f"the question data is not valid: {exc}")
        states = request.get("states") if isinstance(request.get("states"), dict) else {}
        mastery = request.get("mastery", progress.DEFAULT_MASTERY)
        if isinstance(mastery, bool) or not isinstance(mastery, int | float) or not 0 < mastery <= 1:
            return _bad("bad-request", "mastery must be a number between 0 and 1")
        return {"ok": True, **progress.summarize(questions, states, float(mastery))}
    if op == "draw":
        ids = request.get("questions")
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            return _bad("bad-request", "questions must be a list of question ids")
        previous = request.get("previous") if isinstance(request.get("previous"), list) else []
        size, number = request.get("size"), request.get("attempt", 1)
        if not isinstance(size, int) or isinstance(size, bool) or not isinstance(number, int):
            return _bad("bad-request", "size and attempt must be whole numbers")
        drawn = progress.draw(str(request.get("pool")), ids, size, str(request.get("seed")), number, previous)
        return {"ok": True, "drawn": drawn, "attempt": number}
    if op == "submit":
        return _submit(request)
    if op == "progress.check":
        try:
            questions = _questions(request.get("questions") or [])
            clean, notices = saved.check_progress(request.get("progress"), str(request.get("site", "")), questions)
        except saved.ProgressError as exc:
            return {**exc.to_dict(), "reason": exc.reason}  # also beside the error, as before
        except InvalidData as exc:
            return _bad("bad-question", f"the question data is not valid: {exc}")
        drawn, changed = progress.views(questions, clean["questions"])
        return {"ok": True, "progress": clean, "notices": notices, "views": drawn, "changed": changed}
    if op == "progress.import":
        text = request.get("text")
        if not isinstance(text, str):
            return _bad("bad-request", "text must be the file's content")
        course = request.get("course")
        questions, known = None, None
        if isinstance(course, dict):
            try:
                questions = _questions(course.get("questions") or [])
            except InvalidData as exc:
                return _bad("bad-question", f"the question data is not valid: {exc}")
            known = saved.Known(
                {q.id for q in questions}, set(_ids(course.get("journal"))), set(_ids(course.get("pools")))
            )
        return saved.import_progress(text, str(request.get("site", "")), questions, known)
    if op == "classroom.overview":
        return _overview(request)
    if op == "classroom.share":
        try:
            questions = _questions(request.get("questions") or [])
        except InvalidData as exc:
            return _bad("bad-question", f"the question data is not valid: {exc}")
        fields = {key: str(request.get(key) or "") for key in ("site", "course", "name", "made")}
        return classroom.share(request.get("progress"), questions, **fields)
    return _bad("bad-request", f"unknown operation {op!r}")


def _submit(request: dict[str, Any]) -> dict[str, Any]:
    try:
        questions = _questions(request.get("questions"))
    except InvalidData as exc:
        return _bad("bad-question", f"the question data is not valid: {exc}")
    responses, states = request.get("responses"), request.get("states", {})
    if not isinstance(responses, dict) or not isinstance(states, dict):
        return _bad("bad-request", "responses and states must be objects keyed by question id")
    mastery = request.get("mastery", progress.DEFAULT_MASTERY)
    if isinstance(mastery, bool) or not isinstance(mastery, int | float) or not 0 < mastery <= 1:
        return _bad("bad-request", "mastery must be a number between 0 and 1")
    return progress.submit(questions, responses, states, float(mastery))


def _overview(request: dict[str, Any]) -> dict[str, Any]:
    shares, pages = request.get("shares"), request.get("pages")
    if not isinstance(shares, list) or not isinstance(pages, list) or len(pages) > limits.MAX_ENTRIES:
        return _bad("bad-request", "shares and pages must be lists")
    mastery = request.get("mastery", progress.DEFAULT_MASTERY)
    if isinstance(mastery, bool) or not isinstance(mastery, int | float) or not 0 < mastery <= 1:
        return _bad("bad-request", "mastery must be a number between 0 and 1")
    try:
        return classroom.overview(
            shares, pages, str(request.get("site", "")), str(request.get("course") or ""), float(mastery)
        )
    except InvalidData as exc:
        return _bad("bad-question", f"the question data is not valid: {exc}")


def _ids(data: Any) -> list[str]:
    return [i for i in data if isinstance(i, str)] if isinstance(data, list) else []


def handle(message: str) -> str:
    """Serve one request given as JSON text; return the answer as JSON text. Never raises."""
    try:
        request = limits.loads(message, limits.MAX_REQUEST_CHARS)
    except limits.TooLarge as exc:
        refusal = _bad("too-large", f"the request cannot be read: {exc}", exc.reason)
        return json.dumps({**refusal, "reason": exc.reason})  # also beside the error, as before
    except (TypeError, ValueError):
        return json.dumps(_bad("bad-request", "the request is not valid JSON"))
    try:
        return json.dumps(_answer(request), allow_nan=False)
    except Exception as exc:  # a bug must reach the reader as a message, not as a dead worker
        return json.dumps(_bad("internal", f"the engine failed: {type(exc).__name__}: {exc}"))
