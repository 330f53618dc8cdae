"""What the list under a `/// quiz` header means, for each question type, and the engine's view of it.

- single, multiple, true-false: a task list; `[x]` marks a right option, `[ ]` a wrong one.
- text: a task list of answers; `[x]` accepts one, `[ ]` anticipates a wrong one (to give it feedback);
  an answer written `/like this/` is a regular expression, matched against the whole normalised answer.
- order: a numbered list, in the right order.
- match: `- item -> its match`; `- -> decoy` adds a match that fits no item.
- scale: `- statement` (or `- (reversed) statement`) to rate, and bands `- [0-4] Title` with a `>` message.
- reflection: no list; the text under the header guides the reader's writing.
Feedback (`>` lines under an item) and hints (`Hint:` paragraphs) work the same for every type.
"""

from __future__ import annotations

import re

from ..model import Answer, Band, Option, Question, Statement, check_question
from .source import Body, Part, QuestionSource, QuizSyntaxError, read_body

TASK = re.compile(r"^\[(?P<mark>[ xX])\](?:[ ]+(?P<text>.*))?$")
TASK_LIKE = re.compile(r"^\[[^\]]*\]")
PATTERN = re.compile(r"^/(?P<pattern>.+)/$")
ARROW = re.compile(r"[ ]*(?:->|→)[ ]*")
BAND = re.compile(r"^\[(?P<low>\d+)[ ]*(?:-|\u2013|to)[ ]*(?P<high>\d+)\](?:[ ]+(?P<text>.*))?$")
REVERSED = re.compile(r"^\(revers(?:ed|e)\)[ ]+(?P<text>.*)$", re.IGNORECASE)
ITEM_TEXT = re.compile(r"^(?:[-*+]|\d{1,3}[.)])[ ]+(?P<text>.*?)[ ]*$")


def part_id(index: int) -> str:
    return chr(ord("a") + index) if index < 26 else f"p{index + 1}"


def _text_of(line: str) -> str:
    match = ITEM_TEXT.match(line)
    return match["text"] if match else ""


def _is_numbered(line: str) -> bool:
    return bool(re.match(r"^\d{1,3}[.)][ ]", line))


def interpret(source: QuestionSource, lines: list[tuple[int, str]]) -> None:
    """Read the body of a question of ``source.type`` into its parts; raise QuizSyntaxError if malformed."""
    reader = READERS[source.type]
    body = reader(source, lines)
    source.stem = "\n".join(body.stem).strip("\n")
    source.explanation = "\n".join(body.explanation).strip("\n")
    source.hints = body.hints
    _check(source)


def _read_task_list(source: QuestionSource, lines: list[tuple[int, str]], kind: str) -> Body:
    body = read_body(lines, lambda line: bool(TASK.match(_text_of(line))), kind)
    for index, raw in enumerate(body.items):
        task = TASK.match(raw.text)
        if task is None:
            raise QuizSyntaxError(raw.line, f"`{raw.marker} {raw.text}` is not an {kind}", _task_fix(kind))
        text = (task["text"] or "").strip()
        if not text:
            raise QuizSyntaxError(raw.line, f"this {kind} has no text", f"write the {kind}'s text after `[x]` or `[ ]`")
        part = Part(part_id(index), kind, raw.line, text, raw.feedback, correct=task["mark"] in "xX")
        if kind == "answer":
            pattern = PATTERN.match(text)
            part.value, part.pattern = (pattern["pattern"], True) if pattern else (text, False)
        source.parts.append(part)
    return body


def _task_fix(kind: str) -> str:
    if kind == "answer":
        return "mark an accepted answer with `- [x] ` and an anticipated wrong one with `- [ ] `"
    return "mark a right option with `- [x] ` and a wrong one with `- [ ] `"


def read_choice(source: QuestionSource, lines: list[tuple[int, str]]) -> Body:
    return _read_task_list(source, lines, "option")


def read_text(source: QuestionSource, lines: list[tuple[int, str]]) -> Body:
    return _read_task_list(source, lines, "answer")


def read_order(source: QuestionSource, lines: list[tuple[int, str]]) -> Body:
    body = read_body(lines, _is_numbered, "item")
    for index, raw in enumerate(body.items):
        if not raw.marker[0].isdigit():
            raise QuizSyntaxError(
                raw.line,
                f"`{raw.marker} {raw.text}` is not a numbered item",
                "write the items as a numbered list in their right order: `1. first`, `2. second`",
            )
        source.parts.append(Part(part_id(index), "item", raw.line, raw.text, raw.feedback))
    return body


def read_match(source: QuestionSource, lines: list[tuple[int, str]]) -> Body:
    body = read_body(lines, lambda line: bool(ARROW.search(_text_of(line))), "pair")
    items = 0
    for raw in body.items:
        halves = ARROW.split(raw.text, maxsplit=1)
        if len(halves) != 2:
            raise QuizSyntaxError(
                raw.line,
                f"`{raw.marker} {raw.text}` is not a pair",
                "write one pair per line: `- an item -> its match`",
            )
        left, right = (half.strip() for half in halves)
        if not right:
            raise QuizSyntaxError(raw.line, "this pair has no match after `->`", "write the match after `->`")
        if left:
            source.parts.append(Part(part_id(items), "item", raw.line, left, raw.feedback, match=right))
            items += 1
        else:
            if raw.feedback:
                raise QuizSyntaxError(raw.line, "a decoy cannot have feedback", "remove the `>` lines under it")
            source.parts.append(Part(f"decoy-{raw.line}", "decoy", raw.line, "", match=right))
    return body


