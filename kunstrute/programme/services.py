"""Events: saving with validation, publishing, what changed, and the day-by-day programme."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from kunstrute.editions.models import Edition
from kunstrute.extensions import db
from kunstrute.geocoding.models import LocationSource
from kunstrute.programme.models import (
    ACTIVE_REGISTRATION,
    Event,
    EventStatus,
    Registration,
    VenueKind,
)
from kunstrute.programme.registrations import promote_waitlisted
from kunstrute.text import plain_line_ends
from kunstrute.timeutil import to_oslo

#: Fields whose change after publishing is news to registered people (time and place).
NEWSWORTHY = ("starts_at", "ends_at", "venue_kind", "studio_id", "venue_name", "address",
              "postcode", "place")
EDITABLE = NEWSWORTHY + ("kind", "title", "description", "language", "registration_required",
                         "capacity", "series", "question")


class EventError(ValueError):
    """An event that cannot be saved; `field` names the form field at fault."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name


@dataclass
class SaveResult:
    event: Event
    #: Things worth a second look that do not stop the save (e.g. a venue booked twice).
    warnings: list[str] = field(default_factory=list)
    #: Set when a published event moved in time or place: who must be told.
    notify: list[Registration] = field(default_factory=list)
    #: Registrations that got a place because capacity grew.
    promoted: list[Registration] = field(default_factory=list)


def save_event(*, edition: Edition, event: Event | None = None, **values) -> SaveResult:
    """Create or update an event from validated form values; flush, do not commit."""
    _check(values)
    if "description" in values:  # browsers send CR LF; stored text has one kind of line end
        values["description"] = plain_line_ends(values["description"])
    creating = event is None
    capacity = values.get("capacity", event.capacity if event else None)
    if event is not None and capacity is not None and capacity < event.confirmed_count:
        raise EventError("capacity", _("%(n)d people already have a place; the capacity cannot "
                                       "be lower.", n=event.confirmed_count))
    if creating:
        event = Event(edition=edition)
        db.session.add(event)
    changed = {name for name in EDITABLE if name in values and getattr(event, name) != values[name]}
    for name in changed:
        setattr(event, name, values[name])
    if changed & {"venue_kind", "studio_id", "address", "postcode", "place"}:
        _reset_position(event)
    result = SaveResult(event=event)
    if not creating and event.is_published and changed:
        event.sequence += 1  # calendar apps update the event instead of adding a copy
        if changed & set(NEWSWORTHY):
            result.notify = active_registrations(event)
    db.session.flush()
    if not creating and "capacity" in changed:
        result.promoted = promote_waitlisted(event=event)
    result.warnings = venue_conflicts(event)
    return result


def _check(values: dict) -> None:
    starts, ends = values.get("starts_at"), values.get("ends_at")
    if starts and ends and ends <= starts:
        raise EventError("ends", _("The event must end after it starts."))
    kind = values.get("venue_kind")
    if kind == VenueKind.STUDIO and not values.get("studio_id"):
        raise EventError("studio_id", _("Choose the studio."))
    if kind == VenueKind.ADDRESS and not (values.get("address") or "").strip():
        raise EventError("address", _("Give the address."))
    capacity = values.get("capacity")
    if capacity is not None and capacity < 0:
        raise EventError("capacity", _("The capacity cannot be negative."))


def _reset_position(event: Event) -> None:
    """Forget an address event's old position; `flask geocode` or the organiser places it."""
    if event.venue_kind == VenueKind.ADDRESS:
        event.lat = event.lon = None
        event.location_source = LocationSource.MISSING


def change_status(*, event: Event, status: EventStatus) -> list[Registration]:
    """Publish, unpublish or cancel; return the registrations to tell (on cancelling)."""
    event.change_status(status)
    if status in (EventStatus.CANCELLED, EventStatus.PUBLISHED) and event.uid:
        event.sequence += 1
    db.session.flush()
    return active_registrations(event) if status == EventStatus.CANCELLED else []


def active_registrations(event: Event) -> list[Registration]:
    return [r for r in event.registrations if r.status in ACTIVE_REGISTRATION]


def venue_conflicts(event: Event) -> list[str]:
    """Return warnings for other events of the edition at the same venue at the same time."""
    same_venue = {
        VenueKind.STUDIO: Event.studio_id == event.studio_id,
        VenueKind.EXHIBITION: Event.venue_kind == VenueKind.EXHIBITION,
        VenueKind.ADDRESS: sa.func.lower(Event.address) == (event.address or "").lower(),
    }[event.venue_kind]
    others = db.session.scalars(
        sa.select(Event).where(
            Event.edition_id == event.edition_id, Event.id != event.id,
            Event.status != EventStatus.CANCELLED, Event.venue_kind == event.venue_kind,
            same_venue, Event.starts_at < event.ends_at, Event.ends_at > event.starts_at)
        .order_by(Event.starts_at))
    return [_("%(title)s is at the same venue %(when)s.", title=o.title,
              when=f"{to_oslo(o.starts_at):%d.%m. %H:%M}–{to_oslo(o.ends_at):%H:%M}")
            for o in others]
