"""An artist reports visitors and sales per open day, signed in or through a personal link:
saved once, corrected by replacing, refused with a word at the field, locked when locked."""

import pytest
import sqlalchemy as sa

from kunstrute.audit.models import AuditEntry
from kunstrute.counting.links import can_report
from kunstrute.counting.models import CountSource, Sale, SaleSource, VisitCount
from kunstrute.counting.venues import settings_for
from kunstrute.i18n import LANG_COOKIE
from kunstrute.timeutil import utcnow
from tests.conftest import csrf_token
from tests.counting.report_factories import OPEN_DAYS, TODAY, day_data, open_edition, studio

SAT = OPEN_DAYS[0]


@pytest.fixture(autouse=True)
def english(client):
    """Read the pages in English (bokmål is the default; its texts are tested in test_i18n)."""
    client.set_cookie(LANG_COOKIE, "en")


def reported(db, venue) -> dict:
    return dict(db.session.execute(sa.select(VisitCount.day, VisitCount.count).where(
        VisitCount.venue_id == venue.id, VisitCount.source == CountSource.REPORTED)).all())


def sales(db, venue) -> list[tuple]:
    return db.session.execute(sa.select(Sale.day, Sale.amount_nok, Sale.works).where(
        Sale.venue_id == venue.id, Sale.source == SaleSource.REPORTED)).all()


def post_report(client, url, data):
    page = client.get(url).get_data(as_text=True)
    return client.post(url, data={**data, "csrf_token": csrf_token(page)},
                       headers={"Sec-Fetch-Site": "same-origin"})


def test_a_signed_in_artist_reports_a_day_and_corrects_it(client, db, login_as):
    user = login_as("artist")
    venue = studio(open_edition(), user=user, name="Kari Keramiker")
    page = client.get("/report").get_data(as_text=True)
    assert "Kari Keramiker" in page
    assert page.count('class="card report-day"') == len(OPEN_DAYS)
    answer = post_report(client, "/report", day_data(SAT, visitors="1 250", amount="12500",
                                                      works="3"))
    assert answer.status_code == 302
    assert reported(db, venue) == {SAT: 1250}
    assert sales(db, venue) == [(SAT, 12500, 3)]
    # A correction replaces the figures; amount and works 0 remove the sale.
    post_report(client, "/report", day_data(SAT, visitors="1200", seen="1250", amount="0",
                                            works="0"))
    assert reported(db, venue) == {SAT: 1200}
    assert sales(db, venue) == []
    details = db.session.scalars(sa.select(AuditEntry.detail).where(
        AuditEntry.object_type == "venue").order_by(AuditEntry.id)).all()
    assert any("1250 → 1200" in d for d in details)
    assert any("12500 NOK/3 → 0 NOK/0" in d for d in details)


def test_bad_figures_are_refused_at_the_field_and_nothing_is_saved(client, db, login_as):
    user = login_as("artist")
    venue = studio(open_edition(), user=user)
    answer = post_report(client, "/report", {**day_data(SAT, visitors="-3", amount="mange"),
                                            **day_data(TODAY, visitors="200001")})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert "Enter a number from 0 to" in html and "Enter a whole number" in html
    assert 'value="mange"' in html and 'value="200001"' in html  # the form comes back filled
    assert reported(db, venue) == {} and sales(db, venue) == []
    # An amount with no works (or works with no amount) asks for the other.
    answer = post_report(client, "/report", day_data(SAT, visitors="20", amount="900"))
    assert answer.status_code == 400 and "How many works" in answer.get_data(as_text=True)
    assert reported(db, venue) == {}


def test_a_figure_above_the_threshold_needs_a_yes(client, db, login_as):
    user = login_as("artist")
    edition = open_edition()
    venue = studio(edition, user=user)
    settings_for(edition).warn_visitors_above = 500
    db.session.commit()
    answer = post_report(client, "/report", day_data(SAT, visitors="800"))
    assert answer.status_code == 400
    assert "Yes, these figures are right" in answer.get_data(as_text=True)
    assert reported(db, venue) == {}
    answer = post_report(client, "/report", {**day_data(SAT, visitors="800"), "confirm": "y"})
    assert answer.status_code == 302 and reported(db, venue) == {SAT: 800}


