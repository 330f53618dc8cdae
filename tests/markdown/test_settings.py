"""Settings under a question's header are read as an author means them."""

from __future__ import annotations

import html
import json
import re

import markdown
import pytest

from quiz_engine.markdown.source import QuizSyntaxError, find_blocks

SCALE = """/// quiz | Does this happen?
    type: scale
    labels: [No, Yes]

- We plan the weekend together.
- [0-0] Rarely
- [1-1] Often
///
"""


def test_yes_and_no_stay_words() -> None:
    (block,) = find_blocks(SCALE, "page", 1)
    assert block.source.settings["labels"] == ["No", "Yes"]


def test_only_true_and_false_turn_shuffle_on_or_off() -> None:
    text = "/// quiz | Q?\n    type: single\n    shuffle: yes\n\n- [x] A\n- [ ] B\n///\n"
    with pytest.raises(QuizSyntaxError) as error:
        find_blocks(text, "page", 1)
    assert str(error.value) == (
        "line 3: `shuffle: yes` is not true or false. How to fix: write `shuffle: true` or `shuffle: false`"
    )


POOL = (
    "//// quiz-pool | P\n    draw: 1\n{extra}\n/// quiz | Q?\n    type: true-false\n\n- [x] Y\n- [ ] N\n///\n\n"
    "/// quiz | R?\n    type: true-false\n\n- [x] Y\n- [ ] N\n///\n////\n"
)


def render(extra: str) -> str:
    return markdown.Markdown(extensions=["quiz"]).convert(POOL.format(extra=extra))


def pool_data(extra: str) -> dict:
    return json.loads(html.unescape(re.search(r'data-quiz-pool="([^"]*)"', render(extra))[1]))


def test_exam_true_makes_the_pool_an_exam_and_says_so() -> None:
    pool = find_blocks(POOL.format(extra="    exam: true"), "page", 1)[0]
    assert pool.pool is not None and pool.pool.exam is True
    assert pool_data("    exam: true")["exam"] is True
    assert "the score and the feedback come after Submit" in render("    exam: true")


def test_a_pool_is_no_exam_unless_it_says_so() -> None:
    assert "exam" not in pool_data("")
    assert "exam" not in pool_data("    exam: false")
    assert "come after Submit" not in render("")
