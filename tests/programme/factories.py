"""Factories of the programme: events (flushed, with defaults)."""

from datetime import datetime, time, timedelta

from kunstrute.editions.models import Studio
from kunstrute.extensions import db
from kunstrute.programme.models import Event, EventKind, EventStatus, VenueKind


def event(edition, *, title: str = "Omvisning i fellesutstillingen", kind: str = "guided_tour",
          starts_at: datetime | None = None, minutes: int = 60, capacity: int | None = None,
          registration_required: bool = False, status: str = "published",
          venue_kind: str = "exhibition", studio: Studio | None = None, **kwargs):
    """Return a flushed event; naive UTC times, by default 12:00 UTC on the first day."""
    starts_at = starts_at or datetime.combine(edition.starts_on, time(12))
    found = Event(edition=edition, title=title, kind=EventKind(kind), starts_at=starts_at,
                  ends_at=starts_at + timedelta(minutes=minutes), capacity=capacity,
                  registration_required=registration_required, status=EventStatus(status),
                  venue_kind=VenueKind(venue_kind), studio=studio, **kwargs)
    db.session.add(found)
    db.session.flush()
    return found
