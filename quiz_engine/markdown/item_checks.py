"""Warnings about questions that may not measure learning: giveaways an author can see and fix.

These are hints, not errors: `quiz-engine check` prints them and still succeeds. What they look for:
- an absolute word ("never", "always", "bound to"...) in a wrong option, which test-wise readers reject;
- one option much longer than the others, which test-wise readers pick;
- an option that repeats words of the question, which points at it;
- a learning objective checked by fewer than two scored questions, too few to tell mastery.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import SCORED_TYPES
from .source import Objective, QuestionSource, plain

CHOICE_TYPES = ("single", "multiple")
ABSOLUTES = re.compile(
    r"\b(never|always|bound to|whenever|every time|certainly|impossible|guaranteed|completely|totally|"
    r"nothing but|no one ever|at all times)\b",
    re.I,
)
WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?")
LONGER = 1.6
"""An option is much longer when it has this many times the words of the next longest..."""
LONGER_BY = 6
"""...and at least this many words more."""
ECHO = 4
"""An option echoes the question when it shares a run of this many words with it."""
MIN_ITEMS = 2


@dataclass(frozen=True)
class ItemWarning:
    line: int
    message: str

    def describe(self, path: str) -> str:
        return f"{path}:{self.line}: warning: {self.message}."


def words(markdown: str) -> list[str]:
    return WORD.findall(plain(markdown).lower())


def question_warnings(question: QuestionSource) -> list[ItemWarning]:
    """The giveaways in one question's options."""
    if question.type not in CHOICE_TYPES or len(question.options) < 3:
        return []
    found: list[ItemWarning] = []
    for option in question.options:
        absolute = ABSOLUTES.search(plain(option.text))
        if absolute and not option.correct:
            found.append(
                ItemWarning(
                    option.line,
                    f"the wrong option {_quote(option.text)} says `{absolute.group(0)}`: absolute words give a wrong "
                    "option away; write the misconception a reader would really hold",
                )
            )
    lengths = sorted(((len(words(o.text)), o) for o in question.options), key=lambda pair: pair[0], reverse=True)
    (longest, option), (second, _) = lengths[0], lengths[1]
    if longest >= LONGER * second and longest - second >= LONGER_BY:
        found.append(
            ItemWarning(
                option.line,
                f"the option {_quote(option.text)} has {longest} words, the next longest {second}: one option much "
                "longer than the rest stands out; make the options alike in length",
            )
        )
    asked = words(question.title + " " + question.stem)
    runs = {tuple(asked[i : i + ECHO]) for i in range(len(asked) - ECHO + 1)}
    for option in question.options:
        said = words(option.text)
        echo = next((run for i in range(len(said) - ECHO + 1) if (run := tuple(said[i : i + ECHO])) in runs), None)
        if echo:
            found.append(
                ItemWarning(
                    option.line,
                    f"the option {_quote(option.text)} repeats the question's words `{' '.join(echo)}`: an option "
                    "that echoes the question points at itself; say it in other words",
                )
            )
    return found


def objective_warnings(questions: list[QuestionSource], objectives: list[Objective]) -> list[ItemWarning]:
    """Each learning objective of a page that fewer than two scored questions check."""
    found = []
    for objective in objectives:
        count = sum(1 for q in questions if q.type in SCORED_TYPES and q.objective == objective.number)
        if count < MIN_ITEMS:
            found.append(
                ItemWarning(
                    objective.line,
                    f"learning objective {objective.number} is checked by {count} scored question"
                    f"{'' if count == 1 else 's'}: give it at least {MIN_ITEMS} (`objective: {objective.number}`), "
                    "so that its mastery means something",
                )
            )
    return found


def page_warnings(questions: list[QuestionSource], objectives: list[Objective]) -> list[ItemWarning]:
    """Every warning of a page, in line order."""
    found = [w for q in questions for w in question_warnings(q)] + objective_warnings(questions, objectives)
    return sorted(found, key=lambda w: w.line)


def _quote(text: str, limit: int = 48) -> str:
    shown = plain(text)
    return f"“{shown if len(shown) <= limit else shown[: limit - 1].rstrip() + '…'}”"
