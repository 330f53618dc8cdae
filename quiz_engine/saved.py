"""Saved progress, as a reader's browser keeps it and as a file exports it: checked whenever it is read or
imported, within limits; anything that does not fit is set aside with a notice, never trusted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import limits
from .model import InvalidData, Question
from .progress import MAX_COUNT, MAX_JOURNAL, PROGRESS_SCHEMA, QuestionState, restore
from .refusals import Refusal, refused


class ProgressError(Refusal):
    """Saved progress or a file that cannot be used as a whole; ``reason`` is a code the page words."""

    code = "bad-progress"


def empty_progress(site: str) -> dict[str, Any]:
    return {"schema": PROGRESS_SCHEMA, "site": site, "questions": {}, "journal": {}, "pools": {}}


def check_progress(
    data: Any, site: str, questions: list[Question] | None = None, known: Known | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Saved progress as it can be trusted, and a notice (a code and its values) for everything set aside.

    ``questions``: the questions the page knows; their saved states are made again by the engine (see
    ``restore``), the others are checked for shape only. ``known``: what the site has (for an import):
    entries for anything else are left out and counted. Raises ProgressError when the document as a
    whole is not progress of this schema.
    """
    if not isinstance(data, dict):
        raise ProgressError("not-progress", "this is not saved progress (not a JSON object)")
    schema = data.get("schema")
    if schema != PROGRESS_SCHEMA:
        if isinstance(schema, int) and not isinstance(schema, bool) and schema > PROGRESS_SCHEMA:
            raise ProgressError(
                "newer", f"this progress was saved by a newer version of the site (schema {schema})", schema=schema
            )
        raise ProgressError("older", f"this progress has an unknown or old format (schema {schema!r})")
    notices: list[dict[str, Any]] = []
    clean = empty_progress(site)
    if data.get("site") not in (site, None):
        notices.append({"code": "other-site"})
    sections = {name: data.get(name, {}) for name in ("questions", "journal", "pools")}
    unknown = 0
    for name, section in sections.items():
        if not isinstance(section, dict):
            raise ProgressError("not-progress", f'"{name}" must be an object')
        if known is not None:  # an import: what the site does not have is left out, and counted
            ids = getattr(known, name)
            kept = {key: value for key, value in section.items() if key in ids}
            unknown += len(section) - len(kept)
            sections[name] = kept
        if len(sections[name]) > limits.MAX_ENTRIES:
            raise ProgressError(
                "too-many", f'"{name}" has more than {limits.MAX_ENTRIES} entries', max=limits.MAX_ENTRIES
            )
    by_id = {q.id: q for q in questions or []}
    for qid, raw in sections["questions"].items():
        try:
            state = restore(by_id[qid], raw) if qid in by_id else QuestionState.from_dict(raw)
        except InvalidData as exc:
            notices.append({"code": "entry-set-aside", "id": qid, "detail": str(exc)})
            continue
        clean["questions"][qid] = state.to_dict()
    for qid, entry in sections["journal"].items():
        if (
            isinstance(entry, dict)
            and isinstance(entry.get("text"), str)
            and len(entry["text"]) <= MAX_JOURNAL
            and isinstance(entry.get("updated", ""), str)
            and len(entry.get("updated", "")) <= 40
        ):
            clean["journal"][qid] = {"text": entry["text"], "updated": entry.get("updated", "")}
        else:
            notices.append({"code": "journal-set-aside", "id": qid})
    for pid, entry in sections["pools"].items():
        if (
            isinstance(entry, dict)
            and isinstance(entry.get("attempt"), int)
            and not isinstance(entry.get("attempt"), bool)
            and 1 <= entry["attempt"] <= MAX_COUNT
            and isinstance(entry.get("drawn"), list)
            and len(entry["drawn"]) <= limits.MAX_ENTRIES
            and all(isinstance(q, str) for q in entry["drawn"])
        ):
            clean["pools"][pid] = {"attempt": entry["attempt"], "drawn": list(entry["drawn"])}
    if unknown:
        notices.append({"code": "unknown-entries", "count": unknown})
    if isinstance(data.get("seed"), str) and len(data["seed"]) <= 64:
        clean["seed"] = data["seed"]
    return clean, notices


@dataclass
class Known:
    """What a site has, for an import: its questions, its journal prompts and its pools (by id); named as
    the sections of saved progress are."""

    questions: set[str]
    journal: set[str]
    pools: set[str]


def import_progress(
    text: str, site: str, questions: list[Question] | None = None, known: Known | None = None
) -> dict[str, Any]:
    """Read an exported progress file: the progress to use (only what this site can use, within the
    limits), or an error that changes nothing. A file with nothing usable in it is refused: importing it
    would replace the reader's progress with nothing."""
    try:
        data = limits.loads(text, limits.MAX_FILE_CHARS)
    except limits.TooLarge as exc:
        return refused("bad-file", f"This file cannot be imported: {exc}.", exc.reason)
    except ValueError:
        return refused("bad-file", "This file is not a progress file (not JSON).", "not-json")
    try:
        progress, notices = check_progress(data, site, questions, known)
    except ProgressError as exc:
        return refused("bad-file", f"This file cannot be imported: {exc}.", exc.reason, **exc.params)
    if not any(progress[name] for name in ("questions", "journal", "pools")):
        return refused(
            "bad-file", "Nothing in this file can be used on this site, so nothing was changed.", "nothing-usable"
        )
    return {"ok": True, "progress": progress, "notices": notices}
