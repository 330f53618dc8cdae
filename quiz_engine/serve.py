"""A static file server for a built site: `.wasm` as application/wasm, optionally under a sub-path.

Any plain static host works for the site; this one is for a laptop in a workshop room, for the tests and
for the benchmarks. It serves the site at the root and again under ``subpath`` (as GitHub Pages serves a
project site under ``/REPO/``).
"""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
from pathlib import Path


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

    def __init__(
        self, site_root: Path, host: str = "127.0.0.1", port: int = 0, subpath: str = "", verbose: bool = False
    ) -> None:
        self.site_root = Path(site_root)
        self.subpath = "/" + subpath.strip("/") + "/" if subpath.strip("/") else ""
        self.verbose = verbose
        super().__init__((host, port), SiteHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def start(self) -> SiteServer:
        """Serve in a background thread; stop with ``shutdown()``."""
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m quiz_engine.serve", description="Serve a built site.")
    parser.add_argument("directory", nargs="?", default="site", type=Path, help="the built site (default: site)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0: the whole network)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--subpath", default="", help="also serve the site under this path, e.g. /repo/")
    args = parser.parse_args(argv)
    if not (args.directory / "index.html").is_file():
        parser.error(f"{args.directory} has no index.html: build the site first (make build)")
    server = SiteServer(args.directory, args.host, args.port, args.subpath, verbose=True)
    print(f"Serving {args.directory} at {server.url} (Ctrl+C to stop)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
