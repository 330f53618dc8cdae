"""The CLI reads the docs folder through MkDocs, as the build does: the same mkdocs.yml, the same files, so
the same pages, ids and counts as `mkdocs build`."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from tests.site.test_build import GOOD, make_project, mkdocs
from tests.support import ROOT, build_site

QUESTION = "/// quiz | Q?\n    type: true-false\n    id: shared\n\n- [x] Yes\n- [ ] No\n///\n"
BUILD_COUNT = re.compile(r"quiz: (\d+) questions on (\d+) pages")
CLI_COUNT = re.compile(r"^(\d+) questions? in (\d+) pages?: ", re.MULTILINE)


def test_the_cli_counts_the_course_as_the_build_does(
    cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build_site(tmp_path / "site", "http://127.0.0.1:8000/")
    built = BUILD_COUNT.search(caplog.text)
    assert built, caplog.text
    monkeypatch.chdir(ROOT)
    checked = cli("check")
    assert checked.code == 0, checked.err
    counted = CLI_COUNT.search(checked.out)
    assert counted, checked.out
    assert counted.groups() == built.groups()
    summary = cli("summary")
    assert summary.out.splitlines()[-1].split()[:4] == ["total", f"({built[2]}", "pages)", built[1]]
    # and the pages are the ones whose built HTML has questions
    pages = {p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("index.html")}
    with_forms = [p for p in pages if '<form class="quiz ' in (tmp_path / "site" / p).read_text(encoding="utf-8")]
    assert len(with_forms) == int(built[2])


def test_files_the_build_leaves_out_are_left_out(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """mkdocs.yml's `exclude_docs` and drafts: the build reads neither, so their ids are not used twice."""
    project = make_project(tmp_path, {"index.md": "# A\n\n" + QUESTION})
    (project / "docs/drafts").mkdir()
    (project / "docs/drafts/old.md").write_text("# Old\n\n" + QUESTION, encoding="utf-8")
    (project / "docs/next.md").write_text("# Next\n\n" + QUESTION, encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("exclude_docs: drafts/\ndraft_docs: next.md\n")
    build = mkdocs(project, "build", "--strict")
    assert build.returncode == 0, build.stderr
    assert "quiz: 1 questions on 1 pages" in build.stderr
    monkeypatch.chdir(project)
    assert cli("check").out == "1 question in 1 page: no problems\n"
    monkeypatch.chdir(tmp_path.parent)
    result = cli("check", str(project / "docs"))  # its mkdocs.yml is found beside the docs folder
    assert result.out == "1 question in 1 page: no problems\n", result.err


def test_the_config_file_can_be_given(cli, project: Path) -> None:
    (project / "site-config").mkdir()
    (project / "content").mkdir()
    (project / "content/index.md").write_text(GOOD, encoding="utf-8")
    (project / "content/hidden.md").write_text("# Hidden\n\n" + QUESTION, encoding="utf-8")
    (project / "site-config/mkdocs.yml").write_text(
        "site_name: T\ndocs_dir: ../content\nexclude_docs: hidden.md\n", encoding="utf-8"
    )
    result = cli("check", "--config-file", "site-config/mkdocs.yml")
    assert result.code == 0, result.err
    assert result.out == "1 question in 1 page: no problems\n"
    # without it, the folder is read with MkDocs' defaults: every file
    assert cli("check", "content").out == "2 questions in 2 pages: no problems\n"


def test_a_mkdocs_yml_that_mkdocs_refuses_is_a_usage_error(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path, {"index.md": GOOD})
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("      mastery: 1.5\n")
    monkeypatch.chdir(project)
    result = cli("check")
    assert result.code == 2
    assert result.err.startswith("quiz-engine check: mkdocs.yml: MkDocs refuses it: ")
    assert "mkdocs.yml:7: `mastery: 1.5` is not allowed; mastery takes a number greater than 0 and at most 1" in (
        result.err
    )
    assert "Traceback" not in result.err
    missing = cli("check", "--config-file", "nowhere.yml")
    assert (missing.code, missing.err) == (2, "quiz-engine check: nowhere.yml: no such file\n")


def test_implicit_ids_and_the_cross_page_check_are_the_builds(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A question without an id, in a subfolder, gets the build's id (from the page's path and the
    question's words); the same id on a page read later is the build's error."""
    untitled = "/// quiz | Is it the same?\n    type: true-false\n\n- [x] Yes\n- [ ] No\n///\n"
    project = make_project(tmp_path, {"index.md": GOOD})
    (project / "docs/part").mkdir()
    (project / "docs/part/one.md").write_text("# One\n\n" + untitled, encoding="utf-8")
    explicit = untitled.replace("    type:", "    id: part-one-is-it-the-same\n    type:")
    (project / "docs/two.md").write_text("# Two\n\n" + explicit, encoding="utf-8")
    build = mkdocs(project, "build")
    assert build.returncode == 1
    monkeypatch.chdir(project)
    result = cli("check")
    assert result.code == 1
    message = result.err.split("\n1 error in 1 page")[0]
    # MkDocs reads a folder's files before its subfolders: two.md first
    used = "the question id `part-one-is-it-the-same` is already used at docs/two.md:3"
    assert message.startswith(f"docs/part/one.md:3: {used}")
    assert message in build.stderr
