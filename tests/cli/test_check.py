"""`quiz-engine check` and `summary`: the build's messages for every error, exit codes, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.markdown.test_errors import CASES, HEADER
from tests.support import ROOT

from .conftest import write_docs

GOOD = "# Good\n\n/// quiz | Is this a question?\n    type: true-false\n    id: good\n\n- [x] Yes\n- [ ] No\n///\n"


def test_the_course_has_no_problems(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = cli("check")
    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out.endswith(": no problems\n")
    count, pages = result.out.split()[0], result.out.split()[3]
    assert int(count) > 50 and int(pages) > 8


def test_a_folder_without_questions_is_fine(cli, project: Path) -> None:
    write_docs(project, {"index.md": "# Home\n\nNo questions here.\n"})
    assert cli("check").out == "0 questions in 0 pages: no problems\n"


@pytest.mark.parametrize("name", list(CASES))
def test_each_malformed_question_is_reported_with_file_line_and_fix(cli, project: Path, name: str) -> None:
    body, line, message, fix = CASES[name]
    write_docs(project, {"index.md": GOOD, "lessons/bad.md": HEADER + body + "\n"})
    result = cli("check")
    assert result.code == 1
    assert result.out == ""
    shown = os.path.join("docs", "lessons", "bad.md")
    lines = result.err.splitlines()
    index = next(i for i, text in enumerate(lines) if text.startswith(f"{shown}:{line}: ") and message in text)
    assert lines[index + 1].startswith("  How to fix: ") and fix in lines[index + 1]
    assert lines[-1].endswith(" in 1 page")


LONG = (
    "Because that comfort matters most to how both partners feel about their difference, "
    "day after day and year after year together."
)
GIVEAWAYS = """# Lesson

## Learning objectives

- tell the kinds apart;
- explain why comfort matters.

## Quiz

/// quiz | Why does the lesson say that comfort matters most?
    type: single
    id: giveaway
    objective: 1

- [ ] Because a couple with different roles is bound to fail in the end.
    > Feedback.
- [x] LONG
    > Feedback.
- [ ] Because equal roles are fair.
    > Feedback.
///

/// quiz | Is this the same kind?
    type: true-false
    id: fine
    objective: 1

- [x] True
    > Feedback.
- [ ] False
    > Feedback.
