"""The join page: the site's address as text and as a QR code of that address, drawn at build time; the
script that shows the address the page is opened from when it differs; the archive's warning when the
site was built for an address no phone can open. (The browser side: tests/browser/test_offline.py.)"""

from __future__ import annotations

import hashlib
import html
import re
import subprocess
import sys
from pathlib import Path

import segno

from quiz_engine.serve import unreachable_address_warning
from tests.site.test_build import make_project, mkdocs
from tests.support import ROOT


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


def expected_modules(url: str, border: int = 4, **options: object) -> set[tuple[int, int]]:
    matrix = segno.make(url, **{"error": "m", "micro": False, **options}).matrix
    return {(row + border, col + border) for row, line in enumerate(matrix) for col, bit in enumerate(line) if bit}


MASKS = [  # the eight data masks of ISO/IEC 18004 (row i, column j): a module is flipped where true
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0,
]


def _gf_tables() -> tuple[list[int], list[int]]:
    exp, log, value = [0] * 512, [0] * 256, 1
    for power in range(255):
        exp[power], log[value] = value, power
        value = value << 1 ^ (0x11D if value & 0x80 else 0)
    exp[255:510] = exp[:255]
    return exp, log


EXP, LOG = _gf_tables()


def error_correction(data: list[int], count: int) -> list[int]:
    """The Reed-Solomon error correction codewords QR codes append to a block of data codewords."""
    generator = [1]
    for power in range(count):
        generator = [
            (generator[k] if k < len(generator) else 0) ^ (EXP[LOG[generator[k - 1]] + power] if k else 0)
            for k in range(len(generator) + 1)
        ]
    remainder = [*data, *[0] * count]
    for index in range(len(data)):
        if coefficient := remainder[index]:
            for k in range(1, len(generator)):
                remainder[index + k] ^= EXP[LOG[generator[k]] + LOG[coefficient]]
    return remainder[len(data) :]


