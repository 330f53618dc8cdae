"""The question model: JSON round trip for every type, and clear errors for data that is not a question."""

from __future__ import annotations

from typing import Any

import pytest

from quiz_engine.model import InvalidData, Option, Options, Question, check_question, normalize
from tests.cases import scoring_cases

GOOD = {
    "v": 1,
    "id": "q-1",
    "type": "multiple",
    "points": 2.0,
    "tries": 3,
    "penalty": 0.25,
    "hints": 2,
    "options": [{"id": "a", "correct": True}, {"id": "b", "correct": False}],
    "shuffle": True,
    "hash": "0123456789abcdef",
}


def test_round_trip() -> None:
    question = Question.from_dict(GOOD)
    assert question.to_dict() == GOOD
    assert question.body.right_ids == ("a",)
    assert Question.from_dict(question.to_dict()) == question


@pytest.mark.parametrize(
    "question", {c["question"]["id"]: c["question"] for c in scoring_cases()}.values(), ids=lambda q: q["id"]
)
def test_every_type_round_trips(question: dict[str, Any]) -> None:
    parsed = Question.from_dict(question)
    assert Question.from_dict(parsed.to_dict()) == parsed


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"v": 99}, "version 99 is not supported"),
        ({"id": "Not An Id"}, "not a valid id"),
        ({"type": "essay"}, "not one of single, multiple, true-false, order, match, text, scale, reflection"),
        ({"points": 0}, "points must be greater than 0"),
        ({"points": True}, "points must be a number"),
        ({"tries": 0}, "tries must be at least 1"),
        ({"tries": 1.5}, "tries must be a whole number"),
        ({"penalty": 2}, "penalty must be at most 1"),
        ({"options": "ab"}, "options must be a list"),
        ({"options": [{"id": "a", "correct": "yes"}]}, "correct must be true or false"),
        ({"options": [{"id": "A", "correct": True}]}, "id 'A' is not a valid id"),
        ({"options": []}, "the question has no options"),
        ({"type": "single", "options": [{"id": "a", "correct": True}, {"id": "b", "correct": True}]}, "2 are marked"),
        ({"type": "order", "items": ["a"]}, "at least two items"),
        ({"type": "order", "items": ["a", "b"], "scoring": "kendall"}, "scoring 'kendall'"),
        ({"type": "match", "items": ["a", "b"], "choices": ["m1"], "key": ["m1", "m2"]}, "not among the choices"),
        ({"type": "text", "answers": [{"id": "a", "value": "x", "correct": False}]}, "at least one accepted answer"),
        (
            {"type": "text", "answers": [{"id": "a", "value": "(", "correct": True, "pattern": True}]},
            "not a valid regular expression",
        ),
        (
            {"type": "scale", "statements": [{"id": "a"}], "levels": 3, "bands": [{"id": "b", "low": 0, "high": 1}]},
            "the bands stop at 1, but the total can reach 2",
        ),
        (
            {
                "type": "scale",
                "statements": [{"id": "a"}],
                "levels": 3,
                "bands": [{"id": "b", "low": 0, "high": 0}, {"id": "c", "low": 2, "high": 2}],
            },
            "leaves a gap",
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
        return [p.code for p in check_question(Question("q", qtype, body=Options(options)))]

    assert codes("single", [True, False]) == []
    assert codes("single", [False, False]) == ["no-right-option"]
    assert codes("single", [True]) == ["too-few-options"]
    assert codes("true-false", [True, False, False]) == ["true-false-count"]
    assert codes("true-false", [True, True]) == ["several-right-options"]
    assert codes("multiple", [False, False]) == ["no-right-option"]
    assert codes("multiple", [True, True]) == []


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("  The POLICE-story! ", "the police story"),
        ("Café   crème", "cafe creme"),
        ("don't", "don t"),
        ("?!", ""),
        ("\uff30\uff2f\uff2c\uff29\uff23\uff25", "police"),  # full-width letters
    ],
)
def test_normalize(typed: str, normal: str) -> None:
    assert normalize(typed) == normal
