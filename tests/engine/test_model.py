"""The question model: JSON round trip, and clear errors for data that is not a question."""

from __future__ import annotations

from typing import Any

import pytest

from quiz_engine.model import InvalidData, Option, Question, check_question

GOOD = {
    "v": 1,
    "id": "q-1",
    "type": "multiple",
    "points": 2.0,
    "options": [{"id": "a", "correct": True}, {"id": "b", "correct": False}],
    "shuffle": True,
    "hash": "0123456789abcdef",
}


def test_round_trip() -> None:
    question = Question.from_dict(GOOD)
    assert question.to_dict() == GOOD
    assert question.right_ids == ("a",)
    assert Question.from_dict(question.to_dict()) == question


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"v": 99}, "version 99 is not supported"),
        ({"id": "Not An Id"}, "not a valid id"),
        ({"type": "essay"}, "not one of single, multiple, true-false"),
        ({"points": 0}, "points must be a positive number"),
        ({"points": True}, "points must be a positive number"),
        ({"options": "ab"}, "options must be a list"),
        ({"options": [{"id": "a", "correct": "yes"}]}, "correct must be true or false"),
        ({"options": [{"id": "A", "correct": True}]}, "option id 'A' is not a valid id"),
        ({"options": []}, "the question has no options"),
        (
            {"type": "single", "options": [{"id": "a", "correct": True}, {"id": "b", "correct": True}]},
            "2 are marked",
        ),
    ],
)
def test_invalid_data_says_what_is_wrong(change: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidData, match=message):
        Question.from_dict({**GOOD, **change})


@pytest.mark.parametrize("data", [None, 3, "question", [GOOD]])
def test_not_an_object(data: Any) -> None:
    with pytest.raises(InvalidData, match="must be a JSON object"):
        Question.from_dict(data)


def test_check_question_rules() -> None:
    def codes(qtype: str, flags: list[bool]) -> list[str]:
        options = tuple(Option(chr(97 + i), flag) for i, flag in enumerate(flags))
        return [p.code for p in check_question(Question("q", qtype, options))]

    assert codes("single", [True, False]) == []
    assert codes("single", [False, False]) == ["no-right-option"]
    assert codes("single", [True]) == ["too-few-options"]
    assert codes("true-false", [True, False, False]) == ["true-false-count"]
    assert codes("true-false", [True, True]) == ["several-right-options"]
    assert codes("multiple", [False, False]) == ["no-right-option"]
    assert codes("multiple", [True, True]) == []
