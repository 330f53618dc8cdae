"""Make the author's text in a question safe: it can never run script in the page, nor pose as the quiz.

Each piece of author text (the question, an option, a feedback, the explanation, a hint...) goes through
nh3, a binding of the Rust sanitiser ammonia, on its own, with an allow-list: ordinary content tags and
attributes, and nothing that runs code (no script, no event handler, no `javascript:` URL, no style) or
that could take over the form (no form, input or button). Sanitising each piece on its own keeps a stray
end tag inside it from closing the question's form. Ids and classes the quiz itself relies on (`quiz…`,
`pool-…`, and the progress page's `journal`) are taken out of author markup, so that a stem cannot take
another question's id or pose as an explanation. Text that cannot hold markup (a match's choices in a
`<select>`, a scale's labels, a text question's answer) is set as text by the renderer, never as HTML.
"""

from __future__ import annotations

import nh3

TAGS = set(nh3.ALLOWED_TAGS)
ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "id", "title", "lang", "dir"},
}
RESERVED_PREFIXES = ("quiz", "pool-")
RESERVED_IDS = {"journal"}


def reserved(name: str) -> bool:
    """Whether an id or a class belongs to the quiz's own markup."""
    return name.lower().startswith(RESERVED_PREFIXES) or name.lower() in RESERVED_IDS


def _keep_ours(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return None if reserved(value) else value
    if attribute == "class":
        kept = " ".join(name for name in value.split() if not reserved(name))
        return kept or None
    return value


def sanitize(html: str) -> str:
    """The same HTML with everything that could run script, break the form or pose as the quiz taken out."""
    return nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, attribute_filter=_keep_ours, strip_comments=True, link_rel=None
    )
