"""The programme's read side: venues, the public events, the day-by-day view, the map's places.

Other packages (the guide, the coming statistics) read the programme only through this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from kunstrute.editions.models import (
    Edition,
    Municipality,
    Participation,
    Studio,
    address_line,
)
from kunstrute.extensions import db
from kunstrute.geocoding.models import LocationSource
from kunstrute.programme.models import (
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
    VenueKind,
)
from kunstrute.timeutil import to_oslo


def change_markers() -> list:
    """Return scalar subqueries that change whenever a public event does (count, last edit)."""
    return [sa.select(sa.func.count(Event.id)).scalar_subquery(),
            sa.select(sa.func.max(Event.updated_at)).scalar_subquery()]


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


def _events_by_place(edition: Edition):
    """Return a select of the published events' (id, kind, municipality or None), by joins.

    A studio's event: the studio's municipality. The exhibition's and an address's: the
    municipality of the studios with the same postcode (the first by name if they lie in two;
    the exhibition's postcode is read from its address), else the municipality whose name is
    the event's place. One pass over the studios, whatever the number of events.
    """
    found = re.search(r"\b(\d{4})\b", edition.exhibition_address or "")
    postcode = sa.case((Event.venue_kind == VenueKind.EXHIBITION,
                        sa.literal(found.group(1) if found else None, sa.String)),
                       else_=Event.postcode)
    by_postcode = (sa.select(Studio.postcode, sa.func.min(Municipality.name).label("name"))
                   .join(Municipality, Municipality.id == Studio.municipality_id)
                   .where(Studio.postcode.is_not(None)).group_by(Studio.postcode)
                   .subquery())
    own_studio, own, named = (sa.orm.aliased(Studio), sa.orm.aliased(Municipality),
                              sa.orm.aliased(Municipality))
    return (sa.select(Event.id, Event.kind,
                      sa.func.coalesce(own.name, by_postcode.c.name, named.name)
                      .label("municipality"))
            .outerjoin(own_studio, sa.and_(own_studio.id == Event.studio_id,
                                           Event.venue_kind == VenueKind.STUDIO))
            .outerjoin(own, own.id == own_studio.municipality_id)
            .outerjoin(by_postcode, by_postcode.c.postcode == postcode)
            .outerjoin(named, named.name == Event.place)
            .where(Event.edition_id == edition.id, Event.status == EventStatus.PUBLISHED))


def municipality_events(edition: Edition, municipality: str) -> list[Event]:
    """Return the edition's published events in the municipality, in time order.

    The same events that programme_figures counts in its by_municipality for that name.
    """
    places = _events_by_place(edition).subquery()
    return list(db.session.scalars(
        sa.select(Event).join(places, places.c.id == Event.id)
        .where(places.c.municipality == municipality)
        .options(selectinload(Event.studio).selectinload(Studio.participations)
                 .selectinload(Participation.artist))
        .order_by(Event.starts_at, Event.id)))


def programme_figures(edition: Edition) -> dict:
    """Return the statistics service's programme figures for an edition, in two queries.

    Events are the published ones (drafts and cancelled ones are not held). Registrations
    count on those events: confirmed (a place, and the person confirmed it from the e-mail),
    waitlisted, and attended (checked in at the door); the seminar's apart.
    """
    published = sa.and_(Event.edition_id == edition.id, Event.status == EventStatus.PUBLISHED)
    by_kind = {kind.value: 0 for kind in EventKind}
    by_municipality: dict[str, int] = {}
    for _id, kind, municipality in db.session.execute(_events_by_place(edition)):  # 1 per event
        by_kind[EventKind(kind).value] += 1
        if municipality is not None:
            by_municipality[municipality] = by_municipality.get(municipality, 0) + 1
    r = Registration
    confirmed = sa.and_(r.status == RegistrationStatus.CONFIRMED, r.held_until.is_(None))
    seminar = Event.kind == EventKind.SEMINAR
    row = db.session.execute(
        sa.select(sa.func.count(sa.case((confirmed, 1))),
                  sa.func.count(sa.case((r.status == RegistrationStatus.WAITLISTED, 1))),
                  sa.func.count(r.checked_in_at),
                  sa.func.count(sa.case((sa.and_(confirmed, seminar), 1))),
                  sa.func.count(sa.case((sa.and_(r.checked_in_at.is_not(None), seminar), 1))))
        .select_from(r).join(Event, Event.id == r.event_id).where(published)).one()
    registrations, waitlisted, attended, seminar_registrations, seminar_attended = (
        int(n or 0) for n in row)
    return {"events": sum(by_kind.values()), "by_kind": by_kind,
            "registrations": registrations, "waitlisted": waitlisted, "attended": attended,
            "seminar_registrations": seminar_registrations,
            "seminar_attended": seminar_attended,
            "by_municipality": dict(sorted(by_municipality.items()))}
