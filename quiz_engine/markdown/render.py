"""Turn a QuestionSource into accessible HTML: a form with a fieldset, real inputs and a live region.

The author's Markdown (question, options, feedback, explanation) is rendered by the page's own Markdown
pipeline and sanitised piece by piece, so it can neither run script nor break the form's structure; the
question's data for the engine rides along as JSON in the form's ``data-quiz`` attribute.
"""

from __future__ import annotations

import json
import random
import xml.etree.ElementTree as etree
from typing import Protocol

from .source import QuestionSource


class AuthorMarkdown(Protocol):
    """Renders the author's Markdown into an element with the page's pipeline, marked for the sanitiser."""

    def inline(self, parent: etree.Element, text: str) -> None: ...

    def blocks(self, parent: etree.Element, text: str) -> None: ...


INPUT_TYPES = {"single": "radio", "true-false": "radio", "multiple": "checkbox"}


def display_order(source: QuestionSource) -> list[int]:
    """The order options are shown in: the author's, or a shuffle that is the same on every build."""
    order = list(range(len(source.options)))
    if source.shuffle:
        random.Random(f"quiz:{source.id}").shuffle(order)
    return order


def render_question(
    parent: etree.Element,
    source: QuestionSource,
    labels: dict[str, str],
    author: AuthorMarkdown,
) -> etree.Element:
    """Append the question's form to ``parent`` and return it."""
    qid = source.id
    base = f"quiz-{qid}"
    form = etree.SubElement(
        parent,
        "form",
        {
            "class": f"quiz quiz--{source.type}",
            "id": base,
            "data-quiz": json.dumps(source.to_question().to_dict(), separators=(",", ":")),
            "novalidate": "novalidate",
        },
    )
    fieldset = etree.SubElement(form, "fieldset", {"class": "quiz__fieldset"})
    legend = etree.SubElement(fieldset, "legend", {"class": "quiz__prompt"})
    author.inline(legend, source.title)
    described = [f"{base}-instruction"]
    if source.stem:
        stem = etree.SubElement(fieldset, "div", {"class": "quiz__stem", "id": f"{base}-stem"})
        author.blocks(stem, source.stem)
        described.insert(0, f"{base}-stem")
    instruction = etree.SubElement(fieldset, "p", {"class": "quiz__instruction", "id": f"{base}-instruction"})
    instruction.text = labels[f"instruction.{source.type}"]
    fieldset.set("aria-describedby", " ".join(described))

    options = etree.SubElement(fieldset, "ul", {"class": "quiz__options"})
    for index in display_order(source):
        option = source.options[index]
        item = etree.SubElement(options, "li", {"class": "quiz__option", "data-option": option.id})
        input_id = f"{base}-{option.id}"
        etree.SubElement(
            item,
            "input",
            {"type": INPUT_TYPES[source.type], "name": base, "value": option.id, "id": input_id},
        )
        label = etree.SubElement(item, "label", {"for": input_id})
        author.inline(label, option.text)
        if option.feedback:
            feedback = etree.SubElement(
                item,
                "div",
                {"class": "quiz__feedback", "id": f"{input_id}-feedback", "hidden": "hidden"},
            )
            author.blocks(feedback, option.feedback)

    actions = etree.SubElement(form, "div", {"class": "quiz__actions"})
    button = etree.SubElement(actions, "button", {"type": "submit", "class": "md-button quiz__check"})
    button.text = labels["check"]
    status = etree.SubElement(
        form,
        "div",
        {"class": "quiz__status", "id": f"{base}-status", "role": "status", "aria-live": "polite"},
    )
    status.text = ""
    if source.explanation:
        explanation = etree.SubElement(
            form,
            "div",
            {"class": "quiz__explanation", "id": f"{base}-explanation", "hidden": "hidden"},
        )
        heading = etree.SubElement(explanation, "p", {"class": "quiz__explanation-title"})
        heading.text = labels["explanation"]
        author.blocks(explanation, source.explanation)
    noscript = etree.SubElement(form, "noscript")
    note = etree.SubElement(noscript, "p", {"class": "quiz__noscript"})
    note.text = labels["noscript"]
    return form
