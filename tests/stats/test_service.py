"""The statistics service: every key of the document from small data, the source rule, the
empty edition, the previous year from history or a counted edition, and since the start."""

import json
from datetime import date

import pytest

from kunstrute.applications.models import ApplicationStatus
from kunstrute.counting.models import CountSource
from kunstrute.editions.models import ParticipationStatus
from kunstrute.stats.service import edition_stats, flatten
from tests import factories
from tests.stats.factories import exhibition, history, sale, studio, visits

D = date(2027, 9, 11)
D2 = date(2027, 9, 12)
D3 = date(2027, 9, 18)
REPORTED, QR, DOOR = CountSource.REPORTED, CountSource.QR_CHECKIN, CountSource.DOOR_COUNTER


@pytest.fixture
def counted(db):
    """2027 with four studios, a withdrawn one and the exhibition; history 2025 and 2026."""
    edition = factories.edition(2027)
    a = studio(edition, municipality_name="Lier", new_this_year=True)
    visits(a, D, 10)
    visits(a, D2, 20)
    visits(a, D, 5, QR)  # reported AND QR: the reported figure counts, once
    b = studio(edition, municipality_name="Asker")
    visits(b, D, 7, QR)  # only QR: QR counts
    c = studio(edition, municipality_name="Lier")
    visits(c, D3, 50)
    visits(c, D3, 60, DOOR)
    c.authoritative_source = DOOR  # the organiser's choice wins over reported
    d = studio(edition)  # no counts: not reporting
    gone = studio(edition)
    visits(gone, D, 999)
    gone.participation.status = ParticipationStatus.WITHDRAWN
    hall = exhibition(edition)
    visits(hall, D, 100, DOOR)
    visits(hall, D2, 120, DOOR)
    visits(hall, date(2027, 10, 1), 5000, DOOR)  # outside the period: not counted
    sale(a, D, 5000, 2)
    sale(hall, D2, 3000, 1, participation=b.participation)
    sale(d, D, 0, 0)  # a zero line is no sale
    for status in (ApplicationStatus.SUBMITTED, ApplicationStatus.ACCEPTED,
                   ApplicationStatus.DRAFT):
        factories.application(edition, status=status, works=0, cv=False)
    history(2025, visits_total=250, artists=4, new_artists=4)
    history(2026, visits_total=300, artists=5, new_artists=3)
    db.session.flush()
    return edition


def test_every_key_of_the_document(counted):
    doc = edition_stats(counted)
    visits_ = doc["visits"]
    assert doc["edition"] == 2027
    assert doc["period"] == {"starts_on": "2027-09-09", "ends_on": "2027-09-19", "days": 11}
    assert (visits_["total"], visits_["studios"], visits_["exhibition"]) == (317, 97, 220)
    assert visits_["exhibition_per_day"] == 20.0
    assert {k: visits_["per_studio"][k] for k in ("min", "median", "max")} == {
        "min": 7, "median": 30, "max": 60}
    by_day = {d["date"]: d["count"] for d in visits_["by_day"]}
    assert len(by_day) == 11 and by_day["2027-09-09"] == 0  # a day without counts is 0
    assert (by_day["2027-09-11"], by_day["2027-09-12"], by_day["2027-09-18"]) == (117, 140, 60)
    assert visits_["by_municipality"] == {"Asker": 7, "Lier": 90}
    assert visits_["by_source"] == {"reported": 80, "qr_checkin": 12, "door_counter": 280}
    assert visits_["sources_used"] == {"reported": 1, "door_counter": 2, "qr_checkin": 1}
    assert (visits_["studios_counted"], visits_["studios_total"]) == (3, 4)
    assert visits_["studios_reported"] == 2  # a and c; b has only check-ins
    assert visits_["change_from_previous"] == {"absolute": 17, "relative": 0.057}
    assert doc["sales"] == {"studios_nok": 5000, "studios_works": 2, "exhibition_nok": 3000,
                            "exhibition_works": 1, "artists_with_sales": 2,
                            "artists_with_sales_share": 0.5, "by_municipality": {"Lier": 5000}}
    assert {k: doc["applications"][k] for k in ("received", "accepted", "new_artists")} == {
        "received": 2, "accepted": 1, "new_artists": 1}
    assert doc["previous"] == {"year": 2026, "visits_total": 300, "from": "history"}
    assert doc["since_start"] == {"first_year": 2025, "years": 3, "visits": 867, "artists": 8}
    json.dumps(doc)  # JSON-ready as it is


