"""`quiz-engine export --format gift`: read the file back with a GIFT reader and compare with the bank."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from quiz_engine.export.bank import read_bank
from quiz_engine.markdown.source import QuestionSource
from quiz_engine.scoring import score
from tests.support import ROOT

from .conftest import write_docs
from .gift_reader import GiftQuestion, read_gift

EVERY_TYPE = """# Every type: {braces} and #hashes

/// quiz | Which one is right: a = b, c ~ d, {e}, #f or g: h?
    type: single
    id: single-specials
    points: 2

Some *Markdown* context,
on two lines.

- [ ] a = b
    > Not this: `=` means equal.
- [x] c ~ d
    > Right {indeed}.
- [ ] %50 of it
- [ ] back\\slash

Hint: Look at the tilde.

The explanation, with a [link](other.md#part).
///

/// quiz | Pick the two right ones.
    type: multiple
    id: multiple-three
    tries: 3
    penalty: 25%

- [x] One
- [x] Two
    > Yes.
- [ ] Three
    > No.
///

/// quiz | The sky is green.
    type: true-false
    id: tf-true-false

- [ ] True
    > It is blue.
- [x] False
    > Right.

It is blue by day.
///

/// quiz | Is it raining?
    type: true-false
    id: tf-yes-no

- [x] Yes
- [ ] No
///

/// quiz | Put these in order.
    type: order
    id: order-three
    scoring: pairs

1. First -> one
2. Second
    > In the middle.
3. Third
///

/// quiz | Match them.
    type: match
    id: match-decoy

- Cat -> Animal
- Rose -> Plant
- Dog -> Animal
- -> Mineral
///

/// quiz | Name the story.
    type: text
    id: text-answers

- [x] police story
- [x] /(the )?police/
- [ ] surveillance
    > Close, but no.
///

/// quiz | Only a pattern.
    type: text
    id: text-pattern-only

- [x] /a+/
///

/// quiz | Rate these.
    type: scale
    id: scale-skipped
    labels: [No, Yes]

- One thing
- Another
- [0-1] Low
    > Low.
- [2-2] High
    > High.
///

/// quiz | Write about it.
    type: reflection
    id: reflection-essay

A few lines.
///

//// quiz-pool | Practice round
    draw: 1
    id: the-pool

/// quiz | Pool one?
    type: true-false
    id: pool-one

- [x] True
- [ ] False
///

/// quiz | Pool two?
    type: true-false
    id: pool-two

- [ ] True
- [x] False
///
////
"""


def expected_text(source: QuestionSource) -> str:
    return (f"{source.title}\n\n{source.stem}" if source.stem.strip() else source.title).strip()


def check_round_trip(bank_root: Path, questions: list[GiftQuestion]) -> set[str]:
    """Assert that each GIFT question says what its source says; return the ids seen."""
    bank = read_bank(bank_root)
    by_id = {q.title: q for q in questions}
    assert len(by_id) == len(questions), "two questions share a title"
    seen = set()
    for page, source in bank.questions():
        if source.type == "scale" or (
            source.type == "text" and not any(a.correct and not a.pattern for a in source.of_kind("answer"))
        ):
            assert source.id not in by_id
            continue
        gift = by_id[source.id]
        seen.add(source.id)
        assert f"[id:{source.id}] {page.shown}:{source.line}" in gift.comments
        assert gift.format == "markdown"
        assert gift.text == expected_text(source)
        assert gift.general_feedback == source.explanation.strip()
        pools = {p.id: p.title for p in page.pools}
        category = f"$course$/top/{page.title}" + (f"/{pools[source.pool]}" if source.pool else "")
        assert gift.category == category
        check_answers(source, gift)
    return seen


def check_answers(source: QuestionSource, gift: GiftQuestion) -> None:
    options = source.options
    if source.type == "true-false" and {o.text for o in options} == {"True", "False"}:
        right = next(o for o in options if o.correct)
        wrong = next(o for o in options if not o.correct)
        assert gift.kind == "truefalse"
        assert gift.truth is (right.text == "True")
        assert (gift.feedback_right, gift.feedback_wrong) == (right.feedback, wrong.feedback)
    elif source.type in ("single", "true-false"):
        assert gift.kind == "multichoice"
        assert [a.text for a in gift.answers] == [o.text for o in options]
        assert [a.correct for a in gift.answers] == [o.correct for o in options]
        assert [a.feedback for a in gift.answers] == [o.feedback for o in options]
        assert all(a.weight in (None, 0, 100) for a in gift.answers)
    elif source.type == "multiple":
        right = sum(o.correct for o in options)
        wrong = len(options) - right
        assert gift.kind == "multichoice"
        assert [a.text for a in gift.answers] == [o.text for o in options]
        assert [a.feedback for a in gift.answers] == [o.feedback for o in options]
        for answer, option in zip(gift.answers, options, strict=True):
            share = 100 / right if option.correct else -100 / wrong
            assert answer.weight == pytest.approx(share, abs=1e-5)
        assert sum(a.weight for a in gift.answers if a.weight > 0) == pytest.approx(100, abs=1e-3)
        # Moodle adds the weights of the answers chosen and keeps the total between 0 and 100%: our rule.
        question = source.to_question()
        for size in range(1, len(options) + 1):
            for chosen in itertools.combinations(range(len(options)), size):
                moodle = max(0.0, min(1.0, sum(gift.answers[i].weight for i in chosen) / 100))
                engine = score(question, {"selected": [options[i].id for i in chosen]})
                assert moodle * source.points == pytest.approx(engine.credit, abs=1e-4)
    elif source.type == "order":
        assert gift.kind == "matching"
        items = source.of_kind("item")
        assert [(a.text, a.match) for a in gift.answers] == [
            (item.text.replace("->", "\u2192"), str(n)) for n, item in enumerate(items, start=1)
        ]
    elif source.type == "match":
        assert gift.kind == "matching"
        parts = source.of_kind("item", "decoy")
        assert [(a.text, a.match) for a in gift.answers] == [(p.text, p.match) for p in parts]
    elif source.type == "text":
        plain_answers = [a for a in source.of_kind("answer") if not a.pattern]
        assert gift.kind == "shortanswer"
        assert [a.text for a in gift.answers] == [a.value for a in plain_answers]
        assert [a.weight != 0 and a.correct for a in gift.answers] == [a.correct for a in plain_answers]
        assert [a.feedback for a in gift.answers] == [a.feedback for a in plain_answers]
    elif source.type == "reflection":
        assert gift.kind == "essay"
        assert gift.answers == []
    else:
        raise AssertionError(source.type)


def test_every_type_round_trips(cli, project: Path) -> None:
    write_docs(project, {"index.md": EVERY_TYPE, "other.md": "# Other\n"})
    result = cli("export", "--format", "gift", "--output", "bank.txt")
    assert result.code == 0, result.err
    questions = read_gift((project / "bank.txt").read_text(encoding="utf-8"))
    seen = check_round_trip(project / "docs", questions)
    assert len(seen) == len(questions) == 10
    assert {q.kind for q in questions} == {"multichoice", "truefalse", "matching", "shortanswer", "essay"}
    specials = next(q for q in questions if q.title == "single-specials")
    assert specials.text.startswith("Which one is right: a = b, c ~ d, {e}, #f or g: h?\n\nSome *Markdown*")
    assert [a.text for a in specials.answers][2:] == ["%50 of it", "back\\slash"]
    assert "wrote 10 questions to bank.txt (GIFT, 2 skipped, " in result.err


def test_without_output_the_bank_goes_to_stdout_and_nothing_into_the_project(cli, project: Path) -> None:
    write_docs(project, {"index.md": EVERY_TYPE, "other.md": "# Other\n"})
    result = cli("export", "--format", "gift")
    assert result.code == 0, result.err
    assert sorted(path.name for path in project.iterdir()) == ["docs"], "export wrote a file into the project"
    questions = read_gift(result.out)
    assert len(check_round_trip(project / "docs", questions)) == len(questions) == 10
    assert "wrote 10 questions to stdout (GIFT, 2 skipped, " in result.err and "warning: " in result.err
    assert "warning: " not in result.out and "wrote" not in result.out, "stdout holds the bank only"
    assert cli("export", "-f", "gift", "-o", "-").out == result.out, "-o - is standard output too"


def test_what_gift_cannot_say_is_a_warning_per_question(cli, project: Path) -> None:
    write_docs(project, {"index.md": EVERY_TYPE})
    err = cli("export", "-f", "gift", "-o", "bank.txt").err
    warnings = [line for line in err.splitlines() if line.startswith("warning: ")]

    def about(qid: str) -> str:
        return "\n".join(line for line in warnings if f" {qid}: " in line)

    assert "docs/index.md:3: single-specials:" in about("single-specials")
    assert "2 points" in about("single-specials") and "hint" in about("single-specials")
    assert "relative" in about("single-specials") and "--site-url" in about("single-specials")
    assert "3 tries" in about("multiple-three") and "penalty of 25%" in about("multiple-three")
    assert "33.33333" not in about("multiple-three")  # 50% and -100% are among Moodle's grades
    assert "scoring: pairs" in about("order-three") and "feedback on its items" in about("order-three")
    assert "/(the )?police/" in about("text-answers") and "ignoring case only" in about("text-answers")
    assert "skipped" in about("text-pattern-only")
    assert "scale" in about("scale-skipped") and "skipped" in about("scale-skipped")
    assert "essay" in about("reflection-essay")
    assert "add 1 random question from it" in about("the-pool")
    assert about("tf-yes-no") == ""
    assert cli("export", "-f", "gift", "-o", "bank.txt", "--quiet").err.count("warning:") == 0


def test_site_url_makes_links_into_the_site_absolute(cli, project: Path) -> None:
    write_docs(project, {"index.md": EVERY_TYPE})
    result = cli("export", "-f", "gift", "-o", "-", "--site-url", "https://example.org/course/")
    assert result.code == 0
    question = next(q for q in read_gift(result.out) if q.title == "single-specials")
    assert question.general_feedback == "The explanation, with a [link](https://example.org/course/other/#part)."
    assert "relative" not in result.err


def test_the_course_round_trips(cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    output = tmp_path / "course.gift.txt"
    result = cli("export", "--format", "gift", "--output", str(output))
    assert result.code == 0, result.err
    questions = read_gift(output.read_text(encoding="utf-8"))
    seen = check_round_trip(ROOT / "docs", questions)
    assert len(seen) == len(questions) > 50


def test_nothing_is_exported_while_a_question_is_wrong(cli, project: Path) -> None:
    write_docs(project, {"index.md": "# Bad\n\n/// quiz | Q?\n    type: single\n\n- [x] A\n- [x] B\n///\n"})
    result = cli("export", "--format", "gift", "--output", "bank.txt")
    assert result.code == 1
    assert "docs/index.md:7: a single question needs exactly one right option" in result.err
    assert "nothing exported" in result.err
    assert not (project / "bank.txt").exists()


def test_an_output_that_cannot_be_written_is_a_usage_error(cli, project: Path) -> None:
    write_docs(project, {"index.md": EVERY_TYPE})
    result = cli("export", "--format", "gift", "--output", "no/such/folder/bank.txt", "--quiet")
    assert result.code == 2
    assert "cannot write no/such/folder/bank.txt" in result.err
