"""Finding the blocks on a page's raw lines: the headers of `/// quiz` and the other blocks, where a block
ends, and fenced code, where a header is only an example."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..types.syntax import QuizSyntaxError

HEADER = re.compile(r"^(?P<indent>[ ]*)(?P<fence>/{3,})[ ]*(?P<name>quiz(?:-pool)?)(?![\w-])(?P<rest>.*)$", re.I)

ANY_BLOCK_HEADER = re.compile(r"^[ ]{0,3}/{3,}[ ]*[\w-]+")

BLOCK_LINE = re.compile(r"^(?P<indent>[ ]*)(?P<fence>/+)(?P<gap>\s*)(?P<name>[\w-]+)(?P<rest>.*)$")
"""A line that opens a `///` block, or looks as if it meant to (pymdownx.blocks ignores the name's case)."""

CONTAINED_HEADER = re.compile(r"^[ ]*(?P<marks>(?:>[ ]?|(?:[-*+]|\d{1,9}[.)])[ ]+)+)(?P<header>/{3,}.*)$")
"""A `///` line behind a quotation's `>` or on a list item's line, where no block can open."""

QUOTE_MARKS = re.compile(r"^[ ]*(?:>[ ]?)+")
# A backtick fence's info string holds no backtick (CommonMark): "```x```" on a line is inline code.

FENCE = re.compile(r"^[ ]*(?P<fence>`{3,}(?=[^`]*$)|~{3,})")

OUR_BLOCKS = ("quiz", "quiz-pool", "quiz-progress", "quiz-overview", "quiz-join", "quiz-key")

MEANT_BLOCKS = ("quiz", "quiz-pool", "quiz-progress", "quiz-overview", "quiz-join")
"""The block names an author writes, which a misspelt name is compared with (`quiz-key` is the build's)."""

PYMDOWNX_BLOCKS = ("admonition", "details", "tab", "html", "define", "figure-caption", "table-caption")
"""pymdownx.blocks' own names, whose `type:` option is never taken for a question's."""
"""A line of a question's text that an author meant as an option: `- [x]A`, `-[x] A`, `[x] A`."""

LineNumber = Callable[[int], int]


def after_header(lines: list[str], start: int, indent: str) -> int:
    """The index of the first line after a block's header and its settings."""
    index = start + 1
    while index < len(lines) and YAML_LINE.match(lines[index][len(indent) :]):
        index += 1
    return index


def closing(lines: list[str], start: int, fence: str, quoted: bool = False) -> int:
    """The index of the line that closes a block opened at ``start`` with ``fence``, or len(lines)."""
    depth = 0
    closing = re.compile(rf"^[ ]*{fence}[ ]*$" if len(fence) >= 3 else r"^[ ]*/{1,3}[ ]*$")  # `// quiz`: `///`?
    for j in range(start + 1, len(lines)):
        line = QUOTE_MARKS.sub("", lines[j]) if quoted else lines[j]
        opened = BLOCK_LINE.match(line)
        if opened and opened["fence"] == fence:
            depth += 1
        elif closing.match(line):
            if depth == 0:
                return j
            depth -= 1
    return len(lines)


def find_end(lines: list[str], start: int, header: re.Match[str], number: LineNumber, nested_ok: bool = False) -> int:
    closing = re.compile(rf"^[ ]*{header['fence']}[ ]*$")
    for j in range(start + 1, len(lines)):
        if closing.match(lines[j]):
            return j
        if nested_ok:
            continue
        stripped = lines[j][len(header["indent"]) :] if lines[j].startswith(header["indent"]) else lines[j]
        if ANY_BLOCK_HEADER.match(stripped) and not re.match(r"^[ ]*/{3,}[ ]*$", stripped):
            raise QuizSyntaxError(
                number(j),
                "another `///` block starts inside this question, which is not closed yet",
                f"close the question on line {number(start)} with a line `{header['fence']}` "
                "before this one; blocks cannot be nested inside a quiz",
            )
    raise QuizSyntaxError(
        number(start),
        f"this `{header['fence']} {header['name'].lower()}` block is never closed",
        f"add a line `{header['fence']}` after its last line",
    )


def title_of(rest: str, line: int, name: str) -> str:
    rest = rest.strip()
    if rest and not rest.startswith("|"):
        raise QuizSyntaxError(
            line,
            f"unexpected text `{rest}` after `/// {name}`",
            f"write the {'question' if name == 'quiz' else 'title'} after a bar: `/// {name} | Your question?`",
        )
    return rest[1:].strip()


YAML_LINE = re.compile(r"^[ ]{4,}\S")
