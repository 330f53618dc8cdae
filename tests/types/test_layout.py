"""The code's layout keeps its promises: no module imports one that imports it back (even from inside
a function), and the browser's
engine (the wheel's core modules) imports nothing outside the core."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import quiz_engine
from quiz_engine.mkdocs.bundle import CORE_MODULES

PACKAGE = Path(quiz_engine.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The quiz_engine modules a module imports, anywhere in it (at the top or inside a function), but for
    those imported for type checking only."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    skipped = {
        id(child)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for child in ast.walk(node)
    }
    found: set[str] = set()
    for child in ast.walk(tree):
        if id(child) in skipped:
            continue
        if isinstance(child, ast.ImportFrom):
            base = child.module or ""
            if child.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (child.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            if base.startswith("quiz_engine"):
                found.add(base)
                found.update(f"{base}.{alias.name}" for alias in child.names)
        elif isinstance(child, ast.Import):
            found.update(a.name for a in child.names if a.name.startswith("quiz_engine"))
    return found


def test_no_module_imports_one_that_imports_it_back() -> None:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}
    for name in graph:  # a package's __init__ is loaded before its modules: a child importing it is no circle
        graph[name] = {m for m in graph[name] if not name.startswith(m + ".")}
    circles = []
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                circles.append([*trail[trail.index(target) :], target] if target in trail else [name, target])
            elif not state.get(target):
                visit(target, [*trail, target])
        state[name] = 2

    for name in sorted(graph):
        if not state.get(name):
            visit(name, [name])
    assert circles == []


def test_the_browser_engine_loads_only_the_wheel_s_core_modules() -> None:
    code = (
        "import sys, quiz_engine.browser\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('quiz_engine'))))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    core = {_module_name(PACKAGE / name) for name in CORE_MODULES}
    assert set(loaded) <= core, sorted(set(loaded) - core)


def test_no_module_is_over_400_lines_without_a_reason_at_its_top() -> None:
    """Small modules with names that say what they hold; a longer one says why at its top."""
    long = []
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.js")]):
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) > 400 and not any("over 400 lines" in line for line in lines[:40]):
            long.append(f"{path.relative_to(PACKAGE)}: {len(lines)} lines")
    assert long == []
