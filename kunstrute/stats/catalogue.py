"""The printed catalogue's content: every accepted artist of an edition, in print order, with
what the page shows; the map's points; the programme day by day. Plain data, read once.

Order: the artists are grouped by their studio's municipality, each group in catalogue-number
order, the groups by their lowest number. The numbers are given by municipality, then name
(editions/numbers.py), so the catalogue reads 1, 2, 3 … as the web map numbers its pins
(Participation.catalogue_no, the same column). The core is read through its models and
queries, the programme only through programme.queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

import sqlalchemy as sa
from flask import current_app

from kunstrute.editions.models import (
    Artist,
    ArtistDiscipline,
    Edition,
    KeptDay,
    Municipality,
    Participation,
    Studio,
    address_line,
)
from kunstrute.editions.opening import edition_days, schedule
from kunstrute.editions.queries import first_works, participating, values_by_owner
from kunstrute.extensions import db
from kunstrute.mail import external_url
from kunstrute.programme.queries import published_events, venue_of
from kunstrute.timeutil import to_oslo

#: The studio's access facts as the guide's artist page lists them (attribute names).
ACCESS_FACTS = ("wheelchair_access", "accessible_toilet", "parking", "card_payment")


@dataclass(frozen=True)
class Entry:
    """One artist as the catalogue prints them."""

    number: int | None
    name: str
    slug: str
    disciplines: tuple[str, ...]
    municipality: str
    studio_id: int | None
    studio_name: str | None
    address: str | None
    lat: float | None
    lon: float | None
    #: The open days this artist keeps and the daily hours (own or the edition's).
    days: tuple[date, ...]
    opens_at: time
    closes_at: time
    own_opening: bool
    #: (attribute, True "yes" / False "no" / None "not stated"), in ACCESS_FACTS order.
    access: tuple[tuple[str, bool | None], ...]
    #: The artist's page, on BASE_URL (what the QR code holds).
    url: str
    #: The first shown work: its image's media key and size, and its title.
    image_key: str | None = None
    image_size: tuple[int, int] = (0, 0)
    work_title: str = ""

    @property
    def placed(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class Section:
    """A municipality's artists, or the rest of them when a chunk starts inside it."""

    municipality: str
    entries: tuple[Entry, ...]
    continued: bool = False


@dataclass(frozen=True)
class ProgrammeItem:
    starts_at: datetime  # Oslo wall-clock time
    title: str
    kind: str
    venue: str
    numbers: tuple[int, ...]


@dataclass
class Catalogue:
    """Everything the printed catalogue shows."""

    year: int
    title: str
    route_name: str
    starts_on: date
    ends_on: date
    open_days: tuple[date, ...]
    opens_at: time
    closes_at: time
    hosts: list[str]
    exhibition_venue: str | None
    exhibition_address: str | None
    exhibition_hours: str | None
    exhibition_point: tuple[float, float] | None
    site_url: str
    #: Every artist, in print order.
    entries: list[Entry]
    #: Municipality name → its centre (lat, lon), for the map's labels.
    places: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: The programme: (day, items) for each day with a published event.
    programme: list[tuple[date, list[ProgrammeItem]]] = field(default_factory=list)

    @property
    def municipalities(self) -> list[str]:
        return list(dict.fromkeys(e.municipality for e in self.entries))

    @property
    def unnumbered(self) -> list[Entry]:
        return [e for e in self.entries if e.number is None]


def catalogue_for(edition: Edition) -> Catalogue:
    """Return the edition's catalogue content (a handful of queries, whatever the size)."""
    entries = _entries(edition)
    names = {e.municipality for e in entries} | {m.name for m in edition.hosts}
    places = {name: (lat, lon) for name, lat, lon in db.session.execute(
        sa.select(Municipality.name, Municipality.lat, Municipality.lon)
        .where(Municipality.name.in_(names), Municipality.lat.is_not(None),
               Municipality.lon.is_not(None)))}
    point = ((edition.exhibition_lat, edition.exhibition_lon)
             if edition.exhibition_lat is not None and edition.exhibition_lon is not None
             else None)
    return Catalogue(
        year=edition.year, title=edition.title, route_name=current_app.config["SITE_NAME"],
        starts_on=edition.starts_on, ends_on=edition.ends_on, open_days=edition_days(edition),
        opens_at=edition.opens_at, closes_at=edition.closes_at,
        hosts=[m.name for m in edition.hosts], exhibition_venue=edition.exhibition_venue,
        exhibition_address=edition.exhibition_address,
        exhibition_hours=edition.exhibition_hours, exhibition_point=point,
        site_url=current_app.config["BASE_URL"], entries=entries, places=places,
        programme=programme_days(edition))


