"""The edition's goals on a phone and a laptop: the sample edition's goals with their
progress, a goal added after a mistake answered at its field, and deleted again."""

import pytest

from tests.browser.conftest import axe_violations
from tests.browser.test_programme import sign_in_as_organiser


def _fits_and_passes_axe(page, width: int) -> None:
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    assert axe_violations(page) == [], page.url


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_an_organiser_sets_a_goal(device, request):
    page = request.getfixturevalue(device)
    width = page.viewport_size["width"]
    sign_in_as_organiser(page)
    page.goto("/organiser/editions/2027/goals")
    assert page.locator("h1").inner_text() == "Mål for 2027"
    goals = page.locator(".goal-item")
    assert goals.count() == 4  # the sample edition's (kunstrute/demo_goals.py)
    assert "200 besøkende hver dag på fellesutstillingen" in goals.first.inner_text()
    assert page.locator("svg.chart-progress").count() == 1
    _fits_and_passes_axe(page, width)

    page.get_by_role("link", name="Legg til et mål").click()
    page.get_by_label("Mål, slik det skal stå i årsrapporten").fill(f"Flere atelierbesøk {device}")
    page.get_by_label("Tall", exact=True).select_option(label="Besøk i atelierene")
    page.get_by_label("Måltall", exact=True).fill("mange")
    page.get_by_role("button", name="Lagre").click()
    error = page.locator("#target-error")
    assert "Skriv måltallet som et tall" in error.inner_text()
    # Nothing typed is lost.
    assert page.get_by_label("Måltall", exact=True).input_value() == "mange"
    assert page.get_by_label("Tall", exact=True).input_value() == "visits.studios"
    _fits_and_passes_axe(page, width)

    page.get_by_label("Måltall", exact=True).fill("18 000")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_url("**/goals")
    added = page.locator(".goal-item").filter(has_text=f"Flere atelierbesøk {device}")
    assert "≥ 18 000" in added.inner_text()
    added.locator("summary").click()
    added.get_by_role("button", name="Slett dette målet").click()
    page.wait_for_url("**/goals#goals")
    assert page.locator(".goal-item").count() == 4
