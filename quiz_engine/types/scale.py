"""scale: a self-assessment with no right answer and no points. `- statement` (or `- (reversed)
statement`) to rate on the header's `labels:`, and bands `- [0-4] Title` with a `>` message.

Scoring: the ratings are summed (a reversed statement counts backwards) and the band the total falls in
gives the message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..data import ErrorResult, Problem, Reader, Result, duplicates
from .base import QuestionType
from .choice import item_text, part_id
from .syntax import Body, Part, QuizSyntaxError, read_body

if TYPE_CHECKING:
    from ..markdown.source import QuestionSource
    from ..model import Question

BAND = re.compile(r"^\[(?P<low>\d+)[ ]*(?:-|\u2013|to)[ ]*(?P<high>\d+)\](?:[ ]+(?P<text>.*))?$")
TASK_LIKE = re.compile(r"^\[[^\]]*\]")
REVERSED = re.compile(r"^\(revers(?:ed|e)\)[ ]+(?P<text>.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Statement:
    """A statement to rate; a reversed one counts its scale backwards."""

    id: str
    reversed: bool = False


@dataclass(frozen=True)
class Band:
    """A range of the total, with its own message (in the page)."""

    id: str
    low: int
    high: int


@dataclass(frozen=True)
class Ratings:
    statements: tuple[Statement, ...] = ()
    levels: int = 0
    """How many points the scale has (each rating is 0 .. levels - 1)."""
    bands: tuple[Band, ...] = ()


class Scale(QuestionType):
    names = ("scale",)
    position = 4
    scored = False
    extra_keys = ("labels",)
    item_name = "statement"
    parts = ("statement",)
    empty = ("statements", "list the statements to rate: `- a statement`")
    check_label = "check.scale"

    def empty_body(self) -> Ratings:
        return Ratings()

    def to_dict(self, body: Ratings) -> dict[str, Any]:
        return {
            "statements": [{"id": s.id, **({"reversed": True} if s.reversed else {})} for s in body.statements],
            "levels": body.levels,
            "bands": [{"id": b.id, "low": b.low, "high": b.high} for b in body.bands],
        }

    def from_dict(self, reader: Reader, qtype: str) -> Ratings:
        return Ratings(
            tuple(
                Statement(r.ident("id"), r.boolean("reversed", False))
                for r in reader.objects("statements", "a statement")
            ),
            int(reader.number("levels", 0, low=2, integer=True)),
            tuple(
                Band(r.ident("id"), int(r.number("low", integer=True)), int(r.number("high", integer=True)))
                for r in reader.objects("bands", "a band")
            ),
        )

    def check(self, question: Question) -> list[Problem]:
        body: Ratings = question.body
        problems = duplicates(tuple(s.id for s in body.statements), "statement")
        if not body.statements:
            problems.append(
                Problem("no-statements", "a scale question has no statements to rate", "add them as `- a statement`")
            )
            return problems
        if body.levels < 2:
            problems.append(
                Problem(
                    "too-few-levels",
                    "the scale needs at least two levels",
                    "write `labels: [Never, Sometimes, Often]`",
                )
            )
            return problems
        top = (body.levels - 1) * len(body.statements)
        if not body.bands:
            problems.append(
                Problem(
                    "no-bands",
                    "a scale question needs bands that turn the total into a message",
                    f"add bands covering 0 to {top}, for example `- [0-{top // 2}] Mostly balanced`",
                )
            )
            return problems
        expected = 0
        for band in sorted(body.bands, key=lambda b: b.low):
            if band.low > band.high:
                problems.append(Problem("bad-band", f"the band {band.low}-{band.high} runs backwards", "", (band.id,)))
            elif band.low != expected:
                gap = "leaves a gap" if band.low > expected else "overlaps the band before"
                problems.append(
                    Problem(
                        "bad-bands",
                        f"the band {band.low}-{band.high} {gap}: the bands must cover 0 to {top} once each",
                        f"start this band at {expected}",
                        (band.id,),
                    )
                )
            expected = max(expected, band.high + 1)
        if not problems and expected != top + 1:
            last = max(body.bands, key=lambda b: b.high)
            problems.append(
                Problem(
                    "bad-bands",
                    f"the bands stop at {expected - 1}, but the total can reach {top}",
                    f"make the last band end at {top}",
                    (last.id,),
                )
            )
        return problems

    def score(self, question: Question, response: Any) -> Result | ErrorResult:
        body: Ratings = question.body
        ratings = response.get("ratings") if isinstance(response, dict) else None
        if not isinstance(ratings, dict):
            return ErrorResult(
                "bad-response", 'a response must be an object with "ratings": {statement: level}', question.id
            )
        total = 0
        for statement in body.statements:
            level = ratings.get(statement.id)
            if level is None:
                return ErrorResult("no-answer", "Rate every statement first.", question.id)
            if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level < body.levels:
                return ErrorResult("bad-response", f"the rating of {statement.id!r} is not on the scale", question.id)
            total += body.levels - 1 - level if statement.reversed else level
        if set(ratings) - {s.id for s in body.statements}:
            return ErrorResult("bad-response", "a rating names a statement this question does not have", question.id)
        band = next(b for b in body.bands if b.low <= total <= b.high)
        top = (body.levels - 1) * len(body.statements)
        return Result(
            question.id,
            "complete",
            0.0,
            0.0,
            feedback=(band.id,),
            profile={"total": total, "max": top, "band": band.id},
        )

    def author_settings(self, data: dict[str, Any], line_of: Any) -> dict[str, Any]:
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
        return {"labels": [str(x).strip() for x in labels]}

    def starts_list(self, line: str) -> bool:
        return bool(item_text(line))

    def read(self, source: QuestionSource, lines: list[tuple[int, str]]) -> Body:
        body = read_body(lines, self.starts_list, "statement")
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
                source.parts.append(
                    Part(f"band-{bands + 1}", "band", raw.line, title, raw.feedback, low=low, high=high)
                )
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

    def body_of(self, source: QuestionSource) -> Ratings:
        return Ratings(
            tuple(Statement(p.id, p.reversed) for p in source.of_kind("statement")),
            len(source.settings.get("labels", [])),
            tuple(Band(p.id, p.low, p.high) for p in source.of_kind("band")),
        )

    def render(self, r: Any, fieldset: Any) -> None:
        source = r.source
        statements = r.el(fieldset, "div", class_="quiz__statements")
        for part in source.of_kind("statement"):
            element_id = f"{r.base}-{part.id}"
            group = r.el(statements, "fieldset", class_="quiz__statement", data_statement=part.id)
            legend = r.el(group, "legend", class_="quiz__statement-text")
            r.author.inline(legend, part.text)
            levels = r.el(group, "div", class_="quiz__levels")
            for value, label_text in enumerate(source.settings.get("labels", [])):
                input_id = f"{element_id}-{value}"
                level = r.el(levels, "span", class_="quiz__level")
                r.el(level, "input", type="radio", name=element_id, value=str(value), id=input_id)
                r.el(level, "label", label_text, for_=input_id)
        bands = r.el(fieldset, "div", class_="quiz__bands")
        for part in source.of_kind("band"):
            band = r.el(bands, "div", class_="quiz__band", data_band=part.id, hidden="hidden")
            title = r.el(band, "p", class_="quiz__band-title")
            r.author.inline(title, part.text)
            if part.feedback:
                r.author.blocks(band, part.feedback)

    # -- export (through the writers of quiz_engine.export.gift and .qti) -----------------------------

    def gift(self, w: Any, source: QuestionSource, notes: list) -> None:
        notes.append(
            w.Note(
                source.id,
                "a scale (self-assessment) cannot be written in GIFT, which has no unscored rating item; skipped",
            )
        )

    def qti(self, w: Any, source: QuestionSource, body: Any):
        levels = len(source.settings["labels"])
        w.item_feedback_note(source, "statement")
        declarations = []
        for statement in source.of_kind("statement"):
            values = [(f"L{i}", float(levels - 1 - i if statement.reversed else i)) for i in range(levels)]
            declarations.append(w.response(f"S-{statement.id}", "single", "identifier", (), w.mapping(values, None)))
            interaction = w.element(
                "choiceInteraction", {"responseIdentifier": f"S-{statement.id}", "shuffle": "false", "maxChoices": "1"}
            )
            prompt = w.element("prompt")
            w.inline(prompt, statement.text, source.id)
            interaction.append(prompt)
            for index, label in enumerate(source.settings["labels"]):
                interaction.append(w.element("simpleChoice", {"identifier": f"L{index}"}, text=label))
            body.append(interaction)
        declarations.append(w.outcome("TOTAL", "float", "0"))
        total = w.element(
            "sum", {}, *(w.element("mapResponse", {"identifier": d.get("identifier")}) for d in declarations[:-1])
        )
        branches = []
        for band in source.of_kind("band"):
            within = w.element(
                "and",
                {},
                w.element("gte", {}, w.variable("TOTAL"), w.base("float", str(band.low))),
                w.element("lte", {}, w.variable("TOTAL"), w.base("float", str(band.high))),
            )
            chosen = w.show(w.base("identifier", band.id))
            branches.append(w.element("responseElseIf" if branches else "responseIf", {}, within, chosen))
        return declarations, [w.set_value("TOTAL", total), w.element("responseCondition", {}, *branches)]


KIND = Scale()
