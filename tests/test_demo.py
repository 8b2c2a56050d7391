"""`flask demo` makes the sample edition alive for every role: applications with drawn works,
three jurors' scores that disagree, the decisions, and the guide showing the art."""

import re
from statistics import mean

import sqlalchemy as sa

from kunstrute.applications.models import (
    Application,
    ApplicationStatus,
    Artwork,
    JuryRound,
    JuryScore,
)
from kunstrute.editions.models import Edition, Participation, Work
from kunstrute.editions.queries import edition_for_year
from kunstrute.guide.services import map_studios
from kunstrute.media.models import MediaFile, MediaStatus
from kunstrute.stats.catalogue import catalogue_for
from kunstrute.surveys.models import Survey, SurveyInvitation, SurveyResponse, SurveyStatus
from kunstrute.surveys.queries import comparison, headline_results, response_rates
from tests.conftest import csrf_token


def sign_in(client, output: str, email: str) -> None:
    password = dict(re.findall(r"as (\S+) with password (\S+)", output))[email]
    page = client.get("/auth/login").get_data(as_text=True)
    response = client.post("/auth/login", data={"email": email, "password": password,
                                                "csrf_token": csrf_token(page)})
    assert response.status_code == 302


def test_the_demo_fills_the_round_the_jury_and_the_guide(runner, client, db):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert ("Loaded the sample edition 2027: 16 municipalities, 105 artists, 52 events. "
            "It is published." in result.output)
    assert "Geocoding: 0 exact, " in result.output and "0 not found" in result.output
    sign_ins = dict(re.findall(r"Sign in at http://localhost/auth/login as (\S+) with "
                               r"password (\S+)", result.output))
    assert set(sign_ins) == {f"{name}@demo.kunstrute.example" for name in (
        "admin", "organiser", "juror", "juror2", "juror3", "artist", "applicant")}
    assert len(set(sign_ins.values())) == 7  # random, one each
    assert "Kunst rett vest 2027" in client.get("/").get_data(as_text=True)

    count = lambda q: db.session.scalar(sa.select(sa.func.count()).select_from(q))  # noqa: E731
    applications = count(Application)
    assert 180 <= applications <= 200
    statuses = dict(db.session.execute(sa.select(Application.status, sa.func.count())
                                       .group_by(Application.status)).all())
    # The sample edition's artists; the previous edition (2026) has its own, without works.
    participations = sa.select(Participation).join(Edition).where(Edition.year == 2027)
    assert statuses[ApplicationStatus.ACCEPTED] == count(participations.subquery())
    assert statuses[ApplicationStatus.REJECTED] > statuses[ApplicationStatus.WAITLISTED] > 0
    # 3–5 works each, every image processed, with copies a browser can fetch.
    per_application = db.session.execute(sa.select(sa.func.count(Artwork.id))
                                         .group_by(Artwork.application_id)).scalars().all()
    assert min(per_application) >= 3 and max(per_application) <= 5
    assert not db.session.scalar(sa.select(sa.func.count(MediaFile.id))
                                 .where(MediaFile.status != MediaStatus.READY))
    orientations = {f.is_portrait for f in db.session.scalars(sa.select(MediaFile))}
    assert orientations == {True, False}

    # Three jurors; the strict one scores lower on average: the disagreement is real.
    jury = db.session.scalar(sa.select(JuryRound))
    assert len(jury.members) == 3
    by_juror = {m.user_id: [s.score for s in db.session.scalars(
        sa.select(JuryScore).where(JuryScore.juror_id == m.user_id,
                                   JuryScore.score.is_not(None)))] for m in jury.members}
    means = sorted(mean(scores) for scores in by_juror.values())
    assert means[-1] - means[0] > 0.5

    # Every published artist shows works; the guide shows them.
    assert count(Work) >= 3 * count(participations.subquery())
    participation = db.session.scalars(participations.order_by(Participation.id)).first()
    page = client.get(f"/artists/{participation.artist.slug}").get_data(as_text=True)
    assert "/media/" in page and "srcset=" in page
    assert "Årets kunstner" in client.get("/").get_data(as_text=True)
    assert_counts_like_2014(db)  # issue 13, reporting
    assert_demo_figures(db, result.output)  # issue 14, the statistics document

    assert_demo_surveys(db, result.output)

    # The organiser sees the results full; a juror their scores.
    sign_in(client, result.output, "organiser@demo.kunstrute.example")
    results = client.get("/organiser/applications").get_data(as_text=True)
    assert results.count("<tr") > 150
    # issue 14, the printed catalogue: its page alive, and a work for every artist to print.
    catalogue = client.get("/organiser/editions/2027/catalogue").get_data(as_text=True)
    assert "Ingen katalog er laget ennå" in catalogue and "Lag katalogen" in catalogue
    entries = catalogue_for(edition_for_year(2027)).entries
    assert len(entries) == count(participations.subquery())
    assert all(e.image_key for e in entries)
    assert not [e for e in entries if e.number is None]
    # The printed numbers are the web map's: the same artist under the same number.
    on_the_map = {(s.catalogue_no, s.slug) for s in map_studios(edition_for_year(2027))}
    assert {(e.number, e.slug) for e in entries} == on_the_map
    client.post("/auth/logout", data={"csrf_token": csrf_token(
        client.get("/privacy").get_data(as_text=True))})
    sign_in(client, result.output, "juror2@demo.kunstrute.example")
    assert client.get("/jury").status_code == 200

    # Once only: a second run refuses, or with --if-empty does nothing and shows no password.
    again = runner.invoke(args=["demo"])
    assert again.exit_code == 1 and "already has an edition" in again.output
    quiet = runner.invoke(args=["demo", "--if-empty"])
    assert quiet.exit_code == 0 and "create-user EMAIL --role organiser" in quiet.output
    assert not set(sign_ins.values()) & set(quiet.output.split())