def test_a_counted_previous_edition_wins_over_its_history_row(counted, db):
    earlier = factories.edition(2026)
    visits(studio(earlier), date(2026, 9, 12), 400)
    doc = edition_stats(counted)
    assert doc["previous"] == {"year": 2026, "visits_total": 400, "from": "edition"}
    assert doc["since_start"]["visits"] == 250 + 400 + 317


def test_an_earlier_edition_without_counts_leaves_the_history_row(counted, db):
    studio(factories.edition(2026))  # on the route, but nothing counted
    assert edition_stats(counted)["previous"]["from"] == "history"


def test_the_empty_edition_gives_zeros_and_nones(db):
    edition = factories.edition(2028)
    studio(edition)
    doc = edition_stats(edition)
    assert doc["visits"]["total"] == doc["visits"]["exhibition"] == 0
    assert {k: doc["visits"]["per_studio"][k] for k in ("min", "median", "max")} == {
        "min": None, "median": None, "max": None}
    assert [d["count"] for d in doc["visits"]["by_day"]] == [0] * 11
    assert doc["visits"]["change_from_previous"] is None
    assert doc["visits"]["studios_counted"] == doc["visits"]["studios_reported"] == 0
    assert doc["sales"]["artists_with_sales_share"] == 0.0
    assert doc["previous"] == {"year": None, "visits_total": None, "from": None}
    assert doc["since_start"]["visits"] == 0 and doc["since_start"]["artists"] == 1


def test_the_median_of_an_even_number_of_studios(db):
    edition = factories.edition(2027)
    for count in (3, 4):
        visits(studio(edition), D, count)
    assert edition_stats(edition)["visits"]["per_studio"]["median"] == 3.5


def test_the_2014_report_from_the_sample_history(db, runner):
    result = runner.invoke(args=["import-history", "data/history.csv"])
    assert result.exit_code == 0, result.output
    doc = edition_stats(factories.edition(2014))  # an edition here with nothing counted
    assert doc["previous"] == {"year": 2013, "visits_total": 13_000, "from": "history"}
    assert doc["since_start"]["visits"] == 116_000
    assert doc["since_start"]["artists"] == 289
    assert doc["since_start"]["first_year"] == 2007


def test_the_command_and_the_url_give_the_same_document(counted, db, runner, client,
                                                        login_as):
    db.session.commit()
    login_as("organiser")
    response = client.get("/organiser/editions/2027/stats.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    result = runner.invoke(args=["stats", "2027", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == json.loads(response.get_data(as_text=True))
    assert result.output == response.get_data(as_text=True)


def test_the_csv_has_a_line_per_dotted_key(counted, db, runner):
    result = runner.invoke(args=["stats", "2027", "--format", "csv"])
    lines = result.output.splitlines()
    assert lines[0] == "key,value"
    assert "visits.total,317" in lines
    assert "visits.by_day.2027-09-11,117" in lines
    assert "visits.per_studio.median,30" in lines
    assert "previous.from,history" in lines
    assert len(lines) == 1 + len(flatten(edition_stats(counted)))


def test_an_unknown_year_is_an_error(db, runner, client, login_as):
    assert runner.invoke(args=["stats", "1999"]).exit_code != 0
    login_as("organiser")
    assert client.get("/organiser/editions/1999/stats.json").status_code == 404
