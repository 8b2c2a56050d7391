"""The guide's read model: who is on this year's route, where, when open, and the filters."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

import sqlalchemy as sa
from flask_babel import gettext as _

from kunstrute.editions.models import (
    Artist,
    ArtistDiscipline,
    Discipline,
    Edition,
    KeptDay,
    Municipality,
    Participation,
    Studio,
    address_line,
)
from kunstrute.editions.opening import OpenState, Schedule, edition_days, open_state, schedule
from kunstrute.editions.queries import first_works, participating, values_by_owner
from kunstrute.editions.vocabulary import DISCIPLINE_LABELS, format_hours, parse_yes_no
from kunstrute.extensions import db
from kunstrute.geocoding.models import LocationSource
from kunstrute.i18n import format_short_day
from kunstrute.text import fold


@dataclass(frozen=True)
class Thumb:
    """An artist's first shown work, as the list and the map's popup show it (plain data)."""

    key: str
    width: int
    height: int
    title: str
    #: Only public images are ever made thumbnails (the media API reads it).
    public: bool = True


@dataclass(frozen=True)
class MapStudio:
    """One marker: a participation with its studio's position (plain data, cache-friendly)."""

    catalogue_no: int
    name: str
    slug: str
    disciplines: tuple[str, ...]
    studio_name: str | None
    address: str
    postcode: str | None
    place: str | None
    municipality: str
    lat: float | None
    lon: float | None
    approximate: bool
    #: Access answers: True "yes", False "no", None "not stated"; the filters keep "yes".
    wheelchair_access: bool | None
    new_this_year: bool
    accessible_toilet: bool | None = None
    parking: bool | None = None
    card_payment: bool | None = None
    #: The artist's own hours (None = the edition's) and the open days kept (() = all).
    opens_at: time | None = None
    closes_at: time | None = None
    days: tuple[date, ...] = ()
    #: The artist's first shown work, if any.
    thumb: Thumb | None = None
    #: Set by `mark_opening` for the "open" filter: the state at the time asked about, and
    #: whether the studio is closed then. Left out of equality and hashing, so the map's
    #: cache (keyed by the studios) does not change with the clock.
    opening: OpenState | None = field(default=None, compare=False)
    closed: bool = field(default=False, compare=False)

    @property
    def address_line(self) -> str:
        return address_line(self.address, self.postcode, self.place)

    @property
    def has_own_opening(self) -> bool:
        """Return whether the artist's hours or days differ from the edition's."""
        return self.opens_at is not None or bool(self.days)

    def schedule(self, edition: Edition, days: tuple[date, ...] | None = None) -> Schedule:
        return schedule(edition, opens_at=self.opens_at, closes_at=self.closes_at,
                        kept_days=self.days, days=days)

    def is_open_on(self, day: date, open_days) -> bool:
        """Return whether the studio is open on a day, given the edition's open days."""
        return day in open_days and (not self.days or day in self.days)


def map_studios(edition: Edition) -> list[MapStudio]:
    """Return every participating artist with studio data, by catalogue number (two queries)."""
    query = (
        sa.select(Participation.catalogue_no, Artist.id, Artist.name, Artist.slug, Studio.name,
                  Studio.address, Studio.postcode, Studio.place, Municipality.name, Studio.lat,
                  Studio.lon, Studio.location_source, Studio.wheelchair_access,
                  Participation.new_this_year, Studio.accessible_toilet, Studio.parking,
                  Studio.card_payment, Participation.id, Participation.opens_at,
                  Participation.closes_at)
        .join(Artist, Participation.artist_id == Artist.id)
        .join(Studio, Participation.studio_id == Studio.id)
        .join(Municipality, Studio.municipality_id == Municipality.id)
        .where(participating(edition))
        .order_by(Participation.catalogue_no, Artist.name)
    )
    rows = db.session.execute(query).all()
    disciplines = values_by_owner(ArtistDiscipline.artist_id, ArtistDiscipline.discipline,
                                  [row[1] for row in rows], order=ArtistDiscipline.position)
    kept = values_by_owner(KeptDay.participation_id, KeptDay.day, [row[17] for row in rows],
                           order=KeptDay.day)
    thumbs = {pid: Thumb(*first) for pid, first in first_works([r[17] for r in rows]).items()}
    return [
        MapStudio(catalogue_no=r[0] or 0, name=r[2], slug=r[3],
                  disciplines=tuple(disciplines[r[1]]), studio_name=r[4], address=r[5],
                  postcode=r[6], place=r[7], municipality=r[8], lat=r[9], lon=r[10],
                  approximate=r[11] == LocationSource.GAZETTEER, wheelchair_access=r[12],
                  new_this_year=r[13], accessible_toilet=r[14], parking=r[15],
                  card_payment=r[16], opens_at=r[18], closes_at=r[19],
                  days=tuple(kept.get(r[17], ())), thumb=thumbs.get(r[17]))
        for r in rows
    ]




