"""Moodle GIFT: the question bank as one text file (Moodle: Question bank > Import > GIFT format).

What each type becomes:
- single: multiple choice, `=right` and `~wrong`. true-false with options True and False: GIFT's `{TRUE}`
  or `{FALSE}` (feedback `#if wrong#if right`); other true-false: multiple choice.
- multiple: multiple choice with several answers, right options weighted `~%100/R%`, wrong ones
  `~%-100/W%`: Moodle adds the weights chosen and keeps the total between 0 and 100%, which is our
  partial-credit rule.
- order: matching, each item to its place (`=item -> 2`); Moodle's credit is the share of items in their
  place, as with `scoring: position`.
- match: matching, `=item -> match`; a decoy is `= -> match`.
- text: short answer, `=answer`; an anticipated wrong answer is `=%0%answer#feedback` (a `~` would make it
  a multiple-choice question). Patterns cannot be written.
- reflection: essay (`{}`). scale: GIFT has no unscored rating item; skipped.
Option feedback follows `#`, the explanation `####`. A question is named `::id::`, and its comment carries
`[id:...]`, which Moodle 4 reads as its ID number. Text is Markdown (`[markdown]`). Each page is a
category; a pool is a category under its page's, for Moodle's random questions.
"""

from __future__ import annotations

from ..markdown.source import Part, QuestionSource
from ..model import DEFAULT_PENALTY, SCORED_TYPES
from .bank import Bank, Page
from .common import Exported, Note, percent, plain, prepare

FORMAT = "GIFT"
ESCAPES = str.maketrans(
    {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:", "\n": "\\n", "\r": ""}
)
MOODLE_GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571,
                 12.5, 11.11111, 10, 5, 0)  # fmt: skip
"""The grades Moodle accepts for an answer (and their negatives); others need "nearest grade" on import."""


def escape(text: str) -> str:
    """Text with GIFT's special characters escaped and its lines joined with `\\n`."""
    return text.strip().translate(ESCAPES)


def weight(value: float) -> str:
    """A GIFT answer weight: `%33.33333%`, `%-50%`."""
    return "%" + f"{value:.5f}".rstrip("0").rstrip(".") + "%"


def moodle_accepts(value: float) -> bool:
    return any(abs(abs(value) - grade) < 0.001 for grade in MOODLE_GRADES)


def category(*names: str) -> str:
    """A `$CATEGORY:` line; a `/` inside a name is written `//`, as Moodle does."""
    path = "/".join(" ".join(plain(name).replace("/", "//").split()) for name in names)
    return f"$CATEGORY: $course$/top/{path}"


def export(bank: Bank, site_url: str | None = None) -> Exported:
    """The bank as a GIFT file, with a note for each thing GIFT cannot say."""
    result = Exported(b"")
    chunks = [
        f"// Question bank exported by quiz-engine from {bank.root.as_posix()}/ in Moodle's GIFT format.\n"
        "// Question text and feedback are Markdown; each page is a category; `[id:...]` is the question's id."
    ]
    for page in bank.pages:
        pools = {pool.id: pool for pool in page.pools}
        current = None
        for source in page.questions:
            wanted = (
                category(page.title, pools[source.pool].title or source.pool) if source.pool else category(page.title)
            )
            question, notes = write_question(page, source, site_url)
            result.notes.extend(notes)
            if question is None:
                result.skipped += 1
                continue
            if wanted != current:
                chunks.append(wanted)
                current = wanted
            chunks.append(question)
            result.written += 1
        for pool in page.pools:
            result.notes.append(
                Note(
                    pool.id,
                    f"a question pool cannot be written in GIFT; its {len(pool.questions)} questions are in the "
                    f'category "{plain(page.title)}/{plain(pool.title or pool.id)}": add {pool.draw} random '
                    f"question{'s' if pool.draw > 1 else ''} from it to a Moodle quiz",
                )
            )
    result.data = ("\n\n".join(chunks) + "\n").encode()
    return result


def write_question(page: Page, original: QuestionSource, site_url: str | None) -> tuple[str | None, list[Note]]:
    """One question in GIFT with its comment, or None when GIFT cannot hold it; and the notes."""
    source, notes = prepare(original, page.uri, site_url, FORMAT)
    qid = source.id
    if source.type in SCORED_TYPES:
        if source.points != 1:
            notes.append(
                Note(
                    qid, f"its {source.points:g} points cannot be written in GIFT; Moodle gives it a default mark of 1"
                )
            )
        if source.tries > 1:
            notes.append(
                Note(
                    qid,
                    f"its {source.tries} tries cannot be written in GIFT; use Moodle's "
                    '"Interactive with multiple tries" behaviour',
                )
            )
            if abs(source.penalty - DEFAULT_PENALTY) > 1e-9:
                notes.append(
                    Note(
                        qid,
                        f"its penalty of {percent(source.penalty)} per try cannot be written in GIFT "
                        "(Moodle's default is 33.3%)",
                    )
                )
    body = source.kind.gift(GiftWriter, source, notes)
    if body is None:
        return None, notes
    text = escape(f"{source.title}\n\n{source.stem}" if source.stem.strip() else source.title)
    comment = f"// [id:{qid}] {page.shown}:{source.line}"
    return f"{comment}\n::{qid}::[markdown]{text}{body}", notes


class GiftWriter:
    """What a question type writes its GIFT answers with (``QuestionType.gift``)."""

    Note = Note
    escape = staticmethod(escape)
    weight = staticmethod(weight)
    moodle_accepts = staticmethod(moodle_accepts)
    plain = staticmethod(plain)

    @staticmethod
    def answers(lines: list[str], explanation: str) -> str:
        if explanation.strip():
            lines = [*lines, f"####{escape(explanation)}"]
        return "{\n" + "".join(f"\t{line}\n" for line in lines) + "}"

    @staticmethod
    def feedback(part: Part) -> str:
        return f"#{escape(part.feedback)}" if part.feedback.strip() else ""

    @staticmethod
    def choice_text(text: str, marker: str) -> str:
        """An option's text after its marker; one that starts with `%` gets an explicit weight first."""
        escaped = escape(text)
        if escaped.startswith("%") and marker == "~":
            return f"%0%{escaped}"
        if escaped.startswith("%") and marker == "=":
            return f"%100%{escaped}"
        return escaped

    @staticmethod
    def match_text(text: str) -> str:
        return escape(" ".join(text.split()).replace("->", "\u2192"))

    @staticmethod
    def item_feedback_note(source: QuestionSource, notes: list[Note]) -> None:
        if any(part.feedback.strip() for part in source.of_kind("item")):
            notes.append(
                Note(source.id, "the feedback on its items cannot be written in a GIFT matching question; left out")
            )
