"""reflection: a journal prompt. No list, no right answer, no points: the text under the header guides
the reader's writing, which is kept for the reader alone (in their journal)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..data import ErrorResult, Result
from .base import QuestionType
from .syntax import QuizSyntaxError

if TYPE_CHECKING:
    from ..markdown.source import QuestionSource
    from ..model import Question

MAX_TEXT = 10_000


@dataclass(frozen=True)
class Nothing:
    """A journal prompt has no data of its own."""


class Reflection(QuestionType):
    names = ("reflection",)
    position = 5
    scored = False
    check_label = "check.reflection"
    on_worksheet = False

    def empty_body(self) -> Nothing:
        return Nothing()

    def score(self, question: Question, response: Any) -> Result | ErrorResult:
        text = response.get("text") if isinstance(response, dict) else None
        if not isinstance(text, str):
            return ErrorResult("bad-response", 'a response must be an object with a "text" string', question.id)
        if not text.strip():
            return ErrorResult("no-answer", "Write something first.", question.id)
        if len(text) > MAX_TEXT:
            return ErrorResult("too-long", f"This is too long to keep (at most {MAX_TEXT} characters).", question.id)
        return Result(question.id, "complete", 0.0, 0.0)

    def check_source(self, source: QuestionSource) -> None:
        if source.explanation:
            raise QuizSyntaxError(source.line, "a reflection has no explanation", "put all its text before any list")

    def render(self, r: Any, fieldset: Any) -> None:
        input_id = f"{r.base}-input"
        box = r.el(fieldset, "div", class_="quiz__answer")
        r.el(box, "label", r.labels["reflection.label"], for_=input_id, class_="quiz__text-label")
        r.el(box, "textarea", "", id=input_id, name=input_id, class_="quiz__journal", rows="5", maxlength="10000")

    # -- export (through the writers of quiz_engine.export.gift and .qti) -----------------------------

    def gift(self, w: Any, source: QuestionSource, notes: list):
        notes.append(
            w.Note(source.id, "a reflection became an essay question, which Moodle marks by hand (set its mark to 0)")
        )
        return "{}"

    def qti(self, w: Any, source: QuestionSource, body: Any):
        w.notes.append(w.Note(source.id, "a reflection became an extended text item with no score"))
        body.append(w.element("extendedTextInteraction", {"responseIdentifier": "RESPONSE"}))
        return [w.response("RESPONSE", "single", "string")], []


KIND = Reflection()
