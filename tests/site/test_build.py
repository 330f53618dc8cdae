"""The site build: assets where the browser needs them, only on pages with questions, and clear errors."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.support import ROOT

RUNTIME = ROOT / "node_modules" / "pyodide"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html") if "assets" not in p.parts)


def quiz_settings(html: str) -> dict:
    match = re.search(r"data-quiz-settings='([^']*)'", html)
    assert match, "no quiz settings in the page"
    return json.loads(match.group(1).replace("&#39;", "'").replace("&amp;", "&"))


def test_only_pages_with_questions_load_the_quiz_assets(site_dir: Path) -> None:
    with_questions, without = [], []
    for page in pages(site_dir):
        html = page.read_text(encoding="utf-8")
        has_questions = '<form class="quiz ' in html or '<section class="quiz-progress"' in html
        (with_questions if has_questions else without).append(page)
        assert ("assets/quiz/quiz.js" in html) == has_questions, page
        assert ("assets/quiz/quiz.css" in html) == has_questions, page
        # The progress page fetches its drawing module with the page, to draw stored progress at once.
        is_progress = '<section class="quiz-progress"' in html
        assert ('rel="modulepreload" href="../assets/quiz/progress-page.js' in html) == is_progress, page
    assert len(with_questions) >= 2
    assert without, "expected at least one page without questions"


def test_engine_wheel_is_listed_in_the_lock_file_with_its_sha256(site_dir: Path) -> None:
    engine_dirs = list((site_dir / "assets/quiz/engine").iterdir())
    assert len(engine_dirs) == 1
    lock = json.loads((engine_dirs[0] / "pyodide-lock.json").read_text())
    entry = lock["packages"]["quiz-engine"]
    wheel = engine_dirs[0] / entry["file_name"]
    assert wheel.name.endswith("-py3-none-any.whl")
    assert entry["sha256"] == sha256(wheel)
    assert entry["imports"] == ["quiz_engine"] and entry["depends"] == []
    assert lock["info"] == json.loads((RUNTIME / "pyodide-lock.json").read_text())["info"]
    assert engine_dirs[0].name == entry["sha256"][:16]
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "quiz_engine/browser.py" in names and "quiz_engine/scoring.py" in names

    page = (site_dir / "examples/choice/index.html").read_text(encoding="utf-8")
    settings = quiz_settings(page)
    assert settings["engine"] == f"engine/{engine_dirs[0].name}/pyodide-lock.json"


def test_runtime_is_self_hosted_and_pinned(site_dir: Path) -> None:
    version = json.loads((RUNTIME / "package.json").read_text())["version"]
    package = json.loads((ROOT / "package.json").read_text())
    locked = json.loads((ROOT / "package-lock.json").read_text())
    assert package["dependencies"]["pyodide"] == version, "package.json must pin pyodide exactly"
    assert locked["packages"]["node_modules/pyodide"]["version"] == version
    assert locked["packages"]["node_modules/pyodide"]["integrity"].startswith("sha512-")
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert sha256(site_dir / "assets/pyodide" / version / name) == sha256(RUNTIME / name), name
    page = (site_dir / "examples/choice/index.html").read_text(encoding="utf-8")
    assert quiz_settings(page)["runtime"] == f"../pyodide/{version}/"


ASSET_URL = re.compile(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*?\s(?:src|href)=\"([^\"]+)\"", re.I)


def test_no_page_or_stylesheet_asks_for_anything_from_another_site(site_dir: Path, base_url: str) -> None:
    for page in pages(site_dir):
        html = page.read_text(encoding="utf-8")
        for url in ASSET_URL.findall(html):
            if url.startswith(base_url):  # the canonical link: the site's own address
                continue
            assert not re.match(r"^(?:[a-z]+:)?//", url, re.I), f"{page}: {url}"
    for stylesheet in site_dir.rglob("*.css"):
        assert "fonts.googleapis" not in stylesheet.read_text(encoding="utf-8"), stylesheet


def test_question_text_cannot_carry_script(site_dir: Path) -> None:
    for page in pages(site_dir):
        html = page.read_text(encoding="utf-8")
        for form in re.findall(r"<form class=\"quiz .*?</form>", html, re.S):
            assert "<script" not in form.lower()
            assert not re.search(r"\son\w+=", form, re.I)


def test_the_service_worker_lists_every_page_and_file_of_the_build(site_dir: Path) -> None:
    worker = (site_dir / "sw.js").read_text(encoding="utf-8")
    files = json.loads(re.search(r"^const FILES = (\[.*?\]);$", worker, re.MULTILINE | re.DOTALL)[1])
    for page in pages(site_dir):
        name = page.relative_to(site_dir).as_posix()
        assert (name.removesuffix("index.html") or "./") in files, name
    runtime = [name for name in files if name.startswith("assets/pyodide/")]
    assert {Path(name).name for name in runtime} >= {"pyodide.asm.wasm", "python_stdlib.zip", "pyodide.mjs"}
    lesson = (site_dir / "lessons/01-what-asymmetry-is/index.html").read_text(encoding="utf-8")
    script = re.search(r'src="(\.\./\.\./assets/quiz/quiz\.js\?v=[0-9a-f]+)"', lesson)[1]
    assert script.removeprefix("../../") in files, "quiz.js must be cached under the address pages ask for"
    assert 'navigator.serviceWorker.register("../../sw.js")' in lesson
    assert not any(name.endswith(".map") for name in files)


# -- errors through the mkdocs command ---------------------------------------------------------------


def make_project(folder: Path, pages: dict[str, str]) -> Path:
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(
        "site_name: Test\n"
        "theme: {name: material, font: false}\n"
        "plugins:\n"
        "  - quiz:\n"
        f"      runtime_dir: {RUNTIME}\n"
        f"      build_dir: {ROOT / 'build'}\n",
        encoding="utf-8",
    )
    for name, text in pages.items():
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    return folder


def mkdocs(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


GOOD = "# Good\n\n/// quiz | Q?\n    type: true-false\n\n- [x] Yes\n- [ ] No\n///\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\ntitle: With front matter\n---\n# Page\n\n/// quiz | Q?\n    type: single\n\n- [x] A\n- [x] B\n///\n",
            "docs/bad.md:10: a single question needs exactly one right option, but 2 are marked [x] (lines 9, 10)",
        ),
        (
            "# Page\n\n/// quiz | Q?\n    type: multi\n\n- [x] A\n- [ ] B\n///\n",
            "docs/bad.md:4: unknown question type `multi`.\n  How to fix: did you mean `multiple`?",
        ),
        (
            "# Page\n\n/// quiz | Q?\n    type: single\n\n- [x] A\n- [ ] B\n",
            "docs/bad.md:3: this `/// quiz` block is never closed",
        ),
    ],
)
def test_a_bad_question_stops_the_build_with_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    project = make_project(tmp_path, {"index.md": GOOD, "bad.md": text})
    result = mkdocs(project, "build")
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "How to fix:" in result.stderr


def test_a_question_id_used_on_two_pages_stops_the_build(tmp_path: Path) -> None:
    question = "/// quiz | Q?\n    type: true-false\n    id: shared\n\n- [x] Yes\n- [ ] No\n///\n"
    project = make_project(tmp_path, {"a.md": "# A\n\n" + question, "b.md": "# B\n\n\n" + question})
    result = mkdocs(project, "build")
    assert result.returncode == 1
    assert "docs/b.md:4: the question id `shared` is already used at docs/a.md:3." in result.stderr
    assert "Traceback" not in result.stderr


def test_mkdocs_serve_reports_the_error_and_keeps_serving(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"index.md": GOOD, "other.md": "# Other\n"})
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text() + "strict: true\n")
    with socket_port() as port:
        pass
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    output: list[str] = []
    try:
        wait_for_line(process, output, "Serving on")
        (project / "docs/index.md").write_text(GOOD.replace("- [ ] No", "- [x] No"), encoding="utf-8")
        wait_for_line(process, output, "docs/index.md:7: a true-false question needs exactly one right option")
        wait_for_line(process, output, "Reloading browsers")
        page = fetch(port)
        assert 'role="alert"' in page
        assert "docs/index.md:7: a true-false question needs exactly one right option" in page
        assert fetch(port, "other/").count("<h1") == 1  # the rest of the site is served as usual
        (project / "docs/index.md").write_text(GOOD.replace("# Good", "# Fixed"), encoding="utf-8")
        wait_for_line(process, output, "Reloading browsers")
        page = fetch(port)
        assert "Fixed" in page and 'role="alert"' not in page
        assert "Traceback" not in "".join(output)
    finally:
        process.terminate()
        process.wait(timeout=10)


class socket_port:
    def __enter__(self) -> int:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        return self.sock.getsockname()[1]

    def __exit__(self, *exc: object) -> None:
        self.sock.close()


def wait_for_line(process: subprocess.Popen[str], output: list[str], needle: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        output.append(line)
        if needle in line:
            return
    raise AssertionError(f"{needle!r} never appeared in mkdocs serve's output:\n{''.join(output)}")


def fetch(port: int, path: str = "") -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10) as response:
        assert response.status == 200
        return response.read().decode()
