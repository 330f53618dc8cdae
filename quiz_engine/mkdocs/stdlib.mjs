// Writes the part of Pyodide's standard library that the engine uses, at build time, in Node.
//   node stdlib.mjs RUNTIME_DIR WHEEL SITECUSTOMIZE OUTPUT
// The runtime's python_stdlib.zip holds the whole library (614 files, 2.5 MB compressed); the engine and
// Python's own start-up load about a third of it. The output keeps, byte for byte, every file of the zip
// that is loaded by the start-up, by the engine's import (the engine imports nothing later: its modules
// import at the top only) and by the installing of a wheel (a start without the snapshot does it), plus
// the packages the runtime calls into (pyodide, _pyodide). It adds SITECUSTOMIZE, which fetches the
// whole library if a module outside the kept part is ever imported, and the names of those modules.
// The browser loads it instead of the whole zip, and the memory snapshot is made with it.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [runtimeDir, wheel, sitecustomize, output] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: runtimeDir + path.sep,
  stdout: () => {},
  stderr: (line) => process.stderr.write(`${line}\n`),
});
// A start without the snapshot installs the wheel with loadPackage, which imports more of the library.
await pyodide.loadPackage(wheel, { messageCallback: () => {} });
pyodide.FS.writeFile("/tmp/sitecustomize.py", fs.readFileSync(sitecustomize));
pyodide.runPython(`
import sys
import zipfile

import quiz_engine.browser  # noqa: F401

STDLIB = next(entry for entry in sys.path if entry.endswith(".zip"))
WHOLE = ("pyodide/", "_pyodide/")  # the runtime's own Python, which its JavaScript calls into


def added(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # the same bytes from the same input
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def module_name(file: str) -> str:
    return file.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


loaded = {getattr(module, "__file__", None) or "" for module in list(sys.modules.values())}
keep = {file[len(STDLIB) + 1 :] for file in loaded if file.startswith(STDLIB + "/")}
library = zipfile.ZipFile(STDLIB)
keep |= {i.filename for i in library.infolist() if i.filename.startswith(WHOLE) and not i.is_dir()}
# A folder is kept only with files in it: an empty one would pass for a namespace package.
keep |= {file.rsplit("/", n)[0] + "/" for file in keep for n in range(1, file.count("/") + 1)}
kept = [info for info in library.infolist() if info.filename in keep]
rest = {module_name(i.filename) for i in library.infolist() if i.filename.endswith(".py")}
rest -= {module_name(i.filename) for i in kept if i.filename.endswith(".py")}
with zipfile.ZipFile("/tmp/stdlib.zip", "w") as trimmed:
    for info in kept:
        trimmed.writestr(info, library.read(info), compress_type=info.compress_type)
    with open("/tmp/sitecustomize.py", "rb") as file:
        trimmed.writestr(added("sitecustomize.py"), file.read())
    trimmed.writestr(added("stdlib-rest.txt"), "\\n".join(sorted(rest)) + "\\n")
`);
fs.writeFileSync(output, pyodide.FS.readFile("/tmp/stdlib.zip"));
