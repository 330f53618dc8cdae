"""Golden tests: Markdown with `/// quiz` blocks in, the exact HTML out.

To accept a deliberate change, run `UPDATE_GOLDEN=1 pytest tests/markdown` and review the diff.
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.md"))
EXTENSIONS = ["quiz_engine.markdown", "admonition", "attr_list", "pymdownx.superfences"]


def render(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text) + "\n"


@pytest.mark.parametrize("source", CASES, ids=[c.stem for c in CASES])
def test_golden(source: Path) -> None:
    html = render(source.read_text(encoding="utf-8"))
    expected = source.with_suffix(".html")
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(html, encoding="utf-8")
    assert html == expected.read_text(encoding="utf-8")


def test_injection_leaves_no_script() -> None:
    html = render((GOLDEN / "injection.md").read_text(encoding="utf-8")).lower()
    for needle in (
        "<script",
        "onerror",
        "onclick",
        "onmouseover",
        "javascript:",
        "<iframe",
        "evil.example",
        "style=",
    ):
        assert needle not in html, needle
    assert html.count("<form") == 1
    assert "stem in html" in html


def test_the_extension_is_registered_under_its_short_name() -> None:
    html = markdown.markdown("/// quiz | Q?\n    type: true-false\n\n- [x] Yes\n- [ ] No\n///", extensions=["quiz"])
    assert '<form class="quiz quiz--true-false quiz--first"' in html


def test_same_markdown_instance_converts_pages_independently() -> None:
    md = markdown.Markdown(extensions=EXTENSIONS)
    first = md.convert((GOLDEN / "single.md").read_text(encoding="utf-8"))
    md.reset()
    second = md.convert("No questions here.")
    assert "quiz" in first and "quiz" not in second


class Elements(HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def test_no_field_of_any_type_can_run_script_or_pose_as_the_quiz() -> None:
    """Script payloads in every field that holds the author's words (injection-every-field.md): titles,
    stems, options, a match's items, right-hand sides and decoys, feedback, hints, explanations, order
    items, a scale's statements, labels and bands, a text question's answers, a reflection's prompt, a
    pool's title. What a browser would parse from the page holds no script, no handler and no javascript:
    URL, and author markup holds none of the quiz's own ids or classes."""
    html = render((GOLDEN / "injection-every-field.md").read_text(encoding="utf-8"))
    tags = Elements(html).tags
    assert not [tag for tag, _ in tags if tag in {"script", "iframe", "svg", "object", "embed"}]
    handlers = [(tag, name) for tag, attrs in tags for name in attrs if name.startswith("on")]
    assert handlers == []
    urls = [attrs.get(name, "") for _, attrs in tags for name in ("href", "src")]
    assert not [url for url in urls if url.strip().lower().startswith("javascript:")]
    ids = [attrs["id"] for _, attrs in tags if "id" in attrs]
    assert len(ids) == len(set(ids)), "an id is used twice"
    assert "journal" not in ids
    explanations = [attrs for _, attrs in tags if "quiz__explanation" in attrs.get("class", "").split()]
    assert [attrs["id"] for attrs in explanations] == [
        "quiz-golden-payload-match-explanation",
        "quiz-golden-payload-text-explanation",
    ]
    # The words themselves survive, as text, where markup cannot go.
    assert '<option value="m1">Right &lt;img' in html
    assert "Never &lt;img src='x' onerror='alert(1)'&gt;</label>" in html
    assert "<strong>answer &lt;img" in html
    assert 'class="other"' in html and "Stem that poses as the quiz" in html
