"""The course content: lesson structure, questions, originality, attribution and safety notes.

These tests read the Markdown in docs/ directly (no site build), so they run in about a second. They
check what the issue asks of the course and what a build in strict mode cannot see: missing sections,
questions without feedback, duplicate ids, copied sentences, web-page junk from the source articles,
broken anchors and pages left out of the navigation.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from markdown.extensions.toc import slugify as toc_slugify

from quiz_engine.markdown.source import FoundBlock, QuizSyntaxError, find_blocks, slugify

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

LESSONS = [
    "01-what-asymmetry-is.md",
    "02-love-stories.md",
    "03-when-asymmetry-hurts.md",
    "04-drive-for-balance.md",
    "05-pressure-and-distancing.md",
    "06-building-balance.md",
    "07-requests-and-autonomy.md",
    "08-ways-forward.md",
]
LESSON_PATHS = [DOCS / "lessons" / name for name in LESSONS]
FINAL_CHECK = DOCS / "final-check.md"
COURSE_PAGES = [
    DOCS / name for name in ("index.md", "sources.md", "glossary.md", "final-check.md", "facilitator.md", "about.md")
]

ARTICLE_TITLES = [
    "Power Imbalances between You and Your Partner? Here Are 4 Ways to Make Your Relationship Work Anyway",
    "Navigating Asymmetry: Building Balance in Relationships",
    "How to Recognize and Overcome Imbalance and Illusions in Relationships",
]
# The five references the third article ends with: enough of each to know it is there and complete.
REFERENCES = [
    ("Baumeister, R. F., & Leary, M. R. (1995)", "The need to belong", "Psychological Bulletin"),
    ("Mikulincer, M., & Shaver, P. R. (2007)", "Attachment in adulthood", "Guilford Press"),
    ("Sullivan, H. S. (1953)", "The Interpersonal Theory of Psychiatry", "Norton"),
    (
        "Linehan, M. M. (1993)",
        "Cognitive-Behavioral Treatment of Borderline Personality Disorder",
        "Guilford",
    ),
    ("Greenberg, L. S., & Johnson, S. M. (1988)", "Emotionally Focused Therapy for Couples", "Guilford"),
]
# Web-page leftovers in the source articles (comment forms, login prompts, an advert, image captions).
JUNK = [
    "Leave a Comment",
    "Sharing is caring",
    "free consultation",
    "free initial consultation",
    "Login Sign up",
    "You need to be logged in",
    "Share on other sites",
    "Your email address will not be published",
    "Required fields are marked",
    "open book with red heart shapes",
    "couple talking together sitting on a sofa",
    "asymmetric relationship couple",
    "Scroll to Top",
    "specialist profile",
    "lost your internet connection",
    "Your message has been sent",
]

READING_TIME = re.compile(r"^\*Reading time: about (\d+) minutes\.\*$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
BULLET = re.compile(r"^[-*+]\s+\S")


def read(path: Path) -> str:
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing")
    return path.read_text(encoding="utf-8")


def prose_lines(text: str) -> list[str]:
    """The page's lines with fenced code blanked out, so that examples of syntax are not read as content."""
    lines, fence = [], None
    for line in text.split("\n"):
        match = FENCE.match(line)
        if fence is not None:
            if match and match[1][0] == fence[0] and len(match[1]) >= len(fence):
                fence = None
            lines.append("")
        elif match:
            fence = match[1]
            lines.append("")
        else:
            lines.append(line)
    return lines


def headings(text: str) -> list[tuple[int, int, str]]:
    """(line index, level, text) of every Markdown heading outside code."""
    found = []
    for index, line in enumerate(prose_lines(text)):
        match = HEADING.match(line)
        if match:
            found.append((index, len(match[1]), match[2]))
    return found


def section(text: str, title: str) -> list[str]:
    """The lines under the level-2 heading `title`, up to the next heading of level 1 or 2."""
    lines = prose_lines(text)
    start = next(i for i, level, name in headings(text) if level == 2 and name == title)
    end = next((i for i, level, _ in headings(text) if i > start and level <= 2), len(lines))
    return lines[start + 1 : end]


def blocks(path: Path) -> list[FoundBlock]:
    """The questions of a page (not its question pools)."""
    prefix = slugify(path.relative_to(DOCS).with_suffix("").as_posix(), 40)
    try:
        return [block for block in find_blocks(read(path), prefix) if block.source is not None]
    except QuizSyntaxError as error:
        pytest.fail(error.describe(str(path.relative_to(ROOT))))


