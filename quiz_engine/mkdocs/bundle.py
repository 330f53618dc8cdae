"""What the browser needs, made and copied into the site: the engine wheel, its lock file, a memory
snapshot, the runtime.

- The engine wheel holds the core only (the modules the browser imports) and is built with the standard
  `build` frontend, in the current environment (no download: it works offline). `pyodide build` would add
  nothing for a pure-Python `py3-none-any` wheel and needs a cross-build environment from the internet.
- A Pyodide lock file lists the wheel with its sha256, so that the browser checks the wheel's integrity.
- The part of Pyodide's standard library that the engine uses (a third of it), made with Node
  (`stdlib.mjs`), with a finder that fetches the rest if a module outside it is ever imported.
- A memory snapshot of Pyodide with the engine imported, made with Node (`snapshot.mjs`), lets the
  browser skip Python's start-up; the page checks its integrity too, and starts normally without it.
- The Pyodide runtime comes from npm (`node_modules/pyodide`, pinned in package-lock.json) and is served
  from the site itself: no third-party request, and it keeps working when a CDN does not.
- The join page's script and its QR code library (`node_modules/qrcode-generator`, pinned the same way)
  go into the site only when a page has a join block.

Every URL the browser fetches carries a version or a content hash, so a new build is never mixed with
an old file from a cache.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import quiz_engine

PACKAGE_DIR = Path(quiz_engine.__file__).resolve().parent
WEB_DIR = PACKAGE_DIR / "web"
WEB_FILES = tuple(
    sorted(
        path.relative_to(WEB_DIR).as_posix()
        for path in WEB_DIR.rglob("*")
        if path.suffix in (".js", ".mjs", ".css") and path.name not in ("sw.js", "join.js", "early.js")
    )
)
"""The page's scripts and styles, copied into the site: every module in web/ and web/widgets/, so that a
new question type's widget is found. The service worker and the join page's script are written on their
own, and early.js is put inline in each page with questions."""
WHOLE_LIBRARY = "python_stdlib.zip"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", WHOLE_LIBRARY)
PACKAGE_NAME = "quiz-engine"
IMPORT_NAME = "quiz_engine"


log = logging.getLogger("mkdocs.plugins.quiz")
SNAPSHOT_SCRIPT = Path(__file__).resolve().parent / "snapshot.mjs"
SNAPSHOT_LAYOUT = WEB_DIR / "snapshot-pages.mjs"  # the snapshot's layout, which snapshot.mjs writes
STDLIB_SCRIPT = SNAPSHOT_SCRIPT.with_name("stdlib.mjs")
SITECUSTOMIZE = SNAPSHOT_SCRIPT.with_name("sitecustomize.py")


class BundleError(Exception):
    """Something the build needs for the browser is missing; the message says how to get it."""


@dataclass(frozen=True)
class Runtime:
    """The Pyodide runtime from npm."""

    directory: Path
    version: str
    info: dict[str, Any]


@dataclass(frozen=True)
class Engine:
    """The built engine wheel and the lock file that lists it."""

    directory: Path
    wheel: Path
    sha256: str

    @property
    def key(self) -> str:
        """The folder name the wheel and lock are served under; changes whenever the wheel does."""
        return self.sha256[:16]


@dataclass(frozen=True)
class Snapshot:
    """A memory snapshot of Pyodide with the engine imported (gzip-compressed), and its integrity."""

    path: Path
    integrity: str


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def web_assets_version() -> str:
    digest = hashlib.sha256()
    for name in WEB_FILES:
        digest.update((WEB_DIR / name).read_bytes())
    return digest.hexdigest()[:12]


def find_runtime(directory: Path) -> Runtime:
    missing = [
        name for name in (*RUNTIME_FILES, "package.json", "pyodide-lock.json") if not (directory / name).is_file()
    ]
    if missing:
        raise BundleError(
            f"the Pyodide runtime is missing from {directory} ({', '.join(missing)}). "
            "Run `npm ci` in the project folder, or set `runtime_dir` under the quiz plugin in mkdocs.yml"
        )
    version = json.loads((directory / "package.json").read_text(encoding="utf-8"))["version"]
    info = json.loads((directory / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    return Runtime(directory, version, info)


CORE_MODULES = (
    "__init__.py",
    "limits.py",
    "data.py",
    "settings.py",
    "model.py",
    "scoring.py",
    "progress.py",
    "refusals.py",
    "saved.py",
    "classroom.py",
    "browser.py",
    *sorted(f"types/{path.name}" for path in (PACKAGE_DIR / "types").glob("*.py")),
)
"""What the browser imports: the engine's core (standard library only). A test checks that importing
``quiz_engine.browser`` needs nothing else."""

WHEEL_PROJECT = """\
[build-system]
requires = ["hatchling>=1.25"]
build-backend = "hatchling.build"

