"""Find the `/// quiz` blocks (and `//// quiz-pool` blocks) in a Markdown page and read each one.

This works on the raw lines of the page, before any other Markdown processing, so that every error can
name the line it is on. It checks everything an author can get wrong and raises QuizSyntaxError with the
line, what is wrong and how to fix it; a block it accepts can always be rendered. What the list items of
each question type mean is in ``kinds``.
"""

from __future__ import annotations

import codecs
import difflib
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from .. import settings as settings_schema
from ..model import DEFAULT_PENALTY, ID_PATTERN, QUESTION_TYPES, SCORED_TYPES, Question, check_question
from ..types import TYPES, QuestionType
from ..types.syntax import Part, QuizSyntaxError

HASHED_DEFAULTS: dict[str, Any] = {"scoring": "position", "labels": []}
"""What a question's content hash held before types kept their own settings, so that a reader's saved
answers (kept under the hash) survive the change."""

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
YAML_LINE = re.compile(r"^[ ]{4,}\S")

COMMON_KEYS = ("type", "id", *(setting.name for setting in settings_schema.COMMON))
TYPE_KEYS = {name: (*(s.name for s in kind.settings), *kind.extra_keys) for name, kind in TYPES.items()}
POOL_KEYS = ("draw", "id", "exam")
QUESTION_KEYS = COMMON_KEYS + tuple(key for keys in TYPE_KEYS.values() for key in keys)
SETTING_LIKE = re.compile(r"^(?P<indent>\s*)(?P<key>[a-z]+)[ ]*:(?:\s|$)")
TOP_KEY = re.compile(r"^(?P<indent>[ ]*)(?P<key>[\w-]+)[ ]*:(?:\s|$)")
LineNumber = Callable[[int], int]


@dataclass
class QuestionSource:
    """One `/// quiz` block as the author wrote it: Markdown pieces and settings, with line numbers."""

    line: int
    title: str
    type: str
    explicit_id: str | None = None
    shuffle: bool = False
    points: float = 1.0
    tries: int = 1
    penalty: float = DEFAULT_PENALTY
    objective: int = 0
    """The number of the page's learning objective this question checks (0: none named)."""
    objective_line: int = 0
    settings: dict[str, Any] = field(default_factory=dict)
    """The type's own settings (``QuestionType.settings``), by name."""
    stem: str = ""
    parts: list[Part] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    explanation: str = ""
    pool: str | None = None
    id: str = ""
    hash: str = ""

    def of_kind(self, *kinds: str) -> list[Part]:
        return [p for p in self.parts if p.kind in kinds]

    @property
    def options(self) -> list[Part]:
        return self.of_kind("option")

    @property
    def kind(self) -> QuestionType:
        return TYPES[self.type]

    def to_question(self) -> Question:
        """The engine's view of the question: ids and rules, no prose."""
        return Question(
            id=self.id or "draft",
            type=self.type,
            points=self.points,
            tries=self.tries,
            penalty=self.penalty,
            hints=len(self.hints),
            shuffle=self.shuffle,
            hash=self.hash,
            objective=self.objective,
            body=self.kind.body_of(self),
        )

    def content_hash(self) -> str:
        """A short hash of everything that decides how an answer scores and reads."""
        content = {
            key: value
            for key, value in self.__dict__.items()
            if key
            not in ("line", "explicit_id", "id", "hash", "pool", "parts", "objective", "objective_line", "settings")
        }
        content.update(HASHED_DEFAULTS, **self.settings)
        content["parts"] = [{k: v for k, v in p.__dict__.items() if k != "line"} for p in self.parts]
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class PoolSource:
    """A `//// quiz-pool` block: questions of which each attempt draws ``draw``."""

    line: int
    title: str
    draw: int
    explicit_id: str | None = None
    id: str = ""
    questions: list[str] = field(default_factory=list)
    exam: bool = False
    """An exam: answers are kept until one Submit scores them all; no feedback before."""


