"""The statistics document's figures for the dashboards, goals and exports (issue 14): the
studios' distribution, sales and artists by municipality, the applications' funnel, the
programme, the newsletter, the surveys' headlines, year over year and the history; each from
small data whose right answer is stated, the empty edition, and hostile names."""

import csv
import io
import json
from datetime import date, datetime

import pytest

from kunstrute.applications.models import ApplicationStatus
from kunstrute.counting.models import CountSource
from kunstrute.editions.models import ParticipationStatus, Studio
from kunstrute.programme.models import EventKind
from kunstrute.stats.sections import band_width, histogram
from kunstrute.stats.service import edition_stats, flatten, stats_csv, stats_json
from kunstrute.stats.years import day_zero
from kunstrute.surveys.models import SurveyAudience
from tests import factories
from tests.stats.factories import (
    history,
    registration,
    sale,
    score,
    sent_newsletter,
    studio,
    subscriber,
    visits,
)
from tests.stats.test_service import counted  # noqa: F401  (the fixture)
from tests.surveys import factories as survey_factories

REPORTED, QR, DOOR = CountSource.REPORTED, CountSource.QR_CHECKIN, CountSource.DOOR_COUNTER


def test_the_studios_at_both_ends_the_bands_and_the_reporting_share(counted):  # noqa: F811
    doc = edition_stats(counted)
    per_studio = doc["visits"]["per_studio"]
    # a (Lier) 30 reported, b (Asker) 7 by QR, c (Lier) 60 by its door counter; d no figure.
    assert [(s["count"], s["municipality"], s["source"]) for s in per_studio["top"]] == [
        (60, "Lier", "door_counter"), (30, "Lier", "reported"), (7, "Asker", "qr_checkin")]
    assert [s["count"] for s in per_studio["bottom"]] == [7, 30, 60]
    first = per_studio["top"][0]
    assert first["name"] == "Åse Bjørnstad" and isinstance(first["catalogue_no"], int)
    assert per_studio["histogram"] == [
        {"from": 0, "to": 9, "studios": 1}, {"from": 10, "to": 19, "studios": 0},
        {"from": 20, "to": 29, "studios": 0}, {"from": 30, "to": 39, "studios": 1},
        {"from": 40, "to": 49, "studios": 0}, {"from": 50, "to": 59, "studios": 0},
        {"from": 60, "to": 69, "studios": 1}]
    assert doc["visits"]["reporting_share"] == 0.5  # a and c reported, of 4 studios
    assert doc["sales"]["by_municipality"] == {"Lier": 5000}  # the exhibition's apart
    assert doc["artists"]["by_municipality"] == {"Asker": 1, "Lier": 3}  # not the withdrawn
    assert doc["applications"]["funnel"] == {"started": 3, "submitted": 2, "scored": 0,
                                             "accepted": 1, "published": 0}
    assert doc["applications"]["by_municipality"] == {"Lier": 2}
    assert (doc["applications"]["hosts"], doc["applications"]["from_hosts"]) == ([], 0)


def test_only_the_five_highest_and_lowest_are_listed(db):
    edition = factories.edition(2027)
    for count in (5, 1, 9, 3, 7, 2, 8):
        visits(studio(edition), date(2027, 9, 11), count)
    per_studio = edition_stats(edition)["visits"]["per_studio"]
    assert [s["count"] for s in per_studio["top"]] == [9, 8, 7, 5, 3]
    assert [s["count"] for s in per_studio["bottom"]] == [1, 2, 3, 5, 7]


@pytest.mark.parametrize(("highest", "width"), [(0, 1), (9, 1), (10, 2), (49, 5), (60, 10),
                                                 (99, 10), (100, 20), (835, 100),
                                                 (4000, 500)])
def test_the_bands_are_1_2_or_5_times_a_power_of_ten(highest, width):
    assert band_width(highest) == width
    assert len(histogram([highest])) <= 10


def test_year_over_year_aligns_the_first_saturdays(counted, db):  # noqa: F811
    assert day_zero(date(2027, 9, 9)) == date(2027, 9, 11)  # a Thursday: the Saturday after
    assert day_zero(date(2028, 9, 9)) == date(2028, 9, 9)  # a Saturday: itself
    earlier = factories.edition(2026)  # 2026-09-09 is a Wednesday: day 0 is 2026-09-12
    visits(studio(earlier), date(2026, 9, 12), 400)
    visits(studio(earlier), date(2026, 9, 10), 40)
    doc = edition_stats(counted)
    yoy = doc["year_over_year"]
    assert yoy["previous_year"] == 2026
    days = {d["date"]: d for d in yoy["days"]}
    assert len(days) == 11
    assert days["2027-09-11"] == {"day": 0, "date": "2027-09-11", "count": 117,
                                  "previous_date": "2026-09-12", "previous_count": 400}
    assert days["2027-09-09"] == {"day": -2, "date": "2027-09-09", "count": 0,
                                  "previous_date": "2026-09-10", "previous_count": 40}
    assert days["2027-09-12"]["previous_count"] == 0  # inside 2026's period, nothing counted
    # Day 8 would be 2026-09-20, after 2026's period: nothing to stand beside it.
    assert days["2027-09-19"]["day"] == 8 and days["2027-09-19"]["previous_date"] is None
    assert days["2027-09-19"]["previous_count"] is None
    assert sum(d["previous_count"] or 0 for d in yoy["days"]) == 440


