"""The shared write rules: insert at most once, add to a count, set a value; one statement each."""

from datetime import date

import pytest
import sqlalchemy as sa

from kunstrute.counting.models import CountSource, Venue, VenueKind, VisitCount
from kunstrute.database import insert_if_absent, insert_or_add, insert_or_set
from kunstrute.extensions import db
from tests import factories
from tests.race import in_another_request

DAY = date(2027, 9, 11)
KEY = ("venue_id", "day", "source")


@pytest.fixture
def venue(db):
    edition = factories.edition()
    venue = Venue(edition_id=edition.id, kind=VenueKind.EXHIBITION, code="abc234")
    db.session.add(venue)
    db.session.flush()
    return venue


def counted(venue) -> int | None:
    return db.session.scalar(sa.select(VisitCount.count).where(VisitCount.venue_id == venue.id))


def row(venue, count: int) -> dict:
    return {"venue_id": venue.id, "day": DAY, "source": CountSource.QR_CHECKIN.value,
            "count": count}


def test_insert_or_add_inserts_then_adds(venue):
    insert_or_add(VisitCount, row(venue, 1), key=KEY, column="count")
    insert_or_add(VisitCount, row(venue, 4), key=KEY, column="count")
    assert counted(venue) == 5
    assert db.session.scalar(sa.select(sa.func.count(VisitCount.id))) == 1


def test_insert_or_set_replaces_the_value(venue):
    insert_or_set(VisitCount, row(venue, 7), key=KEY)
    insert_or_set(VisitCount, row(venue, 3), key=KEY)
    assert counted(venue) == 3


def test_insert_if_absent_says_whether_it_inserted(venue):
    assert insert_if_absent(VisitCount, row(venue, 2), key=KEY) is True
    assert insert_if_absent(VisitCount, row(venue, 9), key=KEY) is False
    assert counted(venue) == 2


@pytest.mark.commits
def test_an_add_committed_by_another_request_is_not_lost(app, venue):
    """The other request adds between this one's insert and commit: both additions count."""
    insert_or_add(VisitCount, row(venue, 1), key=KEY, column="count")
    db.session.commit()
    in_another_request(app, lambda: insert_or_add(VisitCount, row(venue, 2), key=KEY,
                                                  column="count"))
    insert_or_add(VisitCount, row(venue, 3), key=KEY, column="count")
    db.session.commit()
    db.session.expire_all()
    assert counted(venue) == 6