def decode_qr(modules: set[tuple[int, int]], border: int = 4) -> str:
    """The text a QR code holds, read from its dark modules as a scanner reads a clean image: the format
    (error level and mask, in the 30 modules beside the finders), the unmasked data modules in their
    zigzag order, the blocks de-interleaved and each checked against its error correction codewords,
    then the byte-mode segment. Any encoder's code can be read, whatever mask it chose: the browser's
    library and segno may choose differently for the same text. (segno gives the format modules of each
    level and mask, the alignment positions and the table of blocks; the reading is this function's.)"""
    from segno import consts

    size = max(col for _, col in modules) - border + 1
    version = (size - 17) // 4

    def dark(row: int, col: int) -> bool:
        return (row + border, col + border) in modules

    last = size - 1
    format_at = [(8, c) for c in (0, 1, 2, 3, 4, 5, 7, 8)] + [(r, 8) for r in (7, 5, 4, 3, 2, 1, 0)]
    format_at += [(8, c) for c in range(size - 8, size)] + [(r, 8) for r in range(size - 7, size)]
    for error, mask in ((error, mask) for error in "LMQH" for mask in range(8)):
        reference = segno.make("0", version=version, error=error, mask=mask, boost_error=False).matrix
        if all(dark(r, c) == bool(reference[r][c]) for r, c in format_at):
            break
    else:
        raise AssertionError("no format information a scanner could read")
    corners = {(r, c) for r in range(9) for c in range(9)}  # finders, separators, format, dark module
    corners |= {(r, c) for r in range(9) for c in range(size - 8, size)}
    corners |= {(r, c) for r in range(size - 8, size) for c in range(9)}
    function = corners | {(r, c) for r in range(size) for c in range(size) if r == 6 or c == 6}  # timing
    centres = consts.ALIGNMENT_POS[version - 2] if version > 1 else ()  # the table starts at version 2
    for r0, c0 in ((r, c) for r in centres for c in centres if (r, c) not in corners):
        function |= {(r0 + dr, c0 + dc) for dr in range(-2, 3) for dc in range(-2, 3)}
    if version >= 7:  # version information, beside the top-right and bottom-left finders
        function |= {(r, c) for r in range(6) for c in range(size - 11, size - 8)}
        function |= {(r, c) for r in range(size - 11, size - 8) for c in range(6)}
    bits, upward = [], True
    for right in range(last, 0, -2):  # column pairs from the right, up then down; column 6 is timing
        right = right - 1 if right <= 6 else right
        for row in range(last, -1, -1) if upward else range(size):
            for col in (right, right - 1):
                if (row, col) not in function:
                    bits.append(dark(row, col) ^ MASKS[mask](row, col))
        upward = not upward
    words = (int("".join("1" if bit else "0" for bit in bits[i : i + 8]), 2) for i in range(0, len(bits) - 7, 8))
    blocks = consts.ECC[version][consts.ERROR_MAPPING[error]]
    shapes = [(ec.num_data, ec.num_total - ec.num_data) for ec in blocks for _ in range(ec.num_blocks)]
    data: list[list[int]] = [[] for _ in shapes]
    checks: list[list[int]] = [[] for _ in shapes]
    for index in range(max(length for length, _ in shapes)):
        for block, (length, _) in enumerate(shapes):
            if index < length:
                data[block].append(next(words))
    for _ in range(shapes[0][1]):
        for block in range(len(shapes)):
            checks[block].append(next(words))
    for block, (_, count) in enumerate(shapes):
        assert error_correction(data[block], count) == checks[block], "its error correction does not match its data"
    stream = "".join(f"{byte:08b}" for block in data for byte in block)
    assert stream[:4] == "0100", "the code holds one byte-mode segment, as an address is encoded"
    width = 8 if version < 10 else 16
    length = int(stream[4 : 4 + width], 2)
    text = bytes(int(stream[4 + width + 8 * k : 12 + width + 8 * k], 2) for k in range(length))
    assert set(stream[4 + width + 8 * length :][:4]) <= {"0"}, "the segment ends where its length says"
    return text.decode("utf-8")


def join_script(page: str) -> str | None:
    found = re.search(r'<script type="module" src="(?:\.\./)*assets/quiz/join\.js\?v=([0-9a-f]{12})"></script>', page)
    return found and found[1]


def test_the_join_page_shows_the_site_address_and_a_qr_code_of_it(site_dir: Path, base_url: str) -> None:
    page = (site_dir / "join/index.html").read_text(encoding="utf-8")
    address = re.search(r'<p class="quiz-join__address"><a href="([^"]+)">([^<]+)</a></p>', page)
    assert address and html.unescape(address[2]) == base_url
    svg = re.search(r"<svg [^>]*quiz-join__code.*?</svg>", page, re.DOTALL)[0]
    assert f'role="img" aria-label="QR code for {base_url}"' in svg
    assert qr_modules(svg) == expected_modules(base_url)
    assert decode_qr(qr_modules(svg)) == base_url
    assert "/// quiz-join" not in page and "data-quiz-join=" not in page


def test_the_join_page_loads_the_script_that_shows_the_address_it_is_opened_from(site_dir: Path, base_url: str) -> None:
    page = (site_dir / "join/index.html").read_text(encoding="utf-8")
    block = re.search(r'<div class="quiz-join__here"([^>]*)>', page)[1]
    assert f'data-quiz-join-site="{base_url}"' in block, "the block says which address the build drew"
    assert 'data-quiz-join-label="QR code for {url}"' in block, "the script labels its code as the build does"
    version = join_script(page)
    assert version, "the join page loads join.js with a version"
    script, library = site_dir / "assets/quiz/join.js", site_dir / "assets/quiz/qrcode.mjs"
    pinned = ROOT / "node_modules/qrcode-generator/dist/qrcode.mjs"
    assert script.read_bytes() == (ROOT / "quiz_engine/web/join.js").read_bytes()
    assert library.read_bytes() == pinned.read_bytes(), "the QR code library is npm's, as package-lock.json pins it"
    assert hashlib.sha256(script.read_bytes() + library.read_bytes()).hexdigest()[:12] == version
    assert "Copyright (c) 2009 Kazuhiko Arase" in library.read_text(encoding="utf-8")  # its MIT notice travels
    others = [path for path in site_dir.rglob("*.html") if path != site_dir / "join/index.html"]
    assert others and not [path for path in others if "join.js" in path.read_text(encoding="utf-8")]
    assert "assets/quiz/join.js" in (site_dir / "sw.js").read_text(encoding="utf-8"), "it works offline too"


