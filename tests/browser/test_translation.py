"""The quiz interface follows Material's theme.language: a French site speaks French, built and in use."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.fault_server import FaultyServer

from .helpers import check_answer


def test_a_french_site_shows_the_quiz_in_french(page: Page, french_server: FaultyServer, watch) -> None:
    watch.site = french_server.url
    page.goto(french_server.url + "examples/choice/")
    form = page.locator("#quiz-example-decisions")
    expect(form.locator(".quiz__check")).to_have_text("Vérifier")
    expect(form.locator(".quiz__instruction")).to_have_text("Choisissez une réponse.")
    assert check_answer(page, "example-decisions", ["b"]) == "correct"
    expect(form.locator(".quiz__status p")).to_have_text(["Juste.", "Score : 1 sur 1."])
    expect(page.locator(".quiz-summary__title")).to_have_text("Votre score sur cette page")