@dataclass
class FoundBlock:
    """Where a block stands in the page's lines (0-based, end exclusive) and what it says.

    A block that cannot be read has no ``source`` but an ``error``. A pool's ``end`` is its closing line.
    """

    start: int
    end: int
    indent: str
    fence: str
    kind: str = "quiz"
    source: QuestionSource | None = None
    pool: PoolSource | None = None
    error: QuizSyntaxError | None = None


def decode_page(raw: bytes) -> tuple[str, QuizSyntaxError | None]:
    """A page's bytes as MkDocs reads them: UTF-8, with or without a byte order mark, line ends made `\n`.

    Bytes that are not UTF-8 give an error that names the line of the first, and the text with U+FFFD in
    their place, so that the rest of the page can still be read and shown.
    """
    skip = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    error = None
    try:
        text = raw[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        start = skip + exc.start
        line = len(re.split(rb"\r\n|\r|\n", raw[:start]))
        error = QuizSyntaxError(line, f"this file is not UTF-8 text ({exc.reason} at byte {start})", "save it as UTF-8")
        text = raw[skip:].decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n"), error


def unreadable(exc: OSError) -> QuizSyntaxError:
    """The error for a page that cannot be read at all."""
    return QuizSyntaxError(1, f"this file cannot be read ({exc.strerror})", "check its permissions")


FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""YAML front matter, as MkDocs finds it (mkdocs.utils.meta)."""


def front_matter_error(text: str) -> QuizSyntaxError | None:
    """The error for front matter that is not valid YAML, which MkDocs would ignore without a word and show
    in the page as text; None if the page has none or it is valid. ``text``: as ``decode_page`` gives it."""
    found = FRONT_MATTER.match(text)
    if found is None:
        return None
    try:
        yaml.safe_load(found.group(1))
    except (yaml.YAMLError, RecursionError) as exc:  # brackets nested a thousand deep exhaust the parser
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or (
            "nested too deeply" if isinstance(exc, RecursionError) else "cannot be read"
        )
        last = text[: found.end()].count("\n")
        return QuizSyntaxError(
            2 + (mark.line if mark is not None else 0),
            f"the front matter (lines 1 to {last}) is not valid YAML ({problem}), so MkDocs would ignore it "
            "and show it in the page as text",
            "write one `key: value` per line, with quotes around a value that holds `: ` or starts with "
            "`[`, `{`, `*`, `&` or `!`; or remove the `---` lines if this is not front matter",
        )
    return None


def slugify(text: str, limit: int = 48) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug.strip("-")


MARKUP = re.compile(r"[*_`~]|\[([^\]]*)\]\([^)]*\)")


def plain(markdown: str) -> str:
    """Inline Markdown as plain text, for words shown outside their page (titles, objectives)."""
    return " ".join(MARKUP.sub(lambda m: m.group(1) or "", markdown).split())


OBJECTIVES_HEADING = re.compile(r"^#{2}[ ]+Learning objectives[ ]*#*[ ]*$", re.I)
HEADING = re.compile(r"^#{1,6}[ ]")
TOP_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])[ ]+(?P<text>.*?)[ ]*$")


@dataclass
class Objective:
    """One item of a page's `## Learning objectives` list: its number (from 1), line and text."""

    number: int
    line: int
    text: str


def find_objectives(text: str, first_line: int = 1) -> list[Objective]:
    """The numbered learning objectives of a page: the items of the list under `## Learning objectives`.

    An item's indented continuation lines belong to it; fenced code is skipped; the list ends at the next
    heading or at the first other text after it. A page without that heading has no objectives.
    """
    objectives: list[Objective] = []
    inside = False
    fence: str | None = None
    for index, line in enumerate(text.split("\n")):
        fence_match = FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match["fence"][0] == fence[0] and len(fence_match["fence"]) >= len(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match["fence"]
            continue
        if HEADING.match(line):
            if inside:
                break
            inside = bool(OBJECTIVES_HEADING.match(line))
            continue
        if not inside:
            continue
        item = TOP_ITEM.match(line)
        if item:
            objectives.append(Objective(len(objectives) + 1, index + first_line, item["text"]))
        elif objectives and line.startswith(" ") and line.strip():
            objectives[-1].text += " " + line.strip()
        elif objectives and line.strip():
            break  # the first paragraph (or block) after the list ends it
    return objectives


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
            stray = _stray_block(lines, i, number, known)
            if stray is None:
                i += 1
                continue
            if not keep_going:
                assert stray.error is not None
                raise stray.error
            found.append(stray)
            if stray.kind == "pool":  # its questions are read as questions, outside any pool
                pools.append(stray)
                i = _after_header(lines, i, stray.indent)
            else:
                i = stray.end
            continue
        is_pool = header["name"].lower() == "quiz-pool"
        block = FoundBlock(i, len(lines), header["indent"], header["fence"], "pool" if is_pool else "quiz")
        open_pool = next((p for p in reversed(pools) if p.start < i < p.end), None)
        try:
            if is_pool:
                end = _find_end(lines, i, header, number, nested_ok=True)
                block.end = end
                if open_pool is not None:
                    raise QuizSyntaxError(number(i), "a question pool cannot hold another pool", "close the first pool")
                block.pool = _read_pool(lines, i, end, header, number)
            else:
                end = _find_end(lines, i, header, number)
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
            i = _after_header(lines, block.start, block.indent)
        else:
            i = block.end
    if fence is not None:
        unclosed = _unclosed_fence(lines, fence_start, fence, number, known)
        if unclosed is not None:
            if not keep_going:
                assert unclosed.error is not None
                raise unclosed.error
            found.append(unclosed)
    _assign_ids(found, id_prefix, keep_going)
    _check_pools(found, pools, number, keep_going)
    _check_objectives(found, find_objectives(text, first_line), keep_going)
    return found


def _settings_say(following: Sequence[str]) -> str | None:
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


def _after_header(lines: list[str], start: int, indent: str) -> int:
    """The index of the first line after a block's header and its settings."""
    index = start + 1
    while index < len(lines) and YAML_LINE.match(lines[index][len(indent) :]):
        index += 1
    return index


def _misnamed(line: str, known: Collection[str], following: Sequence[str] = ()) -> tuple[str, str, str] | None:
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
        if not close or not (match["rest"].lstrip().startswith("|") or _settings_say(following)):
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
            said = _settings_say(following)
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


def _stray_block(lines: list[str], i: int, number: LineNumber, known: Collection[str]) -> FoundBlock | None:
    """A block at line ``i`` that the page would show as written instead of reading it, as an error that
    covers its lines (for a pool, up to its closing line, as for a pool that is read), or None."""
    contained = CONTAINED_HEADER.match(lines[i])
    inner = contained["header"] if contained else lines[i]
    misnamed = _misnamed(inner, known, [] if contained else lines[i + 1 : i + 12])
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
    elif lines[i].strip() and not YAML_LINE.match(lines[i]) and _settings_say(lines[i + 1 : i + 12]):
        # No header the reader can see at all (`quiz | Q?`, `/ quiz`), but a question's settings under it.
        meant = _settings_say(lines[i + 1 : i + 12]) or "quiz"
        fence = "///" if meant == "quiz" else "////"
        setting = lines[i + 1].strip()
        message = (
            f"this line does not open a `{fence} {meant}` block, but the settings under it (`{setting}`) are a "
            f"{'question' if meant == 'quiz' else 'pool'}'s, so the page would show its lines as written, "
            "answers included"
        )
        fix = f"start the {'question' if meant == 'quiz' else 'pool'} with a line `{fence} {meant} | ...`"
        end = _closing(lines, i, fence if meant == "quiz-pool" else "")
        error = QuizSyntaxError(number(i), message, fix)
        if meant == "quiz-pool":
            return FoundBlock(i, end, "", fence, "pool", error=error)
        return FoundBlock(i, min(end + 1, len(lines)), "", fence, "quiz", error=error)
    elif _settings_say(lines[i : i + 1]) == "quiz" and (i == 0 or not lines[i - 1].strip()):
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
    end = _closing(lines, i, opened["fence"], quoted=contained is not None)
    error = QuizSyntaxError(number(i), message, fix)
    if meant == "quiz-pool":
        return FoundBlock(i, end, indent, opened["fence"], "pool", error=error)
    return FoundBlock(i, min(end + 1, len(lines)), indent, opened["fence"], "quiz", error=error)


def _closing(lines: list[str], start: int, fence: str, quoted: bool = False) -> int:
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


def _opens_question(lines: list[str], i: int, known: Collection[str]) -> bool:
    """Whether a line opens a quiz block or a pool, well written or not (misspelt, quoted)."""
    if HEADER.match(lines[i]):
        return True
    contained = CONTAINED_HEADER.match(lines[i])
    inner = contained["header"] if contained else lines[i]
    misnamed = _misnamed(inner, known, [] if contained else lines[i + 1 : i + 12])
    return misnamed[2] in ("quiz", "quiz-pool") if misnamed else bool(contained and HEADER.match(inner))


def _unclosed_fence(
    lines: list[str], start: int, fence: str, number: LineNumber, known: Collection[str]
) -> FoundBlock | None:
    """A code fence never closed is no code block to Markdown: the quiz blocks after it would be shown as
    written. An error from the fence to the end of the page, or None if no quiz block follows it."""
    for j in range(start + 1, len(lines)):
        if _opens_question(lines, j, known):
            error = QuizSyntaxError(
                number(start),
                f"this code block (opened with {fence}) is never closed, so the page would show the "
                f"block on line {number(j)} as written, answers included",
                f"close the code block with a line {fence} where its code ends",
            )
            return FoundBlock(start, len(lines), "", "", "quiz", error=error)
    return None


def _check_objectives(found: list[FoundBlock], objectives: list[Objective], keep_going: bool) -> None:
    """On a page with learning objectives, each scored question names the one it checks; elsewhere none."""
    count = len(objectives)
    for block in found:
        source = block.source
        if source is None or source.type not in SCORED_TYPES:
            continue
        error = None
        if count and not source.objective:
            error = QuizSyntaxError(
                source.line,
                "the question does not say which learning objective it checks",
                f"add `    objective: N` under the header, N being the number of the objective in the page's "
                f"`## Learning objectives` list (1 to {count})",
            )
        elif source.objective and not count:
            error = QuizSyntaxError(
                source.objective_line,
                f"`objective: {source.objective}` names a learning objective, but the page lists none",
                "add a `## Learning objectives` section with a list of objectives, or remove `objective:`",
            )
        elif source.objective > count:
            error = QuizSyntaxError(
                source.objective_line,
                f"`objective: {source.objective}` names no objective: the page lists {count}",
                f"write a number from 1 to {count}, the objective's place in the `## Learning objectives` list",
            )
        if error is not None:
            if not keep_going:
                raise error
            block.source, block.error = None, error


def _find_end(lines: list[str], start: int, header: re.Match[str], number: LineNumber, nested_ok: bool = False) -> int:
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


def _title(rest: str, line: int, name: str) -> str:
    rest = rest.strip()
    if rest and not rest.startswith("|"):
        raise QuizSyntaxError(
            line,
            f"unexpected text `{rest}` after `/// {name}`",
            f"write the {'question' if name == 'quiz' else 'title'} after a bar: `/// {name} | Your question?`",
        )
    return rest[1:].strip()


def _settings_lines(lines: list[str], start: int, end: int, indent: str, number: LineNumber) -> tuple[list, list]:
    body: list[tuple[int, str]] = []
    for j in range(start + 1, end):
        raw = lines[j]
        if raw.strip() and not raw.startswith(indent):
            raise QuizSyntaxError(
                number(j),
                "this line is less indented than the `/// quiz` line above it",
                f"indent every line of the question by at least {len(indent)} spaces, like its header",
            )
        body.append((number(j), raw[len(indent) :]))
    settings: list[tuple[int, str]] = []
    while body and YAML_LINE.match(body[0][1]):
        settings.append(body.pop(0))
    return settings, body


def _read_block(lines: list[str], start: int, end: int, header: re.Match[str], number: LineNumber) -> QuestionSource:
    header_line = number(start)
    title = _title(header["rest"], header_line, "quiz")
    settings_lines, body = _settings_lines(lines, start, end, header["indent"], number)
    _stray_settings(body, QUESTION_KEYS, header["fence"], "quiz")
    settings = _read_settings(header_line, settings_lines)
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
    title = _title(header["rest"], header_line, "quiz-pool")
    settings_lines, body = _settings_lines(lines, start, end, header["indent"], number)
    _stray_settings(body, POOL_KEYS, header["fence"], "quiz-pool")
    data = _yaml(settings_lines, header_line)
    _known_keys(data, POOL_KEYS, settings_lines)
    size = data.get("draw")
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise QuizSyntaxError(
            _line_of("draw", settings_lines, header_line),
            "a question pool needs `draw:`, the number of questions each attempt gets",
            "add `    draw: 5` (a whole number) under the header",
        )
    exam = data.get("exam", False)
    if not isinstance(exam, bool):
        raise QuizSyntaxError(
            _line_of("exam", settings_lines, header_line),
            f"`exam: {exam}` is not true or false",
            "write `exam: true` (one Submit for the whole attempt, feedback after it) or leave it out",
        )
    pool = PoolSource(header_line, title, size, explicit_id=_read_id(data, settings_lines), exam=exam)
    return pool


def _stray_settings(body: list[tuple[int, str]], keys: tuple[str, ...], fence: str, name: str) -> None:
    """Settings the reader cannot see as settings, which would otherwise be read as the block's text
    (and give "the question has no `type`"): cut off from the header by a blank line, or not indented
    by four ordinary spaces."""
    blank = 0
    for number, line in body:
        if not line.strip():
            blank = blank or number
            continue
        setting = SETTING_LIKE.match(line)
        if setting is None or setting["key"] not in keys:
            return
        indent, key = setting["indent"], setting["key"]
        text = "question's" if name == "quiz" else "pool's"
        if blank:
            if not indent:
                return  # a paragraph that happens to start with `word:`
            raise QuizSyntaxError(
                blank,
                f"this blank line cuts the settings below it (`{key}:` on line {number}) off from the "
                f"`{fence} {name}` line, so they would be read as the {text} text, not as settings",
                f"remove the blank line: the settings go right under the `{fence} {name}` line, "
                "indented by four spaces",
            )
        odd = next((char for char in indent if char != " "), None)
        if odd is not None:
            space = unicodedata.name(odd, f"U+{ord(odd):04X}").lower()
            raise QuizSyntaxError(
                number,
                f"`{key}:` is indented with a {space}, not ordinary spaces, so it would be read as the "
                f"{text} text, not as a setting",
                "indent the settings by four ordinary spaces",
            )
        indented = f"indented by {len(indent)} space{'' if len(indent) == 1 else 's'}" if indent else "not indented"
        raise QuizSyntaxError(
            number,
            f"`{key}:` is {indented}, so it would be read as the {text} text, not as a setting",
            f"indent the settings by four spaces under the `{fence} {name}` line",
        )


class SettingsLoader(yaml.SafeLoader):
    """YAML as an author means it: only `true` and `false` are booleans (as in YAML 1.2), so that
    `labels: [No, Yes]` stays two words."""


SettingsLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
SettingsLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _yaml(settings_lines: list[tuple[int, str]], header_line: int) -> dict[str, Any]:
    if not settings_lines:
        return {}
    first = settings_lines[0][0]
    for number, line in settings_lines:
        joined = re.search(r"/{3,}[ ]*quiz(?:-pool)?\b", line, re.I)
        if joined:
            raise QuizSyntaxError(
                number,
                f"`{joined[0]}` is at the end of a setting's line (`{line.strip()}`), where it opens no block",
                f"start a new line for `{joined[0]}`, after a blank line",
            )
    try:
        data = yaml.load("\n".join(line for _, line in settings_lines), Loader=SettingsLoader)
    except (yaml.YAMLError, RecursionError) as exc:  # brackets nested a thousand deep exhaust the parser
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or (
            "nested too deeply" if isinstance(exc, RecursionError) else "cannot be read"
        )
        raise QuizSyntaxError(
            first + (mark.line if mark is not None else 0),
            f"the settings under the header are not valid YAML ({problem})",
            "write one `key: value` per line, indented by four spaces, for example `    type: single`",
        ) from None
    if not isinstance(data, dict):
        raise QuizSyntaxError(
            first,
            "the lines indented under the header must be settings such as `type: single`",
            "write one `key: value` per line, indented by four spaces",
        )
    seen: dict[str, int] = {}
    top = len(settings_lines[0][1]) - len(settings_lines[0][1].lstrip(" "))
    for number, line in settings_lines:  # YAML keeps the last of two equal keys without a word
        key = TOP_KEY.match(line)
        if key is None or len(key["indent"]) != top:
            continue
        if key["key"] in seen:
            raise QuizSyntaxError(
                number,
                f"`{key['key']}` is set twice, on lines {seen[key['key']]} and {number}",
                f"keep one `{key['key']}:` line",
            )
        seen[key["key"]] = number
    return data


def _line_of(key: str, settings_lines: list[tuple[int, str]], default: int) -> int:
    for number, line in settings_lines:
        if re.match(rf"^\s*{re.escape(str(key))}\s*:", line):
            return number
    return default


def _known_keys(data: dict[str, Any], keys: tuple[str, ...], settings_lines: list[tuple[int, str]]) -> None:
    for key in data:
        if key not in keys:
            close = difflib.get_close_matches(str(key), keys, n=1)
            hint = f"did you mean `{close[0]}`? " if close else ""
            raise QuizSyntaxError(
                _line_of(key, settings_lines, settings_lines[0][0]),
                f"unknown setting `{key}`",
                f"{hint}the settings here are: {', '.join(keys)}",
            )


def _read_id(data: dict[str, Any], settings_lines: list[tuple[int, str]]) -> str | None:
    if "id" not in data:
        return None
    qid = data["id"]
    if not isinstance(qid, str) or not ID_PATTERN.match(qid):
        raise QuizSyntaxError(
            _line_of("id", settings_lines, 0),
            f"`id: {qid}` is not a valid id",
            "use lower-case letters, digits and hyphens, starting and ending with a letter or digit, "
            "at most 80 characters, for example `id: love-stories-1`",
        )
    return qid


def _read_settings(header_line: int, settings_lines: list[tuple[int, str]]) -> dict[str, Any]:
    if not settings_lines:
        raise QuizSyntaxError(
            header_line,
            "the question has no `type`",
            "add a line indented by four spaces under the header, for example `    type: single` "
            f"(types: {', '.join(QUESTION_TYPES)})",
        )
    data = _yaml(settings_lines, header_line)
    first = settings_lines[0][0]
    qtype = data.get("type")
    if qtype is None:
        raise QuizSyntaxError(
            first,
            "the question has no `type`",
            f"add `    type: ...` under the header; the types are: {', '.join(QUESTION_TYPES)}",
        )
    if qtype not in QUESTION_TYPES:
        close = difflib.get_close_matches(str(qtype), QUESTION_TYPES, n=1)
        hint = f"did you mean `{close[0]}`? " if close else ""
        raise QuizSyntaxError(
            _line_of("type", settings_lines, first),
            f"unknown question type `{qtype}`",
            f"{hint}the types are: {', '.join(QUESTION_TYPES)}",
        )
    kind = TYPES[qtype]
    common = settings_schema.applicable(settings_schema.COMMON, kind.scored)
    _known_keys(data, ("type", "id", *(s.name for s in common), *TYPE_KEYS[qtype]), settings_lines)

    def line_of(key: str) -> int:
        return _line_of(key, settings_lines, first)

    settings: dict[str, Any] = {"type": qtype, "explicit_id": _read_id(data, settings_lines)}
    for setting in common:
        if setting.name in data:
            settings[setting.name] = _setting(setting, data[setting.name], line_of)
    if "objective" in settings:
        settings["objective_line"] = line_of("objective")
    own = {s.name: _setting(s, data[s.name], line_of) for s in kind.settings if s.name in data}
    settings["settings"] = {**own, **kind.author_settings(data, line_of)}
    return settings


def _setting(setting: settings_schema.Setting, value: Any, line_of: Callable[[str], int]) -> Any:
    """An author's value of a setting, or QuizSyntaxError at its line with the allowed range."""
    try:
        return setting.parse(value, author=True)
    except ValueError:
        if setting.kind == "choice":
            raise QuizSyntaxError(line_of(setting.name), f"unknown {setting.name} `{value}`", setting.fix) from None
        raise QuizSyntaxError(
            line_of(setting.name), f"`{setting.name}: {value}` {setting.problem}", setting.fix
        ) from None


def _dedent(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    widths = [len(line) - len(line.lstrip(" ")) for _, line in body if line.strip()]
    cut = min(widths, default=0)
    return [(number, line[cut:] if line.strip() else "") for number, line in body]


def _assign_ids(found: list[FoundBlock], id_prefix: str, keep_going: bool) -> None:
    used: dict[str, int] = {}
    for block in found:
        named = block.source or block.pool
        if named is None or not named.explicit_id:
            continue
        if named.explicit_id in used:
            error = QuizSyntaxError(
                named.line,
                f"the id `{named.explicit_id}` is already used on line {used[named.explicit_id]}",
                "give each question and pool its own id",
            )
            if not keep_going:
                raise error
            block.source, block.pool, block.error = None, None, error
            continue
        used[named.explicit_id] = named.line
    for number, block in enumerate(found, start=1):
        named = block.source or block.pool
        if named is None:
            continue
        if isinstance(named, QuestionSource):
            named.hash = named.content_hash()
        if named.explicit_id:
            named.id = named.explicit_id
            continue
        base = "-".join(part for part in (id_prefix, slugify(named.title) or f"q{number}") if part)
        base = base[:72].strip("-")
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        named.id = candidate
        used[candidate] = named.line


def _check_pools(found: list[FoundBlock], pools: list[FoundBlock], number: LineNumber, keep_going: bool) -> None:
    for pool_block in pools:
        pool = pool_block.pool
        if pool is None:
            continue
        members = [b.source for b in found if b.source is not None and pool_block.start < b.start < pool_block.end]
        scored = [q for q in members if q.to_question().scored]
        for question in members:
            question.pool = pool.id
        pool.questions = [q.id for q in members]
        error = None
        if len(members) != len(scored):
            error = QuizSyntaxError(
                pool.line, "a question pool can only hold scored questions", "move scales and reflections out of it"
            )
        elif len(members) < 2:
            error = QuizSyntaxError(
                pool.line, "this question pool holds fewer than two questions", "put `/// quiz` blocks inside it"
            )
        elif pool.draw > len(members):
            error = QuizSyntaxError(
                pool.line,
                f"the pool draws {pool.draw} questions but holds only {len(members)}",
                f"lower `draw:` to at most {len(members)}, or add questions",
            )
        if error is not None:
            if not keep_going:
                raise error
            pool_block.pool, pool_block.error = None, error
