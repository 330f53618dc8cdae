"""How the site reads its pages for questions: one definition for the MkDocs plugin and the CLI.

The plugin runs inside `mkdocs build`; the CLI (``quiz_engine.export.bank``) loads the same mkdocs.yml and
calls the same functions, so that both see the same files, in the same order, with the same ids, lines
and errors:

- ``site_pages``: the Markdown pages `mkdocs build` builds (MkDocs' own file collection and exclusions);
- ``read_page_file``: a page's bytes read before MkDocs reads them (not UTF-8, front matter not YAML);
- ``id_prefix``: the prefix of the ids made for questions without an `id`;
- ``first_line``: the file line the Markdown starts on, after the front matter;
- ``QuestionIds``: every question id of the site once; a second use is an error naming the first.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel, get_files

from ..markdown.source import QuestionSource, QuizSyntaxError, decode_page, front_matter_error, slugify, unreadable

ID_PREFIX_LENGTH = 40


def site_pages(config: MkDocsConfig) -> list[File]:
    """The Markdown files `mkdocs build` makes pages of, in the order it reads them (its walk of docs_dir:
    `index` first, then files, then folders; `exclude_docs` and drafts left out)."""
    return list(get_files(config).documentation_pages(inclusion=InclusionLevel.is_included))


def id_prefix(src_uri: str) -> str:
    """The prefix of the implicit ids of a page's questions: `lessons/02-love-stories.md` ->
    `lessons-02-love-stories`."""
    return slugify(PurePosixPath(src_uri).with_suffix("").as_posix(), ID_PREFIX_LENGTH)


def read_page_file(file: File) -> list[QuizSyntaxError]:
    """Read a page's file before MkDocs does, and what is wrong with the file itself.

    Bytes that are not UTF-8 (a page saved in another encoding) would stop MkDocs with a traceback; they
    become an error with the file's line, and the page is read with U+FFFD in their place (set as the
    file's `content_string`, which MkDocs then reads). Front matter that is not YAML, which MkDocs would
    show as text without a word, is an error too. A file that cannot be read gives one error, and an
    empty page."""
    try:
        raw = file.content_bytes
    except OSError as exc:
        file.content_string = ""
        return [unreadable(exc)]
    text, error = decode_page(raw)
    errors = []
    if error is not None:
        errors.append(error)
        file.content_string = text
    front_matter = front_matter_error(text)
    if front_matter is not None:
        errors.append(front_matter)
    return errors


def first_line(source: str, markdown: str) -> int:
    """The line of the file ``source`` that its Markdown (``markdown``: what is left once MkDocs has set
    the front matter aside) starts on."""
    return (source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0) + 1


def display_path(file: File, base: Path) -> str:
    """The page's file as messages name it: relative to ``base`` (mkdocs.yml's folder for the build)."""
    absolute = file.abs_src_path or str(Path(file.src_dir or "") / file.src_path)
    try:
        return os.path.relpath(absolute, base)
    except ValueError:  # another drive on Windows
        return absolute


class QuestionIds:
    """Every question id of the site and where it is first used (`docs/a.md:3`), in the order the pages
    are read."""

    def __init__(self) -> None:
        self.sites: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.sites)

    def claim(self, question: QuestionSource, shown: str) -> QuizSyntaxError | None:
        """Record the question, on the page named ``shown``; the error if an earlier one has its id."""
        if question.id in self.sites:
            return QuizSyntaxError(
                question.line,
                f"the question id `{question.id}` is already used at {self.sites[question.id]}",
                "give each question its own `id`",
            )
        self.sites[question.id] = f"{shown}:{question.line}"
        return None

    def keep_new(
        self, questions: list[QuestionSource], shown: str
    ) -> tuple[list[QuestionSource], list[QuizSyntaxError]]:
        """The questions whose ids are new to the site (now claimed), and an error for each other one."""
        kept, errors = [], []
        for question in questions:
            error = self.claim(question, shown)
            if error is None:
                kept.append(question)
            else:
                errors.append(error)
        return kept, errors
