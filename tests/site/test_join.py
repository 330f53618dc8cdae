"""The join page: the site's address as text and as a QR code of that address, drawn at build time."""

from __future__ import annotations

import html
import re
from pathlib import Path

import segno

from tests.site.test_build import make_project, mkdocs


def qr_modules(svg: str) -> set[tuple[int, int]]:
    """The dark modules of a QR code drawn by segno as one SVG path of horizontal runs."""
    path = re.search(r'<path class="qrline"[^>]* d="([^"]+)"', svg)[1]
    dark: set[tuple[int, int]] = set()
    x = y = 0.0
    for command, numbers in re.findall(r"([MmHh])([^MmHh]+)", path):
        values = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", numbers)]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            length = values[0] if command == "h" else values[0] - x
            dark.update((int(y - 0.5), int(x + step)) for step in range(int(length)))
            x += length
    return dark


def expected_modules(url: str, border: int = 4) -> set[tuple[int, int]]:
    matrix = segno.make(url, error="m", micro=False).matrix
    return {(row + border, col + border) for row, line in enumerate(matrix) for col, bit in enumerate(line) if bit}


def test_the_join_page_shows_the_site_address_and_a_qr_code_of_it(site_dir: Path, base_url: str) -> None:
    page = (site_dir / "join/index.html").read_text(encoding="utf-8")
    address = re.search(r'<p class="quiz-join__address"><a href="([^"]+)">([^<]+)</a></p>', page)
    assert address and html.unescape(address[2]) == base_url
    svg = re.search(r"<svg [^>]*quiz-join__code.*?</svg>", page, re.DOTALL)[0]
    assert f'role="img" aria-label="QR code for {base_url}"' in svg
    assert qr_modules(svg) == expected_modules(base_url)
    assert "/// quiz-join" not in page and "data-quiz-join" not in page


def test_a_join_block_can_give_its_own_address(tmp_path: Path) -> None:
    laptop = "http://192.168.1.20:8000/"
    project = make_project(tmp_path, {"index.md": f"# Join\n\n/// quiz-join\n    url: {laptop}\n\nWelcome.\n///\n"})
    result = mkdocs(project, "build")
    assert result.returncode == 0, result.stderr
    page = (project / "site/index.html").read_text(encoding="utf-8")
    assert qr_modules(page) == expected_modules(laptop)
    assert f">{laptop}</a>" in page and "<p>Welcome.</p>" in page


def test_a_join_block_without_an_address_stops_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"index.md": "# Join\n\n/// quiz-join\n///\n"})
    result = mkdocs(project, "build")
    assert result.returncode == 1
    assert "docs/index.md: the join page needs the site's full address" in result.stderr
    assert "set `site_url` in mkdocs.yml" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
