"""The words of the quiz interface, per language; the page's language picks them.

Keys starting with ``js.`` are the messages the browser shows; the MkDocs plugin hands them to the page.
Placeholders in braces are filled in by the browser from the engine's result.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "instruction.single": "Choose one answer.",
        "instruction.true-false": "Choose one answer.",
        "instruction.multiple": "Choose every answer that applies.",
        "instruction.order": "Put the items in the right order with their Move up and Move down buttons.",
        "instruction.match": "Choose the match for each item.",
        "instruction.text": "Type your answer; capitals, spaces and punctuation do not matter.",
        "instruction.scale": "Rate each statement. There is no right answer: this is for you.",
        "instruction.reflection": "Write for yourself. What you write stays in this browser, in your journal.",
        "check": "Check",
        "check.scale": "See my result",
        "check.reflection": "Save to my journal",
        "try-again": "Try again",
        "reveal": "Show the answer",
        "hint": "Hint",
        "hint.show": "Show a hint",
        "move.up": "Move up",
        "move.down": "Move down",
        "match.choose": "Choose…",
        "text.label": "Your answer",
        "reflection.label": "Your thoughts",
        "explanation": "Explanation",
        "solution.order": "The right order:",
        "solution.match": "The right matches:",
        "solution.text": "A right answer:",
        "summary.title": "Your score on this page",
        "pool.title": "Question pool",
        "pool.intro": "Each attempt draws {draw} of these {total} questions.",
        "pool.start": "Start",
        "noscript": "Turn on JavaScript to check your answers on this page.",
        "error.title": "This question has an error and cannot be shown",
        "js.verdict.correct": "Right.",
        "js.verdict.partial": "Partly right.",
        "js.verdict.incorrect": "Not right yet.",
        "js.verdict.complete": "Saved.",
        "js.counts": "You chose {right_chosen} of the {right_total} right answers and {wrong_chosen} wrong.",
        "js.counts.order": "{in_place} of {items} items are in the right place.",
        "js.counts.match": "{right} of {items} items are matched right.",
        "js.score": "Score: {credit} of {max}.",
        "js.penalty": "This was try {try}, so it counts for {credit} of the {raw} it earned.",
        "js.tries-left": "Tries left: {count}.",
        "js.finished": "This question is finished.",
        "js.revealed": "You asked to see the answer.",
        "js.mark.right": "Your choice, right:",
        "js.mark.wrong": "Your choice, not right:",
        "js.mark.answer": "Your answer:",
        "js.solution.choice": "Right answer",
        "js.scale.result": "Your total: {total} of {max}.",
        "js.journal.saved": "Saved to your journal on this device.",
        "js.hint.more": "Show another hint",
        "js.hint.none": "No more hints",
        "js.moved": "{item}: now {position} of {count}.",
        "js.summary.empty": "Answer the questions above to see your score here.",
        "js.summary.progress": "{answered} of {questions} questions answered; {credit} of {points} points so far.",
        "js.summary.done": "Result: {percent}% ({credit} of {points} points).",
        "js.summary.mastered": "Mastered: you reached the {mastery}% this lesson asks for.",
        "js.summary.not-mastered": "Not mastered yet: this lesson asks for {mastery}%. Try the questions again later.",
        "js.summary.changed": "Some questions changed since you answered them; their old answers were set aside.",
        "js.pool.start": "Start",
        "js.pool.again": "New attempt",
        "js.pool.attempt": "Attempt {attempt}: {draw} questions drawn for you.",
        "js.starting": "Starting the answer checker. Your answer will be checked in a moment.",
        "js.failed": "The answer checker could not start, so answers cannot be checked right now.",
        "js.failed.hint": "Check your connection, then try again.",
        "js.retry": "Try again",
        "js.error": "This answer could not be checked: {message}",
        "js.storage.unavailable": (
            "This browser does not let the site save your progress (a private window, or storage turned off or"
            " full). Your answers are still checked, but they will be gone when you leave."
        ),
        "js.storage.corrupt": (
            "Your saved progress could not be read, so this page starts afresh. The old copy was kept aside"
            " in this browser."
        ),
        "js.storage.notice": "About your saved progress:",
        "progress.noscript": "Turn on JavaScript to see your progress: it is kept in this browser.",
        "js.progress.loading": "Loading your progress…",
        "js.progress.table.caption": "Your progress, lesson by lesson",
        "js.progress.column.lesson": "Lesson",
        "js.progress.column.status": "Status",
        "js.progress.column.score": "Score",
        "js.progress.status.not-started": "Not started",
        "js.progress.status.in-progress": "In progress",
        "js.progress.status.complete": "Done, not mastered yet",
        "js.progress.status.mastered": "Mastered",
        "js.progress.score": "{percent}% ({answered} of {questions} answered)",
        "js.progress.chart.title": "Score per lesson; the line marks the {threshold}% a lesson needs to be mastered",
        "js.progress.chart.threshold": "{threshold}% to master",
        "js.progress.journal.title": "Your journal",
        "js.progress.journal.empty": "Your reflections appear here once you save some.",
        "js.progress.journal.print": "Print my journal",
        "js.progress.export": "Export my progress",
        "js.progress.exported": "Your progress was saved as a file.",
        "js.progress.import": "Import progress from a file",
        "js.progress.import.confirm": "Replace the progress saved in this browser with the file's?",
        "js.progress.import.cancelled": "Nothing was imported.",
        "js.progress.imported": "Your progress was imported.",
        "js.progress.reset": "Reset my progress",
        "js.progress.reset.confirm": (
            "Delete all your answers and your journal from this browser? This cannot be undone."
        ),
        "js.progress.reset.cancelled": "Nothing was deleted.",
        "js.progress.reset.done": "Your progress was reset.",
    },
}

DEFAULT_LANGUAGE = "en"


def strings(language: str | None = None) -> dict[str, str]:
    """The strings for a language, falling back to English for a language or a key we do not have."""
    base = STRINGS[DEFAULT_LANGUAGE]
    chosen = STRINGS.get((language or DEFAULT_LANGUAGE).split("-")[0].lower(), {})
    return {**base, **chosen}