def assert_counts_like_2014(db) -> None:
    """The demo's visitors and sales are shaped like the 2014 report (issue 13, reporting)."""
    from kunstrute.audit.models import AuditEntry
    from kunstrute.counting.models import CountSource, Sale, SaleSource, Venue, VisitCount

    def total(source):
        return db.session.scalar(sa.select(sa.func.sum(VisitCount.count)).where(
            VisitCount.source == source, VisitCount.venue_id.in_(venues)))

    edition = db.session.scalar(sa.select(Edition.id).where(Edition.year == 2027))
    venues = sa.select(Venue.id).where(Venue.edition_id == edition)
    studios = db.session.scalars(sa.select(Venue).where(Venue.participation_id.is_not(None),
                                                        Venue.edition_id == edition)).all()
    per_studio = db.session.execute(sa.select(sa.func.sum(VisitCount.count)).where(
        VisitCount.source == CountSource.REPORTED, VisitCount.venue_id.in_(venues))
        .group_by(VisitCount.venue_id)).scalars().all()
    assert len(per_studio) == round(0.9 * len(studios))
    assert (min(per_studio), max(per_studio), sum(per_studio)) == (7, 835, 17_640)
    assert 0 < total(CountSource.QR_CHECKIN) < 0.3 * sum(per_studio)
    door = db.session.execute(sa.select(VisitCount.count).where(
        VisitCount.source == CountSource.DOOR_COUNTER, VisitCount.venue_id.in_(venues))
    ).scalars().all()
    assert len(door) == 11 and sum(door) == 336 * 11
    reported_sales = sa.select(Sale).where(Sale.source == SaleSource.REPORTED).subquery()
    assert db.session.scalar(sa.select(sa.func.sum(reported_sales.c.amount_nok))) == 950_000
    sellers = db.session.scalar(sa.select(sa.func.count(sa.distinct(
        reported_sales.c.participation_id))))
    assert round(sellers / len(studios), 2) == 0.68
    desk = db.session.execute(sa.select(Sale.amount_nok).where(
        Sale.source == SaleSource.DESK)).scalars().all()
    assert (len(desk), sum(desk)) == (8, 74_000)
    assert all(v.report_key for v in studios)
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
        AuditEntry.action == "visits.set", AuditEntry.detail.contains("correction"))) == 1
