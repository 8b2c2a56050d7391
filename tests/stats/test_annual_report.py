"""The annual report's page: every table of the edition (through the dashboard's chart_table),
the headline cards, the goals and year over year, links to the workbook and each
municipality's report, hostile names escaped; and the links to it from the organisers'
pages."""

import pytest
from markupsafe import escape

from kunstrute.stats.headlines import headline_cards
from kunstrute.stats.service import edition_stats
from kunstrute.stats.tables import edition_sections, edition_tables
from tests import factories
from tests.stats.export_factories import reported_edition

URL = "/organiser/editions/2027/report"


@pytest.fixture
def edition(db):
    found = reported_edition()
    db.session.commit()
    return found


@pytest.fixture
def page(client, login_as, edition):
    login_as("organiser")
    response = client.get(URL)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_report_shows_every_table_and_chart(app, page, edition):
    with app.test_request_context():
        doc = edition_stats(edition)
        tables = edition_tables(doc)
        cards = headline_cards(doc)
        sections = edition_sections(doc)
    quiet = {t.slug for s in sections if not s.has_figures for t in s.tables}
    assert quiet == {"newsletter", "survey-responses", "survey-results"}  # nothing sent yet
    for section in sections:
        assert f'id="section-{section.key}-title"' in page
        if not section.has_figures:
            assert escape(section.empty) in page, section.key
    for table in tables:
        assert page.count(f'id="table-{table.slug}"') == (table.slug not in quiet), table.slug
        if table.chart and table.rows:
            assert f'aria-labelledby="chart-{table.slug}-title"' in page, table.slug
    for card in cards:
        assert f'data-key="{card.key}"' in page
    assert "Kunst rett vest 2027" in page and "9.–19. september 2027" in page


def test_the_report_links_the_workbook_and_each_municipality(page, edition):
    assert 'href="/organiser/editions/2027/figures.xlsx"' in page
    for name in ("Lier", "Asker", "Hole"):
        m = factories.municipality(name)
        assert f'href="/organiser/editions/2027/municipalities/{m.id}"' in page
        assert f'href="/organiser/editions/2027/municipalities/{m.id}.pdf"' in page


def test_the_report_escapes_names(page):
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "Kari &lt;b&gt;Nordmann&lt;/b&gt;" in page and "<b>Nordmann" not in page


def test_the_report_prints_as_a_document(client, page):
    assert "css/stats.css" in page
    css = client.get("/static/css/stats.css").get_data(as_text=True)
    printing = css[css.index("issue 14: exports and reports"):]
    for rule in (".site-header", ".chart-block", "break-inside: avoid", "@page"):
        assert rule in printing


def test_an_empty_edition_has_a_report_that_says_so(client, login_as, db):
    factories.edition(2027)
    db.session.commit()
    login_as("organiser")
    html = client.get(URL).get_data(as_text=True)
    assert 'class="empty"' in html


@pytest.mark.parametrize("where", ["/organiser/editions/2027/dashboard", "/organiser/"])
def test_the_organisers_pages_link_the_exports(client, login_as, edition, where):
    login_as("organiser")
    html = client.get(where).get_data(as_text=True)
    for href in (URL, "/organiser/editions/2027/figures.xlsx",
                 "/organiser/editions/2027/municipalities"):
        assert f'href="{href}"' in html, (where, href)
