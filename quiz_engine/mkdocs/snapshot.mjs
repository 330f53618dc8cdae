// Makes a memory snapshot of Pyodide with the engine imported, at build time, in Node.
//   node snapshot.mjs RUNTIME_DIR WHEEL STDLIB OUTPUT
// The browser starts from it in about a quarter of a normal start (the runtime's own start-up, its
// standard library's imports and the engine's import are already done). The output is gzip-compressed,
// so it travels at that size from any host, compressing or not; the worker inflates it with the browser's
// own DecompressionStream; its empty memory is left out (snapshot-pages.mjs). Pyodide's snapshot API is
// private: the build pins the exact runtime version, and the worker falls back to a normal start whenever
// the snapshot cannot be used. It is made with the trimmed standard library (stdlib.mjs) that the browser
// loads with it: Python's zip importer keeps the zip's table of contents in memory.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";

import { pack } from "../web/snapshot-pages.mjs";

const [runtimeDir, wheel, stdlib, output] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: runtimeDir + path.sep,
  stdLibURL: stdlib,
  _makeSnapshot: true,
  stdout: () => {},
  stderr: (line) => process.stderr.write(`${line}\n`),
});
// Unpacked with the standard library rather than loadPackage, which leaves JavaScript references behind
// that a snapshot cannot hold.
pyodide.FS.writeFile("/tmp/engine.whl", fs.readFileSync(wheel));
pyodide.runPython(`
import site
import zipfile

zipfile.ZipFile("/tmp/engine.whl").extractall(site.getsitepackages()[0])
import quiz_engine.browser
`);
pyodide.FS.unlink("/tmp/engine.whl");
const snapshot = pyodide.makeMemorySnapshot();
// Without its long runs of empty memory (see snapshot-pages.mjs), which the worker puts back.
fs.writeFileSync(output, zlib.gzipSync(pack(snapshot), { level: 9 }));
