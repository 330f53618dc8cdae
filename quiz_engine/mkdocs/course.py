"""The course as the progress page sees it: every page with questions, in navigation order."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from mkdocs.utils import get_relative_url

from ..markdown.source import PoolSource, QuestionSource, plain


@dataclass
class CoursePage:
    title: str
    url: str
    questions: list[dict[str, Any]] = field(default_factory=list)
    pools: list[dict[str, Any]] = field(default_factory=list)
    reflections: dict[str, str] = field(default_factory=dict)
    objectives: list[str] = field(default_factory=list)
    lesson: bool = True
    """False for a page with questions that is not part of the course (front matter `lesson: false`)."""
    texts: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Each question's title and its options' words, as plain text: for the class overview only."""

    @classmethod
    def of(
        cls, title: str, url: str, questions: list[QuestionSource], pools: list[PoolSource], objectives: list[str]
    ) -> CoursePage:
        return cls(
            title=title,
            url=url,
            questions=[q.to_question().to_dict() for q in questions],
            pools=[{"id": p.id, "draw": p.draw, "questions": p.questions} for p in pools],
            reflections={q.id: plain(q.title) for q in questions if q.type == "reflection"},
            objectives=objectives,
            texts={
                q.id: {"title": plain(q.title), "options": {p.id: plain(p.text) for p in q.options}} for q in questions
            },
        )


def course_data(
    pages: dict[str, CoursePage],
    order: list[str],
    from_url: str,
    mastery: float,
    *,
    texts: bool = False,
    name: str = "",
) -> str:
    """The course as JSON for the progress page at ``from_url``: links relative to it, in ``order``; with the
    questions' words (``texts``) for the class overview. ``name``: the site's name, which shares carry."""
    ranked = sorted(pages, key=lambda uri: order.index(uri) if uri in order else len(order))
    listed = []
    for uri in ranked:
        page = pages[uri]
        entry = {**page.__dict__, "url": get_relative_url(page.url or "./", from_url) or "./"}
        if not texts:
            del entry["texts"]
        listed.append(entry)
    return json.dumps({"mastery": mastery, "name": name, "pages": listed}, separators=(",", ":"))