///
""".replace("LONG", LONG)


def test_check_warns_about_giveaways_and_thin_objectives_without_failing(cli, project: Path) -> None:
    write_docs(project, {"index.md": GIVEAWAYS})
    result = cli("check")
    assert result.code == 0
    warnings = [line for line in result.err.splitlines() if ": warning: " in line]
    shown = os.path.join("docs", "index.md")
    assert [w.split(": warning: ")[0] for w in warnings] == [f"{shown}:6", f"{shown}:15", f"{shown}:17", f"{shown}:17"]
    assert "learning objective 2 is checked by 0 scored questions" in warnings[0]
    assert "says `bound to`" in warnings[1]
    assert any("has 21 words, the next longest 13" in w for w in warnings[2:])
    assert any("repeats the question's words `that comfort matters most`" in w for w in warnings[2:])
    assert result.out == "2 questions in 1 page: 4 warnings about giveaways\n"


def test_every_error_of_every_page_is_reported(cli, project: Path) -> None:
    bad = "/// quiz | Q?\n    type: singel\n\n- [x] A\n- [ ] B\n///\n\n"
    bad += "/// quiz | R?\n    type: single\n\n- [ ] A\n///\n"
    write_docs(project, {"a.md": "# A\n\n" + bad, "b.md": "# B\n\n" + bad, "c.md": GOOD})
    result = cli("check", "docs")
    assert result.code == 1
    located = [line.split(": ")[0] for line in result.err.splitlines() if not line.startswith(" ")]
    assert located == ["docs/a.md:4", "docs/a.md:13", "docs/b.md:4", "docs/b.md:13", "4 errors in 2 pages"]


def test_a_question_id_used_on_two_pages_is_an_error_worded_as_the_build_does(cli, project: Path) -> None:
    # The same pages and the same message as tests/site/test_build.py's test of `mkdocs build`.
    question = "/// quiz | Q?\n    type: true-false\n    id: shared\n\n- [x] Yes\n- [ ] No\n///\n"
    write_docs(project, {"a.md": "# A\n\n" + question, "b.md": "# B\n\n\n" + question})
    result = cli("check")
    assert result.code == 1
    assert "docs/b.md:4: the question id `shared` is already used at docs/a.md:3." in result.err
    assert "How to fix: give each question its own `id`." in result.err


def test_the_messages_are_the_ones_mkdocs_build_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:
    """The real build, on a page with front matter and two bad questions: every CLI message is in its output."""
    from tests.site.test_build import make_project, mkdocs

    bad = (
        "---\ntitle: Front matter\n---\n# Page\n\n/// quiz | Q?\n    type: single\n\n- [x] A\n- [x] B\n///\n\n"
        "/// quiz | R?\n    type: text\n\n- [ ] wrong\n///\n"
    )
    project = make_project(tmp_path, {"index.md": GOOD, "bad.md": bad})
    build = mkdocs(project, "build")
    assert build.returncode == 1
    monkeypatch.chdir(project)
    result = cli("check")
    assert result.code == 1
    messages = result.err.split("\n2 errors in 1 page")[0]
    assert messages.count("How to fix:") == 2
    assert messages in build.stderr


def test_missing_folder_is_a_usage_error(cli, project: Path) -> None:
    result = cli("check", "nowhere")
    assert result.code == 2
    assert result.err == "quiz-engine check: nowhere: no such folder\n"


def test_a_file_that_is_not_utf8_is_reported_not_raised(cli, project: Path) -> None:
    docs = write_docs(project, {"index.md": GOOD})
    (docs / "latin1.md").write_bytes(b"# Caf\xe9\n")
    result = cli("check")
    assert result.code == 1
    assert "docs/latin1.md:1: this file is not UTF-8 text" in result.err


def test_bad_options_exit_2(cli, project: Path) -> None:
    with pytest.raises(SystemExit) as info:
        cli("check", "--nope")
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        cli()
    assert info.value.code == 2


def test_summary_counts_questions_by_page_and_type(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    table = cli("summary")
    assert table.code == 0
    lines = table.out.splitlines()
    assert lines[0].split()[:3] == ["page", "questions", "points"]
    pool_line = next(line for line in lines if line.startswith("examples/pool.md"))
    assert "(draws 2 of 3)" in pool_line
    assert lines[-1].startswith("total (")
    data = json.loads(cli("summary", "--json").out)
    pages = {row["page"]: row for row in data["pages"]}
    types = pages["examples/more-types.md"]["types"]
    assert types == {"order": 1, "match": 1, "text": 1, "scale": 1, "reflection": 1}
    assert pages["examples/more-types.md"]["points"] == 3  # scale and reflection have no points
    assert pages["examples/pool.md"]["pools"] == [{"id": "example-pool", "draw": 2, "questions": 3}]
    assert lines[-1].split()[3] == str(sum(row["questions"] for row in data["pages"]))


def test_summary_of_a_folder_with_errors_lists_them_and_fails(cli, project: Path) -> None:
    write_docs(project, {"index.md": GOOD, "bad.md": "# Bad\n\n/// quiz | Q?\n    type: single\n\n- [ ] A\n///\n"})
    result = cli("summary")
    assert result.code == 1
    assert "(1 error)" in result.out
    assert "docs/bad.md:6: " in result.err


@pytest.mark.parametrize(
    "command", [[sys.executable, "-m", "quiz_engine"], [str(Path(sys.executable).parent / "quiz-engine")]]
)
def test_the_installed_script_and_python_m_run_the_cli(command: list[str], tmp_path: Path) -> None:
    if not Path(command[0]).exists():
        pytest.fail(f"{command[0]} is missing: install the package (`pip install -e .`, as the Makefile does)")
    help_text = subprocess.run([*command, "--help"], capture_output=True, text=True, timeout=60)
    assert help_text.returncode == 0
    assert all(name in help_text.stdout for name in ("check", "summary", "export"))
    ok = subprocess.run([*command, "check", str(ROOT / "docs")], capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and "no problems" in ok.stdout
    missing = subprocess.run([*command, "check", str(tmp_path / "none")], capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr and "no such folder" in missing.stderr


def test_a_page_from_another_system_is_read_as_the_build_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli
) -> None:
    """Windows line ends around front matter, a byte order mark, a page in Latin-1, front matter that is
    not YAML: the CLI gives the build's messages, at the build's lines."""
    from tests.site.test_build import make_project, mkdocs

    windows = "---\ntitle: T\n---\n# Page\n\n/// quiz | Q?\n\ttype: single\n\n- [x] A\n- [x] B\n///\n"
    project = make_project(tmp_path, {"index.md": GOOD})
    (project / "docs/windows.md").write_bytes(b"\xef\xbb\xbf" + windows.replace("\n", "\r\n").encode())
    monkeypatch.chdir(project)
    result = cli("check")
    assert result.code == 1
    assert result.err.startswith("docs/windows.md:10: a single question needs exactly one right option")
    build = mkdocs(project, "build")
    assert result.err.split("\n1 error in 1 page")[0] in build.stderr
    summary = json.loads(cli("summary", "--json").out)
    assert {row["page"]: row["title"] for row in summary["pages"]}["windows.md"] == "T"  # its front matter's

    (project / "docs/windows.md").unlink()
    (project / "docs/latin1.md").write_bytes(
        ("# Caf\xe9\n\n/// quiz | Q?\n    type: single\n\n- [ ] A\n///\n").encode("latin-1")
    )
    result = cli("check")
    assert result.code == 1
    messages = result.err.split("\n2 errors in 1 page")[0]
    assert messages.startswith("docs/latin1.md:1: this file is not UTF-8 text")
    assert "docs/latin1.md:6: a single-answer question needs at least two options" in messages  # read all the same
    assert messages in mkdocs(project, "build").stderr

    (project / "docs/latin1.md").unlink()
    (project / "docs/about.md").write_text("---\ntitle: About: us\n---\n# About\n", encoding="utf-8")
    result = cli("check")
    assert result.code == 1
    assert result.err.startswith("docs/about.md:2: the front matter (lines 1 to 3) is not valid YAML")
    assert result.err.split("\n1 error in 1 page")[0] in mkdocs(project, "build").stderr


def test_a_misspelt_block_is_an_error_where_it_was_a_page_with_no_questions(cli, project: Path) -> None:
    write_docs(project, {"index.md": GOOD, "typo.md": "# Typo\n\n/// quizz | Q?\n    type: single\n\n- [x] A\n///\n"})
    result = cli("check")
    assert result.code == 1
    assert result.err.splitlines()[:2] == [
        "docs/typo.md:3: `/// quizz` is not a block the site knows, so the page would show its lines as written, "
        "answers included.",
        "  How to fix: did you mean `/// quiz`? The quiz blocks are `quiz`, `quiz-pool`, `quiz-progress`, "
        "`quiz-overview`, `quiz-join`.",
    ]
