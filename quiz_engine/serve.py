"""A static file server for a built site: `.wasm` as application/wasm, optionally under a sub-path.

Any plain static host works for the site; this one is for a laptop in a workshop room, for the tests and
for the benchmarks. It serves the site at the root and again under ``subpath`` (as GitHub Pages serves a
project site under ``/REPO/``). It uses the standard library only, so it also runs on its own: `--pack`
writes the built site and this file into one zip archive, which a laptop with Python serves with
`python3 serve.py --host 0.0.0.0`.

For a room of phones on one wifi: a file is sent as its gzip copy (`name.gz`, written by the build) to a
browser that accepts gzip, with `Content-Encoding` and `Vary`; files whose address carries a version
(the runtime's folder, the engine's hash, `?v=`, Material's hashed bundles) may be cached for a year;
everything else carries an ETag and is answered `304 Not Modified` when the browser already has it.
"""

from __future__ import annotations

import contextlib
import email.utils
import http.server
import os
import re
import socket
import sys
import threading
import zipfile
from pathlib import Path
from urllib.parse import urlsplit


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
    }

    def __init__(self, request: socket.socket, client: tuple[str, int], server: SiteServer) -> None:
        super().__init__(request, client, server, directory=str(server.site_root))

    VERSIONED = re.compile(
        r"/assets/pyodide/[0-9.]+/|/assets/quiz/engine/[0-9a-f]{16}/|\?v=|\.[0-9a-f]{8}\.min\.(?:js|css)(?:\?|$)"
    )

    def send_head(self):  # type: ignore[no-untyped-def]
        """Like SimpleHTTPRequestHandler's, with gzip copies, cache headers and ETags (see the module)."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return super().send_head()
        compressed = path + ".gz"
        has_copy = os.path.isfile(compressed)
        gzip = has_copy and "gzip" in self.headers.get("Accept-Encoding", "")
        stat = os.stat(compressed if gzip else path)
        etag = f'"{stat.st_size:x}-{stat.st_mtime_ns:x}{"-gz" if gzip else ""}"'
        versioned = bool(self.VERSIONED.search(self.path))
        if not versioned and etag in self.headers.get("If-None-Match", ""):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return None
        body = open(compressed if gzip else path, "rb")  # noqa: SIM115 - closed by do_GET and do_HEAD
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(stat.st_size))
        if gzip:
            self.send_header("Content-Encoding", "gzip")
        if has_copy:
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if versioned else "no-cache")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.end_headers()
        return body

    def translate_path(self, path: str) -> str:
        subpath = self.server.subpath  # type: ignore[attr-defined]
        if subpath and path.startswith(subpath):
            path = "/" + path[len(subpath) :]
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:
        if self.server.verbose:  # type: ignore[attr-defined]
            super().log_message(format, *args)


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    handler_class: type[SiteHandler] = SiteHandler

    def __init__(
        self, site_root: Path, host: str = "127.0.0.1", port: int = 0, subpath: str = "", verbose: bool = False
    ) -> None:
        self.site_root = Path(site_root)
        self.subpath = "/" + subpath.strip("/") + "/" if subpath.strip("/") else ""
        self.verbose = verbose
        super().__init__((host, port), self.handler_class)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """A reader who leaves mid-download is not an error worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def stop(self) -> None:
        """Stop serving and close the socket, so that new requests are refused (as on a dead network)."""
        self.shutdown()
        self.server_close()

    def start(self) -> SiteServer:
        """Serve in a background thread; stop with ``shutdown()``."""
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self


def network_address() -> str | None:
    """This machine's address on the local network, if it has one (nothing is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            return None


def built_address(site: Path) -> str | None:
    """The address the site was built for (its `site_url`), as its sitemap says; None if it does not say."""
    try:
        first = re.search(r"<loc>\s*(https?://[^<\s]+)", (site / "sitemap.xml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    return urlsplit(first[1])._replace(path="/", query="", fragment="").geturl() if first else None


def unreachable_address_warning(site: Path) -> str | None:
    """A warning when the site was built for this machine's own address (SITE_URL not given), which no
    phone can open, so that the join page's QR code would show it; None otherwise."""
    address = built_address(site)
    host = (urlsplit(address).hostname or "") if address else ""
    if not (host in ("localhost", "0.0.0.0", "::1") or host.startswith("127.") or host.endswith(".localhost")):
        return None
    return (
        f"warning: the site was built for {address} (no SITE_URL given), an address no phone can open. "
        "The join page shows the address it is opened from instead: on the laptop, open it at the network "
        "address serve.py prints. To build it in, run SITE_URL=http://LAPTOP-ADDRESS:8000/ make archive"
    )


def pack(site: Path, archive: Path) -> None:
    """Write ``site`` (as `site/`) and this server (as `serve.py`) into one zip archive."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as packed:
        packed.write(Path(__file__), "serve.py")
        for path in sorted(site.rglob("*")):
            if path.is_file():
                packed.write(path, Path("site") / path.relative_to(site))


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="serve.py", description="Serve a built site, or pack it with this server.")
    parser.add_argument("directory", nargs="?", default="site", type=Path, help="the built site (default: site)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0: the whole network)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--subpath", default="", help="also serve the site under this path, e.g. /repo/")
    parser.add_argument("--pack", type=Path, metavar="ARCHIVE", help="write the site and this server to a zip file")
    args = parser.parse_args(argv)
    if not (args.directory / "index.html").is_file():
        parser.error(f"{args.directory} has no index.html: build the site first (make build)")
    if args.pack:
        pack(args.directory, args.pack)
        print(f"Wrote {args.pack}: unzip it and run `python3 serve.py --host 0.0.0.0` in its folder")
        if warning := unreachable_address_warning(args.directory):
            print(warning, file=sys.stderr)
        return 0
    try:
        server = SiteServer(args.directory, args.host, args.port, args.subpath, verbose=True)
    except OSError as exc:
        parser.error(f"cannot listen on {args.host}:{args.port} ({exc.strerror}); try another --port")
    print(f"Serving {args.directory} at {server.url} (Ctrl+C to stop)", flush=True)
    if args.host == "0.0.0.0" and (address := network_address()):
        print(f"On the same network, open http://{address}:{server.server_address[1]}/", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
