"""What a question type is: one class per type, one module each in this package.

A type owns, end to end: its data (``Body``, a frozen dataclass) and its JSON form; the rules a question
of the type must meet; its scoring and its solution; how its list is written under a `/// quiz` header;
its HTML; and its answer for the answer key and for the export formats. The engine and the Markdown
reader ask the registry (``quiz_engine.types``) for the type and never test a type's name themselves.

Standard library only, so that the browser's engine can import it. The build-time parts receive what
they draw with (the page's renderer, the export writers) as arguments and import nothing of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from ..data import ErrorResult, Problem, Reader, Result
from ..settings import Setting
from .syntax import Body, QuizSyntaxError, read_body

if TYPE_CHECKING:
    from ..markdown.source import QuestionSource
    from ..model import Question


class QuestionType:
    """The behaviour one or more `type:` names share. Subclasses override what differs."""

    names: ClassVar[tuple[str, ...]]
    """The `type:` values this class answers to, in the order the authoring guide lists them."""
    position: ClassVar[int]
    """Where the type comes in lists of types (messages, the CLI's summary)."""
    scored: ClassVar[bool] = True
    settings: ClassVar[tuple[Setting, ...]] = ()
    """Settings of its own, beside the common ones (``quiz_engine.settings.COMMON``)."""
    extra_keys: ClassVar[tuple[str, ...]] = ()
    """Header keys it reads itself in ``author_settings`` (beyond ``settings``)."""
    item_name: ClassVar[str] = "item"
    """What one line of its list is called in messages: option, answer, item, pair, statement."""
    parts: ClassVar[tuple[str, ...]] = ()
    """The kinds of part its list holds that must not repeat and must not be missing."""
    empty: ClassVar[tuple[str, str] | None] = None
    """When the list is missing: what is missing and how to fix it (None: a list is optional)."""
    widget: ClassVar[str] = ""
    """The module that draws it in the browser, web/widgets/<widget>.js (by default its first name)."""
    check_label: ClassVar[str] = "check"
    """The locale key of its submit button's text."""
    on_worksheet: ClassVar[bool] = True
    """Whether it prints on the worksheet and in the answer key (journal prompts print where they stand)."""

    @property
    def widget_module(self) -> str:
        return self.widget or self.names[0]

    # -- the engine: data, rules, scoring -----------------------------------------------------------

    def empty_body(self) -> Any:
        raise NotImplementedError

    def to_dict(self, body: Any) -> dict[str, Any]:
        """The type's fields in the question's JSON form."""
        return {}

    def from_dict(self, reader: Reader, qtype: str) -> Any:
        """The type's fields from the question's JSON form; InvalidData if malformed."""
        return self.empty_body()

    def check(self, question: Question) -> list[Problem]:
        """The rules a question of this type must meet (an empty list: it can be asked)."""
        return []

    def score(self, question: Question, response: Any) -> Result | ErrorResult:
        raise NotImplementedError

    def solution(self, question: Question) -> dict[str, Any]:
        """The right answer, in the shape of a response, to show once the question is finished."""
        return {}

    # -- the author's Markdown ------------------------------------------------------------------------

    def author_settings(self, data: dict[str, Any], line_of: Callable[[str], int]) -> dict[str, Any]:
        """Settings of its own read from the header (``settings`` are read for it; override for more)."""
        return {}

    def starts_list(self, line: str) -> bool:
        """Whether ``line`` starts the type's list (before it, lines are the question's text)."""
        return False

    def read(self, source: QuestionSource, lines: list[tuple[int, str]]) -> Body:
        """Cut the body into its parts (added to ``source.parts``); QuizSyntaxError if malformed."""
        return read_body(lines, self.starts_list, self.item_name)

    def check_source(self, source: QuestionSource) -> None:
        """Rules on the Markdown beyond the engine's ``check`` (raise QuizSyntaxError)."""

    def body_of(self, source: QuestionSource) -> Any:
        """The engine's data for a question read from Markdown."""
        return self.empty_body()

    # -- the page's HTML and the answer key ------------------------------------------------------------

    def render(self, r: Any, fieldset: Any) -> None:
        """Draw the inputs into the question's fieldset with the renderer ``r`` (quiz_engine.markdown.render)."""

    def render_solution(self, r: Any, form: Any) -> None:
        """Draw the right answer, hidden until the question is finished (nothing by default)."""

    def key_answers(self, source: QuestionSource) -> tuple[list[str], bool]:
        """The right answer as lines of inline Markdown for the answer key, and whether their order counts."""
        return [], False

    # -- export to learning platforms -------------------------------------------------------------------

    def gift(self, w: Any, source: QuestionSource, notes: list) -> str | None:
        """The answers part of the question in Moodle's GIFT format, written with ``w``
        (quiz_engine.export.gift.GiftWriter), with a note in ``notes`` for what GIFT cannot say; None: left out."""
        notes.append(w.Note(source.id, f"a {source.type} question cannot be written in GIFT; skipped"))
        return None

    def qti(self, w: Any, source: QuestionSource, body: Any) -> tuple[list, list] | None:
        """The question's QTI 2.1 interaction (added to ``body``), its response declarations and its response
        processing, written with ``w`` (quiz_engine.export.qti.Writer); None: left out."""
        w.notes.append(w.Note(source.id, f"a {source.type} question cannot be written in QTI; skipped"))
        return None


__all__ = ["Body", "QuestionType", "QuizSyntaxError"]
