"""A Markdown page as the quiz reads it before any other processing: its bytes as text, its front
matter, its learning objectives, and plain text and slugs from Markdown."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import yaml

from ..types.syntax import QuizSyntaxError
from .scan import FENCE


def decode_page(raw: bytes) -> tuple[str, QuizSyntaxError | None]:
    """A page's bytes as MkDocs reads them: UTF-8, with or without a byte order mark, line ends made `\n`.

    Bytes that are not UTF-8 give an error that names the line of the first, and the text with U+FFFD in
    their place, so that the rest of the page can still be read and shown.
    """
    skip = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    error = None
    try:
        text = raw[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        start = skip + exc.start
        line = len(re.split(rb"\r\n|\r|\n", raw[:start]))
        error = QuizSyntaxError(line, f"this file is not UTF-8 text ({exc.reason} at byte {start})", "save it as UTF-8")
        text = raw[skip:].decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n"), error


def unreadable(exc: OSError) -> QuizSyntaxError:
    """The error for a page that cannot be read at all."""
    return QuizSyntaxError(1, f"this file cannot be read ({exc.strerror})", "check its permissions")


FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""YAML front matter, as MkDocs finds it (mkdocs.utils.meta)."""


def front_matter_error(text: str) -> QuizSyntaxError | None:
    """The error for front matter that is not valid YAML, which MkDocs would ignore without a word and show
    in the page as text; None if the page has none or it is valid. ``text``: as ``decode_page`` gives it."""
    found = FRONT_MATTER.match(text)
    if found is None:
        return None
    try:
        yaml.safe_load(found.group(1))
    except (yaml.YAMLError, RecursionError) as exc:  # brackets nested a thousand deep exhaust the parser
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or (
            "nested too deeply" if isinstance(exc, RecursionError) else "cannot be read"
        )
        last = text[: found.end()].count("\n")
        return QuizSyntaxError(
            2 + (mark.line if mark is not None else 0),
            f"the front matter (lines 1 to {last}) is not valid YAML ({problem}), so MkDocs would ignore it "
            "and show it in the page as text",
            "write one `key: value` per line, with quotes around a value that holds `: ` or starts with "
            "`[`, `{`, `*`, `&` or `!`; or remove the `---` lines if this is not front matter",
        )
    return None


def slugify(text: str, limit: int = 48) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug.strip("-")


MARKUP = re.compile(r"[*_`~]|\[([^\]]*)\]\([^)]*\)")


def plain(markdown: str) -> str:
    """Inline Markdown as plain text, for words shown outside their page (titles, objectives)."""
    return " ".join(MARKUP.sub(lambda m: m.group(1) or "", markdown).split())


OBJECTIVES_HEADING = re.compile(r"^#{2}[ ]+Learning objectives[ ]*#*[ ]*$", re.I)

HEADING = re.compile(r"^#{1,6}[ ]")

TOP_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])[ ]+(?P<text>.*?)[ ]*$")


@dataclass
class Objective:
    """One item of a page's `## Learning objectives` list: its number (from 1), line and text."""

    number: int
    line: int
    text: str


def find_objectives(text: str, first_line: int = 1) -> list[Objective]:
    """The numbered learning objectives of a page: the items of the list under `## Learning objectives`.

    An item's indented continuation lines belong to it; fenced code is skipped; the list ends at the next
    heading or at the first other text after it. A page without that heading has no objectives.
    """
    objectives: list[Objective] = []
    inside = False
    fence: str | None = None
    for index, line in enumerate(text.split("\n")):
        fence_match = FENCE.match(line)
        if fence is not None:
            if fence_match and fence_match["fence"][0] == fence[0] and len(fence_match["fence"]) >= len(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match["fence"]
            continue
        if HEADING.match(line):
            if inside:
                break
            inside = bool(OBJECTIVES_HEADING.match(line))
            continue
        if not inside:
            continue
        item = TOP_ITEM.match(line)
        if item:
            objectives.append(Objective(len(objectives) + 1, index + first_line, item["text"]))
        elif objectives and line.startswith(" ") and line.strip():
            objectives[-1].text += " " + line.strip()
        elif objectives and line.strip():
            break  # the first paragraph (or block) after the list ends it
    return objectives
