"""Blocks an author meant to write but wrote wrong (a misspelt name, a header inside a list or a quote, a
block left open): each becomes an error at its line instead of text shown as written."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection, Sequence

from ..model import QUESTION_TYPES
from ..types.syntax import QuizSyntaxError
from .blocks import FoundBlock
from .header import SETTING_LIKE
from .scan import (
    BLOCK_LINE,
    CONTAINED_HEADER,
    HEADER,
    MEANT_BLOCKS,
    OUR_BLOCKS,
    PYMDOWNX_BLOCKS,
    YAML_LINE,
    LineNumber,
    closing,
)


def settings_say(following: Sequence[str]) -> str | None:
    """What the indented settings right under a header say the block is: `quiz` (a `type:` that is a
    question type), `quiz-pool` (a `draw:`), or None."""
    for line in following:
        if not YAML_LINE.match(line):
            return None
        setting = SETTING_LIKE.match(line)
        value = line.split(":", 1)[1].strip() if setting else ""
        if setting and setting["key"] == "type" and value in QUESTION_TYPES:
            return "quiz"
        if setting and setting["key"] == "draw":
            return "quiz-pool"
    return None


def misnamed_header(line: str, known: Collection[str], following: Sequence[str] = ()) -> tuple[str, str, str] | None:
    """For a line the site would not read as the block its author meant: (what is wrong, how to fix it, the
    name meant). A name close to one of ours that is not a block the page knows, an unknown name over a
    question's settings, one of ours after a space that is not an ordinary one (a no-break space typed by
    an editor), or after fewer than three slashes. ``following``: the lines after it, for its settings."""
    match = BLOCK_LINE.match(line)
    if match is None:
        return None
    fence, written, name = match["fence"], match["name"], match["name"].lower()
    odd = next((char for char in match["gap"] if char != " "), None)
    if len(fence) < 3:  # no block at all: `// quiz | Q?`
        close = difflib.get_close_matches(name, ("quiz", "quiz-pool"), n=1, cutoff=0.6)
        if not close or not (match["rest"].lstrip().startswith("|") or settings_say(following)):
            return None
        meant = close[0]
        return (
            f"`{fence} {written}` opens no block, since a block starts with three slashes or more, so the page "
            "would show its lines as written, answers included",
            f"write `{'///' if meant == 'quiz' else '////'} {meant}`",
            meant,
        )
    if name in OUR_BLOCKS or name in known:
        if odd is None or name not in OUR_BLOCKS:
            return None
        meant = name
    else:
        close = difflib.get_close_matches(name, MEANT_BLOCKS, n=1, cutoff=0.6)
        if not close and name.startswith("quiz"):
            close = difflib.get_close_matches(name, MEANT_BLOCKS, n=1, cutoff=0)
        if not close and name not in PYMDOWNX_BLOCKS:
            said = settings_say(following)
            close = [said] if said else []
        if not close:
            return None
        meant = close[0]
    shown = "as written, answers included" if meant in ("quiz", "quiz-pool") else "as plain text"
    if odd is not None:
        space = unicodedata.name(odd, f"U+{ord(odd):04X}").lower()
        return (
            f"the space after `{fence}` is not an ordinary space (it is a {space}), so the site would not "
            f"see a `{meant}` block here and the page would show its lines {shown}",
            f"type an ordinary space between `{fence}` and `{written}`",
            meant,
        )
    return (
        f"`{fence} {written}` is not a block the site knows, so the page would show its lines {shown}",
        f"did you mean `{fence} {meant}`? The quiz blocks are {', '.join(f'`{b}`' for b in MEANT_BLOCKS)}",
        meant,
    )


def stray_block(lines: list[str], i: int, number: LineNumber, known: Collection[str]) -> FoundBlock | None:
    """A block at line ``i`` that the page would show as written instead of reading it, as an error that
    covers its lines (for a pool, up to its closing line, as for a pool that is read), or None."""
    contained = CONTAINED_HEADER.match(lines[i])
    inner = contained["header"] if contained else lines[i]
    misnamed = misnamed_header(inner, known, [] if contained else lines[i + 1 : i + 12])
    header = HEADER.match(inner) if contained and misnamed is None else None
    if misnamed is not None:
        message, fix, meant = misnamed
    elif contained is not None and header is not None:
        meant = header["name"].lower()
        marks = contained["marks"].strip()
        where = (
            "inside a quotation (its lines start with `>`)"
            if marks.startswith(">")
            else f"on a list item's line (after `{marks}`)"
        )
        message = (
            f"this `{header['fence']} {meant}` block is {where}, where the site cannot read it, so the page would "
            "show its lines as written, answers included"
        )
        fix = (
            "take the `>` off the block's lines: a question cannot be quoted"
            if marks.startswith(">")
            else "start the block on a line of its own, indented under the item if it belongs to it"
        )
    elif lines[i].strip() and not YAML_LINE.match(lines[i]) and settings_say(lines[i + 1 : i + 12]):
        # No header the reader can see at all (`quiz | Q?`, `/ quiz`), but a question's settings under it.
        meant = settings_say(lines[i + 1 : i + 12]) or "quiz"
        fence = "///" if meant == "quiz" else "////"
        setting = lines[i + 1].strip()
        message = (
            f"this line does not open a `{fence} {meant}` block, but the settings under it (`{setting}`) are a "
            f"{'question' if meant == 'quiz' else 'pool'}'s, so the page would show its lines as written, "
            "answers included"
        )
        fix = f"start the {'question' if meant == 'quiz' else 'pool'} with a line `{fence} {meant} | ...`"
        end = closing(lines, i, fence if meant == "quiz-pool" else "")
        error = QuizSyntaxError(number(i), message, fix)
        if meant == "quiz-pool":
            return FoundBlock(i, end, "", fence, "pool", error=error)
        return FoundBlock(i, min(end + 1, len(lines)), "", fence, "quiz", error=error)
    elif settings_say(lines[i : i + 1]) == "quiz" and (i == 0 or not lines[i - 1].strip()):
        # A question's settings with no header above them: a closing `///` below, no block opened between.
        end = next(
            (
                j
                for j in range(i + 1, len(lines))
                if BLOCK_LINE.match(lines[j]) or re.match(r"^[ ]*/{3,}[ ]*$", lines[j])
            ),
            len(lines),
        )
        if end == len(lines) or BLOCK_LINE.match(lines[end]):
            return None
        return FoundBlock(
            i,
            end + 1,
            "",
            "///",
            "quiz",
            error=QuizSyntaxError(
                number(i),
                f"these settings (`{lines[i].strip()}`) belong to no question: there is no `/// quiz` line above "
                "them, so the page would show the question as written, answers included",
                "put the question's first line, `/// quiz | Your question?`, right above the settings",
            ),
        )
    else:
        return None
    opened = BLOCK_LINE.match(inner)
    assert opened is not None
    indent = "" if contained else opened["indent"]
    end = closing(lines, i, opened["fence"], quoted=contained is not None)
    error = QuizSyntaxError(number(i), message, fix)
    if meant == "quiz-pool":
        return FoundBlock(i, end, indent, opened["fence"], "pool", error=error)
    return FoundBlock(i, min(end + 1, len(lines)), indent, opened["fence"], "quiz", error=error)


def opens_question(lines: list[str], i: int, known: Collection[str]) -> bool:
    """Whether a line opens a quiz block or a pool, well written or not (misspelt, quoted)."""
    if HEADER.match(lines[i]):
        return True
    contained = CONTAINED_HEADER.match(lines[i])
    inner = contained["header"] if contained else lines[i]
    misnamed = misnamed_header(inner, known, [] if contained else lines[i + 1 : i + 12])
    return misnamed[2] in ("quiz", "quiz-pool") if misnamed else bool(contained and HEADER.match(inner))


def unclosed_fence(
    lines: list[str], start: int, fence: str, number: LineNumber, known: Collection[str]
) -> FoundBlock | None:
    """A code fence never closed is no code block to Markdown: the quiz blocks after it would be shown as
    written. An error from the fence to the end of the page, or None if no quiz block follows it."""
    for j in range(start + 1, len(lines)):
        if opens_question(lines, j, known):
            error = QuizSyntaxError(
                number(start),
                f"this code block (opened with {fence}) is never closed, so the page would show the "
                f"block on line {number(j)} as written, answers included",
                f"close the code block with a line {fence} where its code ends",
            )
            return FoundBlock(start, len(lines), "", "", "quiz", error=error)
    return None
