"""The site offline: a service worker at the site's root that caches every file of one build.

After a reader's first visit the pages, the scripts and the Python runtime are in the browser's cache,
so a workshop room with a poor connection, or none, keeps working. The cache's name is a hash of the
build's files: a new build writes a new worker, which fills a new cache and deletes the old one.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from mkdocs.utils import get_relative_url

from ..html import element, to_html
from .bundle import ASSETS, WEB_DIR, WEB_FILES

WORKER = "sw.js"
# Not cached ahead: source maps, compressed copies of the sitemap, and Lunr's language packs (Material
# loads one only for a site in another language; the worker caches it when it is first used).
SKIPPED_SUFFIXES = (".map", ".gz")
SKIPPED_FOLDERS = ("assets/javascripts/lunr/",)


def site_files(site_dir: Path, assets_version: str, left_out: frozenset[str] = frozenset()) -> list[str]:
    """Every file a reader may need, as the pages ask for it: folders for pages, `?v=` for our scripts;
    but those ``left_out`` (paths from the site's root)."""
    ours = {(ASSETS / name).as_posix() for name in WEB_FILES}
    files: list[str] = []
    for path in sorted(site_dir.rglob("*")):
        name = path.relative_to(site_dir).as_posix()
        if not path.is_file() or name == WORKER or name.endswith(SKIPPED_SUFFIXES):
            continue
        if name.startswith(SKIPPED_FOLDERS) or name in left_out:
            continue
        if name in ours:
            name = f"{name}?v={assets_version}"
        elif name == "index.html":
            name = "./"
        elif name.endswith("/index.html"):
            name = name.removesuffix("index.html")
        files.append(name)
    return files


def cache_name(site_dir: Path, files: list[str], site_url: str) -> str:
    """`quiz-site:<site path>:<hash of the build's files>`; the prefix tells this site's caches from others'."""
    digest = hashlib.sha256()
    for name in files:
        path = site_dir / name.split("?")[0]
        if path.is_dir():
            path = path / "index.html"
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return f"quiz-site:{site_url or '/'}:{digest.hexdigest()[:16]}"


def write_worker(site_dir: Path, assets_version: str, site_url: str, left_out: frozenset[str] = frozenset()) -> str:
    """Write the service worker into the site, to cache every file but those ``left_out``; return its
    cache name."""
    files = site_files(site_dir, assets_version, left_out)
    cache = cache_name(site_dir, files, site_url)
    header = f"const CACHE = {json.dumps(cache)};\nconst FILES = {json.dumps(files, indent=0)};\n\n"
    (site_dir / WORKER).write_text(header + (WEB_DIR / WORKER).read_text(encoding="utf-8"), encoding="utf-8")
    return cache


REGISTER_DELAY_MS = 5000
# Copying the site keeps about one core busy for half a second or more (the service worker's thread, the
# browser's cache and the server); started the moment Python is ready, it slows what the reader does
# first, such as following a link (instant navigation just after it took ~1.4x as long, on 2 cores).
READY_DELAY_MS = 2000


def registration(page_url: str) -> str:
    """The snippet every page carries: register the worker once the page has settled (a little after
    Python is ready, or a few seconds after the page has loaded), so that copying the site never competes
    with the page's first paint, its scripts, Python's start or the reader's first steps once it is up."""
    url = json.dumps(get_relative_url(WORKER, page_url))
    code = (
        '"serviceWorker"in navigator&&addEventListener("load",()=>{let r=()=>{r=()=>{};'
        f"navigator.serviceWorker.register({url}).catch(()=>{{}})}};setTimeout(()=>r(),{REGISTER_DELAY_MS});"
        f'addEventListener("quiz:engine-ready",()=>setTimeout(()=>r(),{READY_DELAY_MS}),{{once:true}})}})'
    )
    return to_html(element("script", code))
