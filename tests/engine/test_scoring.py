"""Scoring: the table of cases, the partial-credit rule, and robustness against any response."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz_engine.model import ErrorResult, Question, Result
from quiz_engine.scoring import score
from tests.cases import scoring_cases

CASES = scoring_cases()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_scoring_case(case: dict[str, Any]) -> None:
    result = score(Question.from_dict(case["question"]), case["response"]).to_dict()
    expect = dict(case["expect"])
    if expect.pop("ok", True) is False:
        assert result["ok"] is False
        assert result["error"]["code"] == expect["error_code"]
        assert result["error"]["message"]
        return
    assert result["ok"] is True
    for key, value in expect.items():
        assert result[key] == value, key


def test_feedback_follows_the_question_order_not_the_click_order() -> None:
    question = Question.from_dict(CASES[13]["question"])
    result = score(question, {"selected": ["c", "a"]})
    assert isinstance(result, Result)
    assert result.feedback == ("a", "c")


def test_multiple_rule_takes_an_equal_share_back_for_each_wrong_option() -> None:
    question = Question.from_dict(
        {
            "id": "five",
            "type": "multiple",
            "points": 4,
            "options": [{"id": k, "correct": k in "ab"} for k in "abcde"],
        }
    )
    # R = 2, W = 3: one right (1/2) and one wrong (1/3) leaves 1/6 of 4 points.
    result = score(question, {"selected": ["a", "c"]})
    assert isinstance(result, Result)
    assert result.credit == pytest.approx(4 / 6, abs=1e-4)
    assert result.verdict == "partial"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
ids = st.sampled_from(["a", "b", "c", "d", "m1", "m2", "m3", "low", "z", ""]) | st.text(max_size=3)
responses = (
    json_values
    | st.fixed_dictionaries({"selected": st.lists(ids, max_size=6)})
    | st.fixed_dictionaries({"order": st.lists(ids, max_size=6)})
    | st.fixed_dictionaries({"pairs": st.dictionaries(ids, ids | st.none(), max_size=4)})
    | st.fixed_dictionaries({"text": st.text(max_size=30)})
    | st.fixed_dictionaries({"ratings": st.dictionaries(ids, st.integers(-2, 5) | json_values, max_size=3)})
)
ONE_PER_QUESTION = list({c["question"]["id"]: c["question"] for c in CASES}.values())


@pytest.mark.parametrize("question_data", ONE_PER_QUESTION, ids=lambda q: q["id"])
@given(response=responses)
def test_scoring_never_raises_and_credit_stays_in_range(question_data: dict[str, Any], response: Any) -> None:
    question = Question.from_dict(question_data)
    result = score(question, response)
    assert isinstance(result, Result | ErrorResult)
    json.dumps(result.to_dict())
    if isinstance(result, Result):
        assert 0 <= result.credit <= question.points
        if question.scored:
            assert (result.verdict == "correct") == (result.credit == question.points)
        else:
            assert result.verdict == "complete" and result.max_credit == 0


@pytest.mark.parametrize("question_data", ONE_PER_QUESTION, ids=lambda q: q["id"])
@given(response=responses, state=json_values)
def test_a_try_never_raises_whatever_the_saved_state(question_data: dict[str, Any], response: Any, state: Any) -> None:
    from quiz_engine.browser import handle

    answer = json.loads(
        handle(json.dumps({"op": "attempt", "question": question_data, "response": response, "state": state}))
    )
    assert isinstance(answer["ok"], bool)
    if answer["ok"] and "result" in answer:
        assert 0 <= answer["state"]["credit"] <= answer["result"]["max"] or answer["result"]["max"] == 0
