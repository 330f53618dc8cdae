"""Turn a QuestionSource into accessible HTML: a form with a fieldset, real inputs and a live region.

The author's Markdown (question, parts, feedback, hints, explanation) is rendered by the page's own
Markdown pipeline and sanitised piece by piece, so it can neither run script nor break the form's
structure; the question's data for the engine rides along as JSON in the form's ``data-quiz`` attribute.
Every control is a native one (radio, checkbox, select, text field, button): keyboard and screen reader
work without extra scripting, and nothing needs dragging.
"""

from __future__ import annotations

import json
import random
import xml.etree.ElementTree as etree
from typing import Protocol

from markdown.util import AtomicString

from .kinds import match_choices
from .source import Part, QuestionSource


class AuthorMarkdown(Protocol):
    """Renders the author's Markdown into an element with the page's pipeline, marked for the sanitiser."""

    def inline(self, parent: etree.Element, text: str) -> None: ...

    def blocks(self, parent: etree.Element, text: str) -> None: ...


def shuffled(items: list, seed: str, avoid_identity: bool = False) -> list:
    """A shuffle that is the same on every build (seeded by the question), optionally never the original."""
    order = list(items)
    random.Random(seed).shuffle(order)
    if avoid_identity and len(order) > 1 and order == list(items):
        order = order[1:] + order[:1]
    return order


def _el(parent: etree.Element, tag: str, text: str | None = None, **attrs: str) -> etree.Element:
    """An element with ``text`` set as text: escaped, and never read as Markdown or HTML. The author's
    Markdown goes through ``AuthorMarkdown`` (rendered, then sanitised), and nowhere else."""
    element = etree.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        element.text = AtomicString(text)
    return element