[project]
name = "{name}"
version = "{version}"
description = "The quiz engine's core, as the browser loads it."
requires-python = ">=3.11"

[tool.hatch.build.targets.wheel]
packages = ["{package}"]
"""


def core_digest() -> str:
    """A hash of everything that goes into the browser's wheel, to reuse one built from the same core."""
    digest = hashlib.sha256(WHEEL_PROJECT.encode())
    digest.update(quiz_engine.__version__.encode())
    for name in CORE_MODULES:
        digest.update(name.encode())
        digest.update((PACKAGE_DIR / name).read_bytes())
    return digest.hexdigest()


def build_engine(build_dir: Path, runtime: Runtime) -> Engine:
    """Build the browser's engine wheel, with the core modules only (or reuse one built from the same
    core), and write its lock file."""
    directory = build_dir / "engine" / core_digest()[:16]
    wheels = sorted(directory.glob("*-py3-none-any.whl"))
    if not wheels:
        wheels = [_build_wheel(directory)]
    wheel = wheels[0]
    engine = Engine(directory, wheel, sha256_of(wheel))
    lock = {
        "info": runtime.info,
        "packages": {
            PACKAGE_NAME: {
                "name": PACKAGE_NAME,
                "version": quiz_engine.__version__,
                "file_name": wheel.name,
                "install_dir": "site",
                "sha256": engine.sha256,
                "package_type": "package",
                "imports": [IMPORT_NAME],
                "depends": [],
                "unvendored_tests": False,
                "tool": {},
            }
        },
    }
    staged = directory / f"pyodide-lock.json.{os.getpid()}"
    staged.write_text(json.dumps(lock, indent=1), encoding="utf-8")
    os.replace(staged, directory / "pyodide-lock.json")  # whole, even for a build reading it at once
    return engine


