"""The dashboard's tables from a document written by hand after the contract (common-14 and
docs/ARCHITECTURE.md, "Statistics service"): every section's rows, labels and charts, and the
page drawn from such a document."""

import copy

import pytest

from kunstrute.stats import dashboard as dashboard_view
from kunstrute.stats.charts import chart_svg
from kunstrute.stats.headlines import headline_cards
from kunstrute.stats.tables import ChartKind, edition_sections, edition_tables, table_by_slug
from tests import factories

DAYS = [{"date": f"2027-09-{d:02d}", "count": 100 + d} for d in range(9, 20)]
STUDIO = {"catalogue_no": 7, "name": "Kari <b>Nordmann</b>", "municipality": "Lier",
          "count": 835, "source": "reported"}

#: A document with every key of the contract, as edition_stats gives it.
DOC = {
    "edition": 2027,
    "period": {"starts_on": "2027-09-09", "ends_on": "2027-09-19", "days": 11},
    "visits": {
        "total": 21400, "studios": 17640, "exhibition": 3760, "exhibition_per_day": 341.8,
        "per_studio": {"min": 7, "median": 138, "max": 835,
                       "top": [STUDIO], "bottom": [{**STUDIO, "count": 7, "catalogue_no": 9,
                                                    "source": "qr_checkin"}],
                       "histogram": [{"from": 0, "to": 99, "studios": 40},
                                     {"from": 100, "to": 199, "studios": 50},
                                     {"from": 800, "to": 899, "studios": 1}]},
        "by_day": DAYS, "by_municipality": {"Lier": 9000, "Asker": 8640},
        "by_source": {"reported": 17000, "qr_checkin": 2000, "door_counter": 3760},
        "sources_used": {"reported": 94, "door_counter": 1, "qr_checkin": 10},
        "studios_counted": 104, "studios_reported": 94, "studios_total": 105,
        "reporting_share": 0.895, "has_counts": True,
        "change_from_previous": {"absolute": 8400, "relative": 0.646},
    },
    "sales": {"studios_nok": 950000, "studios_works": 240, "exhibition_nok": 74000,
              "exhibition_works": 8, "artists_with_sales": 71,
              "artists_with_sales_share": 0.676,
              "by_municipality": {"Lier": 600000, "Asker": 350000}},
    "applications": {"received": 193, "accepted": 105, "new_artists": 22,
                     "funnel": {"started": 240, "submitted": 193, "scored": 190,
                                "accepted": 105, "published": 105},
                     "by_municipality": {"Lier": 120, "Asker": 73},
                     "from_hosts": 120, "hosts": ["Lier"]},
    "artists": {"by_municipality": {"Lier": 60, "Asker": 45}},
    "programme": {"events": 12, "by_kind": {"seminar": 1, "guided_tour": 4, "concert": 7,
                                              "workshop": 0},
                  "registrations": 150, "waitlisted": 12, "attended": 131,
                  "seminar_registrations": 60, "seminar_attended": 52,
                  "by_municipality": {"Lier": 8, "Asker": 4}},
    "newsletter": {"sent": 6, "subscribers": 1450, "new_subscribers": 210},
    "surveys": {"artists": {"survey_id": 1, "title": "Evaluering 2027", "invited": 105,
                            "answered": 70, "response_rate": 0.667,
                            "headlines": [
                                {"key": "overall", "question": "Hvor fornøyd var du?",
                                 "kind": "scale", "answered": 68, "mean": 4.2},
                                {"key": "again", "question": "Blir du med igjen?",
                                 "kind": "single", "answered": 70,
                                 "top": {"value": "yes", "label": "Ja", "share": 0.9}}]},
                "network": None},
    "previous": {"year": 2026, "visits_total": 13000, "from": "history"},
    "since_start": {"first_year": 2007, "years": 21, "visits": 116000, "artists": 289},
}


def tables(doc=DOC) -> dict:
    return {table.slug: table for table in edition_tables(doc)}


def test_every_section_has_its_tables_in_the_pages_order(app):
    with app.test_request_context():
        sections = edition_sections(DOC)
    assert [s.key for s in sections] == ["visits", "sales", "applications", "programme",
                                         "newsletter", "surveys"]
    assert all(s.has_figures for s in sections)
    slugs = [t.slug for s in sections for t in s.tables]
    assert len(slugs) == len(set(slugs))
    assert all(slug == slug.lower() and " " not in slug for slug in slugs)
    assert slugs[:3] == ["visits-by-day", "visits-by-source", "visits-by-municipality"]


