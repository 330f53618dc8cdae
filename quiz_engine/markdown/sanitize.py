"""Make the author's text in a question safe: it can never run script in the page.

Each piece of author text (the question, an option, a feedback, the explanation) goes through nh3, a
binding of the Rust sanitiser ammonia, on its own, with an allow-list: ordinary content tags and
attributes, and nothing that runs code (no script, no event handler, no `javascript:` URL, no style) or
that could take over the form (no form, input or button). Sanitising each piece on its own keeps a stray
end tag inside it from closing the question's form.
"""

from __future__ import annotations

import nh3

TAGS = set(nh3.ALLOWED_TAGS)
ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "id", "title", "lang", "dir"},
}


def sanitize(html: str) -> str:
    """The same HTML with everything that could run script or break the form taken out."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, strip_comments=True, link_rel=None)
