"""The class overview: many participants' shares read, checked and added up, for the facilitator's page.

A share is what a participant chooses to give the facilitator (the progress page makes it): the site, the
share's schema, an optional nickname, and per scored question only the saved answer and what it scored
(tries, credit, finished). Never the journal, never a reflection or a self-assessment. It comes as a
JSON file or as a code to paste: ``CODE_PREFIX`` then the same JSON, compressed (raw deflate or gzip) and
base64url-encoded.

``overview`` reads many shares at once, each within the limits (size, nesting, entries), and gives per
page and question: how many answered, the share right (credit over points), the options chosen, the most
chosen wrong option first; per lesson, how many participants mastered it (``progress.summarize``). Every
score is made again by the engine from the answer (``progress.restore``): a share cannot claim a score.
Every input that cannot be used (broken, another site, another version, a duplicate) gets one report
entry with a reason code, and is skipped.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import zlib
from datetime import UTC, datetime
from typing import Any

from . import limits, progress, refusals
from .model import CHOICE_TYPES, InvalidData, Question
from .scoring import CREDIT_DECIMALS

SHARE_KIND = "quiz-share"
SHARE_SCHEMA = 1
CODE_PREFIX = "QS1-"
"""A pasted code: this prefix, then the share's JSON compressed and base64url-encoded."""
MAX_SHARES = 500
"""Shares read at once (a big class is 60)."""
MAX_SHARE_CHARS = 400_000
"""One share, as JSON: a whole course's answers are about 20 KB."""
MAX_NAME = 60
"""A nickname, in characters."""


class ShareError(refusals.Refusal):
    """A share that cannot be used; ``reason`` is a code the page words (see ``refusals.Refusal``)."""

    code = "bad-share"


def decode(text: str) -> str:
    """A share's JSON text, from a file's content or a pasted code. Raises ShareError."""
    text = text.strip().lstrip("\ufeff")
    if not text.startswith(CODE_PREFIX):
        return text
    body = "".join(text[len(CODE_PREFIX) :].split())
    if len(body) > MAX_SHARE_CHARS:
        raise ShareError("too-large", "the code is too long")
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise ShareError("broken", "the code is damaged (not base64url)") from None
    for wbits in (-15, 31):  # raw deflate, then gzip
        inflater = zlib.decompressobj(wbits)
        try:
            data = inflater.decompress(packed, MAX_SHARE_CHARS + 1)
        except zlib.error:
            continue
        if len(data) > MAX_SHARE_CHARS or inflater.unconsumed_tail:
            raise ShareError("too-large", "the code holds too much")
        if not inflater.eof:
            raise ShareError("broken", "the code is cut short")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise ShareError("broken", "the code is damaged (not text)") from None
    raise ShareError("broken", "the code is damaged (not compressed data)")


def read_share(text: str, site: str, course: str) -> dict[str, Any]:
    """One share checked as a whole: its nickname, answers and pools. Raises ShareError."""
    if not isinstance(text, str):
        raise ShareError("broken", "a share must be text")
    decoded = decode(text)
    try:
        data = limits.loads(decoded, MAX_SHARE_CHARS)
    except limits.TooLarge as exc:
        raise ShareError(exc.reason, str(exc)) from None
    except ValueError:
        raise ShareError("broken", "it is not a share (not JSON)") from None
    if not isinstance(data, dict) or data.get("kind") != SHARE_KIND:
        raise ShareError("not-share", "it is not a share from a progress page")
    if data.get("schema") != SHARE_SCHEMA:
        raise ShareError("other-version", f"it was made by another version of the site (schema {data.get('schema')!r})")
    if data.get("site") != site or (course and data.get("course") not in (course, None)):
        raise ShareError("other-site", "it was made on another site")
    name = data.get("name", "")
    if not isinstance(name, str):
        raise ShareError("broken", "the nickname must be text")
    answers, pools = data.get("answers"), data.get("pools", {})
    if not isinstance(answers, dict) or not isinstance(pools, dict):
        raise ShareError("broken", '"answers" and "pools" must be objects')
    if len(answers) > limits.MAX_ENTRIES or len(pools) > limits.MAX_ENTRIES:
        raise ShareError("too-many", f"it has more than {limits.MAX_ENTRIES} entries")
    drawn = {
        pid: set(entry["drawn"])
        for pid, entry in pools.items()
        if isinstance(entry, dict)
        and isinstance(entry.get("drawn"), list)
        and all(isinstance(q, str) for q in entry["drawn"])
    }
    return {"name": " ".join(name.split())[:MAX_NAME], "answers": answers, "drawn": drawn}


