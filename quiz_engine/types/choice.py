"""single, multiple and true-false: options written as a task list; `[x]` marks a right one.

Scoring: single and true-false earn all the points for the right option. multiple, with R right options
and W wrong ones, earns ``points * max(0, h/R - f/W)`` for h right and f wrong ones chosen (the f/W term
is 0 when there is no wrong option): choosing every option earns nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..data import ErrorResult, Problem, Reader, Result, duplicates, graded
from .base import QuestionType
from .syntax import Body, Part, QuizSyntaxError, read_body

if TYPE_CHECKING:
    from ..markdown.source import QuestionSource
    from ..model import Question

TASK = re.compile(r"^\[(?P<mark>[ xX])\](?:[ ]+(?P<text>.*))?$")
ITEM_TEXT = re.compile(r"^(?:[-*+]|\d{1,3}[.)])[ ]+(?P<text>.*?)[ ]*$")


def part_id(index: int) -> str:
    """The id of a question's ``index``-th part: a, b, c ... z, then p27, p28 ..."""
    return chr(ord("a") + index) if index < 26 else f"p{index + 1}"


def item_text(line: str) -> str:
    """The text of a list line after its marker (empty if the line is not a list item)."""
    match = ITEM_TEXT.match(line)
    return match["text"] if match else ""


def read_task_list(source: QuestionSource, lines: list[tuple[int, str]], kind: str, fix: str) -> Body:
    """Read a task list (`- [x] right`, `- [ ] wrong`) into parts of ``kind``; also used by `text`."""
    body = read_body(lines, lambda line: bool(TASK.match(item_text(line))), kind)
    for index, raw in enumerate(body.items):
        task = TASK.match(raw.text)
        if task is None:
            raise QuizSyntaxError(raw.line, f"`{raw.marker} {raw.text}` is not an {kind}", fix)
        text = (task["text"] or "").strip()
        if not text:
            raise QuizSyntaxError(raw.line, f"this {kind} has no text", f"write the {kind}'s text after `[x]` or `[ ]`")
        source.parts.append(Part(part_id(index), kind, raw.line, text, raw.feedback, correct=task["mark"] in "xX"))
    return body


@dataclass(frozen=True)
class Option:
    """One choice of a single, multiple or true-false question."""

    id: str
    correct: bool


@dataclass(frozen=True)
class Options:
    options: tuple[Option, ...] = ()
    """The options, in the author's order."""

    @property
    def right_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options if o.correct)

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)


def _ids(data: Any, key: str) -> list[str] | None:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        return None
    values = data[key]
    return values if all(isinstance(v, str) for v in values) else None


def _one_right_problem(kind: str, right: tuple[str, ...]) -> Problem:
    if not right:
        return Problem(
            "no-right-option",
            f"a {kind} question needs exactly one right option, but none is marked [x]",
            "mark the right answer with `[x]`",
        )
    return Problem(
        "several-right-options",
        f"a {kind} question needs exactly one right option, but {len(right)} are marked [x]",
        "keep `[x]` on the one right answer, or use `type: multiple` if several are right",
        right,
    )


