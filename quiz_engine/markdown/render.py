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

from ..html import child
from ..types.syntax import Part
from .source import QuestionSource


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


def add_element(parent: etree.Element, tag: str, text: str | None = None, **attrs: str) -> etree.Element:
    """An element (``quiz_engine.html.child``) with ``text`` set as text: escaped, and never read as Markdown
    or HTML. The author's Markdown goes through ``AuthorMarkdown`` (rendered, then sanitised), and nowhere
    else."""
    return child(parent, tag, None if text is None else AtomicString(text), **attrs)


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
        form = add_element(
            parent,
            "form",
            class_=f"quiz quiz--{source.type}",
            id=base,
            data_quiz=json.dumps(question.to_dict(), separators=(",", ":")),
            data_scored="true" if question.scored else "false",
            data_widget=question.kind.widget_module,
            novalidate="novalidate",
            data_pool=source.pool or None,
        )
        fieldset = add_element(form, "fieldset", class_="quiz__fieldset")
        legend = add_element(fieldset, "legend", class_="quiz__prompt", id=f"{base}-prompt")
        self.author.inline(legend, source.title)
        described = [f"{base}-instruction"]
        if source.stem:
            stem = add_element(fieldset, "div", class_="quiz__stem", id=f"{base}-stem")
            self.author.blocks(stem, source.stem)
            described.insert(0, f"{base}-stem")
        add_element(
            fieldset,
            "p",
            self.labels[f"instruction.{source.type}"],
            class_="quiz__instruction",
            id=f"{base}-instruction",
        )
        fieldset.set("aria-describedby", " ".join(described))
        source.kind.render(self, fieldset)

        if source.hints:
            hints = add_element(form, "div", class_="quiz__hints")
            for number, text in enumerate(source.hints, start=1):
                hint = add_element(hints, "div", class_="quiz__hint", id=f"{base}-hint-{number}", hidden="hidden")
                add_element(hint, "p", f"{self.labels['hint']} {number}", class_="quiz__hint-title")
                self.author.blocks(hint, text)
        actions = add_element(form, "div", class_="quiz__actions")
        add_element(
            actions, "button", self.labels[source.kind.check_label], type="submit", class_="md-button quiz__check"
        )
        if source.hints:
            add_element(
                actions,
                "button",
                self.labels["hint.show"],
                type="button",
                class_="md-button quiz__hint-button",
                hidden="hidden",
            )
        if question.scored:
            add_element(
                actions,
                "button",
                self.labels["try-again"],
                type="button",
                class_="md-button quiz__again",
                hidden="hidden",
            )
            add_element(
                actions,
                "button",
                self.labels["reveal"],
                type="button",
                class_="md-button quiz__reveal",
                hidden="hidden",
            )
        add_element(form, "div", "", class_="quiz__status", id=f"{base}-status", role="status", aria_live="polite")
        source.kind.render_solution(self, form)
        if source.explanation:
            explanation = add_element(
                form,
                "div",
                class_="quiz__explanation",
                id=f"{base}-explanation",
                hidden="hidden",
                data_search_exclude="",  # it gives the answer away: out of the site's search, as the key is
            )
            add_element(explanation, "p", self.labels["explanation"], class_="quiz__explanation-title")
            self.author.blocks(explanation, source.explanation)
        noscript = add_element(form, "noscript")
        add_element(noscript, "p", self.labels["noscript"], class_="quiz__noscript")
        if on_worksheet(source):  # without JavaScript, the answer and explanation on request
            fallback = add_element(noscript, "details", class_="quiz__fallback", data_search_exclude="")
            add_element(fallback, "summary", self.labels["noscript.answer"])
            answer_and_explanation(fallback, source, self.labels, self.author)
        return form

    # -- what every type draws with (quiz_engine.types) -------------------------------------------

    el = staticmethod(add_element)

    @staticmethod
    def shuffled(items: list, seed: str, avoid_identity: bool = False) -> list:
        return shuffled(items, seed, avoid_identity=avoid_identity)

    # What gives an answer away (feedback, the right answer) is hidden until the reader has answered, and
    # left out of the site's search (Material's `data-search-exclude`): a search must not answer a question.

    def feedback(self, parent: etree.Element, part: Part, element_id: str) -> None:
        if part.feedback:
            box = add_element(
                parent,
                "div",
                class_="quiz__feedback",
                id=f"{element_id}-feedback",
                hidden="hidden",
                data_search_exclude="",
            )
            self.author.blocks(box, part.feedback)

    def solution(self, form: etree.Element) -> etree.Element:
        """The box for a question's right answer, shown once the question is finished."""
        return add_element(form, "div", class_="quiz__solution", hidden="hidden", data_search_exclude="")


def on_worksheet(source: QuestionSource) -> bool:
    """Whether a question prints on the worksheet and in the answer key: all but journal prompts, which
    have no answer and print where they stand in the lesson."""
    return source.kind.on_worksheet


def render_key(
    parent: etree.Element, questions: list[QuestionSource], labels: dict[str, str], author: AuthorMarkdown
) -> etree.Element:
    """The page's answer key, for print: each question's right answer and explanation, in page order,
    numbered as the worksheet numbers them (journal prompts, which have no answer, are not in either)."""
    key = add_element(
        parent, "section", class_="quiz-key", aria_label=labels["print.answer-key"], data_search_exclude=""
    )
    add_element(key, "p", labels["print.answer-key"], class_="quiz-key__title")
    listing = add_element(key, "ol", class_="quiz-key__list")
    for source in filter(on_worksheet, questions):
        item = add_element(listing, "li", class_="quiz-key__item")
        author.inline(add_element(item, "p", class_="quiz-key__question"), source.title)
        answer_and_explanation(item, source, labels, author)
    return key


def answer_and_explanation(
    parent: etree.Element, source: QuestionSource, labels: dict[str, str], author: AuthorMarkdown
) -> None:
    """A question's right answer (or answers, in order, or pairs) and its explanation: the answer key's
    entry for it, and what a reader without JavaScript can open under the question."""
    answer = add_element(parent, "div", class_="quiz-key__answer")
    add_element(answer, "span", labels["print.answer"], class_="quiz-key__label")
    rights, ordered = source.kind.key_answers(source)
    if rights:
        answers = add_element(answer, "ol" if ordered else "ul")
        for text in rights:
            author.inline(add_element(answers, "li"), text)
    else:
        add_element(answer, "span", f" {labels['print.no-answer']}")
    if source.explanation:
        author.blocks(add_element(parent, "div", class_="quiz-key__explanation"), source.explanation)


def render_question(
    parent: etree.Element, source: QuestionSource, labels: dict[str, str], author: AuthorMarkdown
) -> etree.Element:
    """Append the question's form to ``parent`` and return it."""
    return QuestionRenderer(source, labels, author).render(parent)
