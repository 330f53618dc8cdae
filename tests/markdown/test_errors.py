"""Every way a `/// quiz` block can be malformed gives one error with the line, the problem and the fix."""

from __future__ import annotations

import markdown
import pytest

from quiz_engine.markdown.source import QuizSyntaxError, find_blocks

HEADER = "# A page\n\n"  # questions start on line 3


def error_for(body: str) -> QuizSyntaxError:
    with pytest.raises(QuizSyntaxError) as info:
        find_blocks(HEADER + body)
    return info.value


CASES = {
    "single with no right option": (
        "/// quiz | Q?\n    type: single\n\n- [ ] A\n- [ ] B\n///",
        3,
        "a single question needs exactly one right option, but none is marked [x]",
        "mark the right answer with `[x]`",
    ),
    "single with two right options": (
        "/// quiz | Q?\n    type: single\n\n- [x] A\n- [ ] B\n- [x] C\n///",
        8,
        "but 2 are marked [x] (lines 6, 8)",
        "or use `type: multiple`",
    ),
    "no options": (
        "/// quiz | Q?\n    type: multiple\n\nJust some text.\n///",
        3,
        "the question has no options",
        "add the options as a task list",
    ),
    "unknown type": (
        "/// quiz | Q?\n    type: singel\n\n- [x] A\n- [ ] B\n///",
        4,
        "unknown question type `singel`",
        "did you mean `single`?",
    ),
    "missing type": (
        "/// quiz | Q?\n\n- [x] A\n- [ ] B\n///",
        3,
        "the question has no `type`",
        "type: single",
    ),
    "unknown setting": (
        "/// quiz | Q?\n    type: single\n    shufle: true\n\n- [x] A\n- [ ] B\n///",
        5,
        "unknown setting `shufle`",
        "did you mean `shuffle`?",
    ),
    "shuffle that is not true or false": (
        "/// quiz | Q?\n    type: single\n    shuffle: maybe\n\n- [x] A\n- [ ] B\n///",
        5,
        "`shuffle: maybe` is not true or false",
        "`shuffle: true`",
    ),
    "negative points": (
        "/// quiz | Q?\n    type: single\n    points: -1\n\n- [x] A\n- [ ] B\n///",
        5,
        "`points: -1` is not a positive number",
        "greater than 0",
    ),
    "points that are text": (
        "/// quiz | Q?\n    type: single\n    points: two\n\n- [x] A\n- [ ] B\n///",
        5,
        "`points: two` is not a positive number",
        "greater than 0",
    ),
    "an id with spaces": (
        "/// quiz | Q?\n    type: single\n    id: My Question\n\n- [x] A\n- [ ] B\n///",
        5,
        "`id: My Question` is not a valid id",
        "lower-case letters, digits and hyphens",
    ),
    "settings that are not YAML": (
        "/// quiz | Q?\n    type: [single\n\n- [x] A\n- [ ] B\n///",
        4,
        "the settings under the header are not valid YAML",
        "one `key: value` per line",
    ),
    "feedback with no option above it": (
        "/// quiz | Q?\n    type: single\n\n    > Orphan feedback\n- [x] A\n- [ ] B\n///",
        6,
        "there is no option above it",
        "right under the option it answers",
    ),
    "feedback not indented under its option": (
        "/// quiz | Q?\n    type: single\n\n- [x] A\n> Feedback\n- [ ] B\n///",
        7,
        "is not indented under an option",
        "indent it by four spaces",
    ),
    "empty question": (
        "/// quiz\n    type: single\n\n- [x] A\n- [ ] B\n///",
        3,
        "the question has no text",
        "`/// quiz | Your question?`",
    ),
    "text after quiz that is not a question": (
        "/// quiz Q?\n    type: single\n\n- [x] A\n- [ ] B\n///",
        3,
        "unexpected text `Q?` after `/// quiz`",
        "write the question after a bar",
    ),
    "unclosed block": (
        "/// quiz | Q?\n    type: single\n\n- [x] A\n- [ ] B\n\nMore text.\n",
        3,
        "this `/// quiz` block is never closed",
        "add a line `///`",
    ),
    "another block inside": (
        "/// quiz | Q?\n    type: single\n\n- [x] A\n- [ ] B\n\n/// details | More\nText\n///\n///",
        9,
        "another `///` block starts inside this question",
        "close the question on line 3",
    ),
    "an option with no text": (
        "/// quiz | Q?\n    type: single\n\n- [x]\n- [ ] B\n///",
        6,
        "this option has no text",
        "after `[x]` or `[ ]`",
    ),
    "a checkbox that is not [x] or [ ]": (
        "/// quiz | Q?\n    type: single\n\n- [x] A\n- [y] B\n///",
        7,
        "`- [y] B` is not an option",
        "`- [x] `",
    ),
    "a plain list item among the options": (
        "/// quiz | Q?\n    type: single\n\n- [x] A\n- B\n///",
        7,
        "`- B` is not an option",
        "`- [ ] `",
    ),
    "text right after an option": (
        "/// quiz | Q?\n    type: single\n\n- [x] A\n- [ ] B\nExplanation without a blank line.\n///",
        8,
        "this line follows an option without a blank line or an indent",
        "leave a blank line before the explanation",
    ),
    "an option after the explanation": (
        "/// quiz | Q?\n    type: single\n\n- [x] A\n- [ ] B\n\nWhy.\n\n- [ ] C\n///",
        11,
        "an option comes after the explanation",
        "keep all the options in one list",
    ),
    "true-false with three options": (
        "/// quiz | Q?\n    type: true-false\n\n- [x] True\n- [ ] False\n- [ ] Maybe\n///",
        3,
        "a true-false question needs exactly two options, but this one has 3",
        "use `type: single`",
    ),
    "two options with the same text": (
        "/// quiz | Q?\n    type: multiple\n\n- [x] Same\n- [ ] same\n///",
        7,
        "this option repeats the option on line 6",
        "give every option a different text",
    ),
    "duplicate ids on one page": (
        "/// quiz | Q?\n    type: true-false\n    id: twice\n\n- [x] A\n- [ ] B\n///\n\n"
        "/// quiz | R?\n    type: true-false\n    id: twice\n\n- [x] A\n- [ ] B\n///",
        11,
        "the id `twice` is already used by the question on line 3",
        "give each question its own id",
    ),
    "a line less indented than its header": (
        "- item\n\n    /// quiz | Q?\n        type: single\n\n    - [x] A\n  - [ ] B\n    ///",
        9,
        "this line is less indented than the `/// quiz` line above it",
        "indent every line of the question",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_block(name: str) -> None:
    body, line, message, fix = CASES[name]
    error = error_for(body)
    assert error.line == line
    assert message in error.message
    assert fix in error.fix
    described = error.describe("docs/page.md")
    assert described.startswith(f"docs/page.md:{line}: ")
    assert "\n  How to fix: " in described


def test_the_extension_raises_the_same_error_with_the_first_line_it_is_given() -> None:
    md = markdown.Markdown(extensions=["quiz"], extension_configs={"quiz": {"first_line": 5}})
    with pytest.raises(QuizSyntaxError) as info:
        md.convert("/// quiz | Q?\n    type: single\n\n- [ ] A\n- [ ] B\n///")
    assert info.value.line == 5
    assert "none is marked [x]" in info.value.message


def test_an_error_hook_replaces_the_exception() -> None:
    from quiz_engine.markdown.extension import QuizExtension

    class Stop(Exception):
        pass

    extension = QuizExtension(source_path="x.md")
    extension.error_hook = lambda errors: Stop(" | ".join(map(extension.describe, errors)))
    text = "/// quiz\n    type: single\n///\n\n/// quiz | Q?\n    type: nope\n///"
    with pytest.raises(Stop, match=r"(?s)^x\.md:1: the question has no text.* \| x\.md:6: unknown question type"):
        markdown.markdown(text, extensions=[extension])


def test_show_errors_puts_a_notice_in_place_of_each_bad_block_and_renders_the_good_ones() -> None:
    from quiz_engine.markdown.extension import QuizExtension

    extension = QuizExtension(source_path="docs/x.md")
    extension.show_errors = True
    good = "/// quiz | Good?\n    type: true-false\n\n- [x] Yes\n- [ ] No\n///"
    bad = "/// quiz | Bad <b>?</b>\n    type: single\n\n- [ ] A\n- [ ] B\n///"
    html = markdown.markdown(f"{bad}\n\n{good}", extensions=[extension])
    assert html.count('role="alert"') == 1
    assert "docs/x.md:1: a single question needs exactly one right option" in html
    assert "How to fix: mark the right answer with `[x]`." in html
    assert html.count('<form class="quiz') == 1
    assert [e.line for e in extension.errors] == [1]
