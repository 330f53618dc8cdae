"""quiz_engine.classroom: participants' shares read, checked and added up for the class overview."""

from __future__ import annotations

import base64
import gzip
import json
import time
import zlib

from quiz_engine import classroom
from quiz_engine.browser import handle

SINGLE = {
    "v": 1,
    "id": "q-single",
    "type": "single",
    "points": 1,
    "tries": 1,
    "hash": "h1",
    "options": [{"id": "a", "correct": False}, {"id": "b", "correct": True}, {"id": "c", "correct": False}],
}
MULTIPLE = {
    "v": 1,
    "id": "q-multi",
    "type": "multiple",
    "points": 2,
    "tries": 1,
    "hash": "h2",
    "options": [{"id": "x", "correct": True}, {"id": "y", "correct": True}, {"id": "z", "correct": False}],
}
REFLECTION = {"v": 1, "id": "q-reflect", "type": "reflection", "hash": "h3"}
PAGES = [
    {"title": "Lesson 1", "url": "l1/", "questions": [SINGLE, REFLECTION], "pools": []},
    {"title": "Lesson 2", "url": "l2/", "questions": [MULTIPLE], "pools": []},
]
SITE, COURSE = "/", "A course"


def state(question: dict, selected: list[str], credit: float = 99.0) -> dict:
    # the credit is made again by the engine from the answer: a share cannot claim a score
    return {
        "hash": question["hash"],
        "tries": 1,
        "credit": credit,
        "finished": True,
        "response": {"selected": selected},
    }


def share(name: str = "", single: list[str] | None = None, multi: list[str] | None = None, **extra: object) -> str:
    answers = {}
    if single is not None:
        answers["q-single"] = state(SINGLE, single)
    if multi is not None:
        answers["q-multi"] = state(MULTIPLE, multi)
    data = {"kind": "quiz-share", "schema": 1, "site": SITE, "course": COURSE, "name": name, "answers": answers}
    return json.dumps({**data, **extra})


def code(text: str, *, gzip_it: bool = False) -> str:
    if gzip_it:
        packed = gzip.compress(text.encode())
    else:
        deflater = zlib.compressobj(wbits=-15)
        packed = deflater.compress(text.encode()) + deflater.flush()
    return classroom.CODE_PREFIX + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def run(texts: list[str]) -> dict:
    shares = [{"label": f"file{i + 1}.json", "text": t} for i, t in enumerate(texts)]
    return classroom.overview(shares, PAGES, SITE, COURSE, 0.8)


def test_answers_are_counted_per_question_with_the_most_chosen_wrong_option_first() -> None:
    result = run(
        [
            share("Ana", ["b"], ["x", "y"]),
            share("Ben", ["c"], ["x"]),
            share("Cy", ["c"]),
            share("Di", ["a"], ["x", "y", "z"]),
        ]
    )
    assert [p["name"] for p in result["participants"]] == ["Ana", "Ben", "Cy", "Di"]
    assert result["rejected"] == []
    single = result["pages"][0]["questions"][0]
    assert single["answered"] == 4
    assert single["right"] == 1
    assert single["share_right"] == 0.25
    assert [(o["id"], o["count"]) for o in single["options"]] == [("c", 2), ("a", 1), ("b", 1)]
    assert single["most_wrong"] == "c"
    assert len(result["pages"][0]["questions"]) == 1  # the reflection is not scored, never shown
    multi = result["pages"][1]["questions"][0]
    assert multi["answered"] == 3
    assert multi["options"][0]["id"] == "z"
    # mastery per lesson, from progress.summarize
    assert result["pages"][0]["participants"] == 4
    assert result["pages"][0]["mastered"] == 1
    assert result["pages"][1]["participants"] == 3
    assert result["pages"][1]["mastered"] == 1


def test_a_share_cannot_claim_a_score() -> None:
    result = run([share("Ana", ["a"])])
    question = result["pages"][0]["questions"][0]
    assert question["share_right"] == 0.0
    assert result["pages"][0]["mastered"] == 0


def test_codes_in_raw_deflate_or_gzip_are_read_like_files() -> None:
    result = run([code(share("Ana", ["b"])), code(share("Ben", ["a"]), gzip_it=True) + "\n"])
    assert [p["name"] for p in result["participants"]] == ["Ana", "Ben"]


