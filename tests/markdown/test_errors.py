"""Every way a `/// quiz` block can be malformed gives one error with the line, the problem and the fix."""

from __future__ import annotations

import re
from html import escape

import markdown
import pytest

from quiz_engine.markdown.source import QuizSyntaxError, find_blocks

HEADER = "# A page\n\n"  # questions start on line 3
POOL_BODY = (
    "\n\n/// quiz | Q?\n    type: true-false\n\n- [x] Y\n- [ ] N\n///\n\n"
    "/// quiz | R?\n    type: true-false\n\n- [x] Y\n- [ ] N\n///\n////"
)


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
        "the id `twice` is already used on line 3",
        "give each question and pool its own id",
    ),
    "a line less indented than its header": (
        "- item\n\n    /// quiz | Q?\n        type: single\n\n    - [x] A\n  - [ ] B\n    ///",
        9,
        "this line is less indented than the `/// quiz` line above it",
        "indent every line of the question",
    ),
    "order with a bullet instead of a number": (
        "/// quiz | Q?\n    type: order\n\n1. first\n- second\n///",
        7,
        "`- second` is not a numbered item",
        "numbered list",
    ),
    "order with one item": (
        "/// quiz | Q?\n    type: order\n\n1. only\n///",
        3,
        "an order question needs at least two items",
        "numbered list",
    ),
    "order scoring that does not exist": (
        "/// quiz | Q?\n    type: order\n    scoring: kendall\n\n1. a\n2. b\n///",
        5,
        "unknown scoring `kendall`",
        "position, pairs",
    ),
    "match with a line that is not a pair": (
        "/// quiz | Q?\n    type: match\n\n- a -> x\n- b\n///",
        7,
        "`- b` is not a pair",
        "`- an item -> its match`",
    ),
    "match with no match after the arrow": (
        "/// quiz | Q?\n    type: match\n\n- a -> x\n- b ->\n///",
        7,
        "this pair has no match after `->`",
        "write the match after `->`",
    ),
    "match with a single match for all": (
        "/// quiz | Q?\n    type: match\n\n- a -> x\n- b -> x\n///",
        3,
        "at least two different matches",
        "add a decoy",
    ),
    "text with no accepted answer": (
        "/// quiz | Q?\n    type: text\n\n- [ ] wrong\n///",
        3,
        "a text question needs at least one accepted answer",
        "`- [x] the answer`",
    ),
    "text with a broken pattern": (
        "/// quiz | Q?\n    type: text\n\n- [x] /po(lice/\n///",
        6,
        "the pattern /po(lice/ is not a valid regular expression",
        "fix the pattern",
    ),
    "scale without labels": (
        "/// quiz | Q?\n    type: scale\n\n- s\n- [0-1] Low\n///",
        4,
        "a scale question needs `labels:`",
        "labels: [Never, Rarely",
    ),
    "scale whose bands leave a gap": (
        "/// quiz | Q?\n    type: scale\n    labels: [No, Yes]\n\n- s\n- t\n- [0-0] Low\n- [2-2] High\n///",
        10,
        "the band 2-2 leaves a gap",
        "start this band at 1",
    ),
    "scale whose bands stop short": (
        "/// quiz | Q?\n    type: scale\n    labels: [No, Yes]\n\n- s\n- t\n- [0-1] Low\n///",
        9,
        "the bands stop at 1, but the total can reach 2",
        "make the last band end at 2",
    ),
    "scale with a marked option": (
        "/// quiz | Q?\n    type: scale\n    labels: [No, Yes]\n\n- [x] s\n- [0-1] Low\n///",
        7,
        "`- [x] s` is neither a statement nor a band",
        "a scale has no right answer",
    ),
    "a setting that the type does not take": (
        "/// quiz | Q?\n    type: reflection\n    points: 2\n///",
        5,
        "unknown setting `points`",
        "the settings here are: type, id",
    ),
    "tries out of range": (
        "/// quiz | Q?\n    type: true-false\n    tries: 0\n\n- [x] Yes\n- [ ] No\n///",
        5,
        "`tries: 0` is not a number of tries",
        "from 1 to 10",
    ),
    "a penalty that is not a share": (
        "/// quiz | Q?\n    type: true-false\n    penalty: 150%\n\n- [x] Yes\n- [ ] No\n///",
        5,
        "`penalty: 150%` is not a share of the points",
        "`penalty: 25%`",
    ),
    "an empty hint": (
        "/// quiz | Q?\n    type: true-false\n\n- [x] Yes\n- [ ] No\n\nHint:\n///",
        9,
        "this hint is empty",
        "write the hint after `Hint:`",
    ),
    "a pool without draw": (
        "//// quiz-pool | P\n\n/// quiz | Q?\n    type: true-false\n\n- [x] Y\n- [ ] N\n///\n////",
        3,
        "a question pool needs `draw:`",
        "draw: 5",
    ),
    "a pool that draws more than it holds": (
        "//// quiz-pool | P\n    draw: 3\n\n/// quiz | Q?\n    type: true-false\n\n- [x] Y\n- [ ] N\n///\n\n"
        "/// quiz | R?\n    type: true-false\n\n- [x] Y\n- [ ] N\n///\n////",
        3,
        "the pool draws 3 questions but holds only 2",
        "lower `draw:` to at most 2",
    ),
    "an exam pool whose exam is not true or false": (
        "//// quiz-pool | P\n    draw: 1\n    exam: yes\n\n/// quiz | Q?\n    type: true-false\n\n- [x] Y\n- [ ] N\n"
        "///\n\n/// quiz | R?\n    type: true-false\n\n- [x] Y\n- [ ] N\n///\n////",
        5,
        "`exam: yes` is not true or false",
        "write `exam: true`",
    ),
    "a pool whose questions close it": (
        "/// quiz-pool | P\n    draw: 1\n\n/// quiz | Q?\n    type: true-false\n\n- [x] Y\n- [ ] N\n///\n///",
        6,
        "as long as its pool's",
        "`//// quiz-pool`",
    ),
    "objective on a page without learning objectives": (
        "/// quiz | Q?\n    type: single\n    objective: 1\n\n- [x] A\n- [ ] B\n///",
        5,
        "`objective: 1` names a learning objective, but the page lists none",
        "add a `## Learning objectives` section",
    ),
    "objective beyond the page's list": (
        "## Learning objectives\n\n- name it\n- explain it\n\n## Quiz\n\n"
        "/// quiz | Q?\n    type: single\n    objective: 3\n\n- [x] A\n- [ ] B\n///",
        12,
        "`objective: 3` names no objective: the page lists 2",
        "write a number from 1 to 2",
    ),
    "no objective on a page with learning objectives": (
        "## Learning objectives\n\n- name it\n- explain it\n\n## Quiz\n\n"
        "/// quiz | Q?\n    type: single\n\n- [x] A\n- [ ] B\n///",
        10,
        "the question does not say which learning objective it checks",
        "add `    objective: N` under the header",
    ),
    "objective that is not a number": (
        "/// quiz | Q?\n    type: single\n    objective: two\n\n- [x] A\n- [ ] B\n///",
        5,
        "`objective: two` is not the number of a learning objective",
        "for example `objective: 2`",
    ),
    "objective on a journal prompt": (
        "/// quiz | Q?\n    type: reflection\n    objective: 1\n///",
        5,
        "unknown setting `objective`",
        "",
    ),
    # Blocks the page would show as written, `[x]` on the right answer included.
    "a misspelt block name": (
        "/// quizz | Q?\n    type: single\n\n- [x] A\n- [ ] B\n///",
        3,
        "`/// quizz` is not a block the site knows, so the page would show its lines as written, answers included",
        "did you mean `/// quiz`?",
    ),
    "a misspelt block name in capitals": (
        "/// QIUZ | Q?\n    type: single\n\n- [x] A\n- [ ] B\n///",
        3,
        "`/// QIUZ` is not a block the site knows",
        "did you mean `/// quiz`?",
    ),
    "a pool name with an underscore": (
        "//// quiz_pool | P\n    draw: 1" + POOL_BODY,
        3,
        "`//// quiz_pool` is not a block the site knows",
        "did you mean `//// quiz-pool`?",
    ),
    "a pool name without its hyphen": (
        "//// quizpool | P\n    draw: 1" + POOL_BODY,
        3,
        "`//// quizpool` is not a block the site knows",
        "did you mean `//// quiz-pool`?",
    ),
    "a pool named pool": (
        "//// pool | P\n    draw: 1" + POOL_BODY,
        3,
        "`//// pool` is not a block the site knows",
        "did you mean `//// quiz-pool`?",
    ),
    "a misspelt progress block": (
        "/// quiz-progres\n///",
        3,
        "`/// quiz-progres` is not a block the site knows, so the page would show its lines as plain text",
        "did you mean `/// quiz-progress`?",
    ),
    "a no-break space after the slashes": (
        "///\u00a0quiz | Q?\n    type: single\n\n- [x] A\n- [ ] B\n///",
        3,
        "the space after `///` is not an ordinary space (it is a no-break space)",
        "type an ordinary space between `///` and `quiz`",
    ),
    "a question inside a quotation": (
        "> /// quiz | Q?\n>     type: single\n>\n> - [x] A\n> - [ ] B\n> ///",
        3,
        "this `/// quiz` block is inside a quotation (its lines start with `>`)",
        "take the `>` off the block's lines",
    ),
    "a question on a list item's line": (
        "- /// quiz | Q?\n      type: single\n\n  - [x] A\n  - [ ] B\n  ///",
        3,
        "this `/// quiz` block is on a list item's line (after `-`)",
        "start the block on a line of its own",
    ),
    "a code block never closed before a question": (
        "```python\nprint(1)\n\n/// quiz | Q?\n    type: single\n\n- [x] A\n- [ ] B\n///",
        3,
        "this code block (opened with ```) is never closed, so the page would show the block on line 6 as written",
        "close the code block with a line ``` where its code ends",
    ),
    "a header with two slashes": (
        "// quiz | Q?\n    type: single\n\n- [x] A\n- [ ] B\n///",
        3,
        "`// quiz` opens no block, since a block starts with three slashes or more",
        "write `/// quiz`",
    ),
    "a header with no slashes": (
        "quiz | Q?\n    type: single\n\n- [x] A\n- [ ] B\n///",
        3,
        "this line does not open a `/// quiz` block, but the settings under it (`type: single`) are a question's",
        "start the question with a line `/// quiz | ...`",
    ),
    "an unknown block name over a question's settings": (
        "/// q | Q?\n    type: single\n\n- [x] A\n- [ ] B\n///",
        3,
        "`/// q` is not a block the site knows",
        "did you mean `/// quiz`?",
    ),
    "settings with no header above them": (
        "Some text.\n\n    type: single\n\n- [x] A\n- [ ] B\n///",
        5,
        "these settings (`type: single`) belong to no question: there is no `/// quiz` line above them",
        "`/// quiz | Your question?`, right above the settings",
    ),
    "a first option without its space": (
        "/// quiz | Q?\n    type: single\n\n- [x]A\n- [ ] B\n- [ ] C\n///",
        6,
        "`- [x]A` looks like an option but is not written as one, so it would be shown in the question",
        "with a space on each side of the brackets",
    ),
    "a first answer without the space after its dash": (
        "/// quiz | Q?\n    type: text\n\n-[x] police story\n- [x] police\n///",
        6,
        "`-[x] police story` looks like an answer but is not written as one",
        "mark an accepted answer with `- [x] `",
    ),
    "a pool whose settings took a question's header": (
        "//// quiz-pool | P\n    draw: 1\n    id: p/// quiz | Q?\n    type: true-false\n\n- [x] Y\n- [ ] N\n///"
        + POOL_BODY.removeprefix("\n"),
        5,
        "`/// quiz` is at the end of a setting's line (`id: p/// quiz | Q?`), where it opens no block",
        "start a new line for `/// quiz`",
    ),
    # Settings the reader cannot see as settings: they would be the question's text.
    "a blank line between the header and the settings": (
        "/// quiz | Q?\n\n    type: single\n\n- [x] A\n- [ ] B\n///",
        4,
        "this blank line cuts the settings below it (`type:` on line 5) off from the `/// quiz` line",
        "remove the blank line",
    ),
    "a blank line between a pool's header and its settings": (
        "//// quiz-pool | P\n\n    draw: 1" + POOL_BODY,
        4,
        "this blank line cuts the settings below it (`draw:` on line 5) off from the `//// quiz-pool` line",
        "remove the blank line",
    ),
    "a blank line between two settings": (
        "/// quiz | Q?\n    type: single\n\n    id: q\n\n- [x] A\n- [ ] B\n///",
        5,
        "this blank line cuts the settings below it (`id:` on line 6)",
        "remove the blank line",
    ),
    "settings indented by two spaces": (
        "/// quiz | Q?\n  type: single\n\n- [x] A\n- [ ] B\n///",
        4,
        "`type:` is indented by 2 spaces, so it would be read as the question's text",
        "indent the settings by four spaces",
    ),
    "a setting under the others indented by two spaces": (
        "/// quiz | Q?\n    type: single\n  id: q\n\n- [x] A\n- [ ] B\n///",
        5,
        "`id:` is indented by 2 spaces",
        "indent the settings by four spaces",
    ),
    "settings indented with no-break spaces": (
        "/// quiz | Q?\n\u00a0\u00a0\u00a0\u00a0type: single\n\n- [x] A\n- [ ] B\n///",
        4,
        "`type:` is indented with a no-break space, not ordinary spaces",
        "four ordinary spaces",
    ),
    "a setting given twice": (
        "/// quiz | Q?\n    type: single\n    tries: 2\n    type: multiple\n\n- [x] A\n- [ ] B\n///",
        6,
        "`type` is set twice, on lines 4 and 6",
        "keep one `type:` line",
    ),
    "settings nested too deeply for YAML": (
        "/// quiz | Q?\n    type: " + "[" * 2000 + "]" * 2000 + "\n///",
        4,
        "the settings under the header are not valid YAML (nested too deeply)",
        "one `key: value` per line",
    ),
    "a pool that is never closed": (
        "//// quiz-pool | P\n    draw: 1" + POOL_BODY.removesuffix("\n////"),
        3,
        "this `//// quiz-pool` block is never closed",
        "add a line `////`",
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


def test_learning_objectives_are_the_list_under_their_heading_and_end_with_it() -> None:
    from quiz_engine.markdown.source import find_objectives

    page = (
        "# Lesson\n\n## Learning objectives\n\nYou will be able to:\n\n- name the kinds;\n- explain why\n"
        "  comfort matters.\n\nA paragraph after the list.\n\n- [x] not an objective\n\n## Next\n\n- nor this\n"
    )
    found = find_objectives(page)
    assert [(o.number, o.line, o.text) for o in found] == [
        (1, 7, "name the kinds;"),
        (2, 8, "explain why comfort matters."),
    ]
    assert find_objectives("# Page\n\n- a list, but no objectives heading\n") == []


# -- what an author can get wrong around the blocks: nothing reaches the page as written -------------

PAGE_EXTENSIONS = [
    "admonition",
    "md_in_html",
    "pymdownx.superfences",
    "pymdownx.blocks.admonition",
    "pymdownx.blocks.details",
    "pymdownx.blocks.tab",
    "pymdownx.blocks.html",
]


def render_shown(text: str) -> str:
    """A page as `mkdocs serve` renders it: each malformed block is a notice, the rest of the page as usual."""
    from quiz_engine.markdown.extension import QuizExtension

    extension = QuizExtension(source_path="docs/x.md")
    extension.show_errors = True
    return markdown.markdown(text, extensions=[extension, *PAGE_EXTENSIONS])


@pytest.mark.parametrize("name", list(CASES))
def test_a_malformed_block_never_shows_its_lines_as_written(name: str) -> None:
    body, line, message, _ = CASES[name]
    html = render_shown(HEADER + body + "\n\nThe end.\n")
    assert 'role="alert"' in html and f"docs/x.md:{line}: " in html and escape(message) in html
    assert not re.search(r"<(?:li|p)>\s*\[[x ]\]", html), "an option is shown as written"
    assert not re.search(r"<(?:li|p|code)>\s*/{3,}\s*\w", html), "a block's header is shown as written"
    if "never closed" not in message and "starts inside this question" not in message:
        assert "<p>The end.</p>" in html  # a block that runs to the end of the page takes the rest with it


def test_the_questions_of_a_misnamed_pool_are_still_read_and_checked() -> None:
    text = HEADER + "//// quizpool | P\n    draw: 1" + POOL_BODY.replace("- [ ] N", "- [x] N", 1)
    found = find_blocks(text, keep_going=True)
    assert [(block.kind, block.error.line if block.error else None) for block in found] == [
        ("pool", 3),
        ("quiz", 10),  # its first question: two right answers
        ("quiz", None),
    ]
    html = render_shown(text)
    assert html.count('role="alert"') == 2 and html.count('<form class="quiz') == 1
    assert "<p>////" not in html


LEGITIMATE = """# Other blocks

/// details | More
Some text.
///

/// admonition | A note
    type: note

Text with `/// quizz` in it.
///

/// tab | One
Text.
///

/// html | div
Text.
///

/// quiz-progress
///

/// quiz-join
///

```markdown
/// quizz | An example of a typo, in a code block
    type: single
///
```

~~~
//// quiz_pool | Also an example
~~~

```x``` is inline code, not a fence: the question below is read.

/// Quiz | Written in another case?
    type: true-false

- [x] Yes
- [ ] No
///
"""


def test_other_blocks_examples_and_another_case_are_not_taken_for_mistakes() -> None:
    (block,) = find_blocks(LEGITIMATE)
    assert block.source is not None and block.source.title == "Written in another case?"
    html = render_shown(LEGITIMATE)
    assert 'role="alert"' not in html
    assert html.count('<form class="quiz') == 1
    assert "<details>\n<summary>More</summary>" in html and 'class="tabbed-set' in html
    assert "/// quizz | An example of a typo" in html  # the example is shown, as code


def test_a_pool_in_another_case_is_a_pool() -> None:
    found = find_blocks(HEADER + "//// Quiz-Pool | P\n    draw: 1" + POOL_BODY)
    assert found[0].pool is not None and found[0].pool.questions == ["q", "r"]


def test_a_block_name_the_page_registers_is_never_a_misspelling() -> None:
    """`/// quip` is close to `quiz`, but a page whose Markdown knows a `quip` block (here a custom
    admonition type) means that block."""
    from quiz_engine.markdown.extension import QuizExtension

    text = "/// quip | Said in passing\nA remark.\n///\n"
    with pytest.raises(QuizSyntaxError, match="did you mean `/// quiz`"):
        find_blocks(text)
    assert find_blocks(text, known_blocks=["quip"]) == []
    html = markdown.markdown(
        text,
        extensions=[QuizExtension(), "pymdownx.blocks.admonition"],
        extension_configs={"pymdownx.blocks.admonition": {"types": ["note", "quip"]}},
    )
    assert '<div class="admonition quip">' in html


def test_a_page_read_from_bytes_as_mkdocs_reads_it() -> None:
    from quiz_engine.markdown.source import decode_page, front_matter_error

    assert decode_page(b"\xef\xbb\xbf# T\r\nline\rend\n") == ("# T\nline\nend\n", None)
    text, error = decode_page(b"# T\r\n\r\n\xef\xbb\xbfCaf\xe9 au lait\n")
    assert text == "# T\n\n\ufeffCaf\ufffd au lait\n"
    assert error is not None and error.line == 3
    assert error.message == "this file is not UTF-8 text (invalid continuation byte at byte 13)"
    _, after_bom = decode_page(b"\xef\xbb\xbf\xe9")
    assert after_bom is not None and "at byte 3" in after_bom.message  # counted in the file, BOM included
    assert front_matter_error("---\ntitle: Fine\n---\n# T\n") is None
    assert front_matter_error("# T\n\n---\ntitle: a: b\n---\n") is None  # not at the top: not front matter
    bad = front_matter_error("---\ntitle: T\nsummary: a: b\n---\n# T\n")
    assert bad is not None and bad.line == 3
    assert bad.message.startswith("the front matter (lines 1 to 4) is not valid YAML (mapping values")
