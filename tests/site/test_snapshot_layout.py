"""The memory snapshot's layout on the wire (quiz_engine/web/snapshot-pages.mjs): the build leaves out its
long runs of empty memory, and the worker puts them back, byte for byte."""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

from tests.site.test_build import quiz_settings
from tests.support import ROOT

LAYOUT = ROOT / "quiz_engine" / "web" / "snapshot-pages.mjs"

ROUND_TRIP = """
import { pack, unpack } from "LAYOUT";
const page = 4096;
const memory = new Uint8Array(200 * page);
for (let i = 0; i < memory.length; i++) memory[i] = (i * 7919) % 251;
memory.fill(0, 0, 20 * page); // a long run at the start
memory.fill(0, 30 * page, 90 * page); // one in the middle
memory.fill(0, 100 * page, 105 * page); // a short one, kept as it is
memory.fill(0, 150 * page); // and one at the end
const packed = pack(memory);
const same = (a, b) => a.length === b.length && a.every((byte, i) => byte === b[i]);
const checks = {
  roundTrip: same(unpack(packed.buffer), memory),
  smaller: packed.length < memory.length / 2,
  keepsShortRuns: packed.length > 55 * page,
  plainAsItIs: same(unpack(memory.slice().buffer), memory),
  tiny: [0, 3, page, 16 * page + 1].every((n) => same(unpack(pack(new Uint8Array(n)).buffer), new Uint8Array(n))),
};
let refused = false;
try {
  unpack(packed.slice(0, packed.length - 1).buffer);
} catch {
  refused = true;
}
console.log(JSON.stringify({ ...checks, refusesCut: refused }));
"""


def test_a_snapshot_without_its_empty_memory_comes_back_byte_for_byte(tmp_path: Path) -> None:
    script = tmp_path / "round-trip.mjs"
    script.write_text(ROUND_TRIP.replace("LAYOUT", LAYOUT.as_uri()), encoding="utf-8")
    run = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == (
        '{"roundTrip":true,"smaller":true,"keepsShortRuns":true,"plainAsItIs":true,"tiny":true,"refusesCut":true}'
    )


def test_the_built_snapshot_leaves_its_empty_memory_out(site_dir: Path) -> None:
    page = (site_dir / "examples/choice/index.html").read_text(encoding="utf-8")
    snapshot = site_dir / "assets/quiz" / quiz_settings(page)["snapshot"]["url"]
    packed = gzip.decompress(snapshot.read_bytes())
    total = int.from_bytes(packed[4:8], "little")
    assert packed[:4] == b"QSP1"
    assert len(packed) < total * 0.7, f"{len(packed)} bytes sent for {total} of memory"
