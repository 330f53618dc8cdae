"""quiz_engine.browser.handle: the worker's entry point answers every request with JSON, never raises."""

from __future__ import annotations

import json

import pytest

import quiz_engine
from quiz_engine.browser import handle
from tests.cases import scoring_cases


def ask(request: object) -> dict:
    return json.loads(handle(json.dumps(request)))


def test_version() -> None:
    assert ask({"op": "version"}) == {"ok": True, "version": quiz_engine.__version__, "schema": 1}


def test_score_request_matches_scoring() -> None:
    case = scoring_cases()[0]
    answer = ask({"op": "score", "question": case["question"], "response": case["response"]})
    assert answer["ok"] is True
    assert answer["verdict"] == "correct"


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ("not json", "bad-request"),
        ("[1, 2]", "bad-request"),
        ('{"op": "explode"}', "bad-request"),
        ('{"op": "score", "question": {"id": "x"}}', "bad-question"),
        ('{"op": "score"}', "bad-question"),
    ],
)
def test_bad_requests_get_an_error_answer(message: str, code: str) -> None:
    answer = json.loads(handle(message))
    assert answer["ok"] is False
    assert answer["error"]["code"] == code
    assert answer["error"]["message"]


def test_core_imports_nothing_from_outside_the_standard_library() -> None:
    """The browser loads the core: it must not need Markdown, MkDocs or any other third-party package."""
    import subprocess
    import sys

    code = (
        "import sys, quiz_engine.browser, quiz_engine.scoring, quiz_engine.model\n"
        "third = {'markdown', 'pymdownx', 'mkdocs', 'yaml', 'nh3'}\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in third"
        " or m.startswith('quiz_engine.markdown') or m.startswith('quiz_engine.mkdocs')]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


@pytest.mark.parametrize(
    "message",
    [
        "not json",
        '{"op": "explode"}',
        '{"op": "score"}',
        '{"op": "summary", "mastery": 3}',
        '{"op": "score", "question": {"v": 1, "id": "q", "type": "single", "options": ['
        '{"id": "a", "correct": true}, {"id": "b", "correct": false}]}, "response": {"selected": []}}',
    ],
)
def test_every_refusal_carries_codes_and_values_and_no_words_for_the_reader(message: str) -> None:
    """The page words a refusal from its code and reason; the message is an English detail for developers."""
    answer = json.loads(handle(message))
    assert answer["ok"] is False and "question" in answer
    assert set(answer["error"]) == {"code", "reason", "params", "message"}
    assert isinstance(answer["error"]["params"], dict)


def test_a_scoring_refusal_names_its_code_and_the_values_its_words_need() -> None:
    question = {"v": 1, "id": "t", "type": "text", "answers": [{"id": "a", "value": "x", "correct": True}]}
    answer = ask({"op": "attempt", "question": question, "response": {"text": "x" * 20_000}})
    assert answer["error"]["code"] == "too-long" and answer["error"]["params"] == {"max": 10_000}
    assert answer["question"] == "t" and answer["view"]["retry"] is False
