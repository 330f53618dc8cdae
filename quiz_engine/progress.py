"""A learner's progress: tries and penalties, hints, showing the answer, mastery, pools, exams, saved progress.

Tries (as Moodle's interactive mode): a question allows ``tries`` tries. A try that cannot be scored (no
answer chosen, say) does not count. The credit of a try is its score times ``1 - penalty * (k - 1)`` for
the k-th try, never below zero. The question is finished when a try is right, when the tries run out, or
when the reader asks to see the answer; its credit is that of its last scored try (0 if none). The
explanation and the right answer are shown once it is finished. Hints cost nothing.

A lesson is mastered when every scored question on it is finished and the credit is at least the mastery
threshold (80% by default) of the points. What the page draws for a question (tries left, the explanation,
the hints, the buttons) is decided here too: ``view``. Saved progress is checked in ``saved`` whenever it
is read or imported; every refusal has the one shape of ``refusals``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from . import limits
from .model import ErrorResult, InvalidData, Question, Result
from .refusals import scoring_refusal
from .scoring import CREDIT_DECIMALS, score, solution

PROGRESS_SCHEMA = 1
DEFAULT_MASTERY = 0.8
MAX_JOURNAL = 10_000
MAX_COUNT = 10_000
"""Tries and hints saved for a question the engine cannot see (another page's): at most this many."""


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
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
                raise InvalidData(f"{name} must be a whole number from 0 to {MAX_COUNT}")
        if not limits.finite(state.credit) or not 0 <= state.credit <= MAX_COUNT:
            raise InvalidData("credit must be a number within the question's points")
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


def view(question: Question, state: QuestionState) -> dict[str, Any]:
    """What the page draws for a question in ``state``, decided here so that the page decides nothing:

    - ``scored``: whether the question has a right answer (scales and reflections do not);
    - ``finished``: the question is closed (its controls disabled, its right answer shown: ``solution``);
    - ``explanation``: the explanation is shown (a finished question, or an unscored one answered);
    - ``hints``: how many hints are shown; ``more_hints``: whether the reader may ask for another;
    - ``retry``: the reader may try again or ask to see the answer (``tries_left`` tries left, else null);
    - ``penalty``: the last try counts for less than it earned (a later try, with a penalty);
    - ``revealed``: the reader asked to see the answer; ``unanswered``: finished without any answer (an
      exam submitted without it); ``max``: the question's points (0 for an unscored question).
    """
    scored = question.scored
    finished = scored and state.finished
    result = state.result or {}
    tried = state.result is not None
    retry = scored and tried and not finished
    raw = result.get("raw_credit", result.get("credit", 0))
    return {
        "scored": scored,
        "finished": finished,
        "solution": finished,
        "explanation": finished or (not scored and tried),
        "hints": min(state.hints, question.hints),
        "more_hints": not finished and state.hints < question.hints,
        "retry": retry,
        "tries_left": tries_left(question, state) if retry else None,
        "penalty": scored and tried and result.get("try", 1) > 1 and raw > result.get("credit", 0),
        "revealed": scored and state.revealed,
        "unanswered": scored and state.revealed and not tried,
        "max": question.points if scored else 0,
    }


def views(questions: list[Question], states: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """For the page's ``questions``: the view of each state saved for its version (states as the engine
    made them), and the ids of those whose saved state is of another version (the author changed them)."""
    drawn: dict[str, Any] = {}
    changed: list[str] = []
    for question in questions:
        raw = states.get(question.id)
        if not isinstance(raw, dict):
            continue
        try:
            state = QuestionState.from_dict(raw)
        except InvalidData:
            continue
        if state.hash != question.hash:
            changed.append(question.id)
        else:
            drawn[question.id] = view(question, state)
    return drawn, changed


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
    shown = _credit_try(question, state, result)
    return _answer(question, state, shown)


def _credit_try(question: Question, state: QuestionState, result: Result) -> Result:
    """Set the state's credit, finished and result for its latest try (``state.tries``), scored ``result``;
    return the result as the reader is shown it (with the penalty)."""
    factor = max(0.0, 1 - question.penalty * (state.tries - 1))
    state.credit = round(result.credit * factor, CREDIT_DECIMALS)
    state.finished = state.finished or result.verdict == "correct" or state.tries >= question.tries
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
    return shown


def restore(question: Question, raw: Any) -> QuestionState:
    """A saved state of this version of ``question``, made again by the engine from what the reader did
    (the response, the tries, hints and whether they asked for the answer): every number within the
    question's limits, the result and the right answer as the engine gives them. Raises InvalidData
    when the saved state cannot be the engine's (a response of the wrong shape, a try without one)."""
    state = QuestionState.from_dict(raw)
    if state.hash != question.hash:
        return state  # another version of the question: set aside where it is read (see summarize)
    state.hints = min(state.hints, question.hints)
    state.result = state.solution = None
    if state.response is None:
        if state.tries:
            raise InvalidData("a try was saved without its answer")
        state.credit = 0.0
        state.finished = state.finished and (state.revealed or not question.scored)
    else:
        result = score(question, state.response)
        if isinstance(result, ErrorResult):
            raise InvalidData(f"the saved answer does not fit this question ({result.code})")
        if not question.scored:
            state.tries, state.credit, state.finished = max(1, state.tries), 0.0, True
            state.result = result.to_dict()
        else:
            state.tries = min(max(1, state.tries), question.tries)
            _credit_try(question, state, result)
    if state.finished and question.scored:
        state.solution = solution(question)
    return state


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
        data = scoring_refusal(result)
    else:
        data = {"ok": True, "question": question.id}
        if result is not None:
            data["result"] = state.result or result.to_dict()
    if state.finished and question.scored:
        state.solution = solution(question)
    data["state"] = state.to_dict()
    data["tries_left"] = tries_left(question, state)
    data["view"] = view(question, state)
    return data


# -- lessons and the course ----------------------------------------------------------------------


def summarize(questions: list[Question], states: dict[str, Any], mastery: float = DEFAULT_MASTERY) -> dict[str, Any]:
    """A lesson's result from the states of its questions: answered, credit, percent, status, mastered.

    States saved for another version of a question (another hash) count as not answered, and are named.
    ``objectives`` gives the same result for each learning objective the questions name, in number order.
    """
    scored = [q for q in questions if q.scored]
    changed: list[str] = []
    usable = {q.id: _usable_state(q, states.get(q.id), changed) for q in scored}
    touched = any(usable.values()) or any(q.id in states for q in questions if not q.scored)
    summary = _result(scored, usable, mastery, touched)
    objectives = sorted({q.objective for q in scored if q.objective})
    summary["objectives"] = [
        {"objective": number, **_result(group, usable, mastery, any(usable[q.id] for q in group))}
        for number in objectives
        for group in [[q for q in scored if q.objective == number]]
    ]
    summary["changed"] = changed
    return summary


def _usable_state(question: Question, raw: Any, changed: list[str]) -> QuestionState | None:
    """The saved state of a question if it counts: readable, of this version, tried or finished."""
    try:
        state = restore(question, raw) if raw is not None else None
    except InvalidData:
        state = None
    if state is not None and state.hash != question.hash:
        changed.append(question.id)
        return None
    if state is None or (state.tries == 0 and not state.finished):
        return None
    return state


def _result(
    scored: list[Question], usable: dict[str, QuestionState | None], mastery: float, touched: bool
) -> dict[str, Any]:
    answered = finished = 0
    credit = points = 0.0
    for question in scored:
        points += question.points
        state = usable[question.id]
        if state is None:
            continue
        answered += 1
        credit += state.credit
        finished += state.finished
    percent = credit / points if points else 0.0
    complete = bool(scored) and finished == len(scored)
    mastered = complete and percent >= mastery - 1e-9
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


def submit(
    questions: list[Question],
    responses: dict[str, Any],
    states: dict[str, Any] | None = None,
    mastery: float = DEFAULT_MASTERY,
) -> dict[str, Any]:
    """An exam's submission, scored as a whole: each question's response is its one try, and every
    question is finished by it (its explanation and right answer are shown). A question with no response,
    or with one that cannot be scored (nothing chosen, nothing typed), is not answered: it is finished with
    no credit, and named in ``unanswered``. A question already finished (by an earlier submission of this
    attempt) keeps its state. Gives every question's state and the submission's summary."""
    done: dict[str, Any] = {}
    unanswered: list[str] = []
    for question in questions:
        previous = _previous(question, (states or {}).get(question.id))
        if previous is not None and previous.finished:
            done[question.id] = previous.to_dict()
            continue
        state = QuestionState(hash=question.hash)
        response = responses.get(question.id)
        result = score(question, response) if response is not None else None
        if result is None or isinstance(result, ErrorResult):
            if question.scored:
                unanswered.append(question.id)
                state.finished = state.revealed = True  # finished with no try: its answer is shown
                state.solution = solution(question)
            done[question.id] = state.to_dict()
            continue
        state.response, state.tries = response, 1
        if question.scored:
            state.finished = True  # one try, and the submission finishes it
            _credit_try(question, state, result)
            state.solution = solution(question)
        else:
            state.finished, state.result = True, result.to_dict()
        done[question.id] = state.to_dict()
    summary = summarize(questions, done, mastery)
    drawn, _ = views(questions, done)
    return {"ok": True, "states": done, "views": drawn, "unanswered": unanswered, "summary": summary}


def _previous(question: Question, raw: Any) -> QuestionState | None:
    try:
        state = restore(question, raw) if raw is not None else None
    except InvalidData:
        return None
    return state if state is not None and state.hash == question.hash else None


# -- saved progress ------------------------------------------------------------------------------
