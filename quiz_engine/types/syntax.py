"""The parts of a question's body as an author writes them under a `/// quiz` header, and the cutting of
that body into its question text, list (with each item's feedback), hints and explanation.

Standard library only: each question type (``quiz_engine.types``) reads its list with it, and the
Markdown reader (``quiz_engine.markdown.source``) reports its errors with ``QuizSyntaxError``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

ITEM = re.compile(r"^(?P<marker>[-*+]|\d{1,3}[.)])[ ]+(?P<text>.*?)[ ]*$")
EMPTY_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])[ ]*$")
FEEDBACK = re.compile(r"^>[ ]?(?P<text>.*)$")
HINT = re.compile(r"^Hint:[ ]*(?P<text>.*)$")
CHECKBOX_LIKE = re.compile(r"^(?:(?:[-*+]|\d{1,3}[.)])[ ]*)*\[[ xX]*\]")


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
            if item_name in ("option", "answer") and CHECKBOX_LIKE.match(line.strip()):
                raise QuizSyntaxError(
                    number,
                    f"`{line.strip()}` looks like an {item_name} but is not written as one, so it would be "
                    "shown in the question as written, its mark included",
                    f"{_item_fix(item_name)}, with a space on each side of the brackets",
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
