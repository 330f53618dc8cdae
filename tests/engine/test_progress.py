"""Tries, penalties, hints, showing the answer, lesson mastery, pools and saved progress."""

from __future__ import annotations

import json

import pytest

from quiz_engine.browser import handle
from quiz_engine.model import InvalidData, Question
from quiz_engine.progress import (
    QuestionState,
    attempt,
    draw,
    hint,
    restore,
    reveal,
    submit,
    summarize,
)
from quiz_engine.saved import check_progress, import_progress

SINGLE = Question.from_dict(
    {
        "id": "q",
        "type": "single",
        "points": 3,
        "tries": 3,
        "penalty": 0.25,
        "hints": 2,
        "hash": "h1",
        "options": [{"id": "a", "correct": False}, {"id": "b", "correct": True}, {"id": "c", "correct": False}],
    }
)
MULTIPLE = Question.from_dict(
    {
        "id": "m",
        "type": "multiple",
        "tries": 2,
        "hash": "h2",
        "options": [{"id": "a", "correct": True}, {"id": "b", "correct": True}, {"id": "c", "correct": False}],
    }
)
REFLECTION = Question.from_dict({"id": "r", "type": "reflection", "hash": "h3"})


def state_of(answer: dict) -> QuestionState:
    return QuestionState.from_dict(answer["state"])


def test_a_wrong_try_leaves_tries_and_hides_the_explanation_and_the_answer() -> None:
    answer = attempt(SINGLE, {"selected": ["a"]})
    assert answer["ok"] and answer["result"]["verdict"] == "incorrect"
    assert answer["tries_left"] == 2
    assert answer["result"]["explanation"] is False
    assert "solution" not in answer["state"]
    assert answer["state"]["finished"] is False


def test_the_penalty_takes_a_share_of_the_points_for_each_extra_try() -> None:
    first = attempt(SINGLE, {"selected": ["a"]})
    second = attempt(SINGLE, {"selected": ["b"]}, state_of(first))
    assert second["result"]["verdict"] == "correct"
    assert second["state"]["credit"] == 2.25  # 3 points x (1 - 0.25)
    assert second["result"]["raw_credit"] == 3.0 and second["result"]["try"] == 2
    assert second["state"]["finished"] is True and second["result"]["explanation"] is True
    assert second["state"]["solution"] == {"selected": ["b"]}
    assert second["tries_left"] == 0


def test_the_last_try_finishes_the_question_with_its_credit() -> None:
    state = None
    for _ in range(2):
        state = state_of(attempt(MULTIPLE, {"selected": ["a"]}, state))
    assert state.finished and state.tries == 2
    assert state.credit == pytest.approx(0.5 * (1 - 1 / 3), abs=1e-4)
    again = attempt(MULTIPLE, {"selected": ["a", "b"]}, state)
    assert again["ok"] is False and again["error"]["code"] == "finished"


def test_an_unscorable_try_does_not_count() -> None:
    answer = attempt(SINGLE, {"selected": []})
    assert answer["ok"] is False and answer["error"]["code"] == "no-answer"
    assert answer["state"]["tries"] == 0


def test_showing_the_answer_finishes_with_the_credit_so_far() -> None:
    revealed = reveal(SINGLE)
    assert revealed["state"]["finished"] and revealed["state"]["revealed"]
    assert revealed["state"]["credit"] == 0
    assert revealed["state"]["solution"] == {"selected": ["b"]}


def test_hints_are_shown_one_at_a_time_up_to_the_last() -> None:
    state = None
    for expected in (1, 2, 2):
        state = state_of(hint(SINGLE, state))
        assert state.hints == expected


def test_a_state_saved_for_an_older_version_of_the_question_starts_afresh() -> None:
    old = QuestionState(hash="old", tries=3, finished=True, credit=3)
    answer = attempt(SINGLE, {"selected": ["b"]}, old)
    assert answer["state"]["tries"] == 1 and answer["state"]["credit"] == 3.0


def test_unscored_questions_can_be_answered_again() -> None:
    first = attempt(REFLECTION, {"text": "one"})
    second = attempt(REFLECTION, {"text": "two"}, state_of(first))
    assert second["ok"] and second["state"]["response"] == {"text": "two"}


