"""The exhibition's staff enter door counts for every day of the period and the works sold
at the desk; every change is audited and a locked edition takes none."""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from kunstrute.audit.models import AuditEntry
from kunstrute.counting.models import CountSource, Sale, SaleSource, VisitCount
from kunstrute.counting.venues import settings_for
from kunstrute.i18n import LANG_COOKIE
from kunstrute.timeutil import utcnow
from tests import factories
from tests.conftest import csrf_token
from tests.counting.report_factories import exhibition, open_edition

URL = "/organiser/counting/2026/exhibition"
TUESDAY = date(2026, 11, 17)  # not an open day of the studios: the exhibition is open


@pytest.fixture(autouse=True)
def english(client):
    client.set_cookie(LANG_COOKIE, "en")


def door(db, venue) -> dict:
    return dict(db.session.execute(sa.select(VisitCount.day, VisitCount.count).where(
        VisitCount.venue_id == venue.id, VisitCount.source == CountSource.DOOR_COUNTER)).all())


def post(client, url, data, page=URL):
    token = csrf_token(client.get(page).get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token})


def test_door_counts_for_every_day_of_the_period(client, db, login_as):
    login_as("organiser")
    edition = open_edition()
    venue = exhibition(edition)
    page = client.get(URL).get_data(as_text=True)
    assert len(re.findall(r'name="d202611\d\d"', page)) == 9  # 14–22 November
    answer = post(client, URL, {"d20261117": "336", "d20261118": "1 200", "d20261119": ""})
    assert answer.status_code == 302
    assert door(db, venue) == {TUESDAY: 336, date(2026, 11, 18): 1200}
    bad = post(client, URL, {"d20261117": "-1", "d20261118": "tre"})
    assert bad.status_code == 400 and door(db, venue)[TUESDAY] == 336
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
        AuditEntry.action == "visits.set")) == 2


def test_sales_of_exhibition_works_are_added_changed_and_removed(client, db, login_as):
    login_as("organiser")
    edition = open_edition()
    artist = factories.participant(edition, name="Åse Glass", catalogue_no=12)
    other_year = factories.participant(factories.edition(2025), name="Ikke med")
    venue = exhibition(edition)
    page = client.get(URL).get_data(as_text=True)
    assert "12. Åse Glass" in page and "Ikke med" not in page
    sale = {"day": "2026-11-17", "participation": str(artist.id), "title": "Bølge",
            "amount_nok": "9 500"}
    assert post(client, f"{URL}/sales", sale).status_code == 302
    row = db.session.scalars(sa.select(Sale)).one()
    assert (row.venue_id, row.source, row.works, row.amount_nok, row.title) == (
        venue.id, SaleSource.DESK, 1, 9500, "Bølge")
    refused = post(client, f"{URL}/sales", {**sale, "participation": str(other_year.id)})
    assert refused.status_code == 400 and "Bølge" in refused.get_data(as_text=True)
    edit = f"{URL}/sales/{row.id}"
    assert post(client, edit, {**sale, "amount_nok": "9000"}, page=edit).status_code == 302
    assert row.amount_nok == 9000
    assert post(client, f"{edit}/delete", {}, page=edit).status_code == 302
    assert not db.session.scalars(sa.select(Sale)).all()
    actions = db.session.scalars(sa.select(AuditEntry.action).where(
        AuditEntry.object_type == "sale").order_by(AuditEntry.id)).all()
    assert actions == ["exhibition_sale.saved", "exhibition_sale.saved",
                       "exhibition_sale.deleted"]


def test_a_locked_edition_takes_no_exhibition_change(client, db, login_as):
    login_as("organiser")
    edition = open_edition()
    venue = exhibition(edition)
    artist = factories.participant(edition)
    settings_for(edition).locked_at = utcnow()
    db.session.commit()
    assert "locked" in client.get(URL).get_data(as_text=True)
    assert post(client, URL, {"d20261117": "5"}).status_code == 409
    assert post(client, f"{URL}/sales", {"day": "2026-11-17", "participation": str(artist.id),
                                         "title": "X", "amount_nok": "1"}).status_code == 400
    assert door(db, venue) == {} and not db.session.scalars(sa.select(Sale)).all()