class QuestionRenderer:
    """Builds one question's form."""

    def __init__(self, source: QuestionSource, labels: dict[str, str], author: AuthorMarkdown) -> None:
        self.source = source
        self.labels = labels
        self.author = author
        self.base = f"quiz-{source.id}"

    def render(self, parent: etree.Element) -> etree.Element:
        source, base = self.source, self.base
        question = source.to_question()
        attrs = {
            "class": f"quiz quiz--{source.type}",
            "id": base,
            "data-quiz": json.dumps(question.to_dict(), separators=(",", ":")),
            "data-scored": "true" if question.scored else "false",
            "novalidate": "novalidate",
        }
        if source.pool:
            attrs["data-pool"] = source.pool
        form = etree.SubElement(parent, "form", attrs)
        fieldset = _el(form, "fieldset", class_="quiz__fieldset")
        legend = _el(fieldset, "legend", class_="quiz__prompt", id=f"{base}-prompt")
        self.author.inline(legend, source.title)
        described = [f"{base}-instruction"]
        if source.stem:
            stem = _el(fieldset, "div", class_="quiz__stem", id=f"{base}-stem")
            self.author.blocks(stem, source.stem)
            described.insert(0, f"{base}-stem")
        _el(
            fieldset,
            "p",
            self.labels[f"instruction.{source.type}"],
            class_="quiz__instruction",
            id=f"{base}-instruction",
        )
        fieldset.set("aria-describedby", " ".join(described))
        BODIES[source.type](self, fieldset)

        if source.hints:
            hints = _el(form, "div", class_="quiz__hints")
            for number, text in enumerate(source.hints, start=1):
                hint = _el(hints, "div", class_="quiz__hint", id=f"{base}-hint-{number}", hidden="hidden")
                _el(hint, "p", f"{self.labels['hint']} {number}", class_="quiz__hint-title")
                self.author.blocks(hint, text)
        actions = _el(form, "div", class_="quiz__actions")
        check = (
            "check.reflection" if source.type == "reflection" else "check.scale" if source.type == "scale" else "check"
        )
        _el(actions, "button", self.labels[check], type="submit", class_="md-button quiz__check")
        if source.hints:
            _el(
                actions,
                "button",
                self.labels["hint.show"],
                type="button",
                class_="md-button quiz__hint-button",
                hidden="hidden",
            )
        if source.to_question().scored:
            _el(
                actions,
                "button",
                self.labels["try-again"],
                type="button",
                class_="md-button quiz__again",
                hidden="hidden",
            )
            _el(
                actions,
                "button",
                self.labels["reveal"],
                type="button",
                class_="md-button quiz__reveal",
                hidden="hidden",
            )
        _el(form, "div", "", class_="quiz__status", id=f"{base}-status", role="status", aria_live="polite")
        self.solution(form)
        if source.explanation:
            explanation = _el(form, "div", class_="quiz__explanation", id=f"{base}-explanation", hidden="hidden")
            _el(explanation, "p", self.labels["explanation"], class_="quiz__explanation-title")
            self.author.blocks(explanation, source.explanation)
        noscript = _el(form, "noscript")
        _el(noscript, "p", self.labels["noscript"], class_="quiz__noscript")
        if on_worksheet(source):  # without JavaScript, the answer and explanation on request
            fallback = _el(noscript, "details", class_="quiz__fallback", data_search_exclude="")
            _el(fallback, "summary", self.labels["noscript.answer"])
            answer_and_explanation(fallback, source, self.labels, self.author)
        return form

    # -- bodies --------------------------------------------------------------------------------

    def feedback(self, parent: etree.Element, part: Part, element_id: str) -> None:
        if part.feedback:
            box = _el(parent, "div", class_="quiz__feedback", id=f"{element_id}-feedback", hidden="hidden")
            self.author.blocks(box, part.feedback)

    def choice(self, fieldset: etree.Element) -> None:
        options = self.source.options
        order = shuffled(options, f"quiz:{self.source.id}") if self.source.shuffle else options
        kind = "checkbox" if self.source.type == "multiple" else "radio"
        listing = _el(fieldset, "ul", class_="quiz__options")
        for part in order:
            item = _el(listing, "li", class_="quiz__option", data_option=part.id)
            input_id = f"{self.base}-{part.id}"
            _el(item, "input", type=kind, name=self.base, value=part.id, id=input_id)
            label = _el(item, "label", for_=input_id)
            self.author.inline(label, part.text)
            self.feedback(item, part, input_id)

    def order(self, fieldset: etree.Element) -> None:
        items = self.source.of_kind("item")
        listing = _el(fieldset, "ol", class_="quiz__order", id=f"{self.base}-list")
        for part in shuffled(items, f"quiz:{self.source.id}", avoid_identity=True):
            element_id = f"{self.base}-{part.id}"
            item = _el(listing, "li", class_="quiz__item", data_item=part.id)
            text = _el(item, "span", class_="quiz__item-text", id=f"{element_id}-text")
            self.author.inline(text, part.text)
            moves = _el(item, "span", class_="quiz__moves")
            for direction in ("up", "down"):
                button_id = f"{element_id}-{direction}"
                _el(
                    moves,
                    "button",
                    self.labels[f"move.{direction}"],
                    type="button",
                    class_="quiz__move",
                    id=button_id,
                    data_move=direction,
                    aria_labelledby=f"{button_id} {element_id}-text",
                )
            self.feedback(item, part, element_id)
        _el(fieldset, "p", "", class_="quiz__announce visually-hidden", aria_live="polite")

    def match(self, fieldset: etree.Element) -> None:
        choices = shuffled(match_choices(self.source), f"quiz:{self.source.id}")
        table = _el(fieldset, "div", class_="quiz__pairs")
        for part in self.source.of_kind("item"):
            element_id = f"{self.base}-{part.id}"
            row = _el(table, "div", class_="quiz__pair", data_item=part.id)
            label = _el(row, "label", for_=element_id, class_="quiz__pair-item")
            self.author.inline(label, part.text)
            select = _el(row, "select", id=element_id, name=element_id, class_="quiz__select")
            _el(select, "option", self.labels["match.choose"], value="")
            for choice_id, text in choices:
                _el(select, "option", text, value=choice_id)
            self.feedback(row, part, element_id)

    def text(self, fieldset: etree.Element) -> None:
        input_id = f"{self.base}-input"
        box = _el(fieldset, "div", class_="quiz__answer")
        _el(box, "label", self.labels["text.label"], for_=input_id, class_="quiz__text-label")
        _el(
            box,
            "input",
            type="text",
            id=input_id,
            name=input_id,
            class_="quiz__text",
            autocomplete="off",
            spellcheck="false",
            maxlength="500",
        )
        answers = _el(fieldset, "div", class_="quiz__answers")
        for part in self.source.of_kind("answer"):
            if part.feedback:
                holder = _el(answers, "div", class_="quiz__answer-feedback", data_answer=part.id)
                self.feedback(holder, part, f"{self.base}-{part.id}")

    def scale(self, fieldset: etree.Element) -> None:
        statements = _el(fieldset, "div", class_="quiz__statements")
        for part in self.source.of_kind("statement"):
            element_id = f"{self.base}-{part.id}"
            group = _el(statements, "fieldset", class_="quiz__statement", data_statement=part.id)
            legend = _el(group, "legend", class_="quiz__statement-text")
            self.author.inline(legend, part.text)
            levels = _el(group, "div", class_="quiz__levels")
            for value, label_text in enumerate(self.source.labels):
                input_id = f"{element_id}-{value}"
                level = _el(levels, "span", class_="quiz__level")
                _el(level, "input", type="radio", name=element_id, value=str(value), id=input_id)
                _el(level, "label", label_text, for_=input_id)
        bands = _el(fieldset, "div", class_="quiz__bands")
        for part in self.source.of_kind("band"):
            band = _el(bands, "div", class_="quiz__band", data_band=part.id, hidden="hidden")
            title = _el(band, "p", class_="quiz__band-title")
            self.author.inline(title, part.text)
            if part.feedback:
                self.author.blocks(band, part.feedback)

    def reflection(self, fieldset: etree.Element) -> None:
        input_id = f"{self.base}-input"
        box = _el(fieldset, "div", class_="quiz__answer")
        _el(box, "label", self.labels["reflection.label"], for_=input_id, class_="quiz__text-label")
        _el(box, "textarea", "", id=input_id, name=input_id, class_="quiz__journal", rows="5", maxlength="10000")

    # -- the right answer, shown once the question is finished ---------------------------------

    def solution(self, form: etree.Element) -> None:
        source = self.source
        if source.type == "order":
            box = _el(form, "div", class_="quiz__solution", hidden="hidden")
            _el(box, "p", self.labels["solution.order"], class_="quiz__solution-title")
            listing = _el(box, "ol")
            for part in source.of_kind("item"):
                self.author.inline(_el(listing, "li"), part.text)
        elif source.type == "match":
            box = _el(form, "div", class_="quiz__solution", hidden="hidden")
            _el(box, "p", self.labels["solution.match"], class_="quiz__solution-title")
            listing = _el(box, "ul")
            for part in source.of_kind("item"):
                line = _el(listing, "li")
                self.author.inline(line, f"{part.text} → {part.match}")
        elif source.type == "text":
            plain = [p.text for p in source.of_kind("answer") if p.correct and not p.pattern]
            if plain:
                box = _el(form, "div", class_="quiz__solution", hidden="hidden")
                line = _el(box, "p", f"{self.labels['solution.text']} ")
                _el(line, "strong", plain[0])