def share(
    saved: Any, questions: list[Question], site: str, course: str = "", name: str = "", made: str = ""
) -> dict[str, Any]:
    """What a participant shares, from their saved progress: per scored question of ``questions`` (the
    course's), the saved answer and its score; the pools drawn; an optional nickname. Never the journal,
    never a reflection or a self-assessment. Gives the share and its code (``CODE_PREFIX``, then the JSON
    compressed as raw deflate and base64url-encoded), and ``empty`` when it holds no answer."""
    saved = saved if isinstance(saved, dict) else {}
    states = saved.get("questions") if isinstance(saved.get("questions"), dict) else {}
    pools = saved.get("pools") if isinstance(saved.get("pools"), dict) else {}
    answers: dict[str, Any] = {}
    for question in questions:
        state = states.get(question.id)
        if not question.scored or not isinstance(state, dict) or "response" not in state:
            continue
        kept = {key: state[key] for key in ("hash", "tries", "credit", "finished") if key in state}
        revealed = {"revealed": True} if state.get("revealed") else {}
        answers[question.id] = {**kept, **revealed, "response": state["response"]}
    drawn = {
        pid: {"attempt": entry.get("attempt"), "drawn": entry["drawn"]}
        for pid, entry in pools.items()
        if isinstance(entry, dict) and isinstance(entry.get("drawn"), list)
    }
    data = {
        "kind": SHARE_KIND,
        "schema": SHARE_SCHEMA,
        "site": site,
        "course": course,
        "name": " ".join(str(name).split())[:MAX_NAME],
        "made": made or datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "answers": answers,
        "pools": drawn,
    }
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(text.encode("utf-8")) + packer.flush()
    code = CODE_PREFIX + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")
    return {"ok": True, "share": data, "text": text, "code": code, "empty": not answers}


