"""A learner's progress: tries and penalties, hints, showing the answer, mastery, pools, saved progress.

Tries (as Moodle's interactive mode): a question allows ``tries`` tries. A try that cannot be scored (no
answer chosen, say) does not count. The credit of a try is its score times ``1 - penalty * (k - 1)`` for
the k-th try, never below zero. The question is finished when a try is right, when the tries run out, or
when the reader asks to see the answer; its credit is that of its last scored try (0 if none). The
explanation and the right answer are shown once it is finished. Hints cost nothing.

A lesson is mastered when every scored question on it is finished and the credit is at least the mastery
threshold (80% by default) of the points. Saved progress is a JSON document, checked here whenever it is
read or imported: anything that does not fit is set aside with a notice, never trusted.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Any

from .model import ErrorResult, InvalidData, Question, Result
from .scoring import CREDIT_DECIMALS, score, solution

PROGRESS_SCHEMA = 1
DEFAULT_MASTERY = 0.8
MAX_JOURNAL = 10_000


@dataclass
class QuestionState:
    """What a reader has done with one question, as saved in the browser."""

    hash: str = ""
    tries: int = 0
    credit: float = 0.0
    finished: bool = False
    revealed: bool = False
    hints: int = 0
    response: Any = None
    result: dict[str, Any] | None = None
    solution: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "hash": self.hash,
            "tries": self.tries,
            "credit": self.credit,
            "finished": self.finished,
        }
        if self.revealed:
            data["revealed"] = True
        if self.hints:
            data["hints"] = self.hints
        if self.response is not None:
            data["response"] = self.response
        if self.result is not None:
            data["result"] = self.result
        if self.solution is not None:
            data["solution"] = self.solution
        return data

    @classmethod
    def from_dict(cls, data: Any) -> QuestionState:
        if not isinstance(data, dict):
            raise InvalidData("a question's progress must be an object")
        state = cls(
            hash=data.get("hash", ""),
            tries=data.get("tries", 0),
            credit=data.get("credit", 0.0),
            finished=data.get("finished", False),
            revealed=data.get("revealed", False),
            hints=data.get("hints", 0),
            response=data.get("response"),
            result=data.get("result"),
            solution=data.get("solution"),
        )
        if not isinstance(state.hash, str):
            raise InvalidData("hash must be a string")
        for name in ("tries", "hints"):
            value = getattr(state, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InvalidData(f"{name} must be a whole number")
        if isinstance(state.credit, bool) or not isinstance(state.credit, int | float) or state.credit < 0:
            raise InvalidData("credit must be a number")
        if not isinstance(state.finished, bool) or not isinstance(state.revealed, bool):
            raise InvalidData("finished and revealed must be true or false")
        for name in ("result", "solution"):
            if getattr(state, name) is not None and not isinstance(getattr(state, name), dict):
                raise InvalidData(f"{name} must be an object")
        state.credit = float(state.credit)
        return state


def _fresh(question: Question, state: QuestionState | None) -> QuestionState:
    """The saved state if it belongs to this version of the question, else a new one."""
    if state is None or state.hash != question.hash:
        return QuestionState(hash=question.hash)
    return state


def tries_left(question: Question, state: QuestionState) -> int:
    return 0 if state.finished else max(0, question.tries - state.tries)


def attempt(question: Question, response: Any, previous: QuestionState | None = None) -> dict[str, Any]:
    """One try at a question: score it, apply the penalty, and say whether the question is finished."""
    state = _fresh(question, previous)
    if state.finished and question.scored:
        return _answer(question, state, ErrorResult("finished", "This question is finished.", question.id))
    result = score(question, response)
    if isinstance(result, ErrorResult):
        return _answer(question, state, result)
    state.response = response
    if not question.scored:
        state.tries, state.finished = state.tries + 1, True
        state.result = result.to_dict()
        return _answer(question, state, result)
    state.tries += 1
    factor = max(0.0, 1 - question.penalty * (state.tries - 1))
    state.credit = round(result.credit * factor, CREDIT_DECIMALS)
    state.finished = result.verdict == "correct" or state.tries >= question.tries
    shown = Result(
        result.question_id,
        result.verdict,
        state.credit,
        result.max_credit,
        marks=result.marks,
        feedback=result.feedback,
        explanation=state.finished,
        counts=result.counts,
        profile=result.profile,
    )
    state.result = {**shown.to_dict(), "raw_credit": result.credit, "try": state.tries}
    return _answer(question, state, shown)


def reveal(question: Question, previous: QuestionState | None = None) -> dict[str, Any]:
    """Show the answer: the question is finished with the credit it has (0 if it was never tried)."""
    state = _fresh(question, previous)
    state.finished = True
    state.revealed = True
    return _answer(question, state, None)


def hint(question: Question, previous: QuestionState | None = None) -> dict[str, Any]:
    """Show one more hint, if there is one."""
    state = _fresh(question, previous)
    state.hints = min(question.hints, state.hints + 1)
    return _answer(question, state, None)


def _answer(question: Question, state: QuestionState, result: Result | ErrorResult | None) -> dict[str, Any]:
    data: dict[str, Any]
    if isinstance(result, ErrorResult):
        data = result.to_dict()
    else:
        data = {"ok": True, "question": question.id}
        if result is not None:
            data["result"] = state.result or result.to_dict()
    if state.finished and question.scored:
        state.solution = solution(question)
    data["state"] = state.to_dict()
    data["tries_left"] = tries_left(question, state)
    return data


# -- lessons and the course ----------------------------------------------------------------------


def summarize(questions: list[Question], states: dict[str, Any], mastery: float = DEFAULT_MASTERY) -> dict[str, Any]:
    """A lesson's result from the states of its questions: answered, credit, percent, status, mastered.

    States saved for another version of a question (another hash) count as not answered, and are named.
    """
    scored = [q for q in questions if q.scored]
    answered = finished = 0
    credit = points = 0.0
    changed = []
    for question in scored:
        points += question.points
        raw = states.get(question.id)
        try:
            state = QuestionState.from_dict(raw) if raw is not None else None
        except InvalidData:
            state = None
        if state is not None and state.hash != question.hash:
            changed.append(question.id)
            state = None
        if state is None or (state.tries == 0 and not state.finished):
            continue
        answered += 1
        credit += state.credit
        finished += state.finished
    percent = credit / points if points else 0.0
    complete = bool(scored) and finished == len(scored)
    mastered = complete and percent >= mastery - 1e-9
    touched = answered or any(q.id in states for q in questions if not q.scored)
    status = "mastered" if mastered else "complete" if complete else "in-progress" if touched else "not-started"
    return {
        "questions": len(scored),
        "answered": answered,
        "finished": finished,
        "credit": round(credit, CREDIT_DECIMALS),
        "points": round(points, CREDIT_DECIMALS),
        "percent": round(percent, CREDIT_DECIMALS),
        "mastery": mastery,
        "complete": complete,
        "mastered": mastered,
        "status": status,
        "changed": changed,
    }


def draw(
    pool_id: str, question_ids: list[str], size: int, seed: str, attempt_number: int, previous: list[str]
) -> list[str]:
    """The questions of one attempt at a pool: ``size`` of them, in page order, different from the last draw
    when the pool allows it. The same seed and attempt always give the same draw."""
    size = max(1, min(size, len(question_ids)))
    chosen: list[str] = []
    for extra in range(20):
        rng = random.Random(f"{seed}:{pool_id}:{attempt_number}:{extra}")
        picked = set(rng.sample(question_ids, size))
        chosen = [qid for qid in question_ids if qid in picked]
        if sorted(chosen) != sorted(previous) or size == len(question_ids):
            break
    return chosen


# -- saved progress ------------------------------------------------------------------------------


def empty_progress(site: str) -> dict[str, Any]:
    return {"schema": PROGRESS_SCHEMA, "site": site, "questions": {}, "journal": {}, "pools": {}}


def check_progress(data: Any, site: str) -> tuple[dict[str, Any], list[str]]:
    """Saved progress as it can be trusted, and a notice for everything set aside.

    Raises InvalidData when the document as a whole is not progress of this schema (the caller keeps the
    original aside and starts afresh).
    """
    if not isinstance(data, dict):
        raise InvalidData("this is not saved progress (not a JSON object)")
    schema = data.get("schema")
    if schema != PROGRESS_SCHEMA:
        if isinstance(schema, int) and not isinstance(schema, bool) and schema > PROGRESS_SCHEMA:
            raise InvalidData(f"this progress was saved by a newer version of the site (schema {schema})")
        raise InvalidData(f"this progress has an unknown or old format (schema {schema!r})")
    notices: list[str] = []
    clean = empty_progress(site)
    if data.get("site") not in (site, None):
        notices.append("This progress was saved on another site; its answers were kept where the questions match.")
    questions = data.get("questions", {})
    if not isinstance(questions, dict):
        raise InvalidData('"questions" must be an object')
    for qid, raw in questions.items():
        try:
            clean["questions"][str(qid)] = QuestionState.from_dict(raw).to_dict()
        except InvalidData as exc:
            notices.append(f"The saved answer to {qid!r} could not be read ({exc}) and was set aside.")
    journal = data.get("journal", {})
    if not isinstance(journal, dict):
        raise InvalidData('"journal" must be an object')
    for qid, entry in journal.items():
        if (
            isinstance(entry, dict)
            and isinstance(entry.get("text"), str)
            and len(entry["text"]) <= MAX_JOURNAL
            and isinstance(entry.get("updated", ""), str)
        ):
            clean["journal"][str(qid)] = {"text": entry["text"], "updated": entry.get("updated", "")}
        else:
            notices.append(f"The journal entry for {qid!r} could not be read and was set aside.")
    pools = data.get("pools", {})
    if isinstance(pools, dict):
        for pid, entry in pools.items():
            if (
                isinstance(entry, dict)
                and isinstance(entry.get("attempt"), int)
                and isinstance(entry.get("drawn"), list)
                and all(isinstance(q, str) for q in entry["drawn"])
            ):
                clean["pools"][str(pid)] = {"attempt": entry["attempt"], "drawn": list(entry["drawn"])}
    if isinstance(data.get("seed"), str):
        clean["seed"] = data["seed"]
    return clean, notices


def import_progress(text: str, site: str) -> dict[str, Any]:
    """Read an exported progress file: the progress to use, or an error that changes nothing."""
    try:
        data = json.loads(text)
    except ValueError:
        return {"ok": False, "error": {"code": "bad-file", "message": "This file is not a progress file (not JSON)."}}
    try:
        progress, notices = check_progress(data, site)
    except InvalidData as exc:
        return {"ok": False, "error": {"code": "bad-file", "message": f"This file cannot be imported: {exc}."}}
    return {"ok": True, "progress": progress, "notices": notices}