BODIES = {
    "single": QuestionRenderer.choice,
    "multiple": QuestionRenderer.choice,
    "true-false": QuestionRenderer.choice,
    "order": QuestionRenderer.order,
    "match": QuestionRenderer.match,
    "text": QuestionRenderer.text,
    "scale": QuestionRenderer.scale,
    "reflection": QuestionRenderer.reflection,
}


def on_worksheet(source: QuestionSource) -> bool:
    """Whether a question prints on the worksheet and in the answer key: all but journal prompts, which
    have no answer and print where they stand in the lesson."""
    return source.type != "reflection"


def render_key(
    parent: etree.Element, questions: list[QuestionSource], labels: dict[str, str], author: AuthorMarkdown
) -> etree.Element:
    """The page's answer key, for print: each question's right answer and explanation, in page order,
    numbered as the worksheet numbers them (journal prompts, which have no answer, are not in either)."""
    key = _el(parent, "section", class_="quiz-key", aria_label=labels["print.answer-key"], data_search_exclude="")
    _el(key, "p", labels["print.answer-key"], class_="quiz-key__title")
    listing = _el(key, "ol", class_="quiz-key__list")
    for source in filter(on_worksheet, questions):
        item = _el(listing, "li", class_="quiz-key__item")
        author.inline(_el(item, "p", class_="quiz-key__question"), source.title)
        answer_and_explanation(item, source, labels, author)
    return key


def answer_and_explanation(
    parent: etree.Element, source: QuestionSource, labels: dict[str, str], author: AuthorMarkdown
) -> None:
    """A question's right answer (or answers, in order, or pairs) and its explanation: the answer key's
    entry for it, and what a reader without JavaScript can open under the question."""
    answer = _el(parent, "div", class_="quiz-key__answer")
    _el(answer, "span", labels["print.answer"], class_="quiz-key__label")
    rights: list[str] = []
    if source.type in ("single", "multiple", "true-false"):
        rights = [p.text for p in source.options if p.correct]
    elif source.type == "text":
        rights = [p.text if not p.pattern else f"/{p.value}/" for p in source.of_kind("answer") if p.correct]
    elif source.type == "match":
        rights = [f"{p.text} → {p.match}" for p in source.of_kind("item")]
    elif source.type == "order":
        rights = [p.text for p in source.of_kind("item")]
    if rights:
        answers = _el(answer, "ol" if source.type == "order" else "ul")
        for text in rights:
            author.inline(_el(answers, "li"), text)
    else:
        _el(answer, "span", f" {labels['print.no-answer']}")
    if source.explanation:
        author.blocks(_el(parent, "div", class_="quiz-key__explanation"), source.explanation)


def render_question(
    parent: etree.Element, source: QuestionSource, labels: dict[str, str], author: AuthorMarkdown
) -> etree.Element:
    """Append the question's form to ``parent`` and return it."""
    return QuestionRenderer(source, labels, author).render(parent)