def mark_opening(studios: list[MapStudio], *, edition: Edition, now: datetime,
                 when: str | None) -> list[MapStudio]:
    """Return the studios with their opening state at `now` for the filter 'today' or 'now'.

    A studio closed then is marked closed; `list_studios` leaves it out unless asked not to.
    """
    if when is None:
        return studios
    days = edition_days(edition)
    marked = []
    for s in studios:
        state = s.schedule(edition, days).state(now)
        marked.append(replace(s, opening=state, closed=not state.is_open(when)))
    return marked


def listing_state(studios: list[MapStudio], *, edition: Edition, now: datetime) -> OpenState:
    """Return the listed studios' state together: open if any is, next = the first to open.

    Without marks (no "open" filter) it is the edition's state.
    """
    states = [s.opening for s in studios if s.opening is not None]
    if not states:
        return open_state(edition, now)
    upcoming = [st for st in states if st.next_day is not None]
    first = min(upcoming, key=lambda st: (st.next_day, st.opens_at), default=None)
    return OpenState(today=any(st.today for st in states), now=any(st.now for st in states),
                     next_day=first.next_day if first else None,
                     opens_at=first.opens_at if first else edition.opens_at,
                     closes_at=first.closes_at if first else edition.closes_at,
                     next_is_today=bool(first and first.next_is_today))


#: Yes/no filters: query parameter → MapStudio attribute ("?wheelchair=1").
FLAG_FILTERS = {
    "wheelchair": "wheelchair_access",
    "toilet": "accessible_toilet",
    "parking": "parking",
    "card": "card_payment",
    "new": "new_this_year",
}
OPEN_VALUES = ("today", "now")
#: Orders the phone applies to the list ("?sort=near": static/js/nearme.js), kept in links.
SORT_VALUES = ("near",)


@dataclass(frozen=True)
class ArtistFilter:
    """The filters of /artists and /map, already checked against the edition's values."""

    municipality: str | None = None
    discipline: str | None = None
    #: "today" or "now": only the studios open then are listed (see `closed`).
    open: str | None = None
    #: Query parameters of FLAG_FILTERS that are on.
    flags: tuple[str, ...] = ()
    #: Values the visitor asked for that do not exist, to say so on the page.
    unknown: tuple[str, ...] = ()
    #: With `open`: list the studios closed then too, marked as closed ("?closed=1").
    closed: bool = False
    #: The order the visitor chose on the phone (SORT_VALUES); not a filter, but kept.
    sort: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.municipality or self.discipline or self.open or self.flags)

    @property
    def chosen_count(self) -> int:
        """Return how many filters are on (for "Filter (2 chosen)")."""
        return sum(map(bool, (self.municipality, self.discipline, self.open))) + len(self.flags)

    def query(self, **changes) -> dict[str, str]:
        """Return the query parameters that give this filter, with changes (for links)."""
        chosen = replace(self, **changes)
        params = {"municipality": chosen.municipality, "discipline": chosen.discipline,
                  "open": chosen.open}
        params.update({flag: "1" for flag in chosen.flags})
        params.update(closed="1" if chosen.open and chosen.closed else None, sort=chosen.sort)
        return {k: v for k, v in params.items() if v}


def parse_filter(args, *, municipalities: list[str]) -> ArtistFilter:
    """Return the filter for query parameters, dropping (and naming) unknown values."""
    unknown = []
    municipality = args.get("municipality", "").strip() or None
    if municipality:
        match = next((m for m in municipalities if fold(m) == fold(municipality)), None)
        if match is None:
            unknown.append(municipality)
        municipality = match
    discipline = args.get("discipline", "").strip().lower() or None
    if discipline and discipline not in {d.value for d in Discipline}:
        unknown.append(discipline)
        discipline = None
    opening = args.get("open", "").strip().lower() or None
    if opening and opening not in OPEN_VALUES:
        unknown.append(opening)
        opening = None
    flags = tuple(f for f in FLAG_FILTERS if parse_yes_no(args.get(f, "")))
    sort = args.get("sort", "").strip().lower()
    return ArtistFilter(municipality=municipality, discipline=discipline, open=opening,
                        flags=flags, unknown=tuple(unknown),
                        closed=bool(opening) and bool(parse_yes_no(args.get("closed", ""))),
                        sort=sort if sort in SORT_VALUES else None)