def test_a_day_the_studio_is_not_open_is_refused(client, db, login_as):
    user = login_as("artist")
    venue = studio(open_edition(), user=user, days=[SAT])  # keeps one open day only
    page = client.get("/report").get_data(as_text=True)
    assert page.count('class="card report-day"') == 1
    answer = post_report(client, "/report", {**day_data(SAT, visitors="5"),
                                            **day_data(TODAY, visitors="7")})
    assert answer.status_code == 400
    assert "not one of your studio" in answer.get_data(as_text=True)
    assert reported(db, venue) == {}


def test_a_locked_edition_shows_the_figures_and_takes_no_change(client, db, login_as):
    user = login_as("artist")
    edition = open_edition()
    venue = studio(edition, user=user)
    post_report(client, "/report", day_data(SAT, visitors="42"))
    settings_for(edition).locked_at = utcnow()
    db.session.commit()
    page = client.get("/report").get_data(as_text=True)
    days = page.split("Day by day")[1].split("</main>")[0]
    assert "locked" in page and "42" in days and "<input" not in days
    answer = client.post("/report", data={**day_data(SAT, visitors="43"),
                                          "csrf_token": csrf_token(page)})
    assert answer.status_code == 409 and reported(db, venue) == {SAT: 42}


def test_saving_the_form_keeps_taps_the_tally_sent_meanwhile(client, db, login_as):
    user = login_as("artist")
    venue = studio(open_edition(), user=user)
    post_report(client, "/report", day_data(TODAY, visitors="10"))
    page = client.get("/report").get_data(as_text=True)  # shows 10
    db.session.execute(sa.update(VisitCount).where(VisitCount.venue_id == venue.id)
                       .values(count=15))  # five taps arrive
    db.session.commit()
    client.post("/report", data={**day_data(TODAY, visitors="10", seen="10", amount="500",
                                            works="1"), "csrf_token": csrf_token(page)})
    assert reported(db, venue) == {TODAY: 15}
    assert sales(db, venue) == [(TODAY, 500, 1)]


def test_the_personal_link_works_without_an_account_and_stops_when_revoked(app, client, db):
    venue = studio(open_edition(), key=True)
    url = f"/report/{venue.report_key}"
    visitor = app.test_client()
    visitor.set_cookie(LANG_COOKIE, "en")
    page = visitor.get(url)
    assert page.status_code == 200 and "Set-Cookie" not in page.headers
    assert page.headers["Cache-Control"] == "private, no-store"
    answer = post_report(visitor, url, day_data(SAT, visitors="31"))
    assert answer.status_code == 302 and reported(db, venue) == {SAT: 31}
    actor = db.session.scalar(sa.select(AuditEntry.actor_label).where(
        AuditEntry.action == "visits.set"))
    assert actor == f"report link, no. {venue.participation.catalogue_no}"
    # Another site's page cannot post through the artist's browser.
    token = csrf_token(visitor.get(url).get_data(as_text=True))
    refused = visitor.post(url, data={**day_data(SAT, visitors="99"), "csrf_token": token},
                           headers={"Sec-Fetch-Site": "cross-site"})
    assert refused.status_code == 400 and reported(db, venue) == {SAT: 31}
    venue.report_key = None
    db.session.commit()
    gone = visitor.get(url)
    assert gone.status_code == 404 and "no longer works" in gone.get_data(as_text=True)
    assert visitor.get("/report/short").status_code == 404


def test_only_the_artist_or_an_organiser_may_report_for_a_studio(client, db, login_as):
    edition = open_edition()
    artist = login_as("artist")
    mine = studio(edition, user=artist)
    theirs = studio(edition, name="Berit Maler")
    assert can_report(artist, mine) and not can_report(artist, theirs)
    page = client.get("/report").get_data(as_text=True)
    assert "Berit Maler" not in page


def test_someone_with_no_studio_is_told_so(client, db, login_as):
    login_as("juror")
    open_edition()
    page = client.get("/report")
    assert page.status_code == 200 and "no studio on the route" in page.get_data(as_text=True)
    token = csrf_token(page.get_data(as_text=True))
    assert client.post("/report", data={"csrf_token": token}).status_code == 404
