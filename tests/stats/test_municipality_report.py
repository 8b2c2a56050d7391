"""The per-municipality reports: the index of every member municipality, a report with the
document's figures beside the route's totals, its artists and events, one with nothing that
says so, the PDF's text (pypdf) with the same figures, hostile names kept as text, and a
report for each of the sample edition's 16 municipalities."""

import io
import re

import pytest
from pypdf import PdfReader

from kunstrute.applications.models import ApplicationStatus
from kunstrute.demo import load_demo
from kunstrute.demo_counts import load_counts
from kunstrute.editions.queries import all_municipalities, current_edition, geocoder_chain
from kunstrute.stats.municipality_report import municipality_figures
from kunstrute.stats.service import edition_stats
from kunstrute.stats.tables import Kind, format_value
from kunstrute.timeutil import utcnow
from tests import factories
from tests.stats.export_factories import ARTIST, FORMULA, PHONE, TOWN, reported_edition

BASE = "/organiser/editions/2027/municipalities"


@pytest.fixture
def edition(db):
    found = reported_edition()
    db.session.commit()
    return found


def url(name: str, suffix: str = "") -> str:
    return f"{BASE}/{factories.municipality(name).id}{suffix}"


def test_the_index_links_every_member_municipality(client, login_as, edition, db):
    login_as("organiser")
    html = client.get(BASE).get_data(as_text=True)
    for name in ("Lier", "Asker", "Hole"):
        assert f'href="{url(name)}"' in html and f'href="{url(name, ".pdf")}"' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34;By" in html
    assert "<script>alert(1)" not in html


