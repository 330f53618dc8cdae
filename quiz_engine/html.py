"""HTML as the build writes it: one way, with ElementTree. Text given to ``element`` is always text (it is
escaped), attributes are escaped, and ``to_html`` serialises as HTML. The author's Markdown reaches a page
only through the Markdown extension's own pipeline and its sanitiser, never through here."""

from __future__ import annotations

import xml.etree.ElementTree as etree


def element(tag: str, text: str | None = None, *children: etree.Element, **attrs: str) -> etree.Element:
    """An element; attribute names are written in Python style (``class_``, ``aria_live``, ``for_``)."""
    node = etree.Element(tag, {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()})
    if text is not None:
        node.text = text
    node.extend(children)
    return node


def to_html(node: etree.Element) -> str:
    return etree.tostring(node, encoding="unicode", method="html")
