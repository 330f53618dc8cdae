"""HTML as the build writes it: one way, with ElementTree. ``element`` builds a node, ``to_html`` writes it.

- Text is always text: it is escaped as ``html.escape`` escapes it (``& < > " '``), so is a value written in
  double quotes. A value made by ``json_attribute`` is written in single quotes, escaping only ``&`` and
  ``'``: the JSON's own double quotes stay as they are, and the page's scripts read it back as written.
- Void elements (``<link>``, ``<br>``) have no end tag; ``<script>`` and ``<style>`` hold their text as it
  is (a text that would close them is refused); an empty value is written bare (``async``), which HTML
  reads as the same empty value.

The author's Markdown reaches a page only through the Markdown extension's own pipeline and its
sanitiser, never through here.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
RAW_TEXT = frozenset({"script", "style"})


class SingleQuoted(str):
    """An attribute value written in single quotes (see ``json_attribute``)."""


def json_attribute(data: Any) -> SingleQuoted:
    """``data`` as compact JSON, for an attribute written in single quotes."""
    return SingleQuoted(json.dumps(data, separators=(",", ":")))


def element(
    tag: str, text: str | None = None, *children: etree.Element | str, **attrs: str | bool | None
) -> etree.Element:
    """An element; attribute names are written in Python style (``class_``, ``aria_live``, ``async_``).

    A string among ``children`` is text that follows the child before it (``element("p", "a", br, "b")``);
    an attribute given ``True`` is written bare, one given ``False`` or ``None`` is left out.
    """
    node = etree.Element(tag)
    for name, value in attrs.items():
        if value is not None and value is not False:
            node.set(name.rstrip("_").replace("_", "-"), "" if value is True else value)
    node.text = text
    for child in children:
        if not isinstance(child, str):
            node.append(child)
        elif len(node):
            node[-1].tail = (node[-1].tail or "") + child
        else:
            node.text = (node.text or "") + child
    return node


def child(parent: etree.Element, tag: str, text: str | None = None, **attrs: str | bool | None) -> etree.Element:
    """``element(tag, text, **attrs)``, appended to ``parent`` (a tree that Python-Markdown writes)."""
    node = element(tag, text, **attrs)
    parent.append(node)
    return node


def from_xml(markup: str) -> etree.Element:
    """An element from trusted XML markup without namespaces (the inline SVG a library draws)."""
    return etree.fromstring(markup)


def attribute(name: str, value: str) -> str:
    """One attribute as ``to_html`` writes it, with its leading space."""
    if value == "":
        return f" {name}"
    if isinstance(value, SingleQuoted):
        quoted = value.replace("&", "&amp;").replace("'", "&#39;")
        return f" {name}='{quoted}'"
    return f' {name}="{html.escape(value)}"'


def to_html(node: etree.Element) -> str:
    """The element (and its tail) as HTML."""
    parts: list[str] = []
    _write(node, parts.append)
    return "".join(parts)


def _write(node: etree.Element, write: Callable[[str], object]) -> None:
    tag = node.tag
    if not isinstance(tag, str):
        raise TypeError(f"only elements are written as HTML, not {tag!r}")
    write(f"<{tag}{''.join(attribute(name, value) for name, value in node.items())}>")
    if tag in VOID:
        if node.text or len(node):
            raise ValueError(f"<{tag}> has no content")
    elif tag in RAW_TEXT:
        text = node.text or ""
        if len(node) or re.search(rf"</{tag}", text, re.IGNORECASE):
            raise ValueError(f"<{tag}> holds text only, and no </{tag}")
        write(f"{text}</{tag}>")
    else:
        write(html.escape(node.text or ""))
        for child in node:
            _write(child, write)
        write(f"</{tag}>")
    write(html.escape(node.tail or ""))