_COLUMNS = (Participation.id, Participation.catalogue_no, Participation.opens_at,
            Participation.closes_at, Artist.id, Artist.name, Artist.slug, Studio.id, Studio.name,
            Studio.address, Studio.postcode, Studio.place, Studio.lat, Studio.lon,
            *(getattr(Studio, fact) for fact in ACCESS_FACTS), Municipality.name)


def _entries(edition: Edition) -> list[Entry]:
    rows = db.session.execute(
        sa.select(*_COLUMNS)
        .join(Artist, Participation.artist_id == Artist.id)
        .outerjoin(Studio, Participation.studio_id == Studio.id)
        .outerjoin(Municipality, Studio.municipality_id == Municipality.id)
        .where(participating(edition))).all()
    pids, artist_ids = [r[0] for r in rows], [r[4] for r in rows]
    disciplines = values_by_owner(ArtistDiscipline.artist_id, ArtistDiscipline.discipline,
                                  artist_ids, order=ArtistDiscipline.position)
    kept = values_by_owner(KeptDay.participation_id, KeptDay.day, pids, order=KeptDay.day)
    works = first_works(pids)
    days = edition_days(edition)
    entries = []
    for row in rows:
        (pid, number, opens_at, closes_at, artist_id, name, slug, studio_id, studio_name,
         address, postcode, place, lat, lon, *facts, municipality) = row
        hours = schedule(edition, opens_at=opens_at, closes_at=closes_at,
                         kept_days=kept.get(pid, ()), days=days)
        key, width, height, title = works.get(pid, (None, 0, 0, ""))
        entries.append(Entry(
            number=number, name=name, slug=slug, disciplines=tuple(disciplines[artist_id]),
            municipality=municipality or "", studio_id=studio_id, studio_name=studio_name,
            address=address_line(address, postcode, place) if address else None,
            lat=lat, lon=lon, days=hours.days, opens_at=hours.opens_at,
            closes_at=hours.closes_at, own_opening=opens_at is not None or pid in kept,
            access=tuple(zip(ACCESS_FACTS, facts, strict=True)),
            url=external_url("guide.artist", slug=slug), image_key=key,
            image_size=(width, height), work_title=title))
    return sorted(entries, key=_print_order(entries))


def _print_order(entries: list[Entry]):
    """Return the sort key: the municipality's lowest number, the municipality, the number
    (artists without a number last in their municipality, by name)."""
    first: dict[str, int] = {}
    for e in entries:
        if e.number is not None:
            first[e.municipality] = min(first.get(e.municipality, e.number), e.number)
    unnumbered = 1 + max(first.values(), default=0)
    return lambda e: (first.get(e.municipality, unnumbered), e.municipality == "",
                      e.municipality, e.number is None, e.number or 0, e.name)




def programme_days(edition: Edition) -> list[tuple[date, list[ProgrammeItem]]]:
    """Return the published (not cancelled) events, grouped by their Oslo day."""
    by_day: dict[date, list[ProgrammeItem]] = {}
    for event in published_events(edition, include_cancelled=False):
        venue = venue_of(event)
        local = to_oslo(event.starts_at)
        by_day.setdefault(local.date(), []).append(ProgrammeItem(
            starts_at=local, title=event.title, kind=event.kind.value, venue=venue.name,
            numbers=venue.catalogue_nos))
    return sorted(by_day.items())


def sections(entries: list[Entry], *, continued_from: Entry | None = None) -> list[Section]:
    """Group consecutive entries by municipality; the first group is marked continued when
    the entry before this slice was of the same municipality."""
    found: list[Section] = []
    for entry in entries:
        if found and found[-1].municipality == entry.municipality:
            last = found[-1]
            found[-1] = Section(last.municipality, (*last.entries, entry), last.continued)
        else:
            continued = (not found and continued_from is not None
                         and continued_from.municipality == entry.municipality)
            found.append(Section(entry.municipality, (entry,), continued))
    return found