def _fingerprint(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def _answer_key(state: Any) -> Any:
    """What a participant answered, without when: the duplicate check compares these."""
    if not isinstance(state, dict):
        return state
    return {key: state.get(key) for key in ("hash", "tries", "credit", "finished", "revealed", "response")}


def overview(
    shares: list[dict[str, Any]], pages: list[dict[str, Any]], site: str, course: str = "", mastery: float = 0.8
) -> dict[str, Any]:
    """The class overview from ``shares`` ([{label, text}]) for ``pages`` ([{title, questions, pools}]).

    Returns ``participants`` (the shares used, each with its label and nickname), ``rejected`` (one entry
    per share skipped: label, reason, and the label of the first copy for a duplicate) and ``pages``.
    """
    parsed_pages = []
    for page in pages:
        if not isinstance(page, dict):
            raise InvalidData("a page must be an object")
        questions = [Question.from_dict(q) for q in page.get("questions") or []]
        pools = [p for p in page.get("pools") or [] if isinstance(p, dict)]
        parsed_pages.append((page, questions, pools))
    known = {q.id for _, questions, _ in parsed_pages for q in questions}

    accepted: list[dict[str, Any]] = []
    participants: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    seen_text: dict[str, str] = {}
    seen_answers: dict[str, str] = {}
    for index, entry in enumerate(shares):
        label = str(entry.get("label", "")) if isinstance(entry, dict) else ""
        label = label[:200] or f"#{index + 1}"
        if index >= MAX_SHARES:
            rejected.append({"label": label, "reason": "too-many-shares"})
            continue
        text = entry.get("text") if isinstance(entry, dict) else None
        try:
            share = read_share(text, site, course)  # type: ignore[arg-type]
        except ShareError as exc:
            rejected.append({"label": label, "reason": exc.reason, **exc.params, "detail": str(exc)})
            continue
        same_text = _fingerprint(text.strip())  # type: ignore[union-attr]
        answers = {qid: _answer_key(state) for qid, state in share["answers"].items() if qid in known}
        same_answers = _fingerprint([share["name"], answers])
        first = seen_text.get(same_text) or seen_answers.get(same_answers)
        if first is not None:
            rejected.append({"label": label, "reason": "duplicate", "of": first})
            continue
        if not answers:
            rejected.append({"label": label, "reason": "no-answers"})
            continue
        seen_text[same_text], seen_answers[same_answers] = label, label
        accepted.append(share)
        participants.append({"label": label, "name": share["name"]})

    return {
        "ok": True,
        "participants": participants,
        "rejected": rejected,
        "pages": [_page(page, questions, pools, accepted, mastery) for page, questions, pools in parsed_pages],
    }


def _page(
    page: dict[str, Any],
    questions: list[Question],
    pools: list[dict[str, Any]],
    shares: list[dict[str, Any]],
    mastery: float,
) -> dict[str, Any]:
    in_pool = {qid: str(p.get("id")) for p in pools for qid in p.get("questions") or [] if isinstance(qid, str)}
    scored = [q for q in questions if q.scored]
    tally = {q.id: {"answered": 0, "right": 0, "credit": 0.0, "points": 0.0, "chosen": {}} for q in scored}
    started = mastered = 0
    percents: list[float] = []
    for share in shares:
        mine = [q for q in questions if q.id not in in_pool or q.id in share["drawn"].get(in_pool[q.id], set())]
        states = {q.id: share["answers"][q.id] for q in mine if q.id in share["answers"]}
        summary = progress.summarize(mine, states, mastery)
        if summary["answered"]:
            started += 1
            percents.append(summary["percent"])
        mastered += summary["mastered"]
        for question in scored:
            state = _state(question, states.get(question.id))
            if state is None:
                continue
            counts = tally[question.id]
            counts["answered"] += 1
            counts["credit"] += state.credit
            counts["points"] += question.points
            counts["right"] += state.credit >= question.points - 1e-9
            selected = state.response.get("selected") if isinstance(state.response, dict) else None
            if question.type in CHOICE_TYPES and isinstance(selected, list):
                for option in set(selected):
                    counts["chosen"][option] = counts["chosen"].get(option, 0) + 1
    return {
        "title": str(page.get("title", "")),
        "url": str(page.get("url", "")),
        "participants": started,
        "mastered": mastered,
        "percent": round(sum(percents) / len(percents), CREDIT_DECIMALS) if percents else 0.0,
        "questions": [_question(q, tally[q.id]) for q in scored],
    }


def _state(question: Question, raw: Any) -> progress.QuestionState | None:
    """A participant's state of ``question`` as the engine makes it again, if it counts as answered."""
    if raw is None:
        return None
    try:
        state = progress.restore(question, raw)
    except InvalidData:
        return None
    if state.hash != question.hash or state.tries == 0 or state.response is None:
        return None
    return state


def _question(question: Question, counts: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "answered": counts["answered"],
        "right": counts["right"],
        "share_right": round(counts["credit"] / counts["points"], CREDIT_DECIMALS) if counts["points"] else None,
    }
    if question.type in CHOICE_TYPES:
        chosen = counts["chosen"]
        options = [{"id": o.id, "correct": o.correct, "count": chosen.get(o.id, 0)} for o in question.body.options]
        # the wrong options first, the most chosen first; then the right ones (sorted() keeps the author's order)
        options = sorted(options, key=lambda o: (o["correct"], -o["count"]))
        data["options"] = options
        wrong = [o for o in options if not o["correct"] and o["count"]]
        data["most_wrong"] = wrong[0]["id"] if wrong else None
    return data
