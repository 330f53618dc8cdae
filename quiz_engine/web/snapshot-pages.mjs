// The memory snapshot's layout on the wire, for the build (mkdocs/snapshot.mjs, in Node) and the worker.
// Half of a snapshot is empty memory, in long runs of zero bytes: inflating them costs the reader's CPU
// as much as real data, while Python waits. The snapshot is sent without them: a header that says where
// they were, then the rest of the bytes in order.
//   "QSP1" | total length (u32) | run count (u32) | each run: start (u32), length (u32) | the other bytes
// All numbers little-endian. A snapshot without the header is used as it is.

const MAGIC = [0x51, 0x53, 0x50, 0x31]; // "QSP1"
const PAGE = 4096;
const SHORTEST_RUN = 16 * PAGE; // shorter runs are kept: each costs 8 bytes of header

function zeroPage(bytes, start) {
  for (let i = start; i < start + PAGE; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** The snapshot without its long runs of zero bytes (a Uint8Array), as described above. */
export function pack(bytes) {
  const runs = [];
  const pages = Math.floor(bytes.length / PAGE);
  for (let page = 0; page < pages; ) {
    let end = page;
    while (end < pages && zeroPage(bytes, end * PAGE)) end++;
    if ((end - page) * PAGE >= SHORTEST_RUN) runs.push([page * PAGE, (end - page) * PAGE]);
    page = end === page ? page + 1 : end;
  }
  const kept = bytes.length - runs.reduce((sum, [, length]) => sum + length, 0);
  const header = 12 + 8 * runs.length;
  const packed = new Uint8Array(header + kept);
  const view = new DataView(packed.buffer);
  packed.set(MAGIC);
  view.setUint32(4, bytes.length, true);
  view.setUint32(8, runs.length, true);
  let at = header;
  let from = 0;
  runs.forEach(([start, length], index) => {
    view.setUint32(12 + 8 * index, start, true);
    view.setUint32(16 + 8 * index, length, true);
    packed.set(bytes.subarray(from, start), at);
    at += start - from;
    from = start + length;
  });
  packed.set(bytes.subarray(from), at);
  return packed;
}

/** The whole snapshot (a Uint8Array) from what pack() made, or the bytes as they are if pack() did not make them. */
export function unpack(buffer) {
  const packed = new Uint8Array(buffer);
  if (packed.length < 12 || MAGIC.some((byte, index) => packed[index] !== byte)) return packed;
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const total = view.getUint32(4, true);
  const count = view.getUint32(8, true);
  const bytes = new Uint8Array(total); // zero-filled: the runs need nothing more
  let at = 12 + 8 * count;
  let from = 0;
  for (let index = 0; index <= count; index++) {
    const start = index < count ? view.getUint32(12 + 8 * index, true) : total;
    const length = index < count ? view.getUint32(16 + 8 * index, true) : 0;
    if (start < from || start + length > total || at + (start - from) > packed.length) {
      throw new Error("the snapshot's layout does not add up");
    }
    bytes.set(packed.subarray(at, at + (start - from)), from);
    at += start - from;
    from = start + length;
  }
  if (at !== packed.length) throw new Error("the snapshot's layout does not add up");
  return bytes;
}