def test_a_join_block_can_give_its_own_address(tmp_path: Path) -> None:
    laptop = "http://192.168.1.20:8000/"
    project = make_project(tmp_path, {"index.md": f"# Join\n\n/// quiz-join\n    url: {laptop}\n\nWelcome.\n///\n"})
    result = mkdocs(project, "build")
    assert result.returncode == 0, result.stderr
    page = (project / "site/index.html").read_text(encoding="utf-8")
    assert qr_modules(page) == expected_modules(laptop)
    assert f">{laptop}</a>" in page and "<p>Welcome.</p>" in page
    # The author's own address is kept wherever the page is opened: no script, no QR code library.
    assert "data-quiz-join-site" not in page and join_script(page) is None
    assert (
        not (project / "site/assets/quiz/join.js").exists() and not (project / "site/assets/quiz/qrcode.mjs").exists()
    )


def test_packing_a_site_built_for_this_machine_warns_that_phones_cannot_open_it(tmp_path: Path) -> None:
    def pack(site_url: str) -> subprocess.CompletedProcess[str]:
        project = make_project(
            tmp_path / site_url.split("/")[2].replace(":", "-"), {"index.md": "# Join\n\n/// quiz-join\n///\n"}
        )
        with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
            config.write(f"site_url: {site_url}\n")
        built = mkdocs(project, "build")
        assert built.returncode == 0, built.stderr
        page = (project / "site/index.html").read_text(encoding="utf-8")
        assert qr_modules(page) == expected_modules(site_url) and join_script(page)
        command = [sys.executable, "-m", "quiz_engine.serve", "site", "--pack", "course-site.zip"]
        return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=120)

    packed = pack("http://127.0.0.1:8000/")
    assert packed.returncode == 0, "a warning, not a failure"
    assert "Wrote course-site.zip" in packed.stdout
    assert packed.stderr.startswith("warning: the site was built for http://127.0.0.1:8000/ (no SITE_URL given)")
    assert "no phone can open" in packed.stderr and "SITE_URL=http://LAPTOP-ADDRESS:8000/ make archive" in packed.stderr
    assert packed.stderr.count("\n") == 1, "one line"
    assert pack("http://192.168.1.20:8000/").stderr == ""


def test_only_this_machine_s_own_addresses_are_unreachable(tmp_path: Path) -> None:
    for address, warned in [
        ("http://127.0.0.1:8000/", True),
        ("http://localhost:8000/course/", True),
        ("http://[::1]:8000/", True),
        ("http://0.0.0.0:8000/", True),
        ("http://192.168.1.20:8000/", False),
        ("https://example.org/course/", False),
    ]:
        (tmp_path / "sitemap.xml").write_text(f"<urlset><url><loc>{address}</loc></url></urlset>", encoding="utf-8")
        assert bool(unreachable_address_warning(tmp_path)) is warned, address
    (tmp_path / "sitemap.xml").unlink()
    assert unreachable_address_warning(tmp_path) is None, "a site that does not say is not warned about"


def test_a_join_block_without_an_address_stops_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"index.md": "# Join\n\n/// quiz-join\n///\n"})
    result = mkdocs(project, "build")
    assert result.returncode == 1
    assert "docs/index.md: the join page needs the site's full address" in result.stderr
    assert "set `site_url` in mkdocs.yml" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
