"""Compressed copies of the site's files, for the workshop server (`serve.py`), which sends them to a
browser that accepts gzip. A room of phones on one wifi then downloads the Python runtime at about a
third of its size. Static hosts that compress by themselves (GitHub Pages) ignore the copies; the
offline service worker leaves them out.

The runtime's large files are the same in every build: their compressed copies are kept in the build
folder under a hash of their content, so a new build copies them instead of compressing them again.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
from pathlib import Path

COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".svg", ".wasm", ".xml", ".txt"}
MIN_SIZE = 1024
"""Smaller files gain nothing worth a second request header."""
CACHED_SIZE = 256 * 1024
"""Files from this size up are compressed once, into the build folder's cache."""


def write_compressed(site_dir: Path, cache_dir: Path) -> int:
    """Write ``name.gz`` beside every compressible file of ``site_dir`` that lacks an up-to-date one;
    return how many were written."""
    written = 0
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in COMPRESSIBLE or not path.is_file() or path.stat().st_size < MIN_SIZE:
            continue
        target = path.with_name(path.name + ".gz")
        if target.is_file() and target.stat().st_mtime >= path.stat().st_mtime:
            continue
        if path.stat().st_size >= CACHED_SIZE:
            shutil.copyfile(compressed_copy(path, cache_dir), target)
        else:
            target.write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
        written += 1
    return written


def compressed_copy(path: Path, cache_dir: Path) -> Path:
    """The cached gzip copy of a large file (made if missing), named by a hash of its content."""
    data = path.read_bytes()
    cached = cache_dir / f"{hashlib.sha256(data).hexdigest()[:24]}.gz"
    if not cached.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        staged = cached.with_name(f"{cached.name}.{os.getpid()}")
        staged.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        staged.replace(cached)
    return cached