def test_summary_status_and_mastery() -> None:
    questions = [SINGLE, MULTIPLE, REFLECTION]
    assert summarize(questions, {})["status"] == "not-started"
    right = attempt(SINGLE, {"selected": ["b"]})["state"]
    partial = summarize(questions, {"q": right})
    assert partial["status"] == "in-progress" and partial["answered"] == 1 and partial["credit"] == 3
    both = {"q": right, "m": attempt(MULTIPLE, {"selected": ["a", "b"]})["state"]}
    done = summarize(questions, both)
    assert done["complete"] and done["mastered"] and done["status"] == "mastered" and done["percent"] == 1
    weak = {"q": reveal(SINGLE)["state"], "m": both["m"]}
    result = summarize(questions, weak, mastery=0.8)
    assert result["complete"] and not result["mastered"] and result["status"] == "complete"
    assert result["percent"] == pytest.approx(1 / 4)


def test_summary_sets_aside_answers_to_changed_questions() -> None:
    stale = {**attempt(SINGLE, {"selected": ["b"]})["state"], "hash": "older"}
    summary = summarize([SINGLE], {"q": stale})
    assert summary["changed"] == ["q"] and summary["answered"] == 0


def test_draws_are_stable_for_a_seed_and_change_between_attempts() -> None:
    ids = [f"q{i}" for i in range(10)]
    first = draw("pool", ids, 4, "seed", 1, [])
    assert first == draw("pool", ids, 4, "seed", 1, [])
    assert len(first) == 4 and first == [i for i in ids if i in first]
    second = draw("pool", ids, 4, "seed", 2, first)
    assert sorted(second) != sorted(first)
    assert draw("pool", ids, 99, "seed", 1, []) == ids


GOOD_PROGRESS = {
    "schema": 1,
    "site": "/",
    "seed": "abc",
    "questions": {"q": {"hash": "h1", "tries": 1, "credit": 3, "finished": True}},
    "journal": {"r": {"text": "kept", "updated": "2026-01-01T00:00:00Z"}},
    "pools": {"p": {"attempt": 2, "drawn": ["q"]}},
}


def test_check_progress_keeps_what_fits_and_names_what_it_sets_aside() -> None:
    data = json.loads(json.dumps(GOOD_PROGRESS))
    data["questions"]["broken"] = {"tries": "many"}
    data["journal"]["bad"] = {"text": 5}
    clean, notices = check_progress(data, "/")
    assert set(clean["questions"]) == {"q"} and set(clean["journal"]) == {"r"}
    assert clean["pools"] == {"p": {"attempt": 2, "drawn": ["q"]}} and clean["seed"] == "abc"
    assert [(n["code"], n["id"]) for n in notices] == [("entry-set-aside", "broken"), ("journal-set-aside", "bad")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "not a JSON object"),
        ({"schema": 2, "questions": {}}, "newer version"),
        ({"schema": 0, "questions": {}}, "unknown or old format"),
        ({"questions": {}}, "unknown or old format"),
        ({"schema": 1, "questions": []}, '"questions" must be an object'),
    ],
)
def test_check_progress_refuses_what_is_not_progress(data: object, message: str) -> None:
    with pytest.raises(InvalidData, match=message):
        check_progress(data, "/")


def test_import_refuses_a_bad_file_with_a_message() -> None:
    assert import_progress("not json", "/")["error"]["message"] == "This file is not a progress file (not JSON)."
    refused = import_progress('{"schema": 7}', "/")
    assert refused["ok"] is False and "newer version" in refused["error"]["message"]
    accepted = import_progress(json.dumps(GOOD_PROGRESS), "/")
    assert accepted["ok"] and accepted["progress"]["questions"]["q"]["credit"] == 3.0


def test_summary_gives_mastery_per_learning_objective() -> None:
    first = Question.from_dict({**SINGLE.to_dict(), "objective": 1})
    second = Question.from_dict({**MULTIPLE.to_dict(), "objective": 2})
    third = Question.from_dict({**SINGLE.to_dict(), "id": "q3", "objective": 2})
    questions = [first, second, third, REFLECTION]
    assert [o["objective"] for o in summarize(questions, {})["objectives"]] == [1, 2]
    assert {o["status"] for o in summarize(questions, {})["objectives"]} == {"not-started"}
    states = {"q": attempt(first, {"selected": ["b"]})["state"], "m": attempt(second, {"selected": ["a"]})["state"]}
    by_objective = {o["objective"]: o for o in summarize(questions, states)["objectives"]}
    assert by_objective[1]["status"] == "mastered" and by_objective[1]["percent"] == 1
    assert by_objective[2]["status"] == "in-progress" and by_objective[2]["answered"] == 1
    assert by_objective[2]["questions"] == 2 and by_objective[2]["points"] == 4


def test_summary_without_objectives_lists_none() -> None:
    assert summarize([SINGLE, MULTIPLE], {})["objectives"] == []