def _keeps(s: MapStudio, chosen: ArtistFilter) -> bool:
    """Return whether a studio (marked by `mark_opening` for the open filter) is listed."""
    return ((not chosen.municipality or s.municipality == chosen.municipality)
            and (not chosen.discipline or chosen.discipline in s.disciplines)
            and all(getattr(s, FLAG_FILTERS[f]) for f in chosen.flags)
            and (not chosen.open or chosen.closed or not s.closed))


def filter_studios(studios: list[MapStudio], chosen: ArtistFilter) -> list[MapStudio]:
    """Return the studios matching the filter (marked ones closed then only with `closed`)."""
    return [s for s in studios if _keeps(s, chosen)]


def flag_counts(studios: list[MapStudio], chosen: ArtistFilter | None = None) -> dict[str, int]:
    """Return how many studios each yes/no filter would list, with the other choices kept."""
    chosen = chosen or ArtistFilter()
    return {flag: len(filter_studios(studios, replace(chosen, flags=(*chosen.flags, flag))))
            for flag in FLAG_FILTERS}


def facet_counts(studios: list[MapStudio],
                 chosen: ArtistFilter | None = None) -> tuple[Counter, Counter]:
    """Return how many artists each municipality and each discipline would list, with the
    other choices kept (the count next to an option is what picking it gives)."""
    chosen = chosen or ArtistFilter()
    by_municipality = Counter(
        s.municipality for s in filter_studios(studios, replace(chosen, municipality=None)))
    by_discipline = Counter(
        d for s in filter_studios(studios, replace(chosen, discipline=None))
        for d in s.disciplines)
    return by_municipality, by_discipline


def discipline_choices(counts: Counter, present: set[str] | None = None
                       ) -> list[tuple[str, str, int]]:
    """Return (key, label, count) for disciplines that anyone on the route has (`present`,
    else those counted)."""
    present = set(counts) if present is None else present
    return [(d.value, str(label), counts[d.value])
            for d, label in DISCIPLINE_LABELS.items() if d.value in present]


@dataclass(frozen=True)
class Listing:
    """What /artists and /map show for one filter at one moment."""

    #: The studios listed, by catalogue number; marked with their state for the open filter.
    studios: list[MapStudio]
    #: Every studio on the route.
    total: int
    #: Studios matching the other filters but closed then, left out by the open filter.
    left_out: int
    #: The state of the studios matching the other filters together (`listing_state`).
    opening: OpenState
    municipality_choices: list[tuple[str, int]]
    discipline_choices: list[tuple[str, str, int]]
    flag_counts: dict[str, int]

    @property
    def closed_shown(self) -> int:
        return sum(1 for s in self.studios if s.closed)


def list_studios(studios: list[MapStudio], chosen: ArtistFilter, *, edition: Edition,
                 now: datetime) -> Listing:
    """Return the listing for a filter at `now`: who is shown, who is left out, the counts."""
    marked = mark_opening(studios, edition=edition, now=now, when=chosen.open)
    candidates = filter_studios(marked, replace(chosen, closed=True))
    shown = filter_studios(candidates, chosen)
    by_municipality, by_discipline = facet_counts(marked, chosen)
    return Listing(
        studios=shown, total=len(studios), left_out=len(candidates) - len(shown),
        opening=listing_state(candidates, edition=edition, now=now),
        municipality_choices=[(m, by_municipality[m])
                              for m in sorted({s.municipality for s in studios})],
        discipline_choices=discipline_choices(
            by_discipline, {d for s in studios for d in s.disciplines}),
        flag_counts=flag_counts(marked, chosen))


def open_until(studio) -> str:
    """Return until when an open studio is open ("Åpent til 17"), for list and map alike."""
    state = studio.opening
    if state is None or studio.closed:
        return ""
    if state.now:
        return _("Open until %(time)s", time=format_hours(state.closes_at))
    return _("Open today %(hours)s", hours=format_hours(state.opens_at, state.closes_at))


def opening_note(studio) -> str:
    """Return the word on a marked studio: when it opens next if closed, else until when."""
    return next_opening(studio) if studio.closed else open_until(studio)


def next_opening(studio) -> str:
    """Return when a closed studio opens next ("Åpner i dag kl. 13"), for list and map alike."""
    state = studio.opening
    if state is None:
        return ""
    if state.next_is_today:
        return _("Opens today at %(time)s", time=format_hours(state.opens_at))
    if state.next_day:
        return _("Opens %(day)s at %(time)s", day=format_short_day(state.next_day),
                 time=format_hours(state.opens_at))
    return _("Closed for the rest of this year's route")
