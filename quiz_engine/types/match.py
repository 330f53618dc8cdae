"""match: `- item -> its match` pairs; `- -> decoy` adds a match that fits no item. The reader picks each
item's match from one list (the distinct matches, decoys included, shuffled).

Scoring: the share of items matched right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..data import ErrorResult, Problem, Reader, Result, duplicates, graded
from .base import QuestionType
from .choice import item_text, part_id
from .syntax import Body, Part, QuizSyntaxError, read_body

if TYPE_CHECKING:
    from ..markdown.source import QuestionSource
    from ..model import Question

ARROW = re.compile(r"[ ]*(?:->|→)[ ]*")


@dataclass(frozen=True)
class Pairs:
    items: tuple[str, ...] = ()
    """The ids of the items to match (left-hand side)."""
    choices: tuple[str, ...] = ()
    """The ids of the choices (right-hand side), decoys included."""
    key: tuple[str, ...] = ()
    """For each item, the id of its right choice."""


def match_choices(source: QuestionSource) -> list[tuple[str, str]]:
    """The matches a reader chooses from: (id, text), in the author's order, each distinct text once."""
    choices: dict[str, str] = {}
    for part in source.of_kind("item", "decoy"):
        choices.setdefault(" ".join(part.match.split()), f"m{len(choices) + 1}")
    return [(cid, text) for text, cid in choices.items()]


