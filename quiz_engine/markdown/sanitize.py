"""Make the HTML of a question safe: whatever its author wrote, it can never run script in the page.

The question's whole rendered HTML (our form and the author's Markdown inside it) goes through nh3, a
binding of the Rust sanitiser ammonia, with an allow-list: the tags and attributes a rendered question
uses, and nothing that runs code (no script, no event handler, no `javascript:` URL, no style).
"""

from __future__ import annotations

import nh3

FORM_TAGS = {"form", "fieldset", "legend", "input", "label", "button", "noscript"}
TAGS = set(nh3.ALLOWED_TAGS) | FORM_TAGS
ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "id", "hidden", "role", "title", "lang", "dir"},
    "form": {"novalidate"},
    "input": {"type", "name", "value"},
    "label": {"for"},
    "button": {"type"},
    "code": {"class"},
}
GENERIC_PREFIXES = {"data-", "aria-"}


def sanitize(html: str) -> str:
    """The same HTML with everything that could run script taken out."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        generic_attribute_prefixes=GENERIC_PREFIXES,
        strip_comments=True,
    )
