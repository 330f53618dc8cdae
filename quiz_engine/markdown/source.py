"""Find the `/// quiz` blocks in a Markdown page and read each one into a QuestionSource.

This works on the raw lines of the page, before any other Markdown processing, so that every error can
name the line it is on. It checks everything an author can get wrong and raises QuizSyntaxError with the
line, what is wrong and how to fix it; a block it accepts can always be rendered.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..model import ID_PATTERN, QUESTION_TYPES, Option, Question, check_question

HEADER = re.compile(r"^(?P<indent>[ ]*)(?P<fence>/{3,})[ ]*(?P<name>quiz)\b(?P<rest>.*)$", re.IGNORECASE)
ANY_BLOCK_HEADER = re.compile(r"^[ ]{0,3}/{3,}[ ]*[\w-]+")
FENCE = re.compile(r"^[ ]*(?P<fence>`{3,}|~{3,})")
OPTION = re.compile(r"^[-*+][ ]+\[(?P<mark>[ xX])\](?:[ ]+(?P<text>.*?))?[ ]*$")
TASK_LIKE = re.compile(r"^[-*+][ ]+\[[^\]]*\]")
PLAIN_ITEM = re.compile(r"^[-*+][ ]+\S")
FEEDBACK = re.compile(r"^>[ ]?(?P<text>.*)$")
YAML_LINE = re.compile(r"^[ ]{4,}\S")

OPTION_KEYS = ("type", "id", "shuffle", "points")


class QuizSyntaxError(ValueError):
    """A malformed `/// quiz` block: the line it is on (1-based), what is wrong and how to fix it."""

    def __init__(self, line: int, message: str, fix: str) -> None:
        super().__init__(f"line {line}: {message}. How to fix: {fix}")
        self.line = line
        self.message = message
        self.fix = fix

    def describe(self, path: str) -> str:
        """One message that names the file and the line, for an author to act on."""
        return f"{path}:{self.line}: {self.message}.\n  How to fix: {self.fix}."


@dataclass
class OptionSource:
    id: str
    correct: bool
    text: str
    line: int
    feedback: str = ""


@dataclass
class QuestionSource:
    """One `/// quiz` block as the author wrote it: Markdown pieces and settings, with line numbers."""

    line: int
    title: str
    type: str
    explicit_id: str | None = None
    shuffle: bool = False
    points: float = 1.0
    stem: str = ""
    options: list[OptionSource] = field(default_factory=list)
    explanation: str = ""
    id: str = ""
    hash: str = ""

    def to_question(self) -> Question:
        return Question(
            id=self.id,
            type=self.type,
            options=tuple(Option(o.id, o.correct) for o in self.options),
            points=self.points,
            shuffle=self.shuffle,
            hash=self.hash,
        )

    def content_hash(self) -> str:
        """A short hash of everything that decides how an answer scores and reads."""
        content = {
            "type": self.type,
            "title": self.title,
            "stem": self.stem,
            "points": self.points,
            "options": [[o.text, o.correct, o.feedback] for o in self.options],
            "explanation": self.explanation,
        }
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class FoundBlock:
    """Where a block stands in the page's lines (0-based, end exclusive) and what it says.

    A block that cannot be read has no ``source`` but an ``error``.
    """

    start: int
    end: int
    indent: str
    fence: str
    source: QuestionSource | None = None
    error: QuizSyntaxError | None = None


def slugify(text: str, limit: int = 48) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug.strip("-")


def option_id(index: int) -> str:
    return chr(ord("a") + index) if index < 26 else f"o{index + 1}"


def find_blocks(text: str, id_prefix: str = "", first_line: int = 1, *, keep_going: bool = False) -> list[FoundBlock]:
    """Every `/// quiz` block in a page, read and checked.

    A malformed block raises QuizSyntaxError, or with ``keep_going`` is returned with its ``error`` set
    while the reading goes on with the next block. Lines inside fenced code blocks are skipped, so that
    a page can show the syntax as an example. Implicit ids are made from ``id_prefix`` and the question's
    text, unique within the page. ``first_line`` is the number, in the author's file, of the text's
    first line (after front matter).
    """
    lines = text.split("\n")

    def number(index: int) -> int:
        return index + first_line

    found: list[FoundBlock] = []
    fence: str | None = None
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
            fence = fence_match["fence"]
            i += 1
            continue
        header = HEADER.match(line)
        if header is None:
            i += 1
            continue
        block = FoundBlock(i, len(lines), header["indent"], header["fence"])
        try:
            end = _find_end(lines, i, header, number)
            block.end = end + 1
            block.source = _read_block(lines, i, end, header, number)
        except QuizSyntaxError as exc:
            if not keep_going:
                raise
            block.error = exc
        found.append(block)
        i = block.end
    _assign_ids(found, id_prefix, keep_going)
    return found


LineNumber = Callable[[int], int]


def _find_end(lines: list[str], start: int, header: re.Match[str], number: LineNumber) -> int:
    closing = re.compile(rf"^[ ]*{header['fence']}[ ]*$")
    for j in range(start + 1, len(lines)):
        if closing.match(lines[j]):
            return j
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
        "this `/// quiz` block is never closed",
        f"add a line `{header['fence']}` after the question's last line",
    )


def _read_block(lines: list[str], start: int, end: int, header: re.Match[str], number: LineNumber) -> QuestionSource:
    header_line = number(start)
    rest = header["rest"].strip()
    if rest and not rest.startswith("|"):
        raise QuizSyntaxError(
            header_line,
            f"unexpected text `{rest}` after `/// quiz`",
            "write the question after a bar: `/// quiz | Your question?`",
        )
    title = rest[1:].strip()
    indent = header["indent"]
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

    settings_lines: list[tuple[int, str]] = []
    while body and YAML_LINE.match(body[0][1]):
        settings_lines.append(body.pop(0))
    settings = _read_settings(header_line, settings_lines)
    if not title:
        raise QuizSyntaxError(
            header_line,
            "the question has no text",
            "write the question after a bar on the first line: `/// quiz | Your question?`",
        )
    source = QuestionSource(line=header_line, title=title, **settings)
    _read_body(source, _dedent(body))
    _check(source)
    return source


def _read_settings(header_line: int, settings_lines: list[tuple[int, str]]) -> dict[str, Any]:
    if not settings_lines:
        raise QuizSyntaxError(
            header_line,
            "the question has no `type`",
            "add a line indented by four spaces under the header, for example `    type: single` "
            f"(types: {', '.join(QUESTION_TYPES)})",
        )
    first = settings_lines[0][0]
    text = "\n".join(line for _, line in settings_lines)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first + (mark.line if mark is not None else 0)
        problem = getattr(exc, "problem", None) or "cannot be read"
        raise QuizSyntaxError(
            line,
            f"the settings under the header are not valid YAML ({problem})",
            "write one `key: value` per line, indented by four spaces, for example `    type: single`",
        ) from None
    if not isinstance(data, dict):
        raise QuizSyntaxError(
            first,
            "the lines indented under the header must be settings such as `type: single`",
            "write one `key: value` per line, indented by four spaces",
        )

    def line_of(key: str) -> int:
        for number, line in settings_lines:
            if re.match(rf"^\s*{re.escape(str(key))}\s*:", line):
                return number
        return first

    for key in data:
        if key not in OPTION_KEYS:
            close = difflib.get_close_matches(str(key), OPTION_KEYS, n=1)
            hint = f"did you mean `{close[0]}`? " if close else ""
            raise QuizSyntaxError(
                line_of(key),
                f"unknown setting `{key}`",
                f"{hint}the settings are: {', '.join(OPTION_KEYS)}",
            )
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
            line_of("type"),
            f"unknown question type `{qtype}`",
            f"{hint}the types are: {', '.join(QUESTION_TYPES)}",
        )
    settings: dict[str, Any] = {"type": qtype}
    if "id" in data:
        qid = data["id"]
        if not isinstance(qid, str) or not ID_PATTERN.match(qid):
            raise QuizSyntaxError(
                line_of("id"),
                f"`id: {qid}` is not a valid id",
                "use lower-case letters, digits and hyphens, starting and ending with a letter or digit, "
                "at most 80 characters, for example `id: love-stories-1`",
            )
        settings["explicit_id"] = qid
    if "shuffle" in data:
        if not isinstance(data["shuffle"], bool):
            raise QuizSyntaxError(
                line_of("shuffle"),
                f"`shuffle: {data['shuffle']}` is not true or false",
                "write `shuffle: true` or `shuffle: false`",
            )
        settings["shuffle"] = data["shuffle"]
    if "points" in data:
        points = data["points"]
        if isinstance(points, bool) or not isinstance(points, int | float) or not 0 < points <= 1000:
            raise QuizSyntaxError(
                line_of("points"),
                f"`points: {points}` is not a positive number",
                "write a number greater than 0 and at most 1000, for example `points: 2`",
            )
        settings["points"] = float(points)
    return settings


def _dedent(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    widths = [len(line) - len(line.lstrip(" ")) for _, line in body if line.strip()]
    cut = min(widths, default=0)
    return [(number, line[cut:] if line.strip() else "") for number, line in body]


def _read_body(source: QuestionSource, body: list[tuple[int, str]]) -> None:
    stem: list[str] = []
    explanation: list[str] = []
    state = "stem"
    option: OptionSource | None = None
    option_lines: list[str] = []
    feedback_lines: list[str] = []
    previous_blank = True

    def finish_option() -> None:
        nonlocal option
        if option is not None:
            option.text = " ".join(part.strip() for part in option_lines if part.strip())
            option.feedback = "\n".join(feedback_lines).strip("\n")
            source.options.append(option)
        option = None

    for number, line in body:
        blank = not line.strip()
        indented = line.startswith("  ") and not blank
        option_match = OPTION.match(line)
        if blank:
            if state == "options" and feedback_lines:
                feedback_lines.append("")
            elif state == "stem":
                stem.append("")
            elif state == "explanation":
                explanation.append("")
            previous_blank = True
            continue

        if option_match:
            if state == "explanation":
                raise QuizSyntaxError(
                    number,
                    "an option comes after the explanation",
                    "keep all the options in one list, before the explanation",
                )
            if not option_match["text"]:
                raise QuizSyntaxError(number, "this option has no text", "write the option's text after `[x]` or `[ ]`")
            finish_option()
            option = OptionSource(
                id=option_id(len(source.options)),
                correct=option_match["mark"] in "xX",
                text="",
                line=number,
            )
            option_lines, feedback_lines = [option_match["text"]], []
            state = "options"
        elif state == "stem":
            stripped = line.lstrip()
            if FEEDBACK.match(stripped):
                raise QuizSyntaxError(
                    number,
                    "this line starts with `>`, which marks feedback, but there is no option above it",
                    "put feedback right under the option it answers, indented by four spaces; "
                    "for a quotation in the question, use quotation marks instead of `>`",
                )
            if not indented and TASK_LIKE.match(line):
                raise QuizSyntaxError(
                    number,
                    f"`{line.strip()}` is not an option",
                    "mark a right option with `- [x] ` and a wrong one with `- [ ] `",
                )
            stem.append(line)
        elif state == "options":
            assert option is not None
            if indented:
                content = line.strip()
                feedback = FEEDBACK.match(content)
                if feedback:
                    feedback_lines.append(feedback["text"])
                elif feedback_lines:
                    feedback_lines.append(content)  # a lazy continuation of the feedback
                elif previous_blank:
                    raise QuizSyntaxError(
                        number,
                        "this indented text under an option is neither the option's text nor its feedback",
                        "start feedback lines with `>`, or join the text to the option's line",
                    )
                else:
                    option_lines.append(content)
            elif FEEDBACK.match(line):
                raise QuizSyntaxError(
                    number,
                    "this feedback (a line starting with `>`) is not indented under an option",
                    "indent it by four spaces, right under the option it answers",
                )
            elif PLAIN_ITEM.match(line) or TASK_LIKE.match(line):
                raise QuizSyntaxError(
                    number,
                    f"`{line.strip()}` is not an option",
                    "mark a right option with `- [x] ` and a wrong one with `- [ ] `",
                )
            elif not previous_blank:
                raise QuizSyntaxError(
                    number,
                    "this line follows an option without a blank line or an indent",
                    "indent it by four spaces to continue the option, or leave a blank line before the explanation",
                )
            else:
                finish_option()
                state = "explanation"
                explanation.append(line)
        else:
            explanation.append(line)
        previous_blank = False

    finish_option()
    source.stem = "\n".join(stem).strip("\n")
    source.explanation = "\n".join(explanation).strip("\n")


def _check(source: QuestionSource) -> None:
    if not source.options:
        raise QuizSyntaxError(
            source.line,
            "the question has no options",
            "add the options as a task list: `- [x] a right answer` and `- [ ] a wrong one`",
        )
    seen: dict[str, int] = {}
    for option in source.options:
        key = " ".join(option.text.lower().split())
        if key in seen:
            raise QuizSyntaxError(
                option.line,
                f"this option repeats the option on line {seen[key]}",
                "give every option a different text",
            )
        seen[key] = option.line
    problems = check_question(source.to_question())
    if problems:
        problem = problems[0]
        lines = [o.line for o in source.options if o.id in problem.option_ids]
        where = lines[-1] if problem.code == "several-right-options" and lines else source.line
        if len(lines) > 1 and problem.code == "several-right-options":
            message = f"{problem.message} (lines {', '.join(map(str, lines))})"
        else:
            message = problem.message
        raise QuizSyntaxError(where, message, problem.fix)


def _assign_ids(found: list[FoundBlock], id_prefix: str, keep_going: bool) -> None:
    used: dict[str, int] = {}
    for block in found:
        source = block.source
        if source is None or not source.explicit_id:
            continue
        if source.explicit_id in used:
            error = QuizSyntaxError(
                source.line,
                f"the id `{source.explicit_id}` is already used by the question on line {used[source.explicit_id]}",
                "give each question its own id",
            )
            if not keep_going:
                raise error
            block.source, block.error = None, error
            continue
        used[source.explicit_id] = source.line
    for number, block in enumerate(found, start=1):
        source = block.source
        if source is None:
            continue
        source.hash = source.content_hash()
        if source.explicit_id:
            source.id = source.explicit_id
            continue
        base = "-".join(part for part in (id_prefix, slugify(source.title) or f"q{number}") if part)
        base = base[:72].strip("-")
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        source.id = candidate
        used[candidate] = source.line
