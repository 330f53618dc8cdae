"""The trimmed standard library the browser loads (quiz_engine/mkdocs/stdlib.mjs and sitecustomize.py)."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from tests.site.test_build import quiz_settings
from tests.support import ROOT

RUNTIME = ROOT / "node_modules" / "pyodide"
WHOLE = RUNTIME / "python_stdlib.zip"


def trimmed_library(site_dir: Path) -> Path:
    page = (site_dir / "examples/choice/index.html").read_text(encoding="utf-8")
    return site_dir / "assets/quiz" / quiz_settings(page)["stdlib"]


def module_names(names: list[str]) -> set[str]:
    return {n.removesuffix(".py").removesuffix("/__init__").replace("/", ".") for n in names if n.endswith(".py")}


def test_the_page_loads_a_third_of_the_library_kept_byte_for_byte(site_dir: Path) -> None:
    library = trimmed_library(site_dir)
    trimmed, whole = zipfile.ZipFile(library), zipfile.ZipFile(WHOLE)
    assert library.stat().st_size < WHOLE.stat().st_size / 2.5
    originals = {info.filename: info for info in whole.infolist()}
    kept = [info for info in trimmed.infolist() if info.filename not in ("sitecustomize.py", "stdlib-rest.txt")]
    for info in kept:
        assert (info.CRC, info.compress_type) == (originals[info.filename].CRC, originals[info.filename].compress_type)
    names = module_names([info.filename for info in kept])
    assert {"json", "re", "dataclasses", "encodings.utf_8", "pyodide._package_loader"} <= names
    # Every module of the whole library is either kept or named as left out, for the finder.
    rest = set(trimmed.read("stdlib-rest.txt").decode().split())
    assert rest == module_names(whole.namelist()) - names
    assert "difflib" in rest and "json" not in rest


FETCH_ON_DEMAND = """
import fs from "node:fs";
import { pathToFileURL } from "node:url";
const [runtime, trimmed] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${runtime}/pyodide.mjs`).href);
let downloads = 0;
globalThis.quizWholeLibrary = () => (downloads++, new Uint8Array(fs.readFileSync(`${runtime}/python_stdlib.zip`)));
const pyodide = await loadPyodide({ indexURL: `${runtime}/`, stdLibURL: trimmed, stdout: console.log });
const run = (code) => { try { pyodide.runPython(code); } catch (e) { console.log(String(e).trim().split("\\n").at(-1)); } };
run("import not_a_module");
console.log("downloads", downloads);
run("import difflib; print(difflib.SequenceMatcher(None, 'abc', 'abd').ratio())");
run("import email.mime.text, unittest; print(email.mime.text.MIMEText('x').get_content_type())");
console.log("downloads", downloads);
"""


def test_a_module_left_out_is_fetched_once_with_the_whole_library(site_dir: Path, tmp_path: Path) -> None:
    script = tmp_path / "fetch.mjs"
    script.write_text(FETCH_ON_DEMAND, encoding="utf-8")
    run = subprocess.run(
        ["node", str(script), str(RUNTIME), str(trimmed_library(site_dir))],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert run.stdout.split("\n")[:5] == [
        "ModuleNotFoundError: No module named 'not_a_module'",  # no download for a module that does not exist
        "downloads 0",
        "0.6666666666666666",
        "text/plain",
        "downloads 1",
    ]
