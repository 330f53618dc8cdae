"""Golden tests: Markdown with `/// quiz` blocks in, the exact HTML out.

To accept a deliberate change, run `UPDATE_GOLDEN=1 pytest tests/markdown` and review the diff.
"""

from __future__ import annotations

import os
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