class Match(QuestionType):
    names = ("match",)
    position = 2
    item_name = "pair"
    parts = ("item",)
    empty = ("pairs", "write one pair per line: `- an item -> its match`")

    def empty_body(self) -> Pairs:
        return Pairs()

    def to_dict(self, body: Pairs) -> dict[str, Any]:
        return {"items": list(body.items), "choices": list(body.choices), "key": list(body.key)}

    def from_dict(self, reader: Reader, qtype: str) -> Pairs:
        return Pairs(reader.idents("items"), reader.idents("choices"), reader.idents("key"))

    def check(self, question: Question) -> list[Problem]:
        body: Pairs = question.body
        if len(body.items) < 2:
            return [
                Problem(
                    "too-few-items",
                    "a match question needs at least two items to match",
                    "write one pair per line: `- an item -> its match`",
                )
            ]
        problems = duplicates(body.items, "item") + duplicates(body.choices, "choice")
        if len(body.key) != len(body.items):
            problems.append(Problem("bad-key", "every item needs exactly one match", "write `- item -> match`"))
        unknown = [k for k in body.key if k not in body.choices]
        if unknown:
            problems.append(Problem("bad-key", f"the match {unknown[0]!r} is not among the choices", ""))
        if len(set(body.key)) < 2 and len(body.choices) < 2:
            problems.append(
                Problem(
                    "too-few-choices",
                    "a match question needs at least two different matches to choose from",
                    "give the items different matches, or add a decoy: `- -> a match that fits no item`",
                )
            )
        return problems

    def score(self, question: Question, response: Any) -> Result | ErrorResult:
        body: Pairs = question.body
        pairs = response.get("pairs") if isinstance(response, dict) else None
        if not isinstance(pairs, dict):
            return ErrorResult("bad-response", 'a response must be an object with "pairs": {item: choice}', question.id)
        for item, choice in pairs.items():
            if item not in body.items:
                return ErrorResult("unknown-item", f"this question has no item {item!r}", question.id)
            if choice is not None and choice not in body.choices:
                return ErrorResult("unknown-choice", f"this question has no choice {choice!r}", question.id)
        answered = {item: choice for item, choice in pairs.items() if choice is not None}
        if not answered:
            return ErrorResult("no-answer", "Match at least one item first.", question.id)
        right = [item for item, key in zip(body.items, body.key, strict=True) if answered.get(item) == key]
        return graded(
            question.id,
            question.points,
            len(right) / len(body.items),
            marks={item: ("right" if item in right else "wrong") for item in body.items if item in answered},
            counts={"right": len(right), "items": len(body.items), "answered": len(answered)},
        )

    def solution(self, question: Question) -> dict[str, Any]:
        return {"pairs": dict(zip(question.body.items, question.body.key, strict=True))}

    def starts_list(self, line: str) -> bool:
        return bool(ARROW.search(item_text(line)))

    def read(self, source: QuestionSource, lines: list[tuple[int, str]]) -> Body:
        body = read_body(lines, self.starts_list, "pair")
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

    def body_of(self, source: QuestionSource) -> Pairs:
        ids = {text: cid for cid, text in match_choices(source)}
        items = source.of_kind("item")
        return Pairs(
            tuple(p.id for p in items),
            tuple(ids.values()),
            tuple(ids[" ".join(p.match.split())] for p in items),
        )

    def render(self, r: Any, fieldset: Any) -> None:
        source = r.source
        choices = r.shuffled(match_choices(source), f"quiz:{source.id}")
        table = r.el(fieldset, "div", class_="quiz__pairs")
        for part in source.of_kind("item"):
            element_id = f"{r.base}-{part.id}"
            row = r.el(table, "div", class_="quiz__pair", data_item=part.id)
            label = r.el(row, "label", for_=element_id, class_="quiz__pair-item")
            r.author.inline(label, part.text)
            select = r.el(row, "select", id=element_id, name=element_id, class_="quiz__select")
            r.el(select, "option", r.labels["match.choose"], value="")
            for choice_id, text in choices:
                r.el(select, "option", text, value=choice_id)
            r.feedback(row, part, element_id)

    def render_solution(self, r: Any, form: Any) -> None:
        box = r.solution(form)
        r.el(box, "p", r.labels["solution.match"], class_="quiz__solution-title")
        listing = r.el(box, "ul")
        for part in r.source.of_kind("item"):
            r.author.inline(r.el(listing, "li"), f"{part.text} → {part.match}")

    def key_answers(self, source: QuestionSource) -> tuple[list[str], bool]:
        return [f"{p.text} → {p.match}" for p in source.of_kind("item")], False

    # -- export (through the writers of quiz_engine.export.gift and .qti) -----------------------------

    def gift(self, w: Any, source: QuestionSource, notes: list):
        w.item_feedback_note(source, notes)
        lines = [
            f"={w.match_text(part.text)} -> {w.match_text(part.match)}"
            if part.kind == "item"
            else f"= -> {w.match_text(part.match)}"
            for part in source.of_kind("item", "decoy")
        ]
        return w.answers(lines, source.explanation)

    def qti(self, w: Any, source: QuestionSource, body: Any):
        items = source.of_kind("item")
        choices = match_choices(source)
        ids = {text: cid for cid, text in choices}
        w.item_feedback_note(source, "item")
        pairs = [f"{item.id} {ids[' '.join(item.match.split())]}" for item in items]
        interaction = w.element(
            "matchInteraction",
            {
                "responseIdentifier": "RESPONSE",
                "shuffle": str(source.shuffle).lower(),
                "maxAssociations": str(len(items)),
            },
        )
        left = w.element("simpleMatchSet")
        for item in items:
            choice = w.element("simpleAssociableChoice", {"identifier": item.id, "matchMax": "1"})
            w.inline(choice, item.text, source.id)
            left.append(choice)
        right = w.element("simpleMatchSet")
        for cid, text in choices:
            choice = w.element("simpleAssociableChoice", {"identifier": cid, "matchMax": str(len(items))})
            w.inline(choice, text, source.id)
            right.append(choice)
        interaction.extend([left, right])
        body.append(interaction)
        shares = w.mapping(((pair, source.points / len(items)) for pair in pairs), source.points)
        declaration = w.response("RESPONSE", "multiple", "directedPair", pairs, shares)
        return [declaration], [w.score_from_mapping(), w.show()]


KIND = Match()