def _build_wheel(directory: Path) -> Path:
    """Build the core's wheel with the standard `build` frontend, from a staging project that holds the
    core modules only (hatchling's wheels are reproducible: the same core gives the same bytes)."""
    from build import BuildBackendException, BuildException, ProjectBuilder
    from pyproject_hooks import quiet_subprocess_runner

    # Builds running at once (tests in parallel, `mkdocs serve` beside `mkdocs build`) each stage their own.
    staging = directory.with_name(f"{directory.name}.partial-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    project = staging / "project"
    (project / IMPORT_NAME).mkdir(parents=True)
    for name in CORE_MODULES:
        (project / IMPORT_NAME / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PACKAGE_DIR / name, project / IMPORT_NAME / name)
    (project / "pyproject.toml").write_text(
        WHEEL_PROJECT.format(name=PACKAGE_NAME, version=quiz_engine.__version__, package=IMPORT_NAME),
        encoding="utf-8",
    )
    builder = ProjectBuilder(project, runner=quiet_subprocess_runner)
    missing = builder.check_dependencies("wheel")
    if missing:
        needed = ", ".join(sorted(next(iter(group)) for group in missing))
        raise BundleError(f"building the engine wheel needs {needed}: install the project's requirements")
    try:
        built = Path(builder.build("wheel", staging))
    except (BuildException, BuildBackendException) as exc:
        raise BundleError(f"building the engine wheel failed: {exc}") from None
    if not built.name.endswith("-py3-none-any.whl"):
        raise BundleError(f"the engine wheel {built.name} is not a pure-Python py3-none-any wheel")
    shutil.rmtree(project)
    try:
        staging.rename(directory)
    except OSError:  # another build got there first, with the same wheel (the same core gives the same bytes)
        shutil.rmtree(staging, ignore_errors=True)
    return directory / built.name


def make_stdlib(engine: Engine, runtime: Runtime) -> Path | None:
    """The part of the runtime's standard library that the engine uses, with a finder that fetches the rest
    if ever needed (made with Node by `stdlib.mjs`, or reused); None without Node, and the browser then
    loads the whole library."""
    target = engine.directory / f"stdlib-{runtime.version}-{_digest(STDLIB_SCRIPT, SITECUSTOMIZE)}.zip"
    args = [str(STDLIB_SCRIPT), str(runtime.directory.resolve()), str(engine.wheel), str(SITECUSTOMIZE)]
    otherwise = "Python starts with the whole standard library and without a memory snapshot"
    return target if _made_with_node(target, args, otherwise) else None


def make_snapshot(engine: Engine, runtime: Runtime, stdlib: Path | None) -> Snapshot | None:
    """The engine's memory snapshot for this runtime and trimmed standard library, made with Node (or
    reused); None when it cannot be made, and the browser then starts Python the normal way."""
    if stdlib is None:
        return None
    target = engine.directory / f"snapshot-{runtime.version}-{_digest(SNAPSHOT_SCRIPT, SNAPSHOT_LAYOUT, stdlib)}.bin"
    args = [str(SNAPSHOT_SCRIPT), str(runtime.directory.resolve()), str(engine.wheel), str(stdlib)]
    if not _made_with_node(target, args, "Python starts the normal way, without a memory snapshot"):
        return None
    digest = hashlib.sha256(target.read_bytes()).digest()
    return Snapshot(target, "sha256-" + base64.b64encode(digest).decode())


def _digest(*paths: Path) -> str:
    """A short hash of files a Node script's output is made from: a new script makes a new output."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def _made_with_node(target: Path, args: list[str], otherwise: str) -> bool:
    """Run a Node script whose last argument is ``target`` (unless it is there already); whether it is.
    Without Node, or when the script fails, say what happens ``otherwise``."""
    if target.is_file():
        return True
    node = shutil.which("node")
    if node is None:
        log.info("quiz: Node.js is not installed: %s", otherwise)
        return False
    staging = target.with_name(f"{target.name}.partial-{os.getpid()}")
    try:
        subprocess.run([node, *args, str(staging)], check=True, capture_output=True, text=True, timeout=180)
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        log.info("quiz: %s failed: %s (%s)", Path(args[0]).name, otherwise, detail.strip()[-300:])
        staging.unlink(missing_ok=True)
        return False
    os.replace(staging, target)
    return True


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.stat().st_size != source.stat().st_size:
        shutil.copyfile(source, target)


def copy_into_site(
    site_dir: Path, engine: Engine, runtime: Runtime, stdlib: Path | None, snapshot: Snapshot | None
) -> None:
    """Put the runtime, the engine (its trimmed standard library and its snapshot) and the page scripts
    under ``site_dir/assets``."""
    for name in RUNTIME_FILES:
        _copy(runtime.directory / name, site_dir / runtime_path(runtime) / name)
    files = [engine.wheel, engine.directory / "pyodide-lock.json"]
    files += [path for path in (stdlib, snapshot and snapshot.path) if path is not None]
    for path in files:
        target = site_dir / engine_path(engine) / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    for name in WEB_FILES:
        target = site_dir / ASSETS / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(WEB_DIR / name, target)


ASSETS = Path("assets/quiz")

JOIN_SCRIPT = WEB_DIR / "join.js"
QR_PACKAGE = Path("qrcode-generator")
QR_MODULE = "dist/qrcode.mjs"  # the package's ES module: no dependencies, MIT, its notice at the top
QR_NAME = "qrcode.mjs"  # its name in the site, beside join.js, which imports it


@dataclass(frozen=True)
class JoinAssets:
    """The join page's script and the QR code library it draws with (npm's qrcode-generator, pinned in
    package-lock.json), and the version their addresses carry (`?v=`, a hash of both)."""

    library: Path
    version: str


def find_join_assets(*node_modules: Path) -> JoinAssets:
    """join.js and the QR code library, from the first of ``node_modules`` that has it; BundleError if none."""
    for folder in node_modules:
        library = folder / QR_PACKAGE / QR_MODULE
        if library.is_file():
            digest = hashlib.sha256(JOIN_SCRIPT.read_bytes() + library.read_bytes()).hexdigest()
            return JoinAssets(library, digest[:12])
    places = ", ".join(str(folder / QR_PACKAGE) for folder in node_modules)
    raise BundleError(f"the join page's QR code library is missing ({places}). Run `npm ci` in the project folder")


def copy_join_assets(site_dir: Path, assets: JoinAssets) -> None:
    """Put join.js and the QR code library under ``site_dir/assets/quiz``, for the join page only."""
    target = site_dir / ASSETS
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(JOIN_SCRIPT, target / JOIN_SCRIPT.name)
    shutil.copyfile(assets.library, target / QR_NAME)


def runtime_path(runtime: Runtime) -> Path:
    return Path("assets/pyodide") / runtime.version


def engine_path(engine: Engine) -> Path:
    return ASSETS / "engine" / engine.key
