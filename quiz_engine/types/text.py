"""text: a typed answer. Accepted answers are a task list marked `[x]`; `[ ]` anticipates a wrong one
(to give it feedback); an answer written `/like this/` is a regular expression.

Scoring: the typed answer is normalised (case, accents, spacing and punctuation ignored) and compared
with the answers in order: the first that equals it (or, for a pattern, fully matches it) decides.
Accepted: all the points; otherwise none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..data import ErrorResult, Problem, Reader, Result, duplicates, graded, normalize
from .base import QuestionType
from .choice import TASK, item_text, read_task_list
from .syntax import Body

if TYPE_CHECKING:
    from ..markdown.source import QuestionSource
    from ..model import Question

PATTERN = re.compile(r"^/(?P<pattern>.+)/$")
MAX_TEXT = 10_000


@dataclass(frozen=True)
class Answer:
    """An anticipated answer: accepted (correct) or a known wrong one with feedback. ``value`` is a text
    compared after normalisation, or a regular expression when ``pattern`` is true."""

    id: str
    value: str
    correct: bool
    pattern: bool = False


@dataclass(frozen=True)
class Answers:
    answers: tuple[Answer, ...] = ()
    """Accepted and anticipated answers, tried in order."""


def matching_answer(question: Question, typed: str) -> str | None:
    """The id of the first answer the typed text matches, or None."""
    text = normalize(typed)
    for answer in question.body.answers:
        if answer.pattern:
            if re.fullmatch(answer.value, text, re.IGNORECASE):
                return answer.id
        elif normalize(answer.value) == text:
            return answer.id
    return None


class Text(QuestionType):
    names = ("text",)
    position = 3
    item_name = "answer"
    parts = ("answer",)
    empty = ("accepted answers", "list them as `- [x] the answer`")

    def empty_body(self) -> Answers:
        return Answers()

    def to_dict(self, body: Answers) -> dict[str, Any]:
        return {
            "answers": [
                {"id": a.id, "value": a.value, "correct": a.correct, **({"pattern": True} if a.pattern else {})}
                for a in body.answers
            ]
        }

    def from_dict(self, reader: Reader, qtype: str) -> Answers:
        return Answers(
            tuple(
                Answer(r.ident("id"), r.string("value"), r.boolean("correct"), r.boolean("pattern", False))
                for r in reader.objects("answers", "an answer")
            )
        )

    def check(self, question: Question) -> list[Problem]:
        answers = question.body.answers
        problems = duplicates(tuple(a.id for a in answers), "answer")
        if not any(a.correct for a in answers):
            problems.append(
                Problem(
                    "no-accepted-answer",
                    "a text question needs at least one accepted answer, marked [x]",
                    "add `- [x] the answer` (or `- [x] /a pattern/`)",
                )
            )
        for answer in answers:
            if answer.pattern:
                try:
                    re.compile(answer.value)
                except re.error as exc:
                    problems.append(
                        Problem(
                            "bad-pattern",
                            f"the pattern /{answer.value}/ is not a valid regular expression ({exc})",
                            "fix the pattern, or write the answer as plain text",
                            (answer.id,),
                        )
                    )
            elif not normalize(answer.value):
                problems.append(
                    Problem(
                        "empty-answer",
                        "this answer has nothing left once case, spaces and punctuation are ignored",
                        "write the answer with letters or digits",
                        (answer.id,),
                    )
                )
        return problems

    def score(self, question: Question, response: Any) -> Result | ErrorResult:
        typed = response.get("text") if isinstance(response, dict) else None
        if not isinstance(typed, str):
            return ErrorResult("bad-response", 'a response must be an object with a "text" string', question.id)
        if len(typed) > MAX_TEXT:
            return ErrorResult("too-long", f"The answer is too long (at most {MAX_TEXT} characters).", question.id)
        if not normalize(typed):
            return ErrorResult("no-answer", "Type an answer first.", question.id)
        found = matching_answer(question, typed)
        accepted = {a.id for a in question.body.answers if a.correct}
        return graded(
            question.id,
            question.points,
            1.0 if found in accepted else 0.0,
            marks={found: "right" if found in accepted else "wrong"} if found else {},
            feedback=(found,) if found else (),
        )

    def solution(self, question: Question) -> dict[str, Any]:
        return {"answers": [a.id for a in question.body.answers if a.correct]}

    def starts_list(self, line: str) -> bool:
        return bool(TASK.match(item_text(line)))

    def read(self, source: QuestionSource, lines: list[tuple[int, str]]) -> Body:
        body = read_task_list(
            source,
            lines,
            "answer",
            "mark an accepted answer with `- [x] ` and an anticipated wrong one with `- [ ] `",
        )
        for part in source.of_kind("answer"):
            pattern = PATTERN.match(part.text)
            part.value, part.pattern = (pattern["pattern"], True) if pattern else (part.text, False)
        return body

    def body_of(self, source: QuestionSource) -> Answers:
        return Answers(tuple(Answer(p.id, p.value, p.correct, p.pattern) for p in source.of_kind("answer")))

    def render(self, r: Any, fieldset: Any) -> None:
        input_id = f"{r.base}-input"
        box = r.el(fieldset, "div", class_="quiz__answer")
        r.el(box, "label", r.labels["text.label"], for_=input_id, class_="quiz__text-label")
        r.el(
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
        answers = r.el(fieldset, "div", class_="quiz__answers")
        for part in r.source.of_kind("answer"):
            if part.feedback:
                holder = r.el(answers, "div", class_="quiz__answer-feedback", data_answer=part.id)
                r.feedback(holder, part, f"{r.base}-{part.id}")

    def render_solution(self, r: Any, form: Any) -> None:
        plain = [p.text for p in r.source.of_kind("answer") if p.correct and not p.pattern]
        if plain:
            box = r.solution(form)
            line = r.el(box, "p", f"{r.labels['solution.text']} ")
            r.el(line, "strong", plain[0])

    def key_answers(self, source: QuestionSource) -> tuple[list[str], bool]:
        return [p.text if not p.pattern else f"/{p.value}/" for p in source.of_kind("answer") if p.correct], False

    # -- export (through the writers of quiz_engine.export.gift and .qti) -----------------------------

    def gift(self, w: Any, source: QuestionSource, notes: list):
        answers = source.of_kind("answer")
        for pattern in (a for a in answers if a.pattern):
            notes.append(
                w.Note(
                    source.id,
                    f"the pattern /{pattern.value}/ cannot be written in GIFT; only the plain answers were exported",
                )
            )
        plain_answers = [a for a in answers if not a.pattern]
        if not any(a.correct for a in plain_answers):
            notes.append(w.Note(source.id, "every accepted answer is a pattern, which GIFT cannot write; skipped"))
            return None
        notes.append(
            w.Note(
                source.id, "Moodle compares short answers ignoring case only, not accents, punctuation or extra spaces"
            )
        )
        lines = []
        for answer in plain_answers:
            text = w.escape(answer.value).replace("*", "\\*")  # `*` is Moodle's wildcard in short answers
            prefix = "=" if answer.correct and not text.startswith("%") else "=%100%" if answer.correct else "=%0%"
            lines.append(f"{prefix}{text}{w.feedback(answer)}")
        return w.answers(lines, source.explanation)

    def qti(self, w: Any, source: QuestionSource, body: Any):
        answers = []
        for answer in source.of_kind("answer"):
            if not answer.pattern:
                answers.append(answer)
            elif w.XSD_REGEX_UNSUPPORTED.search(answer.value):
                w.notes.append(
                    w.Note(source.id, f"the pattern /{answer.value}/ has no XML Schema equivalent for QTI; left out")
                )
            else:
                w.notes.append(
                    w.Note(
                        source.id,
                        f"the pattern /{answer.value}/ is matched against the answer as typed (QTI's patternMatch), "
                        "in either case; accents, punctuation and extra spaces are not ignored as on the site",
                    )
                )
                answers.append(answer)
        w.notes.append(
            w.Note(
                source.id, "QTI compares its text answers ignoring case only, not accents, punctuation or extra spaces"
            )
        )
        accepted = [a.value for a in answers if a.correct and not a.pattern]
        body.append(w.element("p", {}, w.element("textEntryInteraction", {"responseIdentifier": "RESPONSE"})))
        branches = []
        for answer in answers:
            if answer.pattern:
                pattern = w.case_insensitive(answer.value)
                test = w.element("patternMatch", {"pattern": pattern}, w.variable("RESPONSE"))
            else:
                test = w.element(
                    "stringMatch",
                    {"caseSensitive": "false", "substring": "false"},
                    w.variable("RESPONSE"),
                    w.base("string", answer.value),
                )
            actions = [w.show(w.base("identifier", answer.id))]
            if answer.correct:
                actions.insert(0, w.set_value("SCORE", w.base("float", w.number(source.points))))
            branches.append(w.element("responseElseIf" if branches else "responseIf", {}, test, *actions))
        branches.append(w.element("responseElse", {}, w.show()))
        return [w.response("RESPONSE", "single", "string", accepted[:1])], [
            w.element("responseCondition", {}, *branches)
        ]


KIND = Text()