def test_the_rows_are_the_documents_figures(app):
    with app.test_request_context():
        found = tables()
    assert [n for _, n in found["applications-funnel"].rows] == [240, 193, 190, 105, 105]
    assert [n for _, n in found["visits-per-studio"].rows] == [40, 50, 1]
    assert found["visits-per-studio"].rows[0][0] == "0–99"
    assert found["studios-most-visited"].rows[0][:4] == ("Kari <b>Nordmann</b>", 7, "Lier", 835)
    assert dict(found["sales-by-municipality"].rows) == DOC["sales"]["by_municipality"]
    assert [n for _, n in found["events-by-kind"].rows] == [7, 4, 1, 0]
    assert [n for _, n in found["programme-attendance"].rows] == [150, 12, 131, 60, 52]
    assert [n for _, n in found["newsletter"].rows] == [6, 1450, 210]
    assert [row[1:] for row in found["survey-responses"].rows] == [
        ("Evaluering 2027", 105, 70, 0.667)]
    assert found["survey-results"].rows[1][3:] == (None, "Ja", 0.9)
    assert "120" in found["applications-by-municipality"].note
    assert "Lier" in found["applications-by-municipality"].note


def test_charts_where_people_would_rather_look(app):
    with app.test_request_context():
        found = tables()
    charts = {slug: table.chart for slug, table in found.items()}
    assert charts["visits-by-day"] == ChartKind.COLUMNS
    for slug in ("visits-by-municipality", "sales", "applications-funnel", "events-by-kind",
                 "applications-by-municipality"):
        assert charts[slug] == ChartKind.BARS, slug
    for table in found.values():
        svg = str(chart_svg(table))
        assert (svg.startswith("<svg") and "style=" not in svg) or table.chart is None
    assert "&lt;b&gt;" not in str(chart_svg(found["studios-most-visited"]))  # no chart there


def test_the_rows_link_to_the_organisers_pages(app):
    with app.test_request_context():
        found = tables()
    assert found["visits-by-day"].rows_url == "/organiser/counting/2027"
    assert found["applications-funnel"].rows_url == "/organiser/applications"
    assert found["events-by-kind"].rows_url == "/organiser/programme/"
    assert found["newsletter"].rows_url == "/organiser/newsletters/"
    assert found["survey-results"].rows_url == "/organiser/surveys/1/results"


def test_the_tables_need_no_request(app):
    """A job building a workbook has no request: the tables come without links."""
    with app.app_context():
        table = table_by_slug(DOC, "visits-by-day")
    assert table.rows_url is None and len(table.rows) == 11


def test_the_headline_cards_are_figures_of_the_document(app):
    with app.test_request_context():
        cards = headline_cards(DOC)
    assert [c.key for c in cards][:6] == [
        "visits.total", "visits.exhibition_per_day", "visits.reporting_share",
        "sales.studios_nok", "sales.artists_with_sales_share", "sales.exhibition_nok"]
    assert {c.key: c.value for c in cards}["surveys.artists.response_rate"] == 0.667
    assert cards[0].text == "21 400" and "+8 400" in cards[0].note


def test_a_section_without_figures_is_empty_not_zero(app):
    doc = copy.deepcopy(DOC)
    doc["programme"] = {key: 0 for key in doc["programme"]} | {"by_kind": {},
                                                               "by_municipality": {}}
    doc["surveys"] = {"artists": None, "network": None}
    with app.test_request_context():
        sections = {s.key: s for s in edition_sections(doc)}
        cards = [c.key for c in headline_cards(doc)]
    assert not sections["programme"].has_figures and not sections["surveys"].has_figures
    assert sections["visits"].has_figures
    assert "programme.events" not in cards and not any(k.startswith("surveys") for k in cards)


@pytest.fixture
def drawn(db, client, login_as, monkeypatch):
    """The dashboard page drawn from the hand-written document."""
    factories.edition(2027)
    db.session.commit()
    login_as("organiser")
    monkeypatch.setattr(dashboard_view, "edition_stats", lambda edition: DOC)
    return client.get("/organiser/editions/2027/dashboard").get_data(as_text=True)


def test_the_page_shows_every_section_of_the_document(app, drawn):
    for slug in ("applications-funnel", "events-by-kind", "programme-attendance",
                 "newsletter", "survey-responses", "survey-results", "studios-least-visited"):
        assert f'id="table-{slug}"' in drawn, slug
    assert "Kari &lt;b&gt;Nordmann&lt;/b&gt;" in drawn and "<b>Nordmann" not in drawn
    assert 'href="/organiser/surveys/1/results"' in drawn
    assert 'class="empty"' not in drawn
    with app.test_request_context():
        charted = [t for t in edition_tables(DOC) if t.chart and t.rows]
    assert len(charted) >= 10
    for table in charted:
        assert f'aria-labelledby="chart-{table.slug}-title"' in drawn, table.slug
