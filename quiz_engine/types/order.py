"""order: items written as a numbered list in their right order, shown shuffled.

Scoring: "position" gives the share of items in their right place; "pairs" gives the share of pairs of
items whose order is right (a rank measure: one item moved to the wrong end loses less than under
"position").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..data import ErrorResult, Problem, Reader, Result, duplicates, graded
from ..settings import Setting
from .base import QuestionType
from .choice import part_id
from .syntax import Body, Part, QuizSyntaxError, read_body

if TYPE_CHECKING:
    from ..markdown.source import QuestionSource
    from ..model import Question

SCORING = Setting(
    "scoring",
    "choice",
    "position",
    allowed=("position", "pairs"),
    scored_only=False,
    fix="write one of: position, pairs",
)


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...] = ()
    """The item ids in the right order."""
    scoring: str = "position"


class Order(QuestionType):
    names = ("order",)
    position = 1
    settings = (SCORING,)
    item_name = "item"
    parts = ("item",)
    empty = ("items", "list the items in their right order: `1. first`, `2. second`")

    def empty_body(self) -> Items:
        return Items()

    def to_dict(self, body: Items) -> dict[str, Any]:
        return {"items": list(body.items), "scoring": body.scoring}

    def from_dict(self, reader: Reader, qtype: str) -> Items:
        return Items(reader.idents("items"), reader.choice("scoring", SCORING.allowed, SCORING.default))

    def check(self, question: Question) -> list[Problem]:
        if len(question.body.items) < 2:
            return [
                Problem(
                    "too-few-items",
                    "an order question needs at least two items",
                    "list the items in their right order as a numbered list: `1. first`, `2. second`",
                )
            ]
        return duplicates(question.body.items, "item")

    def score(self, question: Question, response: Any) -> Result | ErrorResult:
        items = question.body.items
        order = response.get("order") if isinstance(response, dict) else None
        if not isinstance(order, list) or not all(isinstance(i, str) for i in order) or sorted(order) != sorted(items):
            return ErrorResult(
                "bad-response", 'a response must be an object with an "order" of all the item ids', question.id
            )
        n = len(order)
        in_place = [item for item, right in zip(order, items, strict=True) if item == right]
        if question.body.scoring == "pairs":
            rank = {item: i for i, item in enumerate(items)}
            concordant = sum(1 for i in range(n) for j in range(i + 1, n) if rank[order[i]] < rank[order[j]])
            fraction = concordant / (n * (n - 1) / 2)
        else:
            fraction = len(in_place) / n
        return graded(
            question.id,
            question.points,
            fraction,
            marks={item: ("right" if item in in_place else "wrong") for item in items},
            counts={"in_place": len(in_place), "items": n},
        )

    def solution(self, question: Question) -> dict[str, Any]:
        return {"order": list(question.body.items)}

    def starts_list(self, line: str) -> bool:
        return bool(re.match(r"^\d{1,3}[.)][ ]", line))

    def read(self, source: QuestionSource, lines: list[tuple[int, str]]) -> Body:
        body = read_body(lines, self.starts_list, "item")
        for index, raw in enumerate(body.items):
            if not raw.marker[0].isdigit():
                raise QuizSyntaxError(
                    raw.line,
                    f"`{raw.marker} {raw.text}` is not a numbered item",
                    "write the items as a numbered list in their right order: `1. first`, `2. second`",
                )
            source.parts.append(Part(part_id(index), "item", raw.line, raw.text, raw.feedback))
        return body

    def body_of(self, source: QuestionSource) -> Items:
        return Items(tuple(p.id for p in source.of_kind("item")), source.settings.get("scoring", "position"))

    def render(self, r: Any, fieldset: Any) -> None:
        source = r.source
        listing = r.el(fieldset, "ol", class_="quiz__order", id=f"{r.base}-list")
        for part in r.shuffled(source.of_kind("item"), f"quiz:{source.id}", avoid_identity=True):
            element_id = f"{r.base}-{part.id}"
            item = r.el(listing, "li", class_="quiz__item", data_item=part.id)
            text = r.el(item, "span", class_="quiz__item-text", id=f"{element_id}-text")
            r.author.inline(text, part.text)
            moves = r.el(item, "span", class_="quiz__moves")
            for direction in ("up", "down"):
                button_id = f"{element_id}-{direction}"
                r.el(
                    moves,
                    "button",
                    r.labels[f"move.{direction}"],
                    type="button",
                    class_="quiz__move",
                    id=button_id,
                    data_move=direction,
                    aria_labelledby=f"{button_id} {element_id}-text",
                )
            r.feedback(item, part, element_id)
        r.el(fieldset, "p", "", class_="quiz__announce visually-hidden", aria_live="polite")

    def render_solution(self, r: Any, form: Any) -> None:
        box = r.solution(form)
        r.el(box, "p", r.labels["solution.order"], class_="quiz__solution-title")
        listing = r.el(box, "ol")
        for part in r.source.of_kind("item"):
            r.author.inline(r.el(listing, "li"), part.text)

    def key_answers(self, source: QuestionSource) -> tuple[list[str], bool]:
        return [p.text for p in source.of_kind("item")], True

    # -- export (through the writers of quiz_engine.export.gift and .qti) -----------------------------

    def gift(self, w: Any, source: QuestionSource, notes: list):
        items = source.of_kind("item")
        if source.settings.get("scoring") == "pairs":
            notes.append(
                w.Note(
                    source.id,
                    "its `scoring: pairs` cannot be written in GIFT; it became a matching question to the places "
                    "1, 2, 3..., which gives the share of items in their place (`scoring: position`)",
                )
            )
        else:
            notes.append(
                w.Note(
                    source.id,
                    "an order question cannot be written in GIFT; it became a matching question to the places",
                )
            )
        w.item_feedback_note(source, notes)
        lines = [f"={w.match_text(item.text)} -> {index}" for index, item in enumerate(items, start=1)]
        return w.answers(lines, source.explanation)

    def qti(self, w: Any, source: QuestionSource, body: Any):
        items = source.of_kind("item")
        if source.settings.get("scoring") == "pairs":
            w.notes.append(
                w.Note(source.id, "its `scoring: pairs` cannot be written in QTI; it is scored by position instead")
            )
        w.item_feedback_note(source, "item")
        interaction = w.element("orderInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "true"})
        w.choices(interaction, items, source.id)
        body.append(interaction)
        share = w.number(source.points / len(items))
        rules = [
            w.element(
                "responseCondition",
                {},
                w.element(
                    "responseIf",
                    {},
                    w.element(
                        "match",
                        {},
                        w.element("index", {"n": str(place)}, w.variable("RESPONSE")),
                        w.base("identifier", item.id),
                    ),
                    w.set_value("SCORE", w.element("sum", {}, w.variable("SCORE"), w.base("float", share))),
                ),
            )
            for place, item in enumerate(items, start=1)
        ]
        declaration = w.response("RESPONSE", "ordered", "identifier", [item.id for item in items])
        return [declaration], [*rules, w.show()]


KIND = Order()
