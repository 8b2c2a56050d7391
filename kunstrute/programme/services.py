"""Events: saving with validation, publishing, what changed, and the day-by-day programme."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from kunstrute.extensions import db
from kunstrute.programme.models import (
    ACTIVE_REGISTRATION,
    Event,
    EventKind,
    EventStatus,
    Registration,
    VenueKind,
)
from kunstrute.route.models import Edition, LocationSource, Participation, Studio, address_line
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
        from kunstrute.programme.registrations import promote_waitlisted

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


# --- Reading the programme ------------------------------------------------------------------

@dataclass(frozen=True)
class Venue:
    name: str
    address: str | None
    lat: float | None
    lon: float | None
    #: Catalogue numbers of the studio's artists: the map deep link is /map#studio-N.
    catalogue_nos: tuple[int, ...] = ()
    #: Slug of an artist of the studio, for a link to the artist page.
    artist_slug: str | None = None

    @property
    def is_placed(self) -> bool:
        return self.lat is not None and self.lon is not None


def exhibition_venue(edition: Edition) -> Venue:
    return Venue(edition.exhibition_venue or _("The shared exhibition"),
                 edition.exhibition_address, edition.exhibition_lat, edition.exhibition_lon)


def venue_of(event: Event) -> Venue:
    """Return where the event happens, whatever kind of venue it is."""
    if event.venue_kind == VenueKind.EXHIBITION:
        return exhibition_venue(event.edition)
    if event.venue_kind == VenueKind.STUDIO and event.studio is not None:
        studio = event.studio
        parts = [p for p in studio.participations if p.edition_id == event.edition_id
                 and p.catalogue_no is not None]
        parts.sort(key=lambda p: p.catalogue_no)
        name = studio.name or ", ".join(p.artist.name for p in parts) or studio.address
        return Venue(name, studio.address_line, studio.lat, studio.lon,
                     tuple(p.catalogue_no for p in parts),
                     parts[0].artist.slug if parts else None)
    address = address_line(event.address, event.postcode, event.place) if event.address else None
    return Venue(event.venue_name or address or "", address, event.lat, event.lon)


def published_events(edition: Edition, *, kind: EventKind | None = None,
                     day: date | None = None, include_cancelled: bool = True) -> list[Event]:
    """Return the edition's public events in time order (cancelled ones shown as cancelled)."""
    statuses = [EventStatus.PUBLISHED] + ([EventStatus.CANCELLED] if include_cancelled else [])
    query = (sa.select(Event)
             .where(Event.edition_id == edition.id, Event.status.in_(statuses))
             .options(selectinload(Event.studio).selectinload(Studio.participations)
                      .selectinload(Participation.artist))
             .order_by(Event.starts_at, Event.id))
    if kind is not None:
        query = query.where(Event.kind == kind)
    events = list(db.session.scalars(query))
    if day is not None:
        events = [e for e in events if to_oslo(e.starts_at).date() == day]
    return events


@dataclass
class ProgrammeDay:
    day: date
    events: list[Event]
    is_today: bool = False


@dataclass
class Programme:
    days: list[ProgrammeDay]
    #: Days before today while the route is on: shown after the coming days.
    earlier: list[ProgrammeDay]
    now: set[int]
    next: set[int]


def programme(edition: Edition, events: list[Event], *, now: datetime) -> Programme:
    """Group events by day over the edition's period; mark what is on now and what is next.

    `now` is naive UTC. While the route is on, today comes first and earlier days move last.
    """
    by_day: dict[date, list[Event]] = {}
    for event in events:
        by_day.setdefault(to_oslo(event.starts_at).date(), []).append(event)
    first, last = edition.starts_on, edition.ends_on
    days = sorted(set(by_day) | {first + timedelta(n) for n in range((last - first).days + 1)})
    today = to_oslo(now).date()
    all_days = [ProgrammeDay(d, by_day.get(d, []), d == today) for d in days]
    live = [e for e in events if e.status == EventStatus.PUBLISHED]
    on_now = {e.id for e in live if e.starts_at <= now < e.ends_at}
    upcoming = [e for e in live if e.starts_at > now]
    soonest = min((e.starts_at for e in upcoming), default=None)
    coming_next = {e.id for e in upcoming if e.starts_at == soonest}
    if first <= today <= last:
        return Programme([d for d in all_days if d.day >= today],
                         [d for d in all_days if d.day < today], on_now, coming_next)
    return Programme(all_days, [], on_now, coming_next)


def kind_counts(events: list[Event]) -> dict[EventKind, int]:
    counts: dict[EventKind, int] = {}
    for event in events:
        counts[event.kind] = counts.get(event.kind, 0) + 1
    return counts


def event_for_public(event_id: int) -> Event | None:
    """Return a published or cancelled event (drafts do not exist for the public)."""
    event = db.session.get(Event, event_id)
    if event is None or event.status == EventStatus.DRAFT:
        return None
    return event


def events_to_geocode() -> list[Event]:
    """Return events at an address of their own that have no exact position yet."""
    return list(db.session.scalars(
        sa.select(Event).where(Event.venue_kind == VenueKind.ADDRESS,
                               Event.address.is_not(None),
                               Event.location_source.in_([LocationSource.MISSING,
                                                          LocationSource.GAZETTEER]))))


def place_events(*, events: list[Event], chain) -> int:
    """Place address events with the geocoder chain (never in a request); return how many."""
    placed = 0
    for event in events:
        found = chain.locate(address=event.address, postcode=event.postcode, place=event.place,
                             municipality="")
        if found is None:
            continue
        event.lat, event.lon, event.location_source = found.lat, found.lon, found.source
        placed += 1
    db.session.flush()
    return placed


# --- The programme on the map ----------------------------------------------------------------

@dataclass(frozen=True)
class PlaceEvent:
    title: str
    starts_at: datetime  # naive UTC
    event_id: int


@dataclass(frozen=True)
class MapPlace:
    """A venue of the programme on the map: the exhibition, or an address of its own."""

    kind: str  # "exhibition" or "venue"
    name: str
    address: str | None
    lat: float
    lon: float
    events: tuple[PlaceEvent, ...] = ()


def map_places(edition: Edition, *, now: datetime) -> list[MapPlace]:
    """Return the exhibition and every placed address venue with its coming events.

    Events in a studio are not repeated here: the studio's own marker is their place. `now`
    is naive UTC; events that have ended are left out.
    """
    by_venue: dict[tuple, list[Event]] = {}
    for event in published_events(edition, include_cancelled=False):
        if event.venue_kind == VenueKind.STUDIO or event.ends_at <= now:
            continue
        venue = venue_of(event)
        if venue.is_placed:
            by_venue.setdefault((event.venue_kind, venue), []).append(event)
    places = []
    if edition.exhibition_lat is not None:
        by_venue.setdefault((VenueKind.EXHIBITION, exhibition_venue(edition)), [])
    for (kind, venue), events in by_venue.items():
        places.append(MapPlace(
            kind="exhibition" if kind == VenueKind.EXHIBITION else "venue", name=venue.name,
            address=venue.address, lat=venue.lat, lon=venue.lon,
            events=tuple(PlaceEvent(e.title, e.starts_at, e.id) for e in events)))
    return sorted(places, key=lambda p: (p.kind != "exhibition", p.name))