class Choice(QuestionType):
    names = ("single", "multiple", "true-false")
    position = 0
    widget = "choice"
    item_name = "option"
    parts = ("option",)
    empty = ("options", "add the options as a task list: `- [x] a right answer` and `- [ ] a wrong one`")

    def empty_body(self) -> Options:
        return Options()

    def to_dict(self, body: Options) -> dict[str, Any]:
        return {"options": [{"id": o.id, "correct": o.correct} for o in body.options]}

    def from_dict(self, reader: Reader, qtype: str) -> Options:
        return Options(
            tuple(Option(r.ident("id"), r.boolean("correct")) for r in reader.objects("options", "an option"))
        )

    def check(self, question: Question) -> list[Problem]:
        ids, right = question.body.option_ids, question.body.right_ids
        if not ids:
            return [Problem("no-options", "the question has no options", self.empty[1])]
        problems = duplicates(ids, "option")
        if question.type == "true-false":
            if len(ids) != 2:
                problems.append(
                    Problem(
                        "true-false-count",
                        f"a true-false question needs exactly two options, but this one has {len(ids)}",
                        "give two options, for example `- [x] True` and `- [ ] False`, or use `type: single`",
                        ids,
                    )
                )
            elif len(right) != 1:
                problems.append(_one_right_problem("true-false", right))
        elif question.type == "single":
            if len(ids) < 2:
                problems.append(
                    Problem(
                        "too-few-options",
                        "a single-answer question needs at least two options",
                        "add at least one wrong option (`- [ ] ...`)",
                        ids,
                    )
                )
            if len(right) != 1:
                problems.append(_one_right_problem("single", right))
        else:
            if len(ids) < 2:
                problems.append(
                    Problem(
                        "too-few-options",
                        "a multiple-answer question needs at least two options",
                        "add more options, or use `type: single`",
                        ids,
                    )
                )
            if not right:
                problems.append(
                    Problem(
                        "no-right-option",
                        "a multiple-answer question needs at least one right option, but none is marked [x]",
                        "mark each right option with `[x]`",
                    )
                )
        return problems

    def score(self, question: Question, response: Any) -> Result | ErrorResult:
        body: Options = question.body
        selected = _ids(response, "selected")
        if selected is None:
            return ErrorResult(
                "bad-response", 'a response must be an object with a "selected" list of option ids', question.id
            )
        if len(set(selected)) != len(selected):
            return ErrorResult("bad-response", "an option was chosen twice", question.id)
        unknown = [s for s in selected if s not in body.option_ids]
        if unknown:
            return ErrorResult("unknown-option", f"this question has no option {unknown[0]!r}", question.id)
        if not selected:
            return ErrorResult("no-answer", "Choose an answer first.", question.id)
        if question.type != "multiple" and len(selected) > 1:
            return ErrorResult("too-many", "Choose only one answer.", question.id)
        chosen, right = set(selected), set(body.right_ids)
        wrong = set(body.option_ids) - right
        hits, false_alarms = len(chosen & right), len(chosen & wrong)
        if question.type == "multiple":
            fraction = hits / len(right) - (false_alarms / len(wrong) if wrong else 0.0)
        else:
            fraction = float(hits)
        return graded(
            question.id,
            question.points,
            fraction,
            marks={o: ("right" if o in right else "wrong") for o in body.option_ids if o in chosen},
            feedback=tuple(o for o in body.option_ids if o in chosen),
            counts={"right_chosen": hits, "right_total": len(right), "wrong_chosen": false_alarms},
        )

    def solution(self, question: Question) -> dict[str, Any]:
        return {"selected": list(question.body.right_ids)}

    def read(self, source: QuestionSource, lines: list[tuple[int, str]]) -> Body:
        return read_task_list(
            source, lines, "option", "mark a right option with `- [x] ` and a wrong one with `- [ ] `"
        )

    def body_of(self, source: QuestionSource) -> Options:
        return Options(tuple(Option(p.id, p.correct) for p in source.of_kind("option")))

    def render(self, r: Any, fieldset: Any) -> None:
        source = r.source
        options = source.of_kind("option")
        order = r.shuffled(options, f"quiz:{source.id}") if source.shuffle else options
        kind = "checkbox" if source.type == "multiple" else "radio"
        listing = r.el(fieldset, "ul", class_="quiz__options")
        for part in order:
            item = r.el(listing, "li", class_="quiz__option", data_option=part.id)
            input_id = f"{r.base}-{part.id}"
            r.el(item, "input", type=kind, name=r.base, value=part.id, id=input_id)
            label = r.el(item, "label", for_=input_id)
            r.author.inline(label, part.text)
            r.feedback(item, part, input_id)

    def key_answers(self, source: QuestionSource) -> tuple[list[str], bool]:
        return [p.text for p in source.of_kind("option") if p.correct], False

    # -- export (through the writers of quiz_engine.export.gift and .qti) -----------------------------

    def gift(self, w: Any, source: QuestionSource, notes: list):
        options = source.options
        if source.type == "true-false" and {w.plain(o.text).strip(".!").lower() for o in options} == {"true", "false"}:
            right = next(o for o in options if o.correct)
            wrong = next(o for o in options if not o.correct)
            answer = "TRUE" if w.plain(right.text).strip(".!").lower() == "true" else "FALSE"
            feedback = ""
            if wrong.feedback.strip() or right.feedback.strip():
                feedback = f"#{w.escape(wrong.feedback)}" + (
                    f"#{w.escape(right.feedback)}" if right.feedback.strip() else ""
                )
            general = f"####{w.escape(source.explanation)}" if source.explanation.strip() else ""
            return "{" + answer + feedback + general + "}"
        if source.type != "multiple":
            lines = [
                ("=" if o.correct else "~") + w.choice_text(o.text, "=" if o.correct else "~") + w.feedback(o)
                for o in options
            ]
            return w.answers(lines, source.explanation)
        right = [o for o in options if o.correct]
        wrong = [o for o in options if not o.correct]
        lines = []
        for option in options:
            value = 100 / len(right) if option.correct else -100 / len(wrong)
            lines.append(f"~{w.weight(value)}{w.escape(option.text)}{w.feedback(option)}")
        for group, sign in ((right, 1), (wrong, -1)):
            if group and not w.moodle_accepts(100 / len(group)):
                notes.append(
                    w.Note(
                        source.id,
                        f"the weight {w.weight(sign * 100 / len(group))} is not one of Moodle's grades; choose "
                        '"Nearest grade if not listed" when importing',
                    )
                )
        return w.answers(lines, source.explanation)

    def qti(self, w: Any, source: QuestionSource, body: Any):
        options = source.options
        right = [o.id for o in options if o.correct]
        many = source.type == "multiple"
        interaction = w.element(
            "choiceInteraction",
            {
                "responseIdentifier": "RESPONSE",
                "shuffle": str(source.shuffle).lower(),
                "maxChoices": "0" if many else "1",
            },
        )
        w.choices(interaction, options, source.id)
        body.append(interaction)
        if many:
            wrong = len(options) - len(right)
            shares = [(o.id, source.points / len(right) if o.correct else -source.points / wrong) for o in options]
            declaration = w.response("RESPONSE", "multiple", "identifier", right, w.mapping(shares, source.points))
            return [declaration], [w.score_from_mapping(), w.show(w.variable("RESPONSE"))]
        matched = w.element("match", {}, w.variable("RESPONSE"), w.element("correct", {"identifier": "RESPONSE"}))
        rule = w.element(
            "responseCondition",
            {},
            w.element("responseIf", {}, matched, w.set_value("SCORE", w.base("float", w.number(source.points)))),
        )
        return [w.response("RESPONSE", "single", "identifier", right)], [rule, w.show(w.variable("RESPONSE"))]


KIND = Choice()