def test_a_report_shows_the_documents_figures_beside_the_routes(client, login_as, edition):
    login_as("organiser")
    response = client.get(url("Lier"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    doc = edition_stats(edition)
    lier = {f.section: f for f in municipality_figures(doc, "Lier")}
    assert lier["visits"].value == doc["visits"]["by_municipality"]["Lier"] == 190
    assert lier["visits"].total == doc["visits"]["studios"] == 197
    assert lier["sales"].value == doc["sales"]["by_municipality"]["Lier"] == 12500
    assert lier["applications"].value == doc["applications"]["by_municipality"]["Lier"] == 2
    assert lier["artists"].value == doc["artists"]["by_municipality"]["Lier"] == 2
    assert lier["programme"].value == doc["programme"]["by_municipality"]["Lier"] == 1
    for section, figure in lier.items():
        row = re.search(rf'<tr data-section="{section}">(.*?)</tr>', html, re.S).group(1)
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        assert cells == [figure.text, figure.total_text, figure.share_text], section
    assert "12 500 kr" in html and "13 300 kr" in html and "94,0 %" in html  # Lier's share
    assert "Kari &lt;b&gt;Nordmann&lt;/b&gt;" in html and "<b>Nordmann" not in html
    assert PHONE in html
    assert "&lt;i&gt;Konsert&lt;/i&gt; i atelieret" in html and "Vandring" not in html


def test_a_municipality_with_nothing_says_so(client, login_as, edition):
    login_as("organiser")
    html = client.get(url("Hole")).get_data(as_text=True)
    assert 'class="empty report-nothing"' in html
    assert "Hole" in html
    assert html.count('class="empty"') == 2  # no artists, no events


def test_events_only_is_not_nothing(client, login_as, edition):
    login_as("organiser")
    html = client.get(url("Asker")).get_data(as_text=True)
    assert "report-nothing" not in html and "Vandring" in html


def test_unknown_municipality_or_edition_answers_404(client, login_as, edition):
    login_as("organiser")
    assert client.get(f"{BASE}/999999").status_code == 404
    assert client.get(f"{BASE}/999999.pdf").status_code == 404
    assert client.get(url("Lier").replace("2027", "1999")).status_code == 404


@pytest.fixture(scope="module")
def made():
    """The PDFs made in this module, one per database backend (WeasyPrint is slow)."""
    return {}


@pytest.fixture
def town_pdf(app, client, login_as, edition, made):
    """Return the hostile town's PDF, its text (pypdf) and its figures from the document."""
    backend = app.config["SQLALCHEMY_DATABASE_URI"].split(":", 1)[0]
    if backend not in made:
        login_as("organiser")
        response = client.get(url(TOWN, ".pdf"))
        assert response.status_code == 200, response.status_code
        text = "\n".join(page.extract_text() for page in PdfReader(
            io.BytesIO(response.data)).pages)
        made[backend] = (response, text, municipality_figures(edition_stats(edition), TOWN))
    return made[backend]


def test_the_pdf_shows_the_documents_figures(town_pdf):
    response, text, figures = town_pdf
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    assert response.headers["Cache-Control"] == "private, no-store"
    flat = " ".join(text.split())
    by_section = {f.section: f for f in figures}
    assert by_section["visits"].value == 7 and by_section["sales"].value == 800
    for figure in figures:
        assert f"{figure.label} {figure.text} {figure.total_text} {figure.share_text}" in flat
    assert format_value(800, Kind.NOK) in flat
    # The route's name, the edition and its period on every page; the day it was made.
    assert flat.startswith("Kunst rett vest · Kunst rett vest 2027 · 9.–19. september 2027")
    assert flat.count("Kunst rett vest · Kunst rett vest 2027") == 2  # and in the footer
    assert "18. november 2026" in flat  # the frozen clock's day, not the wall clock's


def test_the_pdf_keeps_hostile_names_as_text(town_pdf):
    _, text, _ = town_pdf
    flat = " ".join(text.split())
    assert '<script>alert(1)</script>"By' in flat  # shown as written, not run
    assert FORMULA in flat and "7" in flat
    assert ARTIST not in flat  # Kari is in Lier, not here


def rows_of(html: str, table_class: str) -> int:
    """Return how many body rows the page's table of this class has (0 without the table)."""
    found = re.search(rf'<table class="table {table_class}">.*?<tbody>(.*?)</tbody>', html, re.S)
    return found.group(1).count("<tr>") if found else 0


def test_each_municipality_of_the_sample_edition_has_its_report(app, client, login_as, db):
    """flask demo's edition (its 16 municipalities, 105 artists, programme, counts and sales)
    and a few applications: every municipality's page holds the document's figures, and
    their artists and events add up to the route's."""
    load_demo(data_dir=app.config["DATA_DIR"], now=utcnow(),
              chain_factory=lambda: geocoder_chain(app.config, offline=True))
    edition = current_edition()
    load_counts(edition=edition)
    municipalities = all_municipalities()
    for m in municipalities[::3]:
        factories.application(edition, status=ApplicationStatus.SUBMITTED, works=0, cv=False,
                              municipality=m)
    db.session.commit()
    login_as("organiser")
    doc = edition_stats(edition)
    assert len(municipalities) == 16
    index = client.get(f"/organiser/editions/{edition.year}/municipalities").get_data(
        as_text=True)
    artists = events = 0
    for m in municipalities:
        page = f"/organiser/editions/{edition.year}/municipalities/{m.id}"
        assert f'href="{page}"' in index and f'href="{page}.pdf"' in index, m.name
        response = client.get(page)
        assert response.status_code == 200, m.name
        html = response.get_data(as_text=True)
        for figure in municipality_figures(doc, m.name):
            assert figure.value == doc[figure.section]["by_municipality"].get(m.name, 0)
            row = re.search(rf'<tr data-section="{figure.section}">(.*?)</tr>', html,
                            re.S).group(1)
            assert re.findall(r"<td[^>]*>(.*?)</td>", row) == [
                figure.text, figure.total_text, figure.share_text], (m.name, figure.section)
        assert rows_of(html, "report-artists") == doc["artists"]["by_municipality"][m.name]
        artists += rows_of(html, "report-artists")
        events += rows_of(html, "report-events")
    assert artists == doc["visits"]["studios_total"] == 105  # every artist has a studio
    assert events == sum(doc["programme"]["by_municipality"].values()) > 0
    assert sum(doc["visits"]["by_municipality"].values()) == doc["visits"]["studios"] == 17908
