"""Find the `/// quiz` blocks (and `//// quiz-pool` blocks) in a Markdown page and read each one.

This works on the raw lines of the page, before any other Markdown processing, so that every error can
name the line it is on. It checks everything an author can get wrong and raises QuizSyntaxError with the
line, what is wrong and how to fix it; a block it accepts can always be rendered. The pieces: ``scan``
(headers, ends, fences), ``header`` (the settings), ``strays`` (blocks written wrong), ``checks`` (ids,
pools, objectives across the page), ``page`` (the page's text and objectives), ``blocks`` (what is
found); what the list of each question type means is in its module in ``quiz_engine.types``.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ..model import check_question
from ..types.syntax import Part, QuizSyntaxError
from .blocks import FoundBlock, PoolSource, QuestionSource
from .checks import assign_ids, check_objectives, check_pools
from .header import (
    POOL_KEYS,
    QUESTION_KEYS,
    known_keys,
    line_of_key,
    read_id,
    read_settings,
    read_yaml,
    split_settings,
    stray_settings,
)
from .page import Objective, decode_page, find_objectives, front_matter_error, plain, slugify, unreadable
from .scan import FENCE, HEADER, YAML_LINE, LineNumber, after_header, find_end, title_of
from .strays import stray_block, unclosed_fence

__all__ = [
    "YAML_LINE",
    "FoundBlock",
    "Objective",
    "Part",
    "PoolSource",
    "QuestionSource",
    "QuizSyntaxError",
    "decode_page",
    "find_blocks",
    "find_objectives",
    "front_matter_error",
    "plain",
    "slugify",
    "unreadable",
]


def find_blocks(
    text: str,
    id_prefix: str = "",
    first_line: int = 1,
    *,
    keep_going: bool = False,
    known_blocks: Collection[str] = (),
) -> list[FoundBlock]:
    """Every `/// quiz` and `//// quiz-pool` block in a page, in page order, read and checked.

    A malformed block raises QuizSyntaxError, or with ``keep_going`` is returned with its ``error`` set
    while the reading goes on with the next block. Lines inside fenced code blocks are skipped, so that
    a page can show the syntax as an example. Implicit ids are made from ``id_prefix`` and the question's
    text, unique within the page. ``first_line`` is the number, in the author's file, of the text's
    first line (after front matter).

    A block that the page would show as written, answers included, is an error too: a name close to
    `quiz` or `quiz-pool` (``known_blocks``: other block names the page's Markdown knows, never taken
    for a misspelling), or an unknown one over a question's settings; a header with fewer than three
    slashes, none, or after a no-break space; a question behind a quotation's `>` or on a list item's
    line; settings with no header; a question after a code fence that is never closed.
    """
    lines = text.split("\n")

    def number(index: int) -> int:
        return index + first_line

    found: list[FoundBlock] = []
    pools: list[FoundBlock] = []
    known = {name.lower() for name in known_blocks}
    fence: str | None = None
    fence_start = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        fence_match = FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match["fence"][0] == fence[0] and len(fence_match["fence"]) >= len(fence):
                fence = None
            i += 1
            continue
        if fence_match:
            fence, fence_start = fence_match["fence"], i
            i += 1
            continue
        header = HEADER.match(line)
        if header is None:
            stray = stray_block(lines, i, number, known)
            if stray is None:
                i += 1
                continue
            if not keep_going:
                assert stray.error is not None
                raise stray.error
            found.append(stray)
            if stray.kind == "pool":  # its questions are read as questions, outside any pool
                pools.append(stray)
                i = after_header(lines, i, stray.indent)
            else:
                i = stray.end
            continue
        is_pool = header["name"].lower() == "quiz-pool"
        block = FoundBlock(i, len(lines), header["indent"], header["fence"], "pool" if is_pool else "quiz")
        open_pool = next((p for p in reversed(pools) if p.start < i < p.end), None)
        try:
            if is_pool:
                end = find_end(lines, i, header, number, nested_ok=True)
                block.end = end
                if open_pool is not None:
                    raise QuizSyntaxError(number(i), "a question pool cannot hold another pool", "close the first pool")
                block.pool = _read_pool(lines, i, end, header, number)
            else:
                end = find_end(lines, i, header, number)
                block.end = end + 1
                block.source = _read_block(lines, i, end, header, number)
                if open_pool is not None and open_pool.pool is not None:
                    if len(header["fence"]) >= len(open_pool.fence):
                        raise QuizSyntaxError(
                            number(i),
                            "this question's `///` is as long as its pool's, so it would close the pool",
                            "open the pool with more slashes than its questions, e.g. "
                            f"`{'/' * (len(header['fence']) + 1)} quiz-pool`",
                        )
                    block.source.pool = "pending"
        except QuizSyntaxError as exc:
            if not keep_going:
                raise
            block.source, block.pool, block.error = None, None, exc  # nothing of it is shown, nor in the key
        found.append(block)
        if is_pool:
            # Read its questions even when the pool itself is wrong: each is checked, and shown (or
            # reported) on its own rather than left to the page as written.
            pools.append(block)
            i = after_header(lines, block.start, block.indent)
        else:
            i = block.end
    if fence is not None:
        unclosed = unclosed_fence(lines, fence_start, fence, number, known)
        if unclosed is not None:
            if not keep_going:
                assert unclosed.error is not None
                raise unclosed.error
            found.append(unclosed)
    assign_ids(found, id_prefix, keep_going)
    check_pools(found, pools, number, keep_going)
    check_objectives(found, find_objectives(text, first_line), keep_going)
    return found


def _read_block(lines: list[str], start: int, end: int, header: re.Match[str], number: LineNumber) -> QuestionSource:
    header_line = number(start)
    title = title_of(header["rest"], header_line, "quiz")
    settings_lines, body = split_settings(lines, start, end, header["indent"], number)
    stray_settings(body, QUESTION_KEYS, header["fence"], "quiz")
    settings = read_settings(header_line, settings_lines)
    if not title:
        raise QuizSyntaxError(
            header_line,
            "the question has no text",
            "write the question after a bar on the first line: `/// quiz | Your question?`",
        )
    source = QuestionSource(line=header_line, title=title, **settings)
    _interpret(source, _dedent(body))
    return source


def _interpret(source: QuestionSource, lines: list[tuple[int, str]]) -> None:
    """Read the body of a question into its parts, by its type; QuizSyntaxError if malformed."""
    kind = source.kind
    body = kind.read(source, lines)
    source.stem = "\n".join(body.stem).strip("\n")
    source.explanation = "\n".join(body.explanation).strip("\n")
    source.hints = body.hints
    if kind.empty and not source.of_kind(*kind.parts):
        what, fix = kind.empty
        raise QuizSyntaxError(source.line, f"the question has no {what}", fix)
    kind.check_source(source)
    seen: dict[tuple[str, str], int] = {}
    for part in source.of_kind(*kind.parts):
        key = (part.kind, " ".join(part.text.lower().split()))
        if key in seen:
            raise QuizSyntaxError(
                part.line,
                f"this {part.kind} repeats the {part.kind} on line {seen[key]}",
                f"give every {part.kind} a different text",
            )
        seen[key] = part.line
    problems = check_question(source.to_question())
    if problems:
        problem = problems[0]
        lines_of = [p.line for p in source.parts if p.id in problem.ids]
        several = problem.code == "several-right-options"
        where = lines_of[-1] if lines_of and (several or len(lines_of) == 1) else source.line
        message = problem.message
        if len(lines_of) > 1 and several:
            message = f"{message} (lines {', '.join(map(str, lines_of))})"
        raise QuizSyntaxError(where, message, problem.fix or "see the authoring guide")


def _read_pool(lines: list[str], start: int, end: int, header: re.Match[str], number: LineNumber) -> PoolSource:
    header_line = number(start)
    title = title_of(header["rest"], header_line, "quiz-pool")
    settings_lines, body = split_settings(lines, start, end, header["indent"], number)
    stray_settings(body, POOL_KEYS, header["fence"], "quiz-pool")
    data = read_yaml(settings_lines, header_line)
    known_keys(data, POOL_KEYS, settings_lines)
    size = data.get("draw")
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise QuizSyntaxError(
            line_of_key("draw", settings_lines, header_line),
            "a question pool needs `draw:`, the number of questions each attempt gets",
            "add `    draw: 5` (a whole number) under the header",
        )
    exam = data.get("exam", False)
    if not isinstance(exam, bool):
        raise QuizSyntaxError(
            line_of_key("exam", settings_lines, header_line),
            f"`exam: {exam}` is not true or false",
            "write `exam: true` (one Submit for the whole attempt, feedback after it) or leave it out",
        )
    pool = PoolSource(header_line, title, size, explicit_id=read_id(data, settings_lines), exam=exam)
    return pool


def _dedent(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    widths = [len(line) - len(line.lstrip(" ")) for _, line in body if line.strip()]
    cut = min(widths, default=0)
    return [(number, line[cut:] if line.strip() else "") for number, line in body]
