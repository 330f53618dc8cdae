"""A question type is one module, its widget and its words: a toy type added to a copy of the engine works
end to end, from the author's Markdown to the engine's score and the widget the page loads, with no other
file changed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import quiz_engine

PACKAGE = Path(quiz_engine.__file__).resolve().parent

TOY = '''
"""yes-no: a toy type for the test: the answer is "yes" or "no", written `answer: yes` in the header."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..data import ErrorResult, Problem, Reader, graded
from ..settings import Setting
from .base import QuestionType

ANSWER = Setting("answer", "choice", "yes", allowed=("yes", "no"), scored_only=False)


@dataclass(frozen=True)
class YesNo:
    answer: str = "yes"


class Toy(QuestionType):
    names = ("yes-no",)
    position = 99
    settings = (ANSWER,)

    def empty_body(self):
        return YesNo()

    def to_dict(self, body):
        return {"answer": body.answer}

    def from_dict(self, reader: Reader, qtype: str):
        return YesNo(reader.choice("answer", ANSWER.allowed))

    def check(self, question):
        return []

    def score(self, question, response: Any):
        said = response.get("said") if isinstance(response, dict) else None
        if said not in ("yes", "no"):
            return ErrorResult("no-answer", "say yes or no", question.id)
        return graded(question.id, question.points, float(said == question.body.answer))

    def solution(self, question):
        return {"said": question.body.answer}

    def body_of(self, source):
        return YesNo(source.settings.get("answer", "yes"))

    def render(self, r, fieldset):
        for value in ("yes", "no"):
            r.el(fieldset, "input", type="radio", name=r.base, value=value, id=f"{r.base}-{value}")


KIND = Toy()
'''

PAGE = """# A page

/// quiz | Is the sky blue?
    type: yes-no
    id: sky
    answer: yes
///
"""

WIDGET = """// yes-no: a toy widget for the test.
import { Widget } from "./base.js";
export default class YesNo extends Widget {}
"""

SCRIPT = """
import json, sys
import markdown
from quiz_engine.browser import handle
from quiz_engine.mkdocs.bundle import WEB_FILES
from quiz_engine.markdown.source import find_blocks

page = open(sys.argv[1], encoding="utf-8").read()
html = markdown.Markdown(extensions=["quiz_engine.markdown"]).convert(page)
(block,) = find_blocks(page, "page", 1)
question = block.source.to_question().to_dict()
answers = [
    json.loads(handle(json.dumps({"op": "score", "question": question, "response": {"said": said}})))
    for said in ("yes", "no")
]
print(json.dumps({"html": html, "question": question, "answers": answers, "web": list(WEB_FILES)}))
"""


def test_a_new_type_needs_only_its_module_its_words_and_nothing_else(tmp_path: Path) -> None:
    copy = tmp_path / "quiz_engine"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "types" / "toy.py").write_text(TOY, encoding="utf-8")
    (copy / "web" / "widgets" / "yes-no.js").write_text(WIDGET, encoding="utf-8")
    for locale in (copy / "locales").glob("*.json"):
        words = json.loads(locale.read_text(encoding="utf-8"))
        words["instruction.yes-no"] = "Say yes or no."
        locale.write_text(json.dumps(words, ensure_ascii=False, indent=1), encoding="utf-8")
    (tmp_path / "page.md").write_text(PAGE, encoding="utf-8")

    changed = sorted(
        str(path.relative_to(copy))
        for path in copy.rglob("*")
        if path.is_file()
        and (
            not (PACKAGE / path.relative_to(copy)).is_file()
            or (PACKAGE / path.relative_to(copy)).read_bytes() != path.read_bytes()
        )
    )
    assert changed == ["locales/en.json", "locales/fr.json", "types/toy.py", "web/widgets/yes-no.js"]

    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "page.md")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert 'class="quiz quiz--yes-no' in out["html"] and "Say yes or no." in out["html"]
    assert 'value="yes"' in out["html"] and 'data-widget="yes-no"' in out["html"]
    assert "widgets/yes-no.js" in out["web"]  # copied into the site with the other widgets
    assert out["question"]["answer"] == "yes" and out["question"]["points"] == 1.0
    verdicts = [answer.get("verdict") or answer for answer in out["answers"]]
    assert verdicts == ["correct", "incorrect"], out["answers"]