def test_without_a_counted_edition_before_there_is_nothing_beside(counted):  # noqa: F811
    yoy = edition_stats(counted)["year_over_year"]  # 2025 and 2026 are history rows only
    assert yoy["previous_year"] is None
    assert [d["day"] for d in yoy["days"]] == list(range(-2, 9))
    assert {(d["previous_date"], d["previous_count"]) for d in yoy["days"]} == {(None, None)}


def test_the_history_has_every_year_and_adds_up_to_since_start(counted, db):  # noqa: F811
    earlier = factories.edition(2026)
    visits(studio(earlier), date(2026, 9, 12), 400)
    history(2020, artists=3)  # no visits known: a year of the history all the same
    doc = edition_stats(counted)
    assert doc["history"] == [
        {"year": 2020, "visits_total": None, "artists": 3, "from": "history"},
        {"year": 2025, "visits_total": 250, "artists": 4, "from": "history"},
        {"year": 2026, "visits_total": 400, "artists": 1, "from": "edition"},
        {"year": 2027, "visits_total": 317, "artists": 4, "from": "edition"}]
    assert sum(h["visits_total"] or 0 for h in doc["history"]) == doc["since_start"]["visits"]


@pytest.fixture
def programme_and_audience(db):
    """2027 hosted by Svelvik: applications, a jury's scores, events with sign-ups,
    newsletters, subscribers and the artists' survey."""
    edition = factories.edition(2027, hosts=[factories.municipality("Svelvik").name],
                                exhibition_address="Bergerveien 20, 3400 Lier")
    lier, svelvik = factories.municipality("Lier"), factories.municipality("Svelvik")
    juror = factories.applicant("juror@example.org")  # any account can stand for a juror
    A = ApplicationStatus
    factories.application(edition, status=A.DRAFT, works=0, cv=False, municipality=lier)
    score(factories.application(edition, status=A.SUBMITTED, works=0, cv=False,
                                municipality=svelvik), juror, 4)
    score(factories.application(edition, status=A.SUBMITTED, works=0, cv=False,
                                municipality=svelvik), juror, None, abstained=True)
    factories.application(edition, status=A.SUBMITTED, works=0, cv=False, municipality=None)
    published = factories.application(edition, status=A.ACCEPTED, works=0, cv=False,
                                      municipality=lier)
    score(published, juror, 5)
    published.participation = factories.participant(edition)
    gone = factories.application(edition, status=A.ACCEPTED, works=0, cv=False,
                                 municipality=svelvik)
    gone.participation = factories.participant(edition, municipality_name="Svelvik")
    gone.participation.status = ParticipationStatus.WITHDRAWN
    _events(edition, svelvik)
    _newsletter()
    _survey()
    db.session.flush()
    return edition


def _events(edition, svelvik):
    seminar = factories.event(edition, kind="seminar", capacity=10, registration_required=True)
    for n in range(3):
        registration(seminar, f"s{n}@example.org", checked_in=n == 0)
    registration(seminar, "held@example.org", held=True)  # not confirmed from the e-mail
    registration(seminar, "queue@example.org", "waitlisted")
    registration(seminar, "gone@example.org", "cancelled")
    studio_ = Studio(name="Verkstedet", address="Strandgata 1", postcode="3060", place="Svelvik",
                     municipality=svelvik, address_key="strandgata 1|3060")
    concert = factories.event(edition, kind="concert", venue_kind="studio", studio=studio_)
    registration(concert, "c@example.org", checked_in=True)
    factories.event(edition, kind="workshop", venue_kind="address", address="Torget",
                    postcode="9999", place="Svelvik")
    factories.event(edition, kind="historical_walk", venue_kind="address", address="Stien 2",
                    postcode="9998", place="Nowhere")
    draft = factories.event(edition, kind="artist_talk", status="draft")
    registration(draft, "d@example.org")
    factories.event(edition, kind="opening", status="cancelled")


