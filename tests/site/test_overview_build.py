"""The class overview's page: the course's questions and their words, the quiz scripts, and the share's
module in the browser's files; the engine's wheel holds the classroom module."""

from __future__ import annotations

import html as html_lib
import json
import re
import zipfile
from pathlib import Path


def course_of(page: str) -> dict:
    match = re.search(r'<section class="quiz-overview" data-quiz-course="([^"]*)"', page)
    assert match, "the overview page has no course data"
    return json.loads(html_lib.unescape(match.group(1)))


def test_the_overview_page_has_the_course_with_its_words_and_the_scripts(site_dir: Path) -> None:
    page = (site_dir / "overview" / "index.html").read_text(encoding="utf-8")
    course = course_of(page)
    assert course["name"]
    lessons = [p for p in course["pages"] if p["lesson"]]
    assert len(lessons) >= 8
    first = lessons[0]
    question = next(q for q in first["questions"] if q["id"] == "l1-lena-and-kit")
    assert [o["id"] for o in question["options"]] == ["a", "b", "c", "d"]
    words = first["texts"]["l1-lena-and-kit"]
    assert words["title"].startswith("Which kind of asymmetry does the lesson see between Lena and Kit")
    assert words["options"]["a"].startswith("Involvement: Kit is more invested")
    assert "assets/quiz/quiz.js" in page
    assert 'rel="modulepreload" href="../assets/quiz/overview.js' in page
    assert (site_dir / "assets" / "quiz" / "overview.js").is_file()
    assert (site_dir / "assets" / "quiz" / "overview.css").is_file()


def test_the_progress_page_gets_the_course_without_the_words(site_dir: Path) -> None:
    page = (site_dir / "progress" / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<section class="quiz-progress" data-quiz-course="([^"]*)"', page)
    assert match
    course = json.loads(html_lib.unescape(match.group(1)))
    assert course["name"]
    assert all("texts" not in p for p in course["pages"])


def test_the_engine_wheel_holds_the_classroom_module(site_dir: Path) -> None:
    wheels = list((site_dir / "assets" / "quiz" / "engine").rglob("*.whl"))
    assert wheels
    with zipfile.ZipFile(wheels[0]) as wheel:
        assert "quiz_engine/classroom.py" in wheel.namelist()
