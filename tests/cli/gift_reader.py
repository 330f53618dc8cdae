"""A reader of Moodle's GIFT format, written from its specification, to read an export back.

It follows the rules of Moodle's importer (question/format/gift/format.php): questions are separated by
blank lines, `//` lines are comments, `$CATEGORY:` sets the category, `::title::` names a question and
`[format]` gives its text format. The answers sit between `{` and `}`: empty for an essay, `T`/`TRUE`/`F`/
`FALSE` for true-false, `=a -> b` pairs for matching, `~` answers for multiple choice and `=` answers only
for short answer. `%n%` weighs an answer, `#` starts its feedback and `####` the general feedback. The
characters ``~ = # { } :`` and ``\\`` are escaped with a backslash, and `\\n` is a new line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SPECIAL = "\\~=#{}:"
PLACEHOLDERS = {char: chr(0xE000 + index) for index, char in enumerate(SPECIAL)}


class GiftError(ValueError):
    """Text that is not valid GIFT."""


@dataclass
class Answer:
    text: str
    weight: float | None = None
    """The `%n%` weight, or None when the answer had none."""
    correct: bool = False
    """Marked `=` (for multiple choice and short answer)."""
    feedback: str = ""
    match: str = ""
    """For matching: the right-hand side of `->`."""


@dataclass
class GiftQuestion:
    category: str
    comments: list[str]
    title: str
    format: str
    text: str
    kind: str
    """essay, truefalse, matching, multichoice or shortanswer."""
    answers: list[Answer] = field(default_factory=list)
    general_feedback: str = ""
    truth: bool | None = None
    feedback_wrong: str = ""
    feedback_right: str = ""


def protect(text: str) -> str:
    """Escaped special characters turned into placeholders, as Moodle does before it parses."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            following = text[i + 1]
            if following in PLACEHOLDERS:
                out.append(PLACEHOLDERS[following])
                i += 2
                continue
            if following == "n":
                out.append("\n")
                i += 2
                continue
        out.append(text[i])
        i += 1
    return "".join(out)


def restore(text: str) -> str:
    for char, placeholder in PLACEHOLDERS.items():
        text = text.replace(placeholder, char)
    return text.strip()


def read_gift(text: str) -> list[GiftQuestion]:
    questions: list[GiftQuestion] = []
    category = ""
    for chunk in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        lines = chunk.strip().split("\n")
        comments = [line[2:].strip() for line in lines if line.lstrip().startswith("//")]
        body = "\n".join(line for line in lines if not line.lstrip().startswith("//")).strip()
        if not body:
            continue
        if body.startswith("$CATEGORY:"):
            category = body[len("$CATEGORY:") :].strip()
            continue
        questions.append(read_question(protect(body), category, comments))
    return questions


def read_question(body: str, category: str, comments: list[str]) -> GiftQuestion:
    title = ""
    if body.startswith("::"):
        end = body.find("::", 2)
        if end < 0:
            raise GiftError(f"unclosed title in {body[:40]!r}")
        title, body = body[2:end], body[end + 2 :].lstrip()
    text_format = "moodle"
    opened = body.find("{")
    closed = body.rfind("}")
    if opened < 0 or closed < opened:
        raise GiftError(f"no answer block in {body[:60]!r}")
    text, answers = body[:opened], body[opened + 1 : closed].strip()
    if body[closed + 1 :].strip():
        raise GiftError("text after the answers is not used by this exporter")
    format_match = re.match(r"^\[(html|moodle|plain|markdown)\]", text)
    if format_match:
        text_format, text = format_match[1], text[format_match.end() :]
    question = GiftQuestion(category, comments, restore(title), text_format, restore(text), "")
    if "####" in answers:
        answers, general = answers.split("####", 1)
        question.general_feedback = restore(general)
        answers = answers.strip()
    if not answers:
        question.kind = "essay"
        return question
    head = answers.split("#", 1)[0].strip()
    if head in ("T", "TRUE", "F", "FALSE"):
        question.kind = "truefalse"
        question.truth = head.startswith("T")
        feedback = answers.split("#")[1:]
        question.feedback_wrong = restore(feedback[0]) if feedback else ""
        question.feedback_right = restore(feedback[1]) if len(feedback) > 1 else ""
        return question
    if answers[0] not in "=~":
        raise GiftError(f"answers must start with = or ~: {answers[:40]!r}")
    parts = [(m[1], m[2]) for m in re.finditer(r"([=~])([^=~]*)", answers)]
    if answers.startswith("=") and "->" in answers:
        question.kind = "matching"
        for marker, part in parts:
            if marker != "=" or "->" not in part:
                raise GiftError(f"a matching answer must be `=a -> b`: {part!r}")
            pair, _, feedback = part.partition("#")
            left, _, right = pair.partition("->")
            question.answers.append(Answer(restore(left), match=restore(right), feedback=restore(feedback)))
        return question
    question.kind = "multichoice" if "~" in answers else "shortanswer"
    for marker, part in parts:
        content, _, feedback = part.partition("#")
        weight = None
        weighted = re.match(r"^\s*%(-?\d+(?:\.\d+)?)%", content)
        if weighted:
            weight, content = float(weighted[1]), content[weighted.end() :]
        question.answers.append(Answer(restore(content), weight, marker == "=", restore(feedback)))
    return question
