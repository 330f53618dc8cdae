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
responses = json_values | st.fixed_dictionaries(
    {"selected": st.lists(st.sampled_from(["a", "b", "c", "d", "z", ""]) | st.text(max_size=3), max_size=6)}
)


@pytest.mark.parametrize("case", CASES[:1] + CASES[11:12] + CASES[13:14] + CASES[19:20], ids=lambda c: c["name"])
@given(response=responses)
def test_scoring_never_raises_and_credit_stays_in_range(case: dict[str, Any], response: Any) -> None:
    question = Question.from_dict(case["question"])
    result = score(question, response)
    assert isinstance(result, Result | ErrorResult)
    data = result.to_dict()
    json.dumps(data)
    if isinstance(result, Result):
        assert 0 <= result.credit <= question.points
        assert (result.verdict == "correct") == (result.credit == question.points)
