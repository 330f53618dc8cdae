"""Find the `/// quiz` blocks (and `//// quiz-pool` blocks) in a Markdown page and read each one.

This works on the raw lines of the page, before any other Markdown processing, so that every error can
name the line it is on. It checks everything an author can get wrong and raises QuizSyntaxError with the
line, what is wrong and how to fix it; a block it accepts can always be rendered. What the list items of
each question type mean is in ``kinds``.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..model import DEFAULT_PENALTY, ID_PATTERN, ORDER_SCORING, QUESTION_TYPES, SCORED_TYPES

HEADER = re.compile(r"^(?P<indent>[ ]*)(?P<fence>/{3,})[ ]*(?P<name>quiz(?:-pool)?)(?![\w-])(?P<rest>.*)$", re.I)
ANY_BLOCK_HEADER = re.compile(r"^[ ]{0,3}/{3,}[ ]*[\w-]+")
FENCE = re.compile(r"^[ ]*(?P<fence>`{3,}|~{3,})")
ITEM = re.compile(r"^(?P<marker>[-*+]|\d{1,3}[.)])[ ]+(?P<text>.*?)[ ]*$")
EMPTY_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])[ ]*$")
FEEDBACK = re.compile(r"^>[ ]?(?P<text>.*)$")
HINT = re.compile(r"^Hint:[ ]*(?P<text>.*)$")
YAML_LINE = re.compile(r"^[ ]{4,}\S")

COMMON_KEYS = ("type", "id", "shuffle", "points", "tries", "penalty", "objective")
TYPE_KEYS = {"scale": ("labels",), "order": ("scoring",)}
POOL_KEYS = ("draw", "id")
LineNumber = Callable[[int], int]


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
class RawItem:
    """A list item as written: its marker, text and feedback, and the line it starts on."""

    line: int
    marker: str
    text: str
    feedback: str = ""


@dataclass
class Part:
    """One part of a question: an option, an item to order or match, an answer, a statement or a band.

    ``text`` is inline Markdown shown to the reader; ``feedback`` is block Markdown shown after a try.
    """

    id: str
    kind: str
    line: int
    text: str = ""
    feedback: str = ""
    correct: bool = False
    value: str = ""
    pattern: bool = False
    match: str = ""
    reversed: bool = False
    low: int = 0
    high: int = 0


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
    scoring: str = "position"
    labels: list[str] = field(default_factory=list)
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

    def to_question(self):  # -> Question; the conversion per type lives in kinds
        from .kinds import to_question

        return to_question(self)

    def content_hash(self) -> str:
        """A short hash of everything that decides how an answer scores and reads."""
        content = {
            key: value
            for key, value in self.__dict__.items()
            if key not in ("line", "explicit_id", "id", "hash", "pool", "parts", "objective", "objective_line")
        }
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


def find_blocks(text: str, id_prefix: str = "", first_line: int = 1, *, keep_going: bool = False) -> list[FoundBlock]:
    """Every `/// quiz` and `//// quiz-pool` block in a page, in page order, read and checked.

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
    pools: list[FoundBlock] = []
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
        is_pool = header["name"].lower() == "quiz-pool"
        block = FoundBlock(i, len(lines), header["indent"], header["fence"], "pool" if is_pool else "quiz")
        open_pool = next((p for p in reversed(pools) if p.start < i < p.end), None)
        try:
            if is_pool:
                if open_pool is not None:
                    raise QuizSyntaxError(number(i), "a question pool cannot hold another pool", "close the first pool")
                end = _find_end(lines, i, header, number, nested_ok=True)
                block.end = end
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
            block.error = exc
        found.append(block)
        if is_pool:
            pools.append(block)
            i = block.start + 1 if block.error is None else block.end + 1
        else:
            i = block.end
    _assign_ids(found, id_prefix, keep_going)
    _check_pools(found, pools, number, keep_going)
    _check_objectives(found, find_objectives(text, first_line), keep_going)
    return found


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
        f"this `/// {header['name'].lower()}` block is never closed",
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
    settings = _read_settings(header_line, settings_lines)
    if not title:
        raise QuizSyntaxError(
            header_line,
            "the question has no text",
            "write the question after a bar on the first line: `/// quiz | Your question?`",
        )
    source = QuestionSource(line=header_line, title=title, **settings)
    from .kinds import interpret

    interpret(source, _dedent(body))
    return source