# -- an exam's submission ---------------------------------------------------------------------------

TEXT = Question.from_dict(
    {"id": "t", "type": "text", "hash": "h4", "answers": [{"id": "a", "value": "police", "correct": True}]}
)


def test_submit_scores_each_response_as_one_try_and_finishes_every_question() -> None:
    answer = submit([SINGLE, MULTIPLE], {"q": {"selected": ["a"]}, "m": {"selected": ["a"]}})
    assert answer["ok"] and answer["unanswered"] == []
    single, multiple = (QuestionState.from_dict(answer["states"][qid]) for qid in ("q", "m"))
    assert (single.tries, single.finished, single.credit) == (1, True, 0.0)  # three tries allowed: one is used
    assert single.result["verdict"] == "incorrect" and single.result["explanation"] is True
    assert single.solution == {"selected": ["b"]}
    assert (multiple.finished, multiple.credit, multiple.result["verdict"]) == (True, 0.5, "partial")
    summary = answer["summary"]
    assert (summary["credit"], summary["points"], summary["complete"]) == (0.5, 4.0, True)
    assert summary["status"] == "complete"


def test_submit_names_unanswered_questions_and_scores_them_zero() -> None:
    answer = submit([SINGLE, MULTIPLE, TEXT], {"q": {"selected": ["b"]}, "m": {"selected": []}})
    assert answer["unanswered"] == ["m", "t"]  # nothing chosen counts as not answered, as no response does
    for qid in ("m", "t"):
        state = QuestionState.from_dict(answer["states"][qid])
        assert (state.tries, state.credit, state.finished, state.result) == (0, 0.0, True, None)
        assert state.solution is not None
    summary = answer["summary"]
    assert (summary["credit"], summary["points"], summary["answered"], summary["complete"]) == (3.0, 5.0, 3, True)


def test_a_submitted_state_reads_back_as_submitted() -> None:
    answer = submit([SINGLE, TEXT], {"q": {"selected": ["a"]}})
    again = summarize([SINGLE, TEXT], answer["states"])
    assert again == answer["summary"]
    for question in (SINGLE, TEXT):  # what the page saves is made again by the engine as it was
        assert restore(question, answer["states"][question.id]).to_dict() == answer["states"][question.id]


def test_submit_keeps_a_question_already_finished_and_scores_the_others() -> None:
    first = submit([SINGLE], {"q": {"selected": ["b"]}})["states"]
    answer = submit([SINGLE, MULTIPLE], {"q": {"selected": ["a"]}, "m": {"selected": ["a", "b"]}}, first)
    assert answer["states"]["q"]["credit"] == 3.0  # a second submission cannot change it
    assert answer["states"]["m"]["credit"] == 1.0


def test_submit_through_the_worker_entry_point() -> None:
    request = {
        "op": "submit",
        "questions": [SINGLE.to_dict(), TEXT.to_dict()],
        "responses": {"q": {"selected": ["b"]}, "t": {"text": "Police!"}},
    }
    answer = json.loads(handle(json.dumps(request)))
    assert answer["ok"] and answer["unanswered"] == [] and answer["summary"]["credit"] == 4.0
    for bad, code in (({"responses": []}, "bad-request"), ({"questions": [{"id": 1}]}, "bad-question")):
        assert json.loads(handle(json.dumps({**request, **bad})))["error"]["code"] == code


# -- what the page draws: the engine's view ---------------------------------------------------------------


def test_the_view_of_a_wrong_try_offers_another_with_the_tries_left() -> None:
    view = attempt(SINGLE, {"selected": ["a"]})["view"]
    assert view == {
        "scored": True,
        "finished": False,
        "solution": False,
        "explanation": False,
        "hints": 0,
        "more_hints": True,
        "retry": True,
        "tries_left": 2,
        "penalty": False,
        "revealed": False,
        "unanswered": False,
        "max": 3.0,
    }


def test_the_view_of_a_later_right_try_shows_the_penalty_the_explanation_and_the_answer() -> None:
    first = attempt(SINGLE, {"selected": ["a"]})
    view = attempt(SINGLE, {"selected": ["b"]}, state_of(first))["view"]
    assert view["finished"] and view["solution"] and view["explanation"] and view["penalty"]
    assert not view["retry"] and view["tries_left"] is None and not view["more_hints"]


def test_the_view_counts_the_hints_shown_and_says_when_none_is_left() -> None:
    once = hint(SINGLE)
    assert once["view"]["hints"] == 1 and once["view"]["more_hints"] is True
    twice = hint(SINGLE, state_of(once))
    assert twice["view"]["hints"] == 2 and twice["view"]["more_hints"] is False
    assert twice["view"]["retry"] is False  # nothing tried yet: nothing to try again


