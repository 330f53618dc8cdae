"""Printing, for workshops on paper: a lesson prints without the site's navigation or buttons, its
questions as a numbered worksheet starting on a new page, and an answer key on pages of its own."""

from __future__ import annotations

import io

from playwright.sync_api import Page
from pypdf import PdfReader

from .helpers import visit

LESSON = "lessons/02-love-stories/"


def printed_pages(page: Page, url: str) -> list[str]:
    visit(page, url)
    page.wait_for_selector("form.quiz[data-quiz-enhanced]")
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [" ".join((p.extract_text() or "").split()) for p in reader.pages]


def test_a_lesson_prints_as_text_then_a_worksheet_then_an_answer_key(warm_page: Page, server: str) -> None:
    pages = printed_pages(warm_page, server + LESSON)
    text = " ".join(pages)
    for chrome in ("Skip to content", "Show the answer", "Table of contents", "Your score on this page"):
        assert chrome not in text, f"{chrome!r} is printed"
    hidden = warm_page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.quiz__actions', '.quiz-summary']
            .map(s => [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none'))"""
    )
    assert all(hidden), hidden
    worksheet = next(i for i, p in enumerate(pages) if p.startswith("Quiz"))
    key = next(i for i, p in enumerate(pages) if p.startswith("Answer key"))
    assert 0 < worksheet < key, "the worksheet starts a page after the lesson, and the key a page after that"
    # Journal prompts print where they stand in the lesson; the worksheet numbers the other questions.
    questions = warm_page.eval_on_selector_all(
        "form.quiz:not(.quiz--reflection) legend.quiz__prompt", "ls => ls.map(l => l.textContent)"
    )
    assert warm_page.locator("form.quiz--reflection").count() >= 1
    journal = warm_page.eval_on_selector("form.quiz--reflection legend.quiz__prompt", "l => l.textContent")
    assert " ".join(journal.split())[:40] in " ".join(pages[:worksheet]), "the journal prompt prints in the lesson"
    sheet = " ".join(pages[worksheet:key])
    for number, title in enumerate(questions, start=1):
        assert f"{number}. {' '.join(title.split())[:40]}" in sheet, f"question {number} is not on the worksheet"
    assert "Your choice" not in sheet and "Explanation" not in sheet  # no answers on the worksheet
    answer_key = " ".join(pages[key:])
    first = " ".join(questions[0].split())[:40]
    assert answer_key.startswith(f"Answer key 1. {first}"), "the key numbers the questions as the worksheet does"
    # The key gives the right options of the page's first choice question, under its number.
    title, right = warm_page.evaluate(
        """() => {
            const form = document.querySelector('form.quiz--single, form.quiz--multiple, form.quiz--true-false');
            const correct = JSON.parse(form.dataset.quiz).options.filter((o) => o.correct).map((o) => o.id);
            return [form.querySelector('legend.quiz__prompt').textContent,
                    [...form.querySelectorAll('input')].filter((i) => correct.includes(i.value))
                        .map((i) => form.querySelector(`label[for="${i.id}"]`).textContent)];
        }"""
    )
    number = questions.index(title) + 1
    entry = answer_key.split(f"{number}. {' '.join(title.split())[:40]}", 1)[1]
    first_key = entry.split("Answer:", 1)[1][:400]
    assert right and all(" ".join(option.split())[:30] in first_key for option in right), (right, first_key[:200])
    explanations = warm_page.eval_on_selector_all(
        ".quiz__explanation p:not(.quiz__explanation-title)", "ps => ps.map(p => p.textContent)"
    )
    assert " ".join(explanations[0].split())[:60] in answer_key


def test_the_answer_key_is_not_on_screen_nor_in_search(warm_page: Page, server: str, site_dir) -> None:
    visit(warm_page, server + LESSON)
    assert warm_page.locator(".quiz-key").is_hidden()
    index = (site_dir / "search/search_index.json").read_text(encoding="utf-8")
    assert "Answer key" not in index
    assert "Show the answer and the explanation" not in index, "the no-JavaScript answers are not searchable"