def lesson_id(path: Path) -> str:
    return path.name[:2]


def present(paths: list[Path]) -> list[Path]:
    missing = [str(p.relative_to(ROOT)) for p in paths if not p.exists()]
    assert not missing, f"missing course pages: {', '.join(missing)}"
    return paths


# Lesson structure


@pytest.mark.parametrize("path", LESSON_PATHS, ids=LESSONS)
def test_lesson_has_the_sections_in_order(path: Path) -> None:
    text = read(path)
    found = headings(text)
    titles = [(level, name) for _, level, name in found]
    assert titles and titles[0][0] == 1, "a lesson starts with one level-1 heading, its title"
    assert titles[0][1].startswith(f"Lesson {int(lesson_id(path))}:"), (
        f"the title should start with 'Lesson {int(lesson_id(path))}:', not {titles[0][1]!r}"
    )
    assert sum(1 for level, _ in titles if level == 1) == 1, "a lesson has exactly one level-1 heading"

    def position(name: str) -> int:
        matches = [i for i, (level, title) in enumerate(titles) if level == 2 and title == name]
        assert len(matches) == 1, f"expected exactly one '## {name}' heading, found {len(matches)}"
        return matches[0]

    objectives = position("Learning objectives")
    reflection = position("Reflection")
    takeaways = position("Key takeaways")
    quiz = position("Quiz")
    scenarios = [i for i, (level, title) in enumerate(titles) if level == 2 and title.startswith("Worked scenario")]
    assert scenarios, "a lesson needs at least one '## Worked scenario: ...' heading"
    assert objectives < min(scenarios), "the learning objectives come before the worked scenarios"
    assert max(scenarios) < reflection < takeaways < quiz, (
        "the order must be: worked scenario(s), Reflection, Key takeaways, Quiz"
    )
    assert quiz == len(titles) - 1, "the quiz is the last section of a lesson"


@pytest.mark.parametrize("path", LESSON_PATHS, ids=LESSONS)
def test_lesson_states_its_reading_time_under_the_title(path: Path) -> None:
    lines = prose_lines(read(path))
    times = [i for i, line in enumerate(lines) if READING_TIME.match(line.strip())]
    assert len(times) == 1, "a lesson needs one line '*Reading time: about N minutes.*'"
    objectives = next(i for i, line in enumerate(lines) if line.strip() == "## Learning objectives")
    assert times[0] < objectives, "the reading time goes under the title, before the objectives"


def readable(text: str) -> str:
    """What a reader reads: no style sheets, no HTML tags or attributes, no link targets."""
    text = re.sub(r"<style\b.*?</style>", " ", text, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\]\([^)]*\)", "]", text)


def stated_minutes(path: Path) -> int:
    found = [m for line in read(path).split("\n") if (m := READING_TIME.match(line.strip()))]
    if not found:
        pytest.fail(f"{path.relative_to(ROOT)} states no reading time")
    return int(found[0][1])


