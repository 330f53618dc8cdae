"""The site build: assets where the browser needs them, only on pages with questions, and clear errors."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
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
        has_questions = any(
            mark in html
            for mark in ('<form class="quiz ', '<section class="quiz-progress"', '<section class="quiz-overview"')
        )
        (with_questions if has_questions else without).append(page)
        assert ("assets/quiz/quiz.js" in html) == has_questions, page
        assert ("assets/quiz/quiz.css" in html) == has_questions, page
        # The progress page fetches its drawing module with the page, to draw stored progress at once.
        is_progress = '<section class="quiz-progress"' in html
        assert ('rel="modulepreload" href="../assets/quiz/progress-page.js' in html) == is_progress, page
        # And every page with questions fetches its question types' widgets with it, and the widget modules
        # they import, not once quiz.js runs.
        preloaded = set(re.findall(r'rel="modulepreload" href="[./]*assets/quiz/widgets/([\w-]+)\.js', html))
        assert set(re.findall(r'data-widget="([\w-]+)"', html)) <= preloaded, page
        for name in preloaded:
            module = (site_dir / f"assets/quiz/widgets/{name}.js").read_text(encoding="utf-8")
            assert set(re.findall(r"import\(`\./([\w-]+)\.js", module)) <= preloaded, (page, name)
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


def test_the_icon_is_in_the_page_so_no_page_asks_for_it(site_dir: Path) -> None:
    for page in pages(site_dir):
        icons = re.findall(r'<link rel="icon" href="([^"]*)"', page.read_text(encoding="utf-8"))
        assert len(icons) == 1 and icons[0].startswith("data:image/svg+xml,"), page


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
    runtime = [name for name in files if name.startswith(("assets/pyodide/", "assets/quiz/engine/"))]
    assert {Path(name).name.split("-")[0] for name in runtime} >= {"pyodide.asm.wasm", "stdlib", "pyodide.mjs"}
    # The whole standard library is fetched only if a module outside the trimmed one is ever imported.
    assert not any(name.endswith("python_stdlib.zip") for name in files)
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
    with serving(project) as (process, output, port):
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


@contextlib.contextmanager
def serving(project: Path) -> Iterator[tuple[subprocess.Popen[str], list[str], int]]:
    """`mkdocs serve` on the project, once it says it is serving: the process, its output so far, its port."""
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
        yield process, output, port
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


# -- malformed input: a clear file:line message, never a traceback, never the answers as written ------

QUESTION = "/// quiz | Q?\n    type: single\n\n- [x] A\n- [ ] B\n///\n"
POOL_BODY = (
    "\n\n/// quiz | Q?\n    type: true-false\n\n- [x] Y\n- [ ] N\n///\n\n"
    "/// quiz | R?\n    type: true-false\n\n- [x] Y\n- [ ] N\n///\n////\n"
)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "# Page\n\n" + QUESTION.replace("/// quiz |", "/// quizz |"),
            "docs/bad.md:3: `/// quizz` is not a block the site knows, so the page would show its lines as "
            "written, answers included.\n  How to fix: did you mean `/// quiz`?",
        ),
        (
            "# Page\n\n" + QUESTION.replace("/// quiz |", "/// Qiuz |"),
            "docs/bad.md:3: `/// Qiuz` is not a block the site knows",
        ),
        (
            "# Page\n\n//// quiz_pool | P\n    draw: 1" + POOL_BODY,
            "docs/bad.md:3: `//// quiz_pool` is not a block the site knows, so the page would show its lines as "
            "written, answers included.\n  How to fix: did you mean `//// quiz-pool`?",
        ),
        ("# Page\n\n//// quizpool | P\n    draw: 1" + POOL_BODY, "How to fix: did you mean `//// quiz-pool`?"),
        (
            "# Page\n\n/// quiz-progres\n///\n",
            "docs/bad.md:3: `/// quiz-progres` is not a block the site knows, so the page would show its lines as "
            "plain text.\n  How to fix: did you mean `/// quiz-progress`?",
        ),
        (
            b"# Caf\xe9\n\n" + QUESTION.encode(),
            "docs/bad.md:1: this file is not UTF-8 text (invalid continuation byte at byte 5).\n"
            "  How to fix: save it as UTF-8.",
        ),
        (
            ("# Page\n\n" + QUESTION + "\nUn caf\xe9.\n").encode("latin-1"),
            "docs/bad.md:10: this file is not UTF-8 text",
        ),
        (
            "# Page\n\n" + QUESTION.replace("Q?\n", "Q?\n\n"),
            "docs/bad.md:4: this blank line cuts the settings below it (`type:` on line 5) off from the `/// quiz` "
            "line, so they would be read as the question's text, not as settings.\n"
            "  How to fix: remove the blank line",
        ),
        (
            "# Page\n\n//// quiz-pool | P\n\n    draw: 1" + POOL_BODY,
            "docs/bad.md:4: this blank line cuts the settings below it (`draw:` on line 5) off from the "
            "`//// quiz-pool` line",
        ),
        (
            "# Page\n\n" + QUESTION.replace("    type", "  type"),
            "docs/bad.md:4: `type:` is indented by 2 spaces, so it would be read as the question's text",
        ),
        (
            "# Page\n\n" + QUESTION.replace("    type: single\n", "    type: single\n    type: multiple\n"),
            "docs/bad.md:5: `type` is set twice, on lines 4 and 5.",
        ),
        (
            "# Page\n\n" + QUESTION.replace("/// quiz", "///\u00a0quiz"),
            "docs/bad.md:3: the space after `///` is not an ordinary space (it is a no-break space)",
        ),
        (
            "# Page\n\n" + "".join(f"> {line}\n" for line in QUESTION.splitlines()),
            "docs/bad.md:3: this `/// quiz` block is inside a quotation (its lines start with `>`)",
        ),
        (
            "# Page\n\n```python\nprint(1)\n\n" + QUESTION,
            "docs/bad.md:3: this code block (opened with ```) is never closed, so the page would show the block "
            "on line 6 as written, answers included.",
        ),
        (
            "# Page\n\n//// quiz-pool | P\n    draw: 1" + POOL_BODY.removesuffix("////\n"),
            "docs/bad.md:3: this `//// quiz-pool` block is never closed.\n  How to fix: add a line `////`",
        ),
        (
            "# Page\n\n" + QUESTION.replace("/// quiz |", "// quiz |"),
            "docs/bad.md:3: `// quiz` opens no block, since a block starts with three slashes or more",
        ),
        (
            "# Page\n\nSome text.\n\n" + QUESTION.split("\n", 1)[1],
            "docs/bad.md:5: these settings (`type: single`) belong to no question",
        ),
        (
            "# Page\n\n" + QUESTION.replace("- [x] A", "- [x]A").replace("- [ ] B", "- [ ] B\n- [ ] C"),
            "docs/bad.md:6: `- [x]A` looks like an option but is not written as one",
        ),
        (
            "---\ntitle: Love: a course\n---\n# Page\n\n" + QUESTION,
            "docs/bad.md:2: the front matter (lines 1 to 3) is not valid YAML (mapping values are not allowed "
            "here), so MkDocs would ignore it and show it in the page as text.",
        ),
    ],
)
def test_malformed_input_stops_a_strict_build_with_file_and_line(
    tmp_path: Path, page: str | bytes, expected: str
) -> None:
    project = make_project(tmp_path, {"index.md": GOOD})
    bad = project / "docs/bad.md"
    if isinstance(page, bytes):
        bad.write_bytes(page)
    else:
        bad.write_text(page, encoding="utf-8")
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (project / "site/bad/index.html").exists()


def test_a_bom_crlf_tabs_and_another_case_build_as_the_author_means(tmp_path: Path) -> None:
    """What an editor on another system writes is read as written: a byte order mark, Windows line ends
    (front matter included), settings indented with a tab, `/// Quiz` and `//// Quiz-Pool`."""
    page = (
        "---\ntitle: From Windows\n---\n# Page\n\n/// Quiz | Q?\n\ttype: single\n\tid: from-windows\n\n"
        "- [x] A\n- [ ] B\n///\n\n//// Quiz-Pool | P\n    draw: 1" + POOL_BODY
    )
    project = make_project(tmp_path, {"index.md": GOOD})
    (project / "docs/windows.md").write_bytes(b"\xef\xbb\xbf" + page.replace("\n", "\r\n").encode())
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    html = (project / "site/windows/index.html").read_text(encoding="utf-8")
    assert "<title>From Windows" in html
    assert html.count('<form class="quiz ') == 3 and 'id="quiz-from-windows"' in html
    assert html.count('class="quiz-pool" data-quiz-pool=') == 1
    assert "[x]" not in html and "///" not in html


def test_mkdocs_serve_shows_a_page_in_another_encoding_or_a_misspelt_block_and_keeps_answering(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path, {"index.md": GOOD, "other.md": "# Other\n"})
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text() + "strict: true\n")
    with serving(project) as (process, output, port):
        (project / "docs/index.md").write_bytes(GOOD.replace("# Good", "# Caf\xe9").encode("latin-1"))
        message = "docs/index.md:1: this file is not UTF-8 text (invalid continuation byte at byte 5)"
        wait_for_line(process, output, message)
        wait_for_line(process, output, "Reloading browsers")
        page = fetch(port)
        assert 'role="alert"' in page and message in page
        assert "Caf\ufffd" in page and page.count('<form class="quiz ') == 1  # the rest of the page, as read
        assert fetch(port, "other/").count("<h1") == 1
        (project / "docs/index.md").write_text(GOOD.replace("/// quiz |", "/// quizz |"), encoding="utf-8")
        wait_for_line(process, output, "docs/index.md:3: `/// quizz` is not a block the site knows")
        wait_for_line(process, output, "Reloading browsers")
        page = fetch(port)
        assert 'role="alert"' in page and "did you mean `/// quiz`?" in page
        assert "[x]" not in page and "Yes" not in page  # the block is not shown as written
        (project / "docs/index.md").write_text(GOOD.replace("# Good", "# Fixed"), encoding="utf-8")
        wait_for_line(process, output, "Reloading browsers")
        page = fetch(port)
        assert "Fixed" in page and 'role="alert"' not in page
        assert "Traceback" not in "".join(output)


class HiddenAnswers(HTMLParser):
    """In a built page, the text of what gives a question's answer away (feedback, explanation, right
    answer), of the questions' prompts, and of the rest of the page (its prose, its code examples)."""

    GIVES_AWAY = {"quiz__feedback", "quiz__explanation", "quiz__solution"}

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[str] = []
        self.prompts: list[str] = []
        self.rest: list[str] = []
        self.open: list[tuple[str, list[str] | None]] = []  # each element inside one tracked: where its text goes

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if self.open:
            self.open.append((tag, self.open[-1][1]))
        elif classes & self.GIVES_AWAY or "quiz__prompt" in classes:
            texts = self.answers if classes & self.GIVES_AWAY else self.prompts
            texts.append("")
            self.open.append((tag, texts))
        elif tag in ("script", "style"):
            self.open.append((tag, None))

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1][0] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if not self.open:
            self.rest.append(data)
        elif (texts := self.open[-1][1]) is not None:
            texts[-1] += data


def test_the_site_search_gives_no_answer_away(site_dir: Path) -> None:
    index = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    searchable = " ".join(" ".join(doc["text"].split()) for doc in index["docs"])
    answers, prompts, rest = [], [], []
    for page in pages(site_dir):
        parser = HiddenAnswers()
        parser.feed(page.read_text(encoding="utf-8"))
        answers += [" ".join(text.split()) for text in parser.answers if len(text.split()) >= 6]
        prompts += [" ".join(text.split()) for text in parser.prompts if len(text.split()) >= 6]
        rest.append(" ".join(" ".join(parser.rest).split()))
    assert len(answers) > 50 and prompts
    # An answer's words may also stand in the course's prose or in the authoring guide's examples.
    elsewhere = " ".join(rest)
    found = [text for text in answers if text[:60] in searchable and text[:60] not in elsewhere]
    assert not found, f"{len(found)} of {len(answers)} answers can be found by the site's search, e.g. {found[0]!r}"
    # The questions themselves can still be found.
    assert any(text[:60] in searchable for text in prompts)
