"""No input can crash the engine: requests, saved progress and progress files are measured before they
are parsed, every number read back is bounded by the question, and a saved answer of the wrong shape is
set aside. A property test feeds the import and answer paths random nested JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz_engine import limits
from quiz_engine.browser import handle
from quiz_engine.model import InvalidData, Question
from quiz_engine.progress import restore, summarize
from quiz_engine.saved import Known, check_progress, import_progress

QUESTION = {
    "id": "q",
    "type": "single",
    "points": 2,
    "tries": 2,
    "hints": 1,
    "hash": "h1",
    "options": [{"id": "a", "correct": False}, {"id": "b", "correct": True}],
}
SINGLE = Question.from_dict(QUESTION)


def ask(request: Any) -> dict[str, Any]:
    return json.loads(handle(json.dumps(request)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", 0), ("[]", 1), ('{"a": [[{}]]}', 4), ('["[[[[", "]]]"]', 1), ('{"a\\"[": {"b": "}"}}', 2)],
)
def test_depth_counts_nesting_outside_strings(text: str, expected: int) -> None:
    assert limits.depth(text) == expected


def test_a_deeply_nested_request_is_refused_before_parsing() -> None:
    deep = "[" * 5000 + "]" * 5000
    answer = json.loads(handle(deep))
    assert answer["ok"] is False and answer["reason"] == "too-deep"
    inside = json.loads(handle('{"op": "progress.check", "progress": ' + deep + ', "site": "/"}'))
    assert inside["reason"] == "too-deep"


def test_a_deeply_nested_file_or_saved_answer_is_refused() -> None:
    file = '{"schema": 1, "questions": {"q": {"response": ' + "[" * 3000 + "]" * 3000 + "}}}"
    refused = import_progress(file, "/")
    assert refused["ok"] is False and refused["error"]["reason"] == "too-deep"
    huge = json.dumps({"schema": 1, "questions": {}, "journal": {"r": {"text": "x" * (limits.MAX_FILE_CHARS + 1)}}})
    assert import_progress(huge, "/")["error"]["reason"] == "too-large"


def test_nan_and_infinity_are_not_numbers() -> None:
    file = '{"schema": 1, "questions": {"q": {"hash": "h1", "tries": 1, "credit": NaN, "finished": true}}}'
    refused = import_progress(file, "/")
    assert refused["error"]["reason"] == "not-json"
    assert ask({"op": "version"})["ok"]
    assert json.loads(handle('{"op": "summary", "questions": [], "mastery": Infinity}'))["ok"] is False


def test_too_many_entries_are_refused() -> None:
    entries = {f"q{i}": {"tries": 0} for i in range(limits.MAX_ENTRIES + 1)}
    with pytest.raises(InvalidData, match="more than"):
        check_progress({"schema": 1, "questions": entries}, "/")


def test_a_credit_no_question_can_give_is_refused() -> None:
    saved = {"hash": "h1", "tries": 1, "credit": 1e300, "finished": True, "response": {"selected": ["b"]}}
    with pytest.raises(InvalidData, match="credit"):
        restore(SINGLE, saved)
    summary = summarize([SINGLE], {"q": saved})
    assert summary["credit"] == 0 and summary["status"] == "not-started"


def test_numbers_read_back_are_bounded_by_the_question() -> None:
    saved = {"hash": "h1", "tries": 99, "credit": 70, "finished": False, "response": {"selected": ["b"]}, "hints": 50}
    state = restore(SINGLE, saved)
    second_try = round(2 * (1 - SINGLE.penalty), 4)
    assert (state.tries, state.hints, state.credit, state.finished) == (2, 1, second_try, True)
    summary = summarize([SINGLE], {"q": saved})
    assert summary["credit"] == second_try and summary["percent"] <= 1


def test_the_result_shown_is_made_again_by_the_engine() -> None:
    saved = {
        "hash": "h1",
        "tries": 2,
        "credit": 2,
        "finished": True,
        "response": {"selected": ["b"]},
        "result": {"verdict": "correct", "credit": 1e9, "marks": "everything"},
    }
    state = restore(SINGLE, saved)
    assert state.credit == round(2 * (1 - SINGLE.penalty), 4)  # the second try's credit
    assert state.result["marks"] == {"b": "right"} and state.result["credit"] == state.credit
    assert state.solution == {"selected": ["b"]}


@pytest.mark.parametrize(
    "response",
    [{"selected": 3}, {"selected": ["z"]}, "b", {"order": ["b"]}],
    ids=["number", "unknown", "text", "other"],
)
def test_a_saved_answer_of_the_wrong_shape_is_set_aside_with_a_notice(response: Any) -> None:
    saved = {"hash": "h1", "tries": 1, "credit": 0, "finished": False, "response": response}
    clean, notices = check_progress({"schema": 1, "questions": {"q": saved}}, "/", [SINGLE])
    assert clean["questions"] == {}
    assert [n["code"] for n in notices] == ["entry-set-aside"]
    answer = ask(
        {"op": "progress.check", "progress": {"schema": 1, "questions": {"q": saved}}, "questions": [QUESTION]}
    )
    assert answer["ok"] and answer["progress"]["questions"] == {} and answer["notices"][0]["id"] == "q"


def test_an_import_keeps_only_what_the_site_has_and_counts_the_rest() -> None:
    good = {"hash": "h1", "tries": 1, "credit": 2, "finished": True, "response": {"selected": ["b"]}}
    file = {
        "schema": 1,
        "questions": {"q": good, **{f"other-{i}": {"tries": 0} for i in range(20_000)}},
        "journal": {"r": {"text": "mine"}, "nowhere": {"text": "lost"}},
        "pools": {"gone": {"attempt": 1, "drawn": ["q"]}},
    }
    known = Known({"q"}, {"r"}, set())
    answer = import_progress(json.dumps(file), "/", [SINGLE], known)
    assert (
        answer["ok"] and set(answer["progress"]["questions"]) == {"q"} and set(answer["progress"]["journal"]) == {"r"}
    )
    assert answer["notices"] == [{"code": "unknown-entries", "count": 20_002}]


def test_an_import_with_nothing_usable_is_refused() -> None:
    nothing = {"schema": 1, "questions": {"q": {"tries": "many"}, "elsewhere": {"tries": 0}}, "journal": {}}
    answer = import_progress(json.dumps(nothing), "/", [SINGLE], Known({"q"}, set(), set()))
    assert answer["ok"] is False and answer["error"]["reason"] == "nothing-usable"
    assert import_progress('{"schema": 1}', "/")["error"]["reason"] == "nothing-usable"


nested = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=5),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=40,
)


@settings(max_examples=150, deadline=None)
@given(data=nested, extra_depth=st.integers(0, 60))
def test_random_nested_json_never_makes_the_engine_raise(data: Any, extra_depth: int) -> None:
    wrapped = "[" * extra_depth + json.dumps(data) + "]" * extra_depth
    progress = '{"schema": 1, "questions": {"q": ' + wrapped + "}}"
    question = json.dumps(QUESTION)
    for request in (
        f'{{"op": "progress.import", "text": {json.dumps(progress)}, "course": {{"questions": [{question}]}}}}',
        f'{{"op": "progress.check", "site": "/", "progress": {progress}, "questions": [{question}]}}',
        f'{{"op": "attempt", "question": {question}, "response": {wrapped}, "state": {wrapped}}}',
        f'{{"op": "summary", "questions": [{question}], "states": {{"q": {wrapped}}}}}',
    ):
        answer = json.loads(handle(request))
        assert isinstance(answer["ok"], bool)
        assert answer.get("error", {}).get("code") != "internal", answer
