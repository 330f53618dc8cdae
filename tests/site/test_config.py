"""The plugin's settings in mkdocs.yml: each typed, with its range; a bad value stops the build with the file,
the line, the value and what is allowed, and no traceback; good values (`mastery: 1` too) build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config

from quiz_engine.i18n import languages
from quiz_engine.mkdocs.config import setting_line

from .test_build import GOOD, make_project, mkdocs, quiz_settings

SETTINGS_LINE = 7  # the first line after make_project's `build_dir:`, under `- quiz:`
NUMBER = "a number greater than 0 and at most 1, such as 0.8 (80% of a lesson's points)"
SECONDS = "a whole number from 5 to 600, such as 60 (seconds)"


def with_settings(project: Path, *lines: str) -> Path:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("\n") == SETTINGS_LINE - 1, "make_project's mkdocs.yml changed: update SETTINGS_LINE"
    config.write_text(text + "".join(f"      {line}\n" for line in lines), encoding="utf-8")
    return project


@pytest.mark.parametrize(
    ("setting", "allowed"),
    [
        ("mastery: 1.5", NUMBER),
        ("mastery: 0", NUMBER),
        ("mastery: -0.2", NUMBER),
        ("mastery: true", NUMBER),
        ("mastery: 80%", NUMBER),
        ("boot_timeout: -3", SECONDS),
        ("boot_timeout: 2.5", SECONDS),
        ("boot_timeout: 3600", SECONDS),
        ("language: xx", f"one of {', '.join(languages())} (the languages in quiz_engine/locales/)"),
        ("runtime_dir: 3", "a path, relative to mkdocs.yml"),
        ("build_dir: ''", "a path, relative to mkdocs.yml"),
        ("snapshot: maybe", "true or false"),
        ("offline: 1", "true or false"),
    ],
)
def test_a_bad_setting_stops_the_build_naming_the_file_line_value_and_range(
    tmp_path: Path, setting: str, allowed: str
) -> None:
    project = with_settings(make_project(tmp_path, {"index.md": GOOD}), setting)
    result = mkdocs(project, "build")
    assert result.returncode == 1
    name, value = setting.split(": ")
    expected = f"mkdocs.yml:{SETTINGS_LINE}: `{name}: {value}` is not allowed; {name} takes {allowed}"
    assert expected in result.stderr
    assert f"Plugin 'quiz' option '{name}'" in result.stderr
    assert "Aborted with a configuration error!" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (project / "site").exists()


def test_good_settings_build_and_reach_the_page(tmp_path: Path) -> None:
    """`mastery: 1` is an int in YAML and is accepted; the page's settings always carry mastery."""
    progress = "# Progress\n\n/// quiz-progress\n///\n"
    project = make_project(tmp_path, {"index.md": GOOD, "progress.md": progress})
    with_settings(project, "mastery: 1", "boot_timeout: 5", "language: fr", "snapshot: false", "compress: false")
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    settings = quiz_settings((project / "site/index.html").read_text(encoding="utf-8"))
    assert settings["mastery"] == 1 and settings["timeout"] == 5
    page = (project / "site/progress/index.html").read_text(encoding="utf-8")
    course = re.search(r'data-quiz-course="([^"]*)"', page)
    assert course and json.loads(course[1].replace("&quot;", '"').replace("&amp;", "&"))["mastery"] == 1
    assert "quiz: 1 questions on 1 pages (and 1 more that show the course)" in result.stderr


def test_the_page_settings_carry_the_default_mastery(site_dir: Path) -> None:
    from quiz_engine.progress import DEFAULT_MASTERY

    page = (site_dir / "examples/choice/index.html").read_text(encoding="utf-8")
    assert quiz_settings(page)["mastery"] == DEFAULT_MASTERY


def plugin_config(tmp_path: Path, *lines: str):
    project = with_settings(make_project(tmp_path, {"index.md": GOOD}), *lines)
    return load_config(str(project / "mkdocs.yml")).plugins["quiz"].config


@pytest.mark.parametrize(
    ("line", "name", "value"),
    [
        ("mastery: 1", "mastery", 1),
        ("mastery: 0.5", "mastery", 0.5),
        ("mastery: 0.001", "mastery", 0.001),
        ("boot_timeout: 5", "boot_timeout", 5),
        ("boot_timeout: 600", "boot_timeout", 600),
        ("language: fr", "language", "fr"),
        ("build_dir: out/build", "build_dir", "out/build"),
        ("snapshot: false", "snapshot", False),
    ],
)
def test_good_values_are_kept(tmp_path: Path, line: str, name: str, value: object) -> None:
    assert plugin_config(tmp_path, line)[name] == value


def test_the_defaults(tmp_path: Path) -> None:
    config = plugin_config(tmp_path)
    assert (config.mastery, config.boot_timeout, config.language) == (0.8, 60, None)
    assert (config.enabled, config.snapshot, config.compress, config.offline) == (True, True, True, True)


def test_the_line_is_found_in_either_form_of_plugins(tmp_path: Path) -> None:
    listed = "site_name: T\nsite_url: !ENV [X, 'y']\nplugins:\n  - search\n  - quiz:\n      mastery: 2\n"
    mapped = "site_name: T\nplugins:\n  search: {}\n  quiz:\n    language: xx\ntheme:\n  language: en\n"
    path = tmp_path / "mkdocs.yml"
    for text, key, line in ((listed, "mastery", 6), (mapped, "language", 5), (mapped, "mastery", None)):
        path.write_text(text, encoding="utf-8")
        assert setting_line(str(path), "quiz", key) == line
    assert setting_line(str(tmp_path / "none.yml"), "quiz", "mastery") is None