def _newsletter():
    sent_newsletter(datetime(2027, 3, 1, 9))
    sent_newsletter(datetime(2026, 12, 31, 23, 30))  # 00:30 on New Year's Day in Oslo: 2027
    sent_newsletter(datetime(2026, 12, 31, 22, 0))  # 23:00 on New Year's Eve in Oslo: 2026
    sent_newsletter(None)  # a draft
    subscriber("old@example.org", confirmed_at=datetime(2026, 5, 1))
    subscriber("new@example.org", confirmed_at=datetime(2027, 3, 2))
    subscriber("later@example.org", confirmed_at=datetime(2028, 2, 1))  # after 2027
    subscriber("pending@example.org", "pending")
    subscriber("left@example.org", "unsubscribed", confirmed_at=datetime(2027, 1, 5))


def _survey():
    survey = survey_factories.survey(2027)
    survey_factories.invitation(survey, "unsent@example.org", sent=False)
    survey_factories.invitation(survey, "silent@example.org")
    for email, values in [
            ("a@example.org", {"overall_satisfaction": 4, "take_part_again": "yes",
                               "sold_best": ["paintings", "prints"], "visitors_estimate": 100}),
            ("b@example.org", {"overall_satisfaction": 5, "take_part_again": "yes",
                               "sold_best": ["prints"], "visitors_estimate": 200}),
            ("c@example.org", {"overall_satisfaction": 3, "take_part_again": "no",
                               "comments": "Fint!"})]:
        survey_factories.answered(survey, email, values)


def test_the_applications_funnel_and_the_host_municipalities(programme_and_audience):
    applications = edition_stats(programme_and_audience)["applications"]
    # 6 started; 5 sent in; 2 with a score (an abstention is none); 2 accepted, of which one
    # withdrew from the route: 1 published.
    assert applications["funnel"] == {"started": 6, "submitted": 5, "scored": 2,
                                      "accepted": 2, "published": 1}
    assert applications["by_municipality"] == {"Lier": 1, "Svelvik": 3}  # no draft, no blank
    assert applications["hosts"] == ["Svelvik"] and applications["from_hosts"] == 3
    assert (applications["received"], applications["accepted"]) == (5, 2)


def test_the_unpublished_edition_publishes_nobody(programme_and_audience):
    programme_and_audience.published_at = None
    assert edition_stats(programme_and_audience)["applications"]["funnel"]["published"] == 0


def test_the_programme_figures(programme_and_audience):
    programme = edition_stats(programme_and_audience)["programme"]
    assert programme["events"] == 4  # neither the draft nor the cancelled one
    assert programme["by_kind"] == {**{kind.value: 0 for kind in EventKind}, "seminar": 1,
                                    "concert": 1, "workshop": 1, "historical_walk": 1}
    assert (programme["registrations"], programme["waitlisted"], programme["attended"]) == (
        4, 1, 2)
    assert (programme["seminar_registrations"], programme["seminar_attended"]) == (3, 1)
    # The exhibition by its postcode (Lier's studios), the studio's, the workshop by its place;
    # the walk at an unknown place is in no municipality.
    assert programme["by_municipality"] == {"Lier": 1, "Svelvik": 2}


def test_the_newsletter_figures(programme_and_audience):
    assert edition_stats(programme_and_audience)["newsletter"] == {
        "sent": 2, "subscribers": 2, "new_subscribers": 1}


def test_the_surveys_headlines(programme_and_audience):
    surveys = edition_stats(programme_and_audience)["surveys"]
    assert surveys["network"] is None  # no survey of the network this year
    artists = surveys["artists"]
    assert (artists["title"], artists["invited"], artists["answered"]) == ("Evaluering 2027",
                                                                          4, 3)
    assert artists["response_rate"] == 0.75
    headlines = {h["key"]: h for h in artists["headlines"]}
    assert list(headlines) == ["overall_satisfaction", "take_part_again", "sold_best",
                               "visitors_estimate"]  # free text has no headline
    assert headlines["overall_satisfaction"] == {
        "key": "overall_satisfaction", "question": "Hvor fornøyd er du alt i alt?",
        "kind": "scale", "answered": 3, "mean": 4.0}
    assert headlines["take_part_again"]["top"] == {"value": "yes", "label": "Ja",
                                                   "share": 0.667}
    assert headlines["sold_best"]["answered"] == 2
    assert headlines["sold_best"]["top"] == {"value": "prints", "label": "Grafikk", "share": 1.0}
    assert headlines["visitors_estimate"]["mean"] == 150.0