def read_scale(source: QuestionSource, lines: list[tuple[int, str]]) -> Body:
    body = read_body(lines, lambda line: bool(_text_of(line)), "statement")
    statements = bands = 0
    for raw in body.items:
        band = BAND.match(raw.text)
        if band:
            title = (band["text"] or "").strip()
            if not title:
                raise QuizSyntaxError(
                    raw.line, "this band has no title", "write a title after the range: `- [0-4] Title`"
                )
            low, high = int(band["low"]), int(band["high"])
            source.parts.append(Part(f"band-{bands + 1}", "band", raw.line, title, raw.feedback, low=low, high=high))
            bands += 1
            continue
        if TASK_LIKE.match(raw.text):
            raise QuizSyntaxError(
                raw.line,
                f"`{raw.marker} {raw.text}` is neither a statement nor a band",
                "write a band's range as two numbers, `- [0-4] Title`; a scale has no right answer to mark",
            )
        reversed_ = REVERSED.match(raw.text)
        text = reversed_["text"] if reversed_ else raw.text
        source.parts.append(
            Part(part_id(statements), "statement", raw.line, text.strip(), raw.feedback, reversed=bool(reversed_))
        )
        statements += 1
    return body


def read_reflection(source: QuestionSource, lines: list[tuple[int, str]]) -> Body:
    return read_body(lines, lambda line: False, "item")


READERS = {
    "single": read_choice,
    "multiple": read_choice,
    "true-false": read_choice,
    "text": read_text,
    "order": read_order,
    "match": read_match,
    "scale": read_scale,
    "reflection": read_reflection,
}

EMPTY = {
    "single": ("options", "add the options as a task list: `- [x] a right answer` and `- [ ] a wrong one`"),
    "multiple": ("options", "add the options as a task list: `- [x] a right answer` and `- [ ] a wrong one`"),
    "true-false": ("options", "add two options, for example `- [x] True` and `- [ ] False`"),
    "text": ("accepted answers", "list them as `- [x] the answer`"),
    "order": ("items", "list the items in their right order: `1. first`, `2. second`"),
    "match": ("pairs", "write one pair per line: `- an item -> its match`"),
    "scale": ("statements", "list the statements to rate: `- a statement`"),
}


def match_choices(source: QuestionSource) -> list[tuple[str, str]]:
    """The matches a reader chooses from in a match question: (id, text), in the author's order."""
    choices: dict[str, str] = {}
    for part in source.of_kind("item", "decoy"):
        choices.setdefault(" ".join(part.match.split()), f"m{len(choices) + 1}")
    return [(cid, text) for text, cid in choices.items()]


def to_question(source: QuestionSource) -> Question:
    """The engine's view of a question: ids and rules, no prose."""
    common = {
        "id": source.id or "draft",
        "type": source.type,
        "points": source.points,
        "tries": source.tries,
        "penalty": source.penalty,
        "hints": len(source.hints),
        "shuffle": source.shuffle,
        "hash": source.hash,
        "objective": source.objective,
    }
    if source.type in ("single", "multiple", "true-false"):
        return Question(**common, options=tuple(Option(p.id, p.correct) for p in source.options))
    if source.type == "text":
        answers = tuple(Answer(p.id, p.value, p.correct, p.pattern) for p in source.of_kind("answer"))
        return Question(**common, answers=answers)
    if source.type == "order":
        return Question(**common, items=tuple(p.id for p in source.of_kind("item")), scoring=source.scoring)
    if source.type == "match":
        ids = {text: cid for cid, text in match_choices(source)}
        items = source.of_kind("item")
        return Question(
            **common,
            items=tuple(p.id for p in items),
            choices=tuple(ids.values()),
            key=tuple(ids[" ".join(p.match.split())] for p in items),
        )
    if source.type == "scale":
        return Question(
            **common,
            statements=tuple(Statement(p.id, p.reversed) for p in source.of_kind("statement")),
            levels=len(source.labels),
            bands=tuple(Band(p.id, p.low, p.high) for p in source.of_kind("band")),
        )
    return Question(**common)


def _check(source: QuestionSource) -> None:
    if source.type in EMPTY and not source.of_kind("option", "answer", "item", "statement"):
        what, fix = EMPTY[source.type]
        raise QuizSyntaxError(source.line, f"the question has no {what}", fix)
    if source.type == "reflection" and source.explanation:
        raise QuizSyntaxError(source.line, "a reflection has no explanation", "put all its text before any list")
    seen: dict[tuple[str, str], int] = {}
    for part in source.of_kind("option", "answer", "item", "statement"):
        key = (part.kind, " ".join(part.text.lower().split()))
        if key in seen:
            raise QuizSyntaxError(
                part.line,
                f"this {part.kind} repeats the {part.kind} on line {seen[key]}",
                f"give every {part.kind} a different text",
            )
        seen[key] = part.line
    problems = check_question(to_question(source))
    if problems:
        problem = problems[0]
        lines = [p.line for p in source.parts if p.id in problem.ids]
        where = lines[-1] if lines and (problem.code == "several-right-options" or len(lines) == 1) else source.line
        message = problem.message
        if len(lines) > 1 and problem.code == "several-right-options":
            message = f"{message} (lines {', '.join(map(str, lines))})"
        raise QuizSyntaxError(where, message, problem.fix or "see the authoring guide")
