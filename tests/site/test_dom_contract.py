"""One contract between the HTML the build writes and the scripts and styles that use it: the names
(classes, data attributes, ids) are declared once, in quiz_engine/dom.json, and checked here against the
built site, the scripts and the stylesheets. A renamed class fails here, not in a reader's browser."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import quiz_engine

PACKAGE = Path(quiz_engine.__file__).resolve().parent
CONTRACT = json.loads((PACKAGE / "dom.json").read_text(encoding="utf-8"))
RENDERED, DRAWN = CONTRACT["rendered"], CONTRACT["drawn"]
SCRIPTS = {path: path.read_text(encoding="utf-8") for path in sorted((PACKAGE / "web").rglob("*.js"))}
STYLES = {path: path.read_text(encoding="utf-8") for path in sorted((PACKAGE / "web").rglob("*.css"))}
PART = re.compile(r"^(?:[a-z]|p\d+|m\d+)$")
ID_WORDS = {
    "prompt",
    "stem",
    "instruction",
    "status",
    "explanation",
    "hint",
    "input",
    "list",
    "feedback",
    "text",
    "up",
    "down",
}


class Names(HTMLParser):
    """The quiz names in a page: classes starting with `quiz`, data attributes on quiz elements, ids."""

    def __init__(self) -> None:
        super().__init__()
        self.classes: set[str] = set()
        self.data: set[str] = set()
        self.ids: set[str] = set()
        self.forms: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        ours = [c for c in (values.get("class") or "").split() if c.startswith("quiz")]
        self.classes.update(ours)
        if tag == "form" and "data-quiz" in values:
            self.forms.add(values.get("id") or "")
        for name in values:
            if name.startswith("data-") and not name.startswith("data-md-") and (ours or self.forms or "quiz" in name):
                self.data.add(name)
        if (values.get("id") or "").startswith("quiz"):
            self.ids.add(values["id"] or "")


def id_pattern(element_id: str, forms: set[str]) -> str:
    """`quiz-l1-x-b-feedback` -> `{form}-{part}-feedback`."""
    form = next(
        (f for f in sorted(forms, key=len, reverse=True) if element_id == f or element_id.startswith(f"{f}-")), None
    )
    if form is None:
        return element_id
    out, tokens = "{form}", element_id[len(form) :].split("-")[1:]
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == "band" and index + 1 < len(tokens) and tokens[index + 1].isdigit():
            out, index = out + "-{part}", index + 2
            continue
        out += (
            "-{n}"
            if token.isdigit()
            else f"-{token}"
            if token in ID_WORDS
            else "-{part}"
            if PART.match(token)
            else f"-{token}"
        )
        index += 1
    return out


def test_the_build_writes_exactly_the_declared_names(site_dir: Path) -> None:
    names = Names()
    for page in sorted(site_dir.rglob("*.html")):
        names.feed(page.read_text(encoding="utf-8"))
    assert sorted(names.classes) == RENDERED["classes"]
    assert sorted(names.data) == RENDERED["data"]
    assert sorted({id_pattern(i, names.forms) for i in names.ids}) == RENDERED["ids"]


def _looked_up(script: str) -> tuple[set[str], set[str]]:
    """The classes and data attributes a script looks up in the page (selectors, class tests, dataset)."""
    selectors = re.findall(r"(?:querySelector(?:All)?|closest|matches)\(\s*[\"'`]([^\"'`]*)[\"'`]", script)
    classes = {c for s in selectors for c in re.findall(r"\.(quiz[\w-]*)", s)}
    classes |= set(re.findall(r"classList\.contains\(\s*[\"'`](quiz[\w-]*)[\"'`]", script))
    data = {d for s in selectors for d in re.findall(r"\[(data-[\w-]+)", s)}
    data |= {
        "data-" + re.sub(r"[A-Z]", lambda m: "-" + m[0].lower(), name) for name in re.findall(r"dataset\.(\w+)", script)
    }
    data |= set(re.findall(r"(?:get|has)Attribute\(\s*[\"'`](data-[\w-]+)", script))
    return classes, data


def test_the_scripts_look_up_only_declared_names() -> None:
    known_classes = {*RENDERED["classes"], *DRAWN["classes"]}
    problems = []
    for path, script in SCRIPTS.items():
        classes, data = _looked_up(script)
        problems += [f"{path.name}: class {c}" for c in sorted(classes - known_classes)]
        problems += [f"{path.name}: attribute {d}" for d in sorted(data - set(RENDERED["data"]) - _set_by_scripts())]
    assert problems == []


def _set_by_scripts() -> set[str]:
    """Data attributes the scripts set themselves (dataset.x = ..., setAttribute("data-x", ...))."""
    found = set()
    for script in SCRIPTS.values():
        found |= {
            "data-" + re.sub(r"[A-Z]", lambda m: "-" + m[0].lower(), name)
            for name in re.findall(r"dataset\.(\w+)\s*=[^=]", script)
        }
        found |= set(re.findall(r"setAttribute\(\s*[\"'`](data-[\w-]+)", script))
        found |= set(re.findall(r"[\"'](data-[\w-]+)[\"']\s*:", script))
    return found


def test_the_ids_the_scripts_build_are_declared() -> None:
    """`quiz-${id}` is a question's form; `${base}-${part}` then `-feedback` the feedback under a part."""
    every = "".join(SCRIPTS.values())
    assert "getElementById(`quiz-${" in every and "{form}" in RENDERED["ids"]
    for suffix in re.findall(r"\}-(\w+)`", every):
        assert any(pattern.endswith(f"-{suffix}") for pattern in RENDERED["ids"]) or f"-{suffix}" in "".join(
            DRAWN["ids"]
        ), suffix


def test_what_the_scripts_draw_is_drawn_by_a_script() -> None:
    every = "".join(SCRIPTS.values())
    missing = [
        name
        for name in DRAWN["classes"]
        if not re.search(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", every)
        and f"{name.rsplit('--', 1)[0]}--${{" not in every
    ]
    assert missing == []


def test_the_stylesheets_style_only_declared_names() -> None:
    known = {*RENDERED["classes"], *DRAWN["classes"]}
    styled = {
        f"{path.name}: {name}"
        for path, css in STYLES.items()
        for name in re.findall(r"\.(quiz[\w-]*)", css)
        if name not in known
    }
    assert styled == set()