def _read_pool(lines: list[str], start: int, end: int, header: re.Match[str], number: LineNumber) -> PoolSource:
    header_line = number(start)
    title = _title(header["rest"], header_line, "quiz-pool")
    settings_lines, _ = _settings_lines(lines, start, end, header["indent"], number)
    data = _yaml(settings_lines, header_line)
    _known_keys(data, POOL_KEYS, settings_lines)
    size = data.get("draw")
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise QuizSyntaxError(
            _line_of("draw", settings_lines, header_line),
            "a question pool needs `draw:`, the number of questions each attempt gets",
            "add `    draw: 5` (a whole number) under the header",
        )
    pool = PoolSource(header_line, title, size, explicit_id=_read_id(data, settings_lines))
    return pool


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
    try:
        data = yaml.load("\n".join(line for _, line in settings_lines), Loader=SettingsLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "cannot be read"
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
    keys = COMMON_KEYS + TYPE_KEYS.get(qtype, ())
    if qtype not in SCORED_TYPES:
        keys = tuple(k for k in keys if k not in ("points", "tries", "penalty", "shuffle", "objective"))
    _known_keys(data, keys, settings_lines)

    def line_of(key: str) -> int:
        return _line_of(key, settings_lines, first)

    settings: dict[str, Any] = {"type": qtype, "explicit_id": _read_id(data, settings_lines)}
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
    if "tries" in data:
        tries = data["tries"]
        if isinstance(tries, bool) or not isinstance(tries, int) or not 1 <= tries <= 10:
            raise QuizSyntaxError(
                line_of("tries"),
                f"`tries: {tries}` is not a number of tries",
                "write a whole number from 1 to 10, for example `tries: 3`",
            )
        settings["tries"] = tries
    if "penalty" in data:
        penalty = data["penalty"]
        if isinstance(penalty, str) and penalty.strip().endswith("%"):
            with contextlib.suppress(ValueError):
                penalty = float(penalty.strip()[:-1]) / 100
        if isinstance(penalty, bool) or not isinstance(penalty, int | float) or not 0 <= penalty <= 1:
            raise QuizSyntaxError(
                line_of("penalty"),
                f"`penalty: {data['penalty']}` is not a share of the points",
                "write a number from 0 to 1 or a percentage, for example `penalty: 0.25` or `penalty: 25%`",
            )
        settings["penalty"] = float(penalty)
    if "objective" in data:
        objective = data["objective"]
        if isinstance(objective, bool) or not isinstance(objective, int) or not 1 <= objective <= 99:
            raise QuizSyntaxError(
                line_of("objective"),
                f"`objective: {objective}` is not the number of a learning objective",
                "write the number of the objective in the page's `## Learning objectives` list, "
                "for example `objective: 2` for the second",
            )
        settings["objective"] = objective
        settings["objective_line"] = line_of("objective")
    if "scoring" in data:
        if data["scoring"] not in ORDER_SCORING:
            raise QuizSyntaxError(
                line_of("scoring"),
                f"unknown scoring `{data['scoring']}`",
                f"write one of: {', '.join(ORDER_SCORING)}",
            )
        settings["scoring"] = data["scoring"]
    if qtype == "scale":
        labels = data.get("labels")
        if (
            not isinstance(labels, list)
            or not 2 <= len(labels) <= 11
            or not all(isinstance(x, str | int | float) and str(x).strip() for x in labels)
        ):
            raise QuizSyntaxError(
                line_of("labels"),
                "a scale question needs `labels:`, the points of its scale in order",
                "write for example `    labels: [Never, Rarely, Sometimes, Often, Always]` (2 to 11 labels)",
            )
        settings["labels"] = [str(x).strip() for x in labels]
    return settings


def _dedent(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    widths = [len(line) - len(line.lstrip(" ")) for _, line in body if line.strip()]
    cut = min(widths, default=0)
    return [(number, line[cut:] if line.strip() else "") for number, line in body]


@dataclass
class Body:
    """A question's body, cut into its parts: the question's own text, the list, hints, explanation."""

    stem: list[str] = field(default_factory=list)
    items: list[RawItem] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)


def read_body(body: list[tuple[int, str]], starts_list: Callable[[str], bool], item_name: str = "option") -> Body:
    """Cut a question's lines into stem, list items (with their feedback), hints and explanation.

    The list starts at the first line ``starts_list`` accepts; items are `-`, `*`, `+` or numbered lines;
    the `>` lines indented under an item are its feedback; a paragraph that starts with `Hint:` is a hint.
    """
    out = Body()
    state = "stem"
    item: RawItem | None = None
    item_lines: list[str] = []
    feedback_lines: list[str] = []
    hint: list[str] | None = None
    previous_blank = True

    def finish_item() -> None:
        nonlocal item
        if item is not None:
            item.text = " ".join(part.strip() for part in item_lines if part.strip())
            item.feedback = "\n".join(feedback_lines).strip("\n")
            out.items.append(item)
        item = None

    def finish_hint() -> None:
        nonlocal hint
        if hint is not None:
            out.hints.append("\n".join(hint).strip())
        hint = None

    for number, line in body:
        blank = not line.strip()
        indented = line.startswith("  ") and not blank
        if blank:
            finish_hint()
            if state == "list" and feedback_lines:
                feedback_lines.append("")
            elif state == "stem":
                out.stem.append("")
            elif state == "explanation":
                out.explanation.append("")
            previous_blank = True
            continue
        if hint is not None and not previous_blank:
            hint.append(line.strip())
            continue
        hint_match = HINT.match(line) if previous_blank and not indented else None
        if hint_match:
            if state == "list":
                finish_item()
                state = "explanation"
            if not hint_match["text"]:
                raise QuizSyntaxError(number, "this hint is empty", "write the hint after `Hint:`")
            hint = [hint_match["text"]]
            previous_blank = False
            continue

        item_match = ITEM.match(line)
        if EMPTY_ITEM.match(line) and state == "list":
            raise QuizSyntaxError(number, f"this {item_name} has no text", f"write the {item_name}'s text")
        if item_match and (state == "list" or (state == "stem" and starts_list(line))):
            finish_item()
            item = RawItem(number, item_match["marker"], "")
            item_lines, feedback_lines = [item_match["text"]], []
            state = "list"
        elif item_match and state == "explanation" and starts_list(line):
            raise QuizSyntaxError(
                number,
                f"an {item_name} comes after the explanation",
                f"keep all the {item_name}s in one list, before the explanation",
            )
        elif state == "stem":
            if FEEDBACK.match(line.lstrip()):
                raise QuizSyntaxError(
                    number,
                    "this line starts with `>`, which marks feedback, but there is no option above it",
                    "put feedback right under the option it answers, indented by four spaces; "
                    "for a quotation in the question, use quotation marks instead of `>`",
                )
            out.stem.append(line)
        elif state == "list":
            assert item is not None
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
                        f"this indented text under an {item_name} is neither its text nor its feedback",
                        f"start feedback lines with `>`, or join the text to the {item_name}'s line",
                    )
                else:
                    item_lines.append(content)
            elif FEEDBACK.match(line):
                raise QuizSyntaxError(
                    number,
                    f"this feedback (a line starting with `>`) is not indented under an {item_name}",
                    f"indent it by four spaces, right under the {item_name} it answers",
                )
            elif item_match:
                raise QuizSyntaxError(
                    number,
                    f"`{line.strip()}` is not an {item_name}",
                    _item_fix(item_name),
                )
            elif not previous_blank:
                raise QuizSyntaxError(
                    number,
                    f"this line follows an {item_name} without a blank line or an indent",
                    f"indent it by four spaces to continue the {item_name}, "
                    "or leave a blank line before the explanation",
                )
            else:
                finish_item()
                state = "explanation"
                out.explanation.append(line)
        else:
            out.explanation.append(line)
        previous_blank = False
    finish_item()
    finish_hint()
    return out


def _item_fix(item_name: str) -> str:
    return {
        "option": "mark a right option with `- [x] ` and a wrong one with `- [ ] `",
        "answer": "mark an accepted answer with `- [x] ` and an anticipated wrong one with `- [ ] `",
        "item": "write the items as a numbered list in their right order: `1. first`, `2. second`",
        "pair": "write one pair per line: `- an item -> its match`",
        "statement": "write a statement as `- a statement` and a band as `- [0-4] Its title`",
    }.get(item_name, "")


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
