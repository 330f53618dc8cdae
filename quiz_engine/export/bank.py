"""The question bank of a docs folder: every page's questions, read as `mkdocs build` reads them.

Pages come in the build's order (MkDocs' walk of the folder: `index` first, then files, then folders;
hidden files and a top-level `templates/` left out). Each page's front matter is set aside and its
whitespace normalised as MkDocs and Python-Markdown do before the `/// quiz` blocks are read, so that line
numbers, implicit ids and messages are the build's. A question id already used on an earlier page is an
error, worded as the MkDocs plugin words it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..markdown.item_checks import ItemWarning, page_warnings
from ..markdown.source import (
    Objective,
    PoolSource,
    QuestionSource,
    QuizSyntaxError,
    decode_page,
    find_blocks,
    find_objectives,
    front_matter_error,
    slugify,
    unreadable,
)

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
TAB_LENGTH = 4  # Python-Markdown's default, which MkDocs keeps
STX, ETX = "\u0002", "\u0003"  # Python-Markdown's placeholder markers, removed from the source
H1 = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t#]*$")
FENCE = re.compile(r"^[ ]*(`{3,}|~{3,})")


class BankError(Exception):
    """A docs folder that cannot be read at all: missing, not a folder, or without Markdown files."""


@dataclass
class Page:
    """One Markdown file: its questions and pools in page order, and the errors in its blocks."""

    path: Path
    shown: str
    """The file's path as messages name it: relative to the current folder, as the build's are."""
    uri: str
    """The file's path in the docs folder, with `/`: `lessons/02-love-stories.md`."""
    title: str = ""
    questions: list[QuestionSource] = field(default_factory=list)
    pools: list[PoolSource] = field(default_factory=list)
    errors: list[QuizSyntaxError] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    blocks: int = 0
    """How many `/// quiz` blocks the page has, read or not."""

    def messages(self) -> list[str]:
        """The page's errors as the build prints them, in line order."""
        return [error.describe(self.shown) for error in sorted(self.errors, key=lambda e: e.line)]

    def warnings(self) -> list[str]:
        """What may make the page's questions measure less than they could (see ``item_checks``)."""
        found: list[ItemWarning] = page_warnings(self.questions, self.objectives)
        return [warning.describe(self.shown) for warning in found]


@dataclass
class Bank:
    """Every page of a docs folder that has a `/// quiz` block, in the build's order."""

    root: Path
    pages: list[Page]

    def questions(self) -> list[tuple[Page, QuestionSource]]:
        return [(page, question) for page in self.pages for question in page.questions]

    def messages(self) -> list[str]:
        return [message for page in self.pages for message in page.messages()]

    def warnings(self) -> list[str]:
        return [warning for page in self.pages for warning in page.warnings()]

    @property
    def failed_pages(self) -> list[Page]:
        return [page for page in self.pages if page.errors]


def markdown_files(root: Path) -> list[Path]:
    """The Markdown files of a docs folder in the order `mkdocs build` reads them."""
    found: list[Path] = []
    for folder, folders, files in os.walk(root, followlinks=True):
        here = Path(folder)
        relative = here.relative_to(root)
        folders[:] = sorted(
            name for name in folders if not name.startswith(".") and not (relative == Path(".") and name == "templates")
        )
        pages = sorted(
            (name for name in files if name.endswith(MARKDOWN_SUFFIXES) and not name.startswith(".")),
            key=lambda name: (os.path.splitext(name)[0] not in ("index", "README"), name),
        )
        stems = {os.path.splitext(name)[0] for name in pages}
        found.extend(here / name for name in pages if not (os.path.splitext(name)[0] == "README" and "index" in stems))
    return found


def read_bank(root: Path, cwd: Path | None = None) -> Bank:
    """Read every page of ``root``; raise BankError if it is not a folder of Markdown files."""
    cwd = cwd or Path.cwd()
    if not root.exists():
        raise BankError(f"{_shown(root, cwd)}: no such folder")
    if not root.is_dir():
        raise BankError(f"{_shown(root, cwd)}: not a folder; give the docs folder (the one mkdocs.yml names)")
    files = markdown_files(root)
    if not files:
        raise BankError(f"{_shown(root, cwd)}: no Markdown files in this folder")
    pages = [read_page(path, root, _shown(path, cwd)) for path in files]
    _check_unique_ids(pages)
    return Bank(root, [page for page in pages if page.blocks or page.errors or page.pools])


def read_page(path: Path, root: Path, shown: str) -> Page:
    """One page's questions, pools and errors, as the build reads them: bytes that are not UTF-8 and front
    matter that is not YAML are errors too; a file that cannot be read gives one error."""
    uri = path.relative_to(root).as_posix()
    page = Page(path, shown, uri, title=Path(uri).stem)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        page.errors.append(unreadable(exc))
        return page
    # As the build reads it: bytes that are not UTF-8 are an error, and the rest of the page is read.
    content, error = decode_page(raw)
    page.errors.extend(e for e in (error, front_matter_error(content)) if e is not None)
    text, first_line, meta = page_source(content)
    title = meta.get("title")
    page.title = (title if isinstance(title, str) and title.strip() else page_title(text)) or page.title
    prefix = slugify(Path(uri).with_suffix("").as_posix(), 40)
    page.objectives = find_objectives(text, first_line)
    for block in find_blocks(text, prefix, first_line, keep_going=True):
        if block.kind == "quiz":
            page.blocks += 1
        if block.error is not None:
            page.errors.append(block.error)
        elif block.source is not None:
            page.questions.append(block.source)
        elif block.pool is not None:
            page.pools.append(block.pool)
    return page


def page_source(content: str) -> tuple[str, int, dict]:
    """A page's Markdown as the `/// quiz` reader sees it in the build, the file line it starts on, and
    its front matter.

    MkDocs reads the file with universal newlines and sets the front matter aside (YAML between `---`
    lines, or MultiMarkdown `key: value` lines); Python-Markdown then normalises line ends, tabs and blank
    lines before the quiz preprocessor runs.
    """
    from mkdocs.utils.meta import get_data

    content = content.replace("\r\n", "\n").replace("\r", "\n")
    markdown, meta = get_data(content)
    offset = content[: len(content) - len(markdown)].count("\n") if content.endswith(markdown) else 0
    text = markdown.replace(STX, "").replace(ETX, "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(TAB_LENGTH)
    text = re.sub(r"(?<=\n) +\n", "\n", text)
    return text, offset + 1, meta


def page_title(text: str) -> str:
    """The text of a page's first level-1 heading outside code blocks, or ''."""
    fence: str | None = None
    for line in text.split("\n"):
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        heading = H1.match(line)
        if heading:
            return heading["title"].strip()
    return ""


def _check_unique_ids(pages: list[Page]) -> None:
    """Drop each question whose id an earlier question of the site has, with the build's error."""
    sites: dict[str, str] = {}
    for page in pages:
        kept = []
        for question in page.questions:
            if question.id in sites:
                page.errors.append(
                    QuizSyntaxError(
                        question.line,
                        f"the question id `{question.id}` is already used at {sites[question.id]}",
                        "give each question its own `id`",
                    )
                )
                continue
            sites[question.id] = f"{page.shown}:{question.line}"
            kept.append(question)
        page.questions = kept


def _shown(path: Path, cwd: Path) -> str:
    try:
        return os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        return str(path)
