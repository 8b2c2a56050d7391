"""The organisers' pages that start background jobs, on a phone and a laptop: the artist
import with its report, and sending a newsletter with a confirmation and its progress."""

import re

import pytest

from kunstrute.extensions import db
from tests import factories
from tests.browser.conftest import axe_violations
from tests.browser.test_programme import sign_in_as_organiser

#: Only bad rows: the report shows, and the shared sample edition stays as it is.
BAD_ROWS = (b"name,email,disciplines,address,postcode,place,municipality\r\n"
            b"Feil Post,feil-post,maleri,Vei 3,3400,Lier,Lier\r\n"
            b"Ingen Kommune,ingen@example.org,maleri,Vei 4,3400,Lier,Atlantis\r\n")


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_the_artist_import_reports_every_bad_line(device, request):
    page = request.getfixturevalue(device)
    width = page.viewport_size["width"]
    sign_in_as_organiser(page)
    page.goto("/organiser/")
    page.get_by_role("link", name="Utgaver og import av kunstnere").click()
    assert page.locator("h1").inner_text() == "Utgaver"
    assert _fits_and_passes_axe(page, width)
    page.get_by_label("Kunstnerfil (CSV)").set_input_files(
        files=[{"name": "artists.csv", "mimeType": "text/csv", "buffer": BAD_ROWS}])
    page.get_by_role("button", name="Importer").click()
    report = page.locator(".import-report")
    assert "0 nye" in report.inner_text() and "2 avvist" in report.inner_text()
    assert report.get_by_text(re.compile(r"^linje 2: avvist")).count() == 1
    assert report.get_by_text(re.compile(r"^linje 3: avvist")).count() == 1
    assert _fits_and_passes_axe(page, width)


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_newsletter_is_sent_with_one_confirmed_press(device, request, live_server):
    page = request.getfixturevalue(device)
    width = page.viewport_size["width"]
    with live_server["app"].app_context():
        for n in range(2):
            factories.subscriber(f"{device}{n}@example.no", status="confirmed")
        newsletter = factories.newsletter(subject=f"Nytt til {device}")
        db.session.commit()
        newsletter_id = newsletter.id
    sign_in_as_organiser(page)
    page.goto(f"/organiser/newsletters/{newsletter_id}")
    page.get_by_role("link", name="Send …").click()
    assert page.locator("h1").inner_text() == "Sende nyhetsbrevet?"
    button = page.get_by_role("button", name=re.compile(r"^Send til \d+ abonnent"))
    assert _fits_and_passes_axe(page, width)
    button.click()
    status = page.locator("#send-progress-text")
    assert re.fullmatch(r"Sendt til (\d+) av \1\.", status.inner_text())
    assert _fits_and_passes_axe(page, width)


def _fits_and_passes_axe(page, width: int) -> bool:
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    assert axe_violations(page) == [], page.url
    return True
