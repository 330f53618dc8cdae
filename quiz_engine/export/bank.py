"""The question bank of a docs folder: every page's questions, read by MkDocs as `mkdocs build` reads them.

The site's mkdocs.yml is loaded with MkDocs' own `load_config` (found beside the docs folder, or given), so
that the pages are the build's: MkDocs collects the files (`get_files`, with `exclude_docs` and drafts)
and sets each page's front matter aside; Python-Markdown's own preprocessors (the site's Markdown
extensions, as configured) prepare the text the `/// quiz` reader sees in the build. The file checks, the
id prefix and the cross-page id check are the plugin's (``quiz_engine.mkdocs.pages``), so that ids, lines,
messages and counts are the build's. A docs folder without a mkdocs.yml is read with MkDocs' defaults.
"""

from __future__ import annotations

import io
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..markdown.item_checks import ItemWarning, page_warnings
from ..markdown.source import Objective, PoolSource, QuestionSource, QuizSyntaxError, find_blocks, find_objectives

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
QUIZ_PREPROCESSOR = "quiz"  # the `/// quiz` reader's preprocessor: the text is read as it sees it
H1 = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t#]*$")
FENCE = re.compile(r"^[ ]*(`{3,}|~{3,})")


class BankError(Exception):
    """A docs folder that cannot be read at all: missing, not a folder, without Markdown files, or with a
    mkdocs.yml that MkDocs refuses."""


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
    config_file: Path | None = None
    """The mkdocs.yml read, or None when the folder was read with MkDocs' defaults."""

    def questions(self) -> list[tuple[Page, QuestionSource]]:
        return [(page, question) for page in self.pages for question in page.questions]

    def messages(self) -> list[str]:
        return [message for page in self.pages for message in page.messages()]

    def warnings(self) -> list[str]:
        return [warning for page in self.pages for warning in page.warnings()]

    @property
    def failed_pages(self) -> list[Page]:
        return [page for page in self.pages if page.errors]


def read_bank(root: Path | None = None, cwd: Path | None = None, *, config_file: Path | None = None) -> Bank:
    """Read every page of the docs folder ``root`` as the build of its site does; raise BankError if it is
    not a folder of Markdown files or its mkdocs.yml is refused.

    The site's config is ``config_file`` (its docs_dir replaced by ``root`` when both are given), else the
    mkdocs.yml beside ``root`` (or in the current folder) whose docs_dir is ``root``, else MkDocs' defaults.
    Without ``root``: the docs folder of the current folder's mkdocs.yml, or `docs`."""
    from ..mkdocs.pages import QuestionIds, site_pages

    cwd = cwd or Path.cwd()
    if root is not None:
        _check_folder(root, cwd)
    config = load_site_config(root, cwd, config_file)
    docs = Path(config.docs_dir)
    if root is None:
        root = Path(_shown(docs, cwd))
        _check_folder(root, cwd)
    reader = PageReader(config)
    with _mkdocs_log() as messages:
        files = site_pages(config)
    if not files:
        found = "".join(f"; {message}" for message in messages)
        raise BankError(f"{_shown(root, cwd)}: no Markdown files in this folder{found}")
    ids = QuestionIds()
    pages = []
    for file in files:
        page = reader.read(file, _shown(Path(file.abs_src_path or docs / file.src_path), cwd))
        page.questions, used = ids.keep_new(page.questions, page.shown)
        page.errors.extend(used)
        pages.append(page)
    config_path = Path(config.config_file_path) if config.config_file_path else None
    return Bank(root, [page for page in pages if page.blocks or page.errors or page.pools], config_path)


def load_site_config(root: Path | None, cwd: Path, config_file: Path | None = None) -> Any:
    """The site's MkDocs config, loaded and checked by MkDocs (see ``read_bank``)."""
    if config_file is not None:
        return _load(config_file, cwd, root)
    if root is None:
        here = next((cwd / name for name in CONFIG_NAMES if (cwd / name).is_file()), None)
        return _load(here, cwd, None) if here is not None else _defaults(cwd / "docs")
    folder = (cwd / root).resolve()
    for place in dict.fromkeys([folder.parent, cwd.resolve()]):
        candidate = next((place / name for name in CONFIG_NAMES if (place / name).is_file()), None)
        if candidate is None or not _names_docs(candidate, folder):
            continue
        return _load(candidate, cwd, None)
    return _defaults(folder)


