"""MkDocs hook: accessibility fixes to Material's own markup that its configuration cannot make.

- Material's search box is a `role="dialog"` without a name, which axe-core reports (aria-dialog-name):
  give it the name of the search field's label (in the page's language).
- Material marks links in running text by colour alone, which axe-core reports (link-in-text-block):
  underline the links in paragraphs and lists of the content; and in dark mode a link's code sits on a
  grey that its colour does not contrast with (color-contrast): drop that grey. The rules are inlined:
  no extra request.
"""

from __future__ import annotations

import html
import logging
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from quiz_engine.html import attribute, element, to_html

log = logging.getLogger("mkdocs.hooks.accessibility")

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_LABEL = re.compile(r'class="md-search__input"[^>]*?aria-label="([^"]*)"')


LINK_STYLE = to_html(
    element(
        "style",
        ".md-typeset :is(p,li,td,dd)>a:not(.md-button,.headerlink)"
        "{text-decoration:underline;text-underline-offset:.15em}"
        "[data-md-color-scheme=slate] .md-typeset a>code{background-color:transparent}",
    )
)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = output.replace("</head>", LINK_STYLE + "</head>", 1)
    if SEARCH_DIALOG not in output:
        if 'data-md-component="search"' in output:
            log.warning("Material's search markup changed: check site_hooks/accessibility.py")
        return output
    label = SEARCH_LABEL.search(output)
    name = html.unescape(label.group(1)) if label else "Search"  # the label as Material wrote it, read back
    named = SEARCH_DIALOG.replace('role="dialog"', 'role="dialog"' + attribute("aria-label", name))
    return output.replace(SEARCH_DIALOG, named, 1)