def test_the_empty_edition_has_every_key_with_zeros_and_nulls(db):
    edition = factories.edition(2028)
    doc = edition_stats(edition)
    per_studio = doc["visits"]["per_studio"]
    assert (per_studio["top"], per_studio["bottom"], per_studio["histogram"]) == ([], [], [])
    assert doc["visits"]["reporting_share"] is None
    assert doc["sales"]["by_municipality"] == {} and doc["artists"]["by_municipality"] == {}
    assert doc["applications"]["funnel"] == dict.fromkeys(
        ("started", "submitted", "scored", "accepted", "published"), 0)
    assert (doc["applications"]["by_municipality"], doc["applications"]["from_hosts"],
            doc["applications"]["hosts"]) == ({}, 0, [])
    programme = doc["programme"]
    assert programme["events"] == 0 and set(programme["by_kind"].values()) == {0}
    assert programme["by_municipality"] == {}
    assert doc["newsletter"] == {"sent": 0, "subscribers": 0, "new_subscribers": 0}
    assert doc["surveys"] == {audience.value: None for audience in SurveyAudience}
    yoy = doc["year_over_year"]
    assert yoy["previous_year"] is None and len(yoy["days"]) == 11
    assert yoy["days"][0] == {"day": 0, "date": "2028-09-09", "count": 0,
                              "previous_date": None, "previous_count": None}
    assert doc["history"] == [{"year": 2028, "visits_total": None, "artists": 0,
                               "from": "edition"}]
    stats_csv(doc)  # and it flattens


def test_the_command_the_url_and_the_service_give_one_document(programme_and_audience, db,
                                                               runner, client, login_as):
    db.session.commit()
    document = json.loads(stats_json(edition_stats(programme_and_audience)))
    login_as("organiser")
    response = client.get("/organiser/editions/2027/stats.json")
    result = runner.invoke(args=["stats", "2027", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(response.get_data(as_text=True)) == json.loads(result.output) == document
    assert document["programme"]["events"] == 4 and document["surveys"]["artists"]


def test_lists_flatten_to_an_index_and_a_field(programme_and_audience):
    pairs = dict(flatten(edition_stats(programme_and_audience)))
    assert pairs["applications.hosts.0"] == "Svelvik"
    assert pairs["surveys.artists.headlines.1.top.value"] == "yes"
    assert pairs["surveys.network"] is None
    assert pairs["year_over_year.days.0.day"] == -2
    assert pairs["history.0.year"] == 2027
    assert "visits.by_day.2027-09-09" in pairs


HOSTILE_PLACE = '=HYPERLINK("http://evil.example","x")'
HOSTILE_NAME = "@SUM(1+1)"


def test_hostile_names_stay_data_in_json_and_text_in_csv(db, runner):
    edition = factories.edition(2027, hosts=[factories.municipality(HOSTILE_PLACE).name])
    venue = studio(edition, name=HOSTILE_NAME, municipality_name=HOSTILE_PLACE)
    visits(venue, date(2027, 9, 11), 12)
    sale(venue, date(2027, 9, 11), 900)
    factories.application(edition, status=ApplicationStatus.SUBMITTED, works=0, cv=False,
                          municipality=factories.municipality(HOSTILE_PLACE))
    doc = json.loads(stats_json(edition_stats(edition)))
    assert doc["visits"]["per_studio"]["top"][0]["name"] == HOSTILE_NAME
    assert doc["visits"]["per_studio"]["top"][0]["municipality"] == HOSTILE_PLACE
    assert doc["sales"]["by_municipality"] == {HOSTILE_PLACE: 900}
    assert doc["applications"]["hosts"] == [HOSTILE_PLACE]
    assert doc["applications"]["from_hosts"] == 1
    rows = dict(list(csv.reader(io.StringIO(stats_csv(doc))))[1:])
    assert rows["visits.per_studio.top.0.name"] == "'" + HOSTILE_NAME
    assert rows["applications.hosts.0"] == "'" + HOSTILE_PLACE
    assert rows[f"sales.by_municipality.{HOSTILE_PLACE}"] == "900"
    for key, value in rows.items():
        assert not key.startswith(("=", "+", "-", "@"))
        if value.startswith(("=", "+", "-", "@")):
            float(value)  # only a number (a negative change) may start so


def test_the_previous_edition_is_the_latest_counted_one_before(counted, db):  # noqa: F811
    older = factories.edition(2025)  # 2025-09-09 is a Tuesday: day 0 is 2025-09-13
    visits(studio(older), date(2025, 9, 13), 70)
    newer = factories.edition(2026)
    visits(studio(newer), date(2026, 9, 12), 400)
    factories.edition(2028)  # later: never the previous of 2027
    doc = edition_stats(counted)
    assert doc["year_over_year"]["previous_year"] == 2026
    day_zero_ = next(d for d in doc["year_over_year"]["days"] if d["day"] == 0)
    assert day_zero_["previous_count"] == 400
    assert doc["since_start"]["visits"] == 70 + 400 + 317  # both counted editions, and 2027
    assert [(h["year"], h["from"]) for h in doc["history"]] == [
        (2025, "edition"), (2026, "edition"), (2027, "edition")]
