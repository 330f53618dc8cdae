"""What the browser needs, made and copied into the site: the engine wheel, its lock file, the runtime.

- The engine wheel is built from this project with the standard `build` frontend, in the current
  environment (no download: it works offline). `pyodide build` would add nothing for a pure-Python
  `py3-none-any` wheel and needs a cross-build environment from the internet.
- A Pyodide lock file lists the wheel with its sha256, so that the browser checks the wheel's integrity.
- The Pyodide runtime comes from npm (`node_modules/pyodide`, pinned in package-lock.json) and is served
  from the site itself: no third-party request, and it keeps working when a CDN does not.

Every URL the browser fetches carries a version or a content hash, so a new build is never mixed with
an old file from a cache.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import quiz_engine

PACKAGE_DIR = Path(quiz_engine.__file__).resolve().parent
WEB_DIR = PACKAGE_DIR / "web"
WEB_FILES = ("quiz.js", "engine.js", "store.js", "widgets.js", "progress-page.js", "worker.js", "quiz.css")
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
PACKAGE_NAME = "quiz-engine"
IMPORT_NAME = "quiz_engine"


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


def project_root() -> Path:
    """The source tree of the engine: the folder whose pyproject.toml names the quiz-engine project."""
    candidate = PACKAGE_DIR.parent
    pyproject = candidate / "pyproject.toml"
    if pyproject.is_file():
        name = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {}).get("name")
        if name == PACKAGE_NAME:
            return candidate
    raise BundleError(
        f"cannot find the quiz-engine source tree next to {PACKAGE_DIR} to build the engine wheel. "
        "Install the project from its source folder (`pip install -e .`)"
    )


def source_digest(root: Path) -> str:
    """A hash of everything that goes into the wheel, to reuse a wheel built from the same sources."""
    digest = hashlib.sha256((root / "pyproject.toml").read_bytes())
    for path in sorted((root / IMPORT_NAME).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def build_engine(build_dir: Path, runtime: Runtime) -> Engine:
    """Build the engine wheel (or reuse one built from the same sources) and write its lock file."""
    root = project_root()
    directory = build_dir / "engine" / source_digest(root)[:16]
    wheels = sorted(directory.glob("*-py3-none-any.whl"))
    if not wheels:
        wheels = [_build_wheel(root, directory)]
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
    (directory / "pyodide-lock.json").write_text(json.dumps(lock, indent=1), encoding="utf-8")
    return engine


def _build_wheel(root: Path, directory: Path) -> Path:
    from build import BuildBackendException, BuildException, ProjectBuilder
    from pyproject_hooks import quiet_subprocess_runner

    staging = directory.with_name(directory.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    builder = ProjectBuilder(root, runner=quiet_subprocess_runner)
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
    shutil.rmtree(directory, ignore_errors=True)
    staging.rename(directory)
    return directory / built.name


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.stat().st_size != source.stat().st_size:
        shutil.copyfile(source, target)


def copy_into_site(site_dir: Path, engine: Engine, runtime: Runtime) -> None:
    """Put the runtime, the engine and the page scripts under ``site_dir/assets``."""
    for name in RUNTIME_FILES:
        _copy(runtime.directory / name, site_dir / runtime_path(runtime) / name)
    for path in (engine.wheel, engine.directory / "pyodide-lock.json"):
        target = site_dir / engine_path(engine) / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    for name in WEB_FILES:
        target = site_dir / ASSETS / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(WEB_DIR / name, target)


ASSETS = Path("assets/quiz")


def runtime_path(runtime: Runtime) -> Path:
    return Path("assets/pyodide") / runtime.version


def engine_path(engine: Engine) -> Path:
    return ASSETS / "engine" / engine.key
