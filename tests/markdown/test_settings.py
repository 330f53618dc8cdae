"""Settings under a question's header are read as an author means them."""

from __future__ import annotations

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
    assert block.source.labels == ["No", "Yes"]


def test_only_true_and_false_turn_shuffle_on_or_off() -> None:
    text = "/// quiz | Q?\n    type: single\n    shuffle: yes\n\n- [x] A\n- [ ] B\n///\n"
    with pytest.raises(QuizSyntaxError) as error:
        find_blocks(text, "page", 1)
    assert str(error.value) == (
        "line 3: `shuffle: yes` is not true or false. How to fix: write `shuffle: true` or `shuffle: false`"
    )
