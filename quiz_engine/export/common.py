"""What the exporters share: notes on what a format cannot say, links made absolute, plain titles."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit

import markdown as markdown_lib

from ..markdown.source import QuestionSource

LINK = re.compile(r"(?P<head>!?\[(?:[^\]\\]|\\.)*\]\()(?P<target><[^>\n]*>|[^)\s]+)(?P<tail>(?:\s+\"[^\"]*\")?\s*\))")
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Note:
    """Something of one question (or pool) that a format cannot say, and what was done instead."""

    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.message}"


@dataclass
class Exported:
    """A written question bank: its bytes, how many questions it holds, and the notes on what was lost."""

    data: bytes
    written: int = 0
    skipped: int = 0
    notes: list[Note] = field(default_factory=list)


def plain(text: str) -> str:
    """Inline Markdown as plain text, for names and titles: `*Two* [words](x.md)` -> `Two words`."""
    rendered = markdown_lib.markdown(text)
    return " ".join(html.unescape(TAG.sub("", rendered)).split())


def percent(share: float) -> str:
    """A share of 1 as a percentage with at most one decimal: 0.25 -> '25%', 1/3 -> '33.3%'."""
    return f"{share * 100:.1f}".rstrip("0").rstrip(".") + "%"


def page_url(uri: str) -> str:
    """The address of a page in the built site, relative to its root (MkDocs' directory URLs)."""
    path = posixpath.splitext(uri)[0]
    name = posixpath.basename(path)
    folder = posixpath.dirname(path)
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{path}/"


def _is_relative(target: str) -> bool:
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def site_links(markdown: str) -> list[str]:
    """The links and images of a Markdown text that point into the site (no scheme, no host)."""
    return [m["target"].strip("<>") for m in LINK.finditer(markdown) if _is_relative(m["target"].strip("<>"))]


def absolute_links(markdown: str, page_uri: str, site_url: str) -> str:
    """The text with each link into the site made absolute, as the built page at ``page_uri`` resolves it."""
    base = site_url if site_url.endswith("/") else f"{site_url}/"

    def absolute(match: re.Match[str]) -> str:
        target = match["target"].strip("<>")
        if not _is_relative(target):
            return match[0]
        path, _, anchor = target.partition("#")
        if not path:
            resolved = page_url(page_uri)
        elif path.startswith("/"):
            resolved = path.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), path))
            if resolved.endswith((".md", ".markdown")):
                resolved = page_url(resolved)
        url = urljoin(base, resolved) + (f"#{anchor}" if anchor else "")
        return f"{match['head']}{url}{match['tail']}"

    return LINK.sub(absolute, markdown)


def texts(source: QuestionSource) -> list[str]:
    """Every piece of the author's Markdown in a question."""
    return [source.title, source.stem, source.explanation, *source.hints] + [
        piece for part in source.parts for piece in (part.text, part.feedback, part.match)
    ]


def with_absolute_links(source: QuestionSource, page_uri: str, site_url: str) -> QuestionSource:
    """A copy of the question whose links into the site are absolute addresses under ``site_url``."""

    def fix(text: str) -> str:
        return absolute_links(text, page_uri, site_url) if text else text

    return replace(
        source,
        title=fix(source.title),
        stem=fix(source.stem),
        explanation=fix(source.explanation),
        hints=[fix(hint) for hint in source.hints],
        parts=[replace(part, text=fix(part.text), feedback=fix(part.feedback)) for part in source.parts],
    )


def prepare(source: QuestionSource, page_uri: str, site_url: str | None, fmt: str) -> tuple[QuestionSource, list[Note]]:
    """The question as a format gets it (links resolved when a site address is known), and the notes that
    both formats share: links and hints."""
    notes: list[Note] = []
    links = sorted({link for text in texts(source) for link in site_links(text)})
    if links and site_url:
        source = with_absolute_links(source, page_uri, site_url)
    elif links:
        shown = ", ".join(links[:3]) + (", ..." if len(links) > 3 else "")
        notes.append(
            Note(
                source.id,
                f"its links into the site ({shown}) stay relative and will not work in an LMS; "
                "give --site-url to make them absolute",
            )
        )
    if source.hints:
        count = len(source.hints)
        notes.append(
            Note(source.id, f"its {count} hint{'s' if count > 1 else ''} cannot be written in {fmt}; left out")
        )
    return source, notes
