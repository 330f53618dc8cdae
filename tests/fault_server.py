"""The tests' site server, which can also break on purpose: faults are made on the server's side, where the
page cannot abandon them half-way (a browser-side route handler that is still fetching when the page gives
up on the request fails the test at random).

A fault is set for the files whose path ends with a given suffix and lasts until it is cleared:
- ``Fault("type", content_type=...)``: the file is sent with another Content-Type;
- ``Fault("status", status=404)``: the file is answered with that HTTP status;
- ``Fault("reset")``: the connection is closed without an answer (as a blocked or failed download);
- ``Fault("stall")``: GET gets no answer until the fault is cleared (HEAD is answered as usual);
- ``Fault("cut")``: GET gets the headers and half of the file, then the connection is closed;
- ``Fault("corrupt")``: GET gets the file with some of its bytes changed (HEAD is answered as usual);
- ``Fault("rewrite", old=..., new=...)``: GET gets the file with ``old`` replaced by ``new``;
- ``Fault("delay", seconds=...)``: GET gets the file, once that many seconds have passed (or the fault is
  cleared): a slow network, deterministic.
- ``Fault("pause", old=..., seconds=...)``: GET gets the file up to ``old``, then the rest that many seconds
  later: a page whose end is slow to arrive, so that its scripts run while it is still being parsed.
Every faulty answer says ``Cache-Control: no-store``, so that a retry after the fault never meets it again.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path

from quiz_engine.serve import SiteHandler, SiteServer


@dataclass
class Fault:
    kind: str
    content_type: str = ""
    status: int = 0
    old: bytes = b""
    new: bytes = b""
    seconds: float = 0
    cleared: threading.Event = field(default_factory=threading.Event)


class FaultyHandler(SiteHandler):
    server: FaultyServer

    def fault(self) -> Fault | None:
        path = self.path.split("?", 1)[0]
        return next((f for suffix, f in self.server.faults.items() if path.endswith(suffix)), None)

    def do_HEAD(self) -> None:
        fault = self.fault()
        if fault is None or fault.kind in ("stall", "cut", "corrupt", "rewrite", "delay", "pause"):
            return super().do_HEAD()
        self.answer(fault, body=False)

    def do_GET(self) -> None:
        fault = self.fault()
        if fault is not None and fault.kind == "delay":
            fault.cleared.wait(fault.seconds)
            fault = None
        if fault is None:
            return super().do_GET()
        self.answer(fault, body=True)

    def answer(self, fault: Fault, body: bool) -> None:
        self.close_connection = True
        if fault.kind == "reset":
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault.kind == "stall":
            fault.cleared.wait(60)  # the page's own time limit decides; the thread ends with the test
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault.kind == "status":
            self.send_response(fault.status)
            self.send_header("Content-Length", "0")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        content = path.read_bytes()
        content_type = fault.content_type or self.guess_type(str(path))
        length = len(content)
        if fault.kind == "rewrite":
            assert fault.old in content, f"{path} does not contain {fault.old!r}"
            content = content.replace(fault.old, fault.new)
            length = len(content)
        elif fault.kind == "corrupt":
            middle = len(content) // 2
            content = content[:middle] + bytes(b ^ 0xFF for b in content[middle : middle + 16]) + content[middle + 16 :]
        elif fault.kind == "cut":
            content = content[: len(content) // 2]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            try:
                if fault.kind == "pause":
                    assert fault.old in content, f"{path} does not contain {fault.old!r}"
                    head, tail = content.split(fault.old, 1)
                    self.wfile.write(head)
                    self.wfile.flush()
                    fault.cleared.wait(fault.seconds)
                    content = fault.old + tail
                self.wfile.write(content)
                self.wfile.flush()
            except ConnectionError:
                return  # the page gave up first: that is its right
            if fault.kind == "cut":
                self.connection.shutdown(socket.SHUT_RDWR)


class FaultyServer(SiteServer):
    """A SiteServer whose answers can be broken for some files (see the module's docstring)."""

    handler_class = FaultyHandler

    def __init__(self, site_root: Path, **kwargs: object) -> None:
        self.faults: dict[str, Fault] = {}
        super().__init__(site_root, **kwargs)  # type: ignore[arg-type]

    def break_files(self, suffix: str, fault: Fault) -> None:
        self.faults[suffix] = fault

    def repair(self) -> None:
        for fault in self.faults.values():
            fault.cleared.set()
        self.faults.clear()