def test_the_view_of_a_revealed_question_never_tried() -> None:
    view = reveal(SINGLE)["view"]
    assert view["finished"] and view["revealed"] and view["unanswered"] and view["solution"]


def test_the_view_of_an_unscored_question_shows_the_explanation_once_answered_and_stays_open() -> None:
    view = attempt(REFLECTION, {"text": "mine"})["view"]
    assert view["scored"] is False and view["explanation"] is True
    assert view["finished"] is False and view["solution"] is False and view["retry"] is False
    assert view["max"] == 0


def test_a_refused_try_still_gives_the_view_of_the_state_it_leaves() -> None:
    answer = attempt(SINGLE, {"selected": []})
    assert answer["ok"] is False and answer["view"]["retry"] is False and answer["view"]["finished"] is False


def test_submit_gives_the_view_of_every_question() -> None:
    answer = submit([SINGLE, MULTIPLE], {"q": {"selected": ["b"]}})
    assert set(answer["views"]) == {"q", "m"}
    assert answer["views"]["q"]["finished"] and not answer["views"]["q"]["unanswered"]
    assert answer["views"]["m"]["unanswered"] and answer["views"]["m"]["solution"]


def test_the_saved_progress_check_gives_views_and_names_changed_questions() -> None:
    saved = {
        "schema": 1,
        "questions": {
            "q": attempt(SINGLE, {"selected": ["a"]})["state"],
            "m": {**attempt(MULTIPLE, {"selected": ["a"]})["state"], "hash": "older"},
        },
    }
    questions = [SINGLE.to_dict(), MULTIPLE.to_dict()]
    answer = json.loads(
        handle(json.dumps({"op": "progress.check", "progress": saved, "site": "/", "questions": questions}))
    )
    assert answer["ok"] and answer["changed"] == ["m"]
    assert set(answer["views"]) == {"q"} and answer["views"]["q"]["tries_left"] == 2


# -- refusals: one shape, codes and values, never words for the reader ----------------------------------


def test_every_refusal_has_one_shape() -> None:
    too_long = attempt(
        Question.from_dict({"id": "t", "type": "text", "answers": [{"id": "a", "value": "x", "correct": True}]}),
        {"text": "x" * 20_000},
    )
    refusals = [
        attempt(SINGLE, {"selected": []}),
        too_long,
        import_progress("not json", "/"),
        import_progress('{"schema": 99}', "/"),
        json.loads(handle(json.dumps({"op": "progress.check", "progress": [], "site": "/"}))),
        json.loads(handle('{"op": "nothing"}')),
        json.loads(handle("[" * 5000 + "]" * 5000)),
    ]
    for answer in refusals:
        assert answer["ok"] is False
        error = answer["error"]
        assert set(error) == {"code", "reason", "params", "message"}, error
        assert isinstance(error["code"], str) and isinstance(error["reason"], str) and isinstance(error["params"], dict)
    assert refusals[0]["error"]["code"] == "no-answer" and refusals[0]["question"] == "q"
    assert too_long["error"] == {**too_long["error"], "code": "too-long", "params": {"max": 10_000}}
    assert refusals[2]["error"]["code"] == "bad-file" and refusals[2]["error"]["reason"] == "not-json"
    assert refusals[3]["error"]["reason"] == "newer" and refusals[3]["error"]["params"] == {"schema": 99}
    assert refusals[4]["error"]["code"] == "bad-progress" and refusals[4]["error"]["reason"] == "not-progress"
    assert refusals[6]["error"]["code"] == "too-large" and refusals[6]["error"]["reason"] == "too-deep"


def test_the_page_and_the_engine_read_one_progress_schema() -> None:
    """The page's one definition of the saved progress's schema (nav.js, which store.js imports) is the
    engine's."""
    import re
    from pathlib import Path

    from quiz_engine.progress import PROGRESS_SCHEMA

    nav = (Path(__file__).resolve().parents[2] / "quiz_engine" / "web" / "nav.js").read_text(encoding="utf-8")
    assert re.findall(r"export const SCHEMA = (\d+);", nav) == [str(PROGRESS_SCHEMA)]
    assert "quiz-progress:v" in nav and nav.count("quiz-progress:v") == 1
    store = (Path(__file__).resolve().parents[2] / "quiz_engine" / "web" / "store.js").read_text(encoding="utf-8")
    assert "quiz-progress:v" not in store and "SCHEMA = " not in store
