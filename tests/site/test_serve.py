"""The workshop server (serve.py): gzip copies to browsers that accept them, long caching for versioned
files, ETag and 304 for pages; the bytes a browser gets decompress to the built files exactly."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import pytest

from quiz_engine.serve import SiteServer

WASM = "assets/pyodide/314.0.7/pyodide.asm.wasm"


@pytest.fixture(scope="module")
def workshop(site_dir: Path):
    server = SiteServer(site_dir).start()
    yield server.url
    server.stop()


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_build_writes_gzip_copies_of_the_large_files(site_dir: Path) -> None:
    wasm = site_dir / WASM
    assert gzip.decompress((site_dir / f"{WASM}.gz").read_bytes()) == wasm.read_bytes()
    assert (site_dir / f"{WASM}.gz").stat().st_size < wasm.stat().st_size / 2
    assert (site_dir / "lessons/02-love-stories/index.html.gz").is_file()
    assert '.gz"' not in (site_dir / "sw.js").read_text(encoding="utf-8"), "the offline copy holds no .gz"


def test_a_browser_that_accepts_gzip_gets_the_copy_and_the_same_bytes(workshop: str, site_dir: Path) -> None:
    status, headers, body = get(workshop + WASM, **{"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200 and headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
    assert headers["Content-Type"] == "application/wasm"
    assert int(headers["Content-Length"]) == len(body) < (site_dir / WASM).stat().st_size / 2
    assert gzip.decompress(body) == (site_dir / WASM).read_bytes()
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"  # its folder is its version


def test_a_browser_that_does_not_gets_the_file_as_it_is(workshop: str, site_dir: Path) -> None:
    status, headers, body = get(workshop + WASM, **{"Accept-Encoding": "identity"})
    assert status == 200 and "Content-Encoding" not in headers and headers["Vary"] == "Accept-Encoding"
    assert body == (site_dir / WASM).read_bytes()


def test_pages_are_revalidated_and_answered_304_when_unchanged(workshop: str, site_dir: Path) -> None:
    status, headers, body = get(workshop + "lessons/02-love-stories/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Cache-Control"] == "no-cache" and headers["ETag"]
    assert gzip.decompress(body) == (site_dir / "lessons/02-love-stories/index.html").read_bytes()
    again, headers_again, body_again = get(
        workshop + "lessons/02-love-stories/", **{"Accept-Encoding": "gzip", "If-None-Match": headers["ETag"]}
    )
    assert again == 304 and body_again == b"" and headers_again["ETag"] == headers["ETag"]
    # The uncompressed page has an ETag of its own: a cache never mixes the two.
    _, plain, _ = get(workshop + "lessons/02-love-stories/")
    assert plain["ETag"] != headers["ETag"]


def test_versioned_scripts_are_cached_for_a_year_and_others_are_not(workshop: str, site_dir: Path) -> None:
    page = (site_dir / "examples/choice/index.html").read_text(encoding="utf-8")
    script = page.split('src="../../assets/quiz/quiz.js', 1)[1].split('"', 1)[0]
    _, versioned, _ = get(f"{workshop}assets/quiz/quiz.js{script}")
    assert script.startswith("?v=") and versioned["Cache-Control"] == "public, max-age=31536000, immutable"
    _, unversioned, _ = get(workshop + "sw.js")
    assert unversioned["Cache-Control"] == "no-cache"
    assert get(workshop + "no-such-file.js")[0] == 404