@pytest.mark.parametrize("path", [*LESSON_PATHS, FINAL_CHECK], ids=[*LESSONS, "final-check.md"])
def test_reading_time_matches_the_length(path: Path) -> None:
    """About 200 words a minute, quiz included: an estimate that drifted after an edit fails here."""
    text = read(path)
    minutes = stated_minutes(path)
    words = len(re.findall(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?", readable(text)))
    estimate = words / 200
    assert abs(minutes - estimate) <= max(3, 0.3 * estimate), (
        f"the lesson has {words} words, about {estimate:.0f} minutes at 200 words a minute, but says {minutes} minutes"
    )


@pytest.mark.parametrize("path", LESSON_PATHS, ids=LESSONS)
def test_lesson_lists_objectives_prompts_and_takeaways(path: Path) -> None:
    text = read(path)
    objectives = [line for line in section(text, "Learning objectives") if BULLET.match(line)]
    prompts = [line for line in section(text, "Reflection") if BULLET.match(line)]
    takeaways = [line for line in section(text, "Key takeaways") if BULLET.match(line)]
    assert len(objectives) >= 3, f"at least 3 learning objectives as bullets, found {len(objectives)}"
    assert len(prompts) >= 2, f"at least 2 reflection prompts as bullets, found {len(prompts)}"
    assert len(takeaways) >= 3, f"at least 3 key takeaways as bullets, found {len(takeaways)}"


@pytest.mark.parametrize("path", LESSON_PATHS, ids=LESSONS)
def test_lesson_credits_its_sources(path: Path) -> None:
    links = re.findall(r"\]\(\.\./sources\.md#(article-[123])\)", read(path))
    assert links, "a lesson ends by linking the articles it draws on: [article 1](../sources.md#article-1)"


# Questions


@pytest.mark.parametrize("path", LESSON_PATHS, ids=LESSONS)
def test_lesson_has_at_least_six_questions_in_its_quiz(path: Path) -> None:
    """Six scored questions in the quiz; only journal prompts (`type: reflection`) may sit in '## Reflection'."""
    found = blocks(path)
    lines = prose_lines(read(path))
    quiz_line = lines.index("## Quiz")
    scored = [b for b in found if b.source.type not in ("scale", "reflection") and b.start > quiz_line]
    assert len(scored) >= 6, f"a lesson needs at least 6 scored questions in its quiz, found {len(scored)}"
    reflection_line = lines.index("## Reflection")
    reflection_end = next(i for i, line in enumerate(lines) if i > reflection_line and HEADING.match(line))
    early = [
        b.source.line
        for b in found
        if b.start < quiz_line and not (b.source.type == "reflection" and reflection_line < b.start < reflection_end)
    ]
    assert not early, (
        f"questions before the '## Quiz' heading, on lines {early}; only a journal prompt "
        "(`type: reflection`) may sit in the '## Reflection' section"
    )


def test_final_check_draws_enough_questions_from_a_varied_set() -> None:
    path = present([FINAL_CHECK])[0]
    found = blocks(path)
    pools = [b.pool for b in find_blocks(read(path)) if b.pool is not None]
    shown = pools[0].draw if pools else len(found)
    assert 10 <= shown <= 16, f"the final check should ask 10 to 16 questions at a time, it asks {shown}"
    if pools:
        assert len(found) >= shown + 6, "a pool should hold clearly more questions than it draws"
    types = {b.source.type for b in found}
    assert {"single", "multiple", "true-false"} <= types, f"use at least the three choice types; it uses {types}"


@pytest.mark.parametrize("path", [*LESSON_PATHS, FINAL_CHECK], ids=[*LESSONS, "final-check.md"])
def test_every_question_has_an_id_feedback_for_every_option_and_an_explanation(path: Path) -> None:
    prefix = "final-" if path == FINAL_CHECK else f"l{int(lesson_id(path))}-"
    problems = []
    for block in blocks(path):
        q = block.source
        where = f"{path.relative_to(ROOT)}:{q.line}"
        if not q.explicit_id:
            problems.append(f"{where}: the question has no `id:`")
        elif not q.explicit_id.startswith(prefix):
            problems.append(f"{where}: the id `{q.explicit_id}` should start with `{prefix}`")
        for option in q.options:
            if not option.feedback.strip():
                problems.append(f"{path.relative_to(ROOT)}:{option.line}: no feedback under {option.text!r}")
        if q.type != "reflection" and not q.explanation.strip():
            problems.append(f"{where}: the question has no explanation after its options")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", [*LESSON_PATHS, FINAL_CHECK], ids=[*LESSONS, "final-check.md"])
def test_right_answers_do_not_always_sit_in_the_same_place(path: Path) -> None:
    fixed = [
        b.source
        for b in blocks(path)
        if b.source.type in ("single", "multiple") and not b.source.shuffle and len(b.source.options) > 2
    ]
    positions = {next(i for i, o in enumerate(q.options) if o.correct) for q in fixed}
    if len(fixed) >= 3:
        assert len(positions) > 1, (
            "in every unshuffled question the first right answer is option "
            f"{positions.pop() + 1}: vary its place, or add `shuffle: true`"
        )


def test_question_ids_are_unique_across_the_site() -> None:
    seen: dict[str, str] = {}
    duplicates = []
    for path in sorted(DOCS.rglob("*.md")):
        for block in blocks(path):
            where = f"{path.relative_to(ROOT)}:{block.source.line}"
            if block.source.id in seen:
                duplicates.append(f"`{block.source.id}` in {where} and {seen[block.source.id]}")
            seen.setdefault(block.source.id, where)
    assert not duplicates, "question ids used twice:\n" + "\n".join(duplicates)


# Originality and leftovers from the sources


def originality_tool() -> Path:
    shared = os.environ.get("COURSE_SHARED_DIR")
    base = Path(shared) if shared else ROOT.parent / "shared"
    return base / "tools" / "originality.py"


def title_words(title: str) -> list[str]:
    # The same words the originality tool sees.
    return [w.replace("\u2019", "'") for w in re.findall(r"[a-z0-9]+(?:['\u2019][a-z]+)?", title.lower())]


def is_title_citation(run: str) -> bool:
    """True when a shared run lies wholly inside one article's title: naming a source is a citation."""
    padded = f" {run} "
    return any(padded in f" {' '.join(title_words(title))} " for title in ARTICLE_TITLES)


def test_no_run_of_eight_words_is_shared_with_the_sources() -> None:
    tool = originality_tool()
    if not tool.exists():
        pytest.skip(
            f"the originality tool is not on this machine ({tool}); "
            "set COURSE_SHARED_DIR to the folder that holds tools/originality.py and seeds/"
        )
    result = subprocess.run(
        [sys.executable, str(tool), "--min", "8", str(DOCS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    lines = result.stdout.strip().split("\n")
    summary = re.match(r"runs of 8\+ words shared with the sources: (\d+);", lines[-1])
    assert summary, f"unexpected output from {tool}:\n{result.stdout}\n{result.stderr}"
    runs = [re.match(r"^(.*?): (\d+) words shared: (.*)$", line) for line in lines[:-1]]
    assert all(runs) and len(runs) == int(summary[1]), f"cannot read the tool's report:\n{result.stdout}"
    copied = [f"{m[1]}: {m[3]}" for m in runs if m and not is_title_citation(m[3])]
    assert not copied, "runs of 8 or more words shared with the source articles (reword them):\n" + "\n".join(copied)


def test_no_web_page_junk_from_the_sources() -> None:
    found = []
    for path in sorted(DOCS.rglob("*")):
        if path.suffix not in {".md", ".html", ".svg", ".yml", ".txt"}:
            continue
        text = " ".join(read(path).split()).lower()
        found += [f"{path.relative_to(ROOT)}: {junk!r}" for junk in JUNK if junk.lower() in text]
    assert not found, "web-page leftovers from the source articles:\n" + "\n".join(found)


# Safety notes and attribution


@pytest.mark.parametrize("name", ["index.md", "about.md"])
def test_not_therapy_note_with_a_pointer_to_help(name: str) -> None:
    text = " ".join(read(DOCS / name).split()).lower()
    assert "not therapy" in text, f"{name} must say that the course is not therapy"
    assert "diagnosis" in text, f"{name} must say that the course is not diagnosis"
    assert "professional" in text, f"{name} must point toward professional help"
    assert "emergency" in text, f"{name} must point toward emergency help"


def plain(text: str) -> str:
    """Text with emphasis marks and line breaks removed, to compare with a title or a citation."""
    return " ".join(text.replace("*", "").replace("_", " ").split())


def test_sources_page_names_the_three_articles_with_their_anchors() -> None:
    text = read(DOCS / "sources.md")
    for number, title in enumerate(ARTICLE_TITLES, start=1):
        assert plain(title) in plain(text), f"the sources page must name article {number}: {title!r}"
        anchor = re.compile(rf"^##+ .*\{{#article-{number}\}}\s*$", re.MULTILINE)
        assert anchor.search(text), f"a heading with the anchor {{#article-{number}}} is missing"


def test_sources_page_lists_the_five_references() -> None:
    text = plain(read(DOCS / "sources.md"))
    for parts in REFERENCES:
        for part in parts:
            assert part in text, f"the sources page is missing the reference {parts[0]!r} (no {part!r})"


def test_sources_page_and_lessons_agree_on_which_article_each_lesson_uses() -> None:
    text = read(DOCS / "sources.md")
    starts = [(m.start(), m[1]) for m in re.finditer(r"^##+ .*\{#(article-[123])\}", text, re.MULTILINE)]
    sections = {}
    for (start, article), (end, _) in zip(starts, [*starts[1:], (len(text), "")], strict=True):
        body = text[start:end].split("\n### ")[0]  # the references under article 3 are not "used in"
        sections[article] = set(re.findall(r"\(lessons/([\w-]+\.md)\)", body))
    problems = []
    for path in LESSON_PATHS:
        for article in sorted(set(re.findall(r"\(\.\./sources\.md#(article-[123])\)", read(path)))):
            if path.name not in sections.get(article, set()):
                problems.append(f"{path.name} draws on {article}, but the sources page does not say so")
    for article, lessons in sections.items():
        for name in lessons:
            if f"(../sources.md#{article})" not in read(DOCS / "lessons" / name):
                problems.append(f"the sources page says {name} uses {article}, but the lesson does not credit it")
    assert not problems, "\n".join(problems)


def test_home_page_links_every_lesson_and_the_course_pages() -> None:
    text = read(DOCS / "index.md")
    for name in LESSONS:
        assert f"(lessons/{name})" in text, f"the home page does not link lessons/{name}"
    for name in ("final-check.md", "glossary.md", "sources.md", "about.md", "facilitator.md"):
        assert f"({name})" in text, f"the home page does not link {name}"


def test_home_page_states_the_total_reading_time() -> None:
    total = sum(stated_minutes(path) for path in LESSON_PATHS)
    text = " ".join(read(DOCS / "index.md").split())
    assert f"({total} minutes)" in text, (
        f"the lessons' reading times add up to {total} minutes: say so on the home page as '({total} minutes)'"
    )


def test_facilitator_guide_names_only_real_questions() -> None:
    ids = {block.source.id for path in DOCS.rglob("*.md") for block in blocks(path)}
    named = set(re.findall(r"`((?:l[1-8]|final)-[a-z0-9-]+)`", read(DOCS / "facilitator.md")))
    assert named, "the facilitator guide should name the questions to use, by id"
    assert not named - ids, f"the facilitator guide names questions that do not exist: {sorted(named - ids)}"


# Links and navigation that a strict build does not check


def anchors_of(path: Path) -> set[str]:
    text = read(path)
    found = set(re.findall(r"\{#([\w-]+)[^}]*\}", text))
    found |= {f"quiz-{block.source.id}" for block in blocks(path)}  # each question's form has this id
    counts: dict[str, int] = {}
    for _, _, name in headings(text):
        name = re.sub(r"\s*\{[^}]*\}\s*$", "", name)
        name = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", name).replace("*", "").replace("`", "")
        slug = toc_slugify(name, "-")
        n = counts.get(slug, 0)
        counts[slug] = n + 1
        found.add(slug if n == 0 else f"{slug}_{n}")
    return found


def test_links_to_anchors_in_other_pages_exist() -> None:
    """MkDocs only reports a missing anchor at the info level, so a strict build lets it through."""
    broken = []
    for path in sorted(DOCS.rglob("*.md")):
        for target, fragment in re.findall(r"\]\(([^)#\s]+\.md)#([\w-]+)\)", read(path)):
            page = (path.parent / target).resolve()
            if not page.exists():
                broken.append(f"{path.relative_to(ROOT)}: {target} does not exist")
            elif fragment not in anchors_of(page):
                broken.append(f"{path.relative_to(ROOT)}: no anchor #{fragment} in {target}")
    assert not broken, "\n".join(broken)


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!ENV` tags the plain safe loader refuses."""


ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


def nav_files(entries: object) -> list[str]:
    if isinstance(entries, str):
        return [entries]
    if isinstance(entries, list):
        return [f for entry in entries for f in nav_files(entry)]
    if isinstance(entries, dict):
        return [f for value in entries.values() for f in nav_files(value)]
    return []


def test_navigation_lists_the_course_in_order() -> None:
    config = yaml.load(read(ROOT / "mkdocs.yml"), Loader=ConfigLoader)
    files = nav_files(config["nav"])
    course = ["index.md", *[f"lessons/{n}" for n in LESSONS], "final-check.md"]
    listed = [f for f in files if f in course]
    assert listed == course, (
        f"the navigation should list the home page, the lessons in order, then the final check; it lists {listed}"
    )
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert not pages - set(files), f"pages missing from the navigation: {sorted(pages - set(files))}"
    assert [p for p in COURSE_PAGES if p.relative_to(DOCS).as_posix() not in files] == []


def test_the_final_check_and_the_facilitator_guide_give_the_pool_its_real_size() -> None:
    path = present([FINAL_CHECK])[0]
    text = read(path)
    found = list(find_blocks(text))
    pool = next(b.pool for b in found if b.pool is not None)
    size = sum(1 for b in found if b.source is not None and b.source.pool == pool.id)
    assert f"drawn from a larger set of {size}." in text
    guide = read(DOCS / "facilitator.md")
    assert f"10 of its {size}" in guide and f"lists all {size} with" in " ".join(guide.split())