def assert_demo_figures(db, output: str) -> None:
    """Every figure of the statistics document has something to show on the sample edition."""
    from kunstrute.editions.queries import edition_for_year
    from kunstrute.stats.service import edition_stats

    assert "The previous edition 2026: 105 artists and 20300 visits by day" in output
    assert "newsletters sent (none e-mailed)" in output
    doc = edition_stats(edition_for_year(2027))
    per_studio = doc["visits"]["per_studio"]
    assert per_studio["top"][0]["count"] == 835 and len(per_studio["bottom"]) == 5
    assert sum(band["studios"] for band in per_studio["histogram"]) == 105
    assert 0.85 <= doc["visits"]["reporting_share"] <= 0.95
    assert sum(doc["sales"]["by_municipality"].values()) == 950_000
    assert len(doc["artists"]["by_municipality"]) == 16
    funnel = doc["applications"]["funnel"]
    assert funnel["started"] >= funnel["submitted"] >= funnel["scored"] > funnel["accepted"]
    assert funnel["accepted"] == funnel["published"] == 105
    assert doc["applications"]["hosts"] == ["Sande", "Svelvik"]
    assert 0 < doc["applications"]["from_hosts"] < doc["applications"]["received"]
    programme = doc["programme"]
    assert programme["events"] == 52 and programme["by_kind"]["guided_tour"] == 32
    assert programme["registrations"] > programme["attended"] > 0 and programme["waitlisted"]
    assert programme["seminar_registrations"] > programme["seminar_attended"] > 0
    assert sum(programme["by_municipality"].values()) == 52
    newsletter = doc["newsletter"]
    assert newsletter["sent"] == 6 and newsletter["subscribers"] > newsletter["new_subscribers"] > 0
    assert doc["surveys"]["artists"]["headlines"] and doc["surveys"]["network"]["response_rate"]
    yoy = doc["year_over_year"]
    assert yoy["previous_year"] == 2026
    assert all(day["previous_count"] is not None for day in yoy["days"])
    # The previous edition's counts add up to its history row: the figures since 2007 hold.
    assert doc["previous"] == {"year": 2026, "visits_total": 20_300, "from": "edition"}
    assert sum(day["previous_count"] for day in yoy["days"]) == 20_300
    assert [h["year"] for h in doc["history"]] == list(range(2007, 2028))
    assert sum(h["visits_total"] or 0 for h in doc["history"]) == doc["since_start"]["visits"]


def assert_demo_surveys(db, output: str) -> None:
    """Last year's artists' survey closed, this year's open with reminders, the network's."""
    assert "Its surveys: 3, with " in output and "none e-mailed" in output
    last = {r["audience"]: r for r in response_rates(2026)}
    this = {r["audience"]: r for r in response_rates(2027)}
    assert last["artists"]["status"] == SurveyStatus.CLOSED
    assert this["artists"]["status"] == SurveyStatus.OPEN
    assert 60 <= last["artists"]["percent"] <= 80 and 50 <= this["artists"]["percent"] <= 70
    assert this["artists"]["invited"] == 105
    assert this["network"]["invited"] == 16 and 9 <= this["network"]["answered"] <= 11
    reminded = db.session.scalars(sa.select(SurveyInvitation.reminders_sent).where(
        SurveyInvitation.answered_at.is_(None), SurveyInvitation.survey_id == this["artists"][
            "survey_id"])).all()
    assert reminded and set(reminded) == {2}
    survey = db.session.get(Survey, this["artists"]["survey_id"])
    # Anonymous: no response of an artists' survey leads back to an invitation.
    assert not db.session.scalar(sa.select(sa.func.count(SurveyResponse.id)).where(
        SurveyResponse.survey_id == survey.id, SurveyResponse.invitation_id.is_not(None)))
    results = {r["key"]: r for r in headline_results(survey)}
    assert 3.5 <= results["overall_satisfaction"]["mean"] <= 4.6
    previous, earlier = comparison(survey)
    assert previous.year == 2026 and "overall_satisfaction" in earlier
    assert "marketing" not in earlier  # reworded this year: not compared
    assert all(s.status != SurveyStatus.DRAFT for s in db.session.scalars(sa.select(Survey)))