class PageReader:
    """Reads pages for their questions with the site's Markdown: its extensions, as configured, and the
    quiz extension the plugin adds."""

    def __init__(self, config: Any) -> None:
        import markdown

        self.config = config
        extensions = list(config.markdown_extensions)
        quiz = config.plugins.get("quiz") if config.plugins else None
        if quiz is not None and quiz.config.enabled:
            quiz.on_config(config)  # adds the `/// quiz` extension, with its options, as in the build
            extensions = list(config.markdown_extensions)
        if not any(_is_quiz_extension(extension) for extension in extensions):
            from ..markdown.extension import QuizExtension

            extensions.append(QuizExtension())
        self.md = markdown.Markdown(extensions=extensions, extension_configs=config.mdx_configs or {})
        processors = self.md.preprocessors
        stop = processors.get_index_for_name(QUIZ_PREPROCESSOR) if QUIZ_PREPROCESSOR in processors else None
        self.preprocessors = list(processors)[:stop]
        blocks = self.md.parser.blockprocessors
        self.known_blocks = list(blocks["blocks"].blocks) if "blocks" in blocks else []

    def read(self, file: Any, shown: str) -> Page:
        """One page's questions, pools and errors, as the build reads them: bytes that are not UTF-8 and
        front matter that is not YAML are errors too; a file that cannot be read gives one error."""
        from mkdocs.structure.pages import Page as MkDocsPage

        from ..mkdocs.pages import first_line, id_prefix, read_page_file

        page = Page(Path(file.abs_src_path or file.src_path), shown, file.src_uri, title=Path(file.src_uri).stem)
        errors = read_page_file(file)
        page.errors.extend(errors)
        source_page = file.page if file.page is not None else MkDocsPage(None, file, self.config)
        with _mkdocs_log():
            source_page.read_source(self.config)
        markdown, meta = source_page.markdown or "", source_page.meta
        title = meta.get("title")
        start = first_line(file.content_string, markdown)
        text = self.prepare(markdown)
        page.title = (title if isinstance(title, str) and title.strip() else page_title(text)) or page.title
        page.objectives = find_objectives(text, start)
        for block in find_blocks(text, id_prefix(file.src_uri), start, keep_going=True, known_blocks=self.known_blocks):
            if block.kind == "quiz":
                page.blocks += 1
            if block.error is not None:
                page.errors.append(block.error)
            elif block.source is not None:
                page.questions.append(block.source)
            elif block.pool is not None:
                page.pools.append(block.pool)
        return page

    def prepare(self, markdown: str) -> str:
        """The page's Markdown as the `/// quiz` reader sees it in the build: after Python-Markdown's
        preprocessors that run before it (line ends, tabs and blank lines normalised; includes)."""
        self.md.reset()
        lines = markdown.split("\n")
        for processor in self.preprocessors:
            lines = processor.run(lines)
        return "\n".join(lines)


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


def _is_quiz_extension(extension: Any) -> bool:
    from ..markdown.extension import QuizExtension
    from ..mkdocs.plugin import OUR_EXTENSION_NAMES

    return isinstance(extension, QuizExtension) or (isinstance(extension, str) and extension in OUR_EXTENSION_NAMES)


def _check_folder(root: Path, cwd: Path) -> None:
    folder = cwd / root
    if not folder.exists():
        raise BankError(f"{_shown(folder, cwd)}: no such folder")
    if not folder.is_dir():
        raise BankError(f"{_shown(folder, cwd)}: not a folder; give the docs folder (the one mkdocs.yml names)")


def _names_docs(config_file: Path, folder: Path) -> bool:
    """Whether a config file's docs_dir is ``folder`` (read without loading the site's plugins)."""
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    try:
        with config_file.open(encoding="utf-8-sig") as handle:
            data = yaml_load(handle, get_yaml_loader())
    except Exception:  # a file MkDocs would refuse: load it, and MkDocs says why
        return True
    docs_dir = data.get("docs_dir", "docs") if isinstance(data, dict) else "docs"
    if not isinstance(docs_dir, str) or "INHERIT" in (data or {}):
        return True
    return (config_file.parent / docs_dir).resolve() == folder


def _load(config_file: Path, cwd: Path, docs: Path | None) -> Any:
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    path = cwd / config_file
    if not path.is_file():
        raise BankError(f"{_shown(path, cwd)}: no such file")
    overrides = {"docs_dir": str((cwd / docs).resolve())} if docs is not None else {}
    with _mkdocs_log() as messages, _in_folder(cwd):
        try:
            return load_config(str(path), **overrides)
        except (MkDocsException, OSError) as exc:
            said = [message for message in messages if message.startswith("ERROR")] or [str(exc)]
            reasons = "; ".join(
                message.split(": ", 1)[-1] if message.startswith("ERROR") else message for message in said
            )
            raise BankError(f"{_shown(path, cwd)}: MkDocs refuses it: {reasons}") from None


def _defaults(docs: Path) -> Any:
    """MkDocs' default config for a docs folder without mkdocs.yml."""
    from mkdocs.config import load_config

    with _mkdocs_log():
        return load_config(io.BytesIO(b"site_name: quiz-engine\n"), docs_dir=str(docs.resolve()))


@contextmanager
def _mkdocs_log() -> Iterator[list[str]]:
    """MkDocs' log messages while it reads (kept, not printed): `ERROR: message`, `WARNING: message`."""
    logger = logging.getLogger("mkdocs")
    kept: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                kept.append(f"{record.levelname}: {record.getMessage()}")

    handler = Keep()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield kept
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


@contextmanager
def _in_folder(folder: Path) -> Iterator[None]:
    """MkDocs resolves some paths (`!relative`, a theme's custom_dir) from the current folder."""
    here = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(here)


def _shown(path: Path, cwd: Path) -> str:
    try:
        return os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        return str(path)