def test_broken_other_site_other_version_and_duplicates_are_reported_one_by_one() -> None:
    first = share("Ana", ["b"])
    result = run(
        [
            first,
            "{not json",
            share("Ben", ["a"], site="/elsewhere/"),
            share("Ben", ["a"], course="Another course"),
            share("Cy", ["a"], schema=2),
            first,  # the same file twice
            share("Ana", ["b"], made="later"),  # the same person and answers, shared again
            "QS1-%%%",
            code(share("Di", ["a"]))[:-12],  # a code cut short
            json.dumps({"schema": 1, "questions": {}}),  # a progress export, not a share
            share("Ed"),  # nothing answered
            "[" * 100,
        ]
    )
    assert [p["label"] for p in result["participants"]] == ["file1.json"]
    reasons = [(r["label"], r["reason"]) for r in result["rejected"]]
    assert reasons == [
        ("file2.json", "broken"),
        ("file3.json", "other-site"),
        ("file4.json", "other-site"),
        ("file5.json", "other-version"),
        ("file6.json", "duplicate"),
        ("file7.json", "duplicate"),
        ("file8.json", "broken"),
        ("file9.json", "broken"),
        ("file10.json", "not-share"),
        ("file11.json", "no-answers"),
        ("file12.json", "too-deep"),
    ]
    assert result["rejected"][4]["of"] == "file1.json"


def test_a_code_that_inflates_too_far_is_refused() -> None:
    bomb = json.dumps({"kind": "quiz-share", "pad": "x" * (classroom.MAX_SHARE_CHARS * 2)})
    result = run([code(bomb)])
    assert result["rejected"][0]["reason"] == "too-large"


def test_sixty_shares_through_the_browser_entry_point_are_quick() -> None:
    options = ["a", "b", "c"]
    texts = [share(f"P{i}", [options[i % 3]], ["x", "y"] if i % 2 else ["z"]) for i in range(60)]
    request = {
        "op": "classroom.overview",
        "shares": [{"label": f"p{i}.json", "text": t} for i, t in enumerate(texts)],
        "pages": PAGES,
        "site": SITE,
        "course": COURSE,
        "mastery": 0.8,
    }
    start = time.perf_counter()
    answer = json.loads(handle(json.dumps(request)))
    assert time.perf_counter() - start < 2
    assert answer["ok"] is True
    assert len(answer["participants"]) == 60
    assert answer["pages"][0]["questions"][0]["answered"] == 60
    assert answer["pages"][0]["questions"][0]["share_right"] == round(20 / 60, 4)


def test_a_bad_overview_request_gets_an_error() -> None:
    answer = json.loads(handle(json.dumps({"op": "classroom.overview", "shares": "x", "pages": []})))
    assert answer["ok"] is False
    answer = json.loads(handle(json.dumps({"op": "classroom.overview", "shares": [], "pages": [{"questions": [{}]}]})))
    assert answer["error"]["code"] == "bad-question"


def test_a_share_is_made_by_the_engine_from_saved_progress_and_reads_back() -> None:
    saved = {
        "questions": {
            "q-single": state(SINGLE, ["b"], credit=1.0),
            "q-reflect": {"hash": "h3", "tries": 1, "credit": 0, "finished": True, "response": {"text": "private"}},
            "elsewhere": state(SINGLE, ["a"]),
        },
        "journal": {"q-reflect": {"text": "private"}},
        "pools": {"p": {"attempt": 2, "drawn": ["q-single"]}},
    }
    request = {
        "op": "classroom.share",
        "progress": saved,
        "questions": [SINGLE, MULTIPLE, REFLECTION],
        "site": SITE,
        "course": COURSE,
        "name": "  Ana   B ",
        "made": "2025-01-02T03:04:05.000Z",
    }
    answer = json.loads(handle(json.dumps(request)))
    assert answer["ok"] and answer["empty"] is False
    made = answer["share"]
    assert made["name"] == "Ana B" and made["made"] == "2025-01-02T03:04:05.000Z"
    assert set(made["answers"]) == {"q-single"}  # scored questions of the course only: never a reflection
    assert "private" not in answer["text"] and "private" not in json.dumps(made)
    assert made["pools"] == {"p": {"attempt": 2, "drawn": ["q-single"]}}
    assert json.loads(answer["text"]) == made
    for text in (answer["text"], answer["code"]):
        assert answer["code"].startswith(classroom.CODE_PREFIX)
        result = run([text])
        assert [p["name"] for p in result["participants"]] == ["Ana B"], result["rejected"]


def test_a_share_with_no_answer_is_said_empty() -> None:
    answer = classroom.share({"questions": {}}, [], SITE)
    assert answer["ok"] and answer["empty"] is True and answer["share"]["answers"] == {}


def test_a_refused_share_has_the_one_refusal_shape() -> None:
    error = classroom.ShareError("other-site", "it was made on another site")
    assert error.to_dict()["error"] == {
        "code": "bad-share",
        "reason": "other-site",
        "params": {},
        "message": "it was made on another site",
    }
