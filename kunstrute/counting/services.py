"""Writing counts: the two primitives every source uses, and the edition's lock."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from kunstrute.audit.services import record
from kunstrute.counting.models import CountingSettings, CountSource, Venue, VisitCount
from kunstrute.database import insert_or_add, insert_or_set
from kunstrute.extensions import db
from kunstrute.timeutil import utcnow

KEY = ("venue_id", "day", "source")


class CountingLocked(Exception):
    """The organiser has locked the edition's counts; nothing may change."""


def add_visits(*, venue: Venue, day: date, source: CountSource, delta: int) -> None:
    """Add delta visitors to a venue's day from one source, atomically (check-ins, tallies).

    No audit entry: a check-in or a tally batch is its own record. Callers check the lock.
    """
    insert_or_add(VisitCount, {"venue_id": venue.id, "day": day, "source": source.value,
                               "count": delta, "updated_at": utcnow()},
                  key=KEY, column="count")


def set_visits(*, venue: Venue, day: date, source: CountSource, count: int, actor=None,
               detail: str = "") -> None:
    """Set a venue's visitors for a day from one source (typed, corrected, imported); audit.

    The audit entry says the old and the new figure, so a correction can be followed.
    """
    old = db.session.scalar(sa.select(VisitCount.count).where(
        VisitCount.venue_id == venue.id, VisitCount.day == day,
        VisitCount.source == source))
    if old == count:
        return
    insert_or_set(VisitCount, {"venue_id": venue.id, "day": day, "source": source.value,
                               "count": count, "updated_at": utcnow()}, key=KEY)
    note = f"{source.value} {day.isoformat()}: {old if old is not None else '–'} → {count}"
    record(actor=actor, action="visits.set", obj=venue,
           detail=f"{note}; {detail}" if detail else note)


def is_locked(edition_id: int) -> bool:
    """Return whether the organiser has locked this edition's counts and sales."""
    settings = db.session.get(CountingSettings, edition_id)
    return settings is not None and settings.locked_at is not None


def check_open(venue: Venue) -> None:
    """Raise CountingLocked if the venue's edition is locked."""
    if is_locked(venue.edition_id):
        raise CountingLocked()
