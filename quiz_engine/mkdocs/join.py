"""The join page: the site's address as text and as a QR code, drawn at build time as inline SVG.

A facilitator puts it on the projector; participants scan it with a phone's camera. The code is black
on white in both colour schemes (inverted codes defeat many scanners) and is made with segno.

A block that shows the site's own address (`site_url`) is marked with it, and the page gets `join.js`:
when the page is opened from another address (a laptop serving the archive on the room's wifi, while the
site was built for http://127.0.0.1:8000/), the browser shows that address and draws its QR code
instead. A block whose address the author wrote (`url:`) is left as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import segno

from ..html import element, from_xml, to_html
from ..markdown.extension import JOIN_PLACEHOLDER

# Not HTML building: finds the extension's placeholder in the rendered page.
PLACEHOLDER = re.compile(rf'<div {JOIN_PLACEHOLDER}="(?P<url>[^"]*)">.*?</div>', re.DOTALL)

STYLE = """
.quiz-join{text-align:center}
.quiz-join__code{display:block;width:min(55vh,85vw,26rem);height:auto;margin:1rem auto;background:#fff}
.quiz-join__address{font-size:clamp(1.2rem,4vw,2.4rem);font-weight:700;overflow-wrap:anywhere}
"""


class JoinError(ValueError):
    """The join block has no usable address; the message says how to give one."""


def address_of(url: str) -> str:
    """A checked absolute http(s) address, or JoinError."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise JoinError(
            f"the join page needs the site's full address, not {url.strip()!r}: set `site_url` in mkdocs.yml "
            "(or SITE_URL when you build), or write `url: https://...` under `/// quiz-join`"
        )
    return url.strip()


def join_html(url: str, labels: dict[str, str], *, site: bool = False) -> str:
    """The address and its QR code as HTML; with ``site``, marked as the site's own address, which the
    browser replaces by the one the page is opened from when they differ (see join.js)."""
    code = segno.make(url, error="m", micro=False)
    label = labels["join.code"].format(url=url)
    drawn = from_xml(
        code.svg_inline(scale=1, border=4, dark="#000", light="#fff", omitsize=True, svgclass="quiz-join__code")
    )
    svg = element("svg", None, *drawn, role="img", aria_label=label, **drawn.attrib)
    here = element(
        "div",
        None,
        svg,
        element("p", labels["join.caption"], class_="quiz-join__caption"),
        element("p", None, element("a", url, href=url), class_="quiz-join__address"),
        class_="quiz-join__here",
        data_quiz_join_site=url if site else None,
        data_quiz_join_label=labels["join.code"] if site else None,
    )
    return to_html(element("style", STYLE)) + to_html(here)


def fill_join_blocks(
    page_html: str, site_url: str, labels: dict[str, str], script: Callable[[], str] | None = None
) -> str:
    """Draw every `/// quiz-join` placeholder of a page; raise JoinError if one has no address.

    ``script`` gives the `<script>` tag of join.js, added once after the page's content when a block
    shows the site's own address.
    """
    own_address = False

    def fill(match: re.Match[str]) -> str:
        nonlocal own_address
        written = html.unescape(match["url"]).strip()  # the placeholder's value, as the page wrote it
        own_address = own_address or not written
        return join_html(address_of(written or site_url), labels, site=not written)

    filled = PLACEHOLDER.sub(fill, page_html)
    return filled + script() if own_address and script is not None else filled
