"""MkDocs hook: accessibility fixes to Material's own markup that its configuration cannot make.

- Material's search box is a `role="dialog"` without a name, which axe-core reports (aria-dialog-name):
  give it the name of the search field's label (in the page's language).
"""

from __future__ import annotations

import html
import logging
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.accessibility")

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_LABEL = re.compile(r'class="md-search__input"[^>]*?aria-label="([^"]*)"')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if SEARCH_DIALOG not in output:
        if 'data-md-component="search"' in output:
            log.warning("Material's search markup changed: check site_hooks/accessibility.py")
        return output
    label = SEARCH_LABEL.search(output)
    name = label.group(1) if label else html.escape("Search")
    named = SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{name}"')
    return output.replace(SEARCH_DIALOG, named, 1)
