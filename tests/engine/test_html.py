"""The one way the build writes HTML (quiz_engine/html.py): text and values escaped, void elements without
an end tag, script and style as written, JSON in single quotes, bare attributes."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest

from quiz_engine.html import attribute, element, from_xml, json_attribute, to_html

NASTY = 'it\'s <b>"bold"</b> & more'


class Parsed(HTMLParser):
    """What a browser's tokenizer reads: start tags with their attributes, and the text."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def test_text_and_double_quoted_values_are_escaped_as_html_escape_does() -> None:
    out = to_html(element("p", NASTY, title=NASTY, class_="x"))
    assert out == f'<p title="{html.escape(NASTY)}" class="x">{html.escape(NASTY)}</p>'
    parsed = Parsed(out)
    assert parsed.tags == [("p", {"title": NASTY, "class": "x"})] and parsed.text == NASTY


def test_json_attributes_are_single_quoted_and_read_back_as_written() -> None:
    data = {"say": NASTY, "n": [1, 2]}
    out = to_html(element("script", "", type="module", async_=True, data_quiz_nav=json_attribute(data)))
    assert out == (
        '<script type="module" async data-quiz-nav=\'{"say":"it&#39;s <b>\\"bold\\"</b> &amp; more","n":[1,2]}\'>'
        "</script>"
    )
    found = re.search(r"data-quiz-nav='([^']*)'", out)
    assert found and json.loads(found[1].replace("&#39;", "'").replace("&amp;", "&")) == data
    assert json.loads(Parsed(out).tags[0][1]["data-quiz-nav"] or "") == data


def test_void_elements_have_no_end_tag_and_take_no_content() -> None:
    link = element("link", rel="stylesheet", href="a.css?v=1&x")
    assert to_html(link) == '<link rel="stylesheet" href="a.css?v=1&amp;x">'
    assert to_html(element("p", "a", element("br"), "b")) == "<p>a<br>b</p>"
    with pytest.raises(ValueError):
        to_html(element("br", "text"))


def test_script_and_style_hold_their_text_as_written_and_never_close_early() -> None:
    assert to_html(element("style", "\na>b{x:'y'}\n")) == "<style>\na>b{x:'y'}\n</style>"
    assert to_html(element("script", 'f("<a>")&&1')) == '<script>f("<a>")&&1</script>'
    for tag in ("script", "style"):
        with pytest.raises(ValueError):
            to_html(element(tag, f"x</{tag.upper()}>"))


def test_bare_and_left_out_attributes() -> None:
    assert to_html(element("button", "Go", hidden=True, disabled=False, title=None)) == "<button hidden>Go</button>"
    assert attribute("async", "") == " async"
    assert attribute("data-quiz-course", 'a"b') == ' data-quiz-course="a&quot;b"'


def test_children_and_text_between_them_keep_their_order() -> None:
    node = element("div", "start ", element("em", "one"), " & ", element("em", "two"), " end", class_="c")
    assert to_html(node) == '<div class="c">start <em>one</em> &amp; <em>two</em> end</div>'


def test_trusted_svg_is_written_as_html() -> None:
    drawn = from_xml('<svg viewBox="0 0 2 2" class="code"><path fill="#fff" d="M0 0h2"/></svg>')
    svg = element("svg", None, *drawn, role="img", aria_label="QR code for a&b", **drawn.attrib)
    assert to_html(svg) == (
        '<svg role="img" aria-label="QR code for a&amp;b" viewBox="0 0 2 2" class="code">'
        '<path fill="#fff" d="M0 0h2"></path></svg>'
    )
