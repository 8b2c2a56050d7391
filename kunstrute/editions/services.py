"""Writes of the core: editions, municipalities, studio positions, access and hours."""

from __future__ import annotations

import csv
from datetime import date, datetime, time, timedelta
from pathlib import Path

import sqlalchemy as sa

from kunstrute.audit.services import record
from kunstrute.editions.models import Edition, Municipality, OpenDay, Participation, Studio
from kunstrute.editions.opening import set_opening
from kunstrute.editions.queries import edition_for_year
from kunstrute.extensions import db
from kunstrute.geocoding.models import LocationSource
from kunstrute.text import fold

#: The access information an organiser may set on a studio.
ACCESS_FIELDS = ("wheelchair_access", "accessible_toilet", "parking", "card_payment")


class EditionError(ValueError):
    """An edition's settings do not add up; the message says which."""


def weekends_between(starts_on: date, ends_on: date) -> list[date]:
    """Return every Saturday and Sunday from starts_on to ends_on inclusive."""
    days = (starts_on + timedelta(n) for n in range((ends_on - starts_on).days + 1))
    return [d for d in days if d.weekday() >= 5]


def default_period(year: int) -> tuple[date, date]:
    """Return the usual period: from the Thursday before September's second Saturday, 11 days."""
    first = date(year, 9, 1)
    second_saturday = first + timedelta((5 - first.weekday()) % 7 + 7)
    starts_on = second_saturday - timedelta(2)
    return starts_on, starts_on + timedelta(10)


def save_edition(*, year: int, starts_on: date | None = None, ends_on: date | None = None,
                 open_days: list[date] | None = None, title: str | None = None,
                 hosts: list[str] | None = None, opens_at: time | None = None,
                 closes_at: time | None = None, **details) -> Edition:
    """Create or update the edition of a year; refuse periods and days that do not fit."""
    if not 2000 <= year <= 2100:
        raise EditionError(f"The year {year} is not plausible.")
    edition = edition_for_year(year)
    if edition is None:
        default_start, default_end = default_period(year)
        edition = Edition(year=year, starts_on=starts_on or default_start,
                          ends_on=ends_on or default_end, title=title or f"Kunstrunden {year}")
        db.session.add(edition)
    edition.starts_on = starts_on or edition.starts_on
    edition.ends_on = ends_on or edition.ends_on
    if edition.ends_on < edition.starts_on:
        raise EditionError(f"The end {edition.ends_on} is before the start {edition.starts_on}.")
    if title:
        edition.title = title
    if opens_at:
        edition.opens_at = opens_at
    if closes_at:
        edition.closes_at = closes_at
    if edition.closes_at and edition.opens_at and edition.closes_at <= edition.opens_at:
        raise EditionError("The studios must close after they open.")
    for key, value in details.items():
        setattr(edition, key, value)
    days = open_days if open_days is not None else (
        None if edition.open_days else weekends_between(edition.starts_on, edition.ends_on))
    if days is not None:
        _set_open_days(edition, days)
    if hosts is not None:
        edition.hosts = [find_municipality(name) for name in hosts]
    db.session.flush()
    return edition


def publish_edition(*, edition: Edition, now: datetime) -> bool:
    """Make an edition the public one (if it is the latest published); return if it changed."""
    if edition.published_at is not None:
        return False
    edition.published_at = now
    record(actor=None, action="edition.published", obj=edition, detail=str(edition.year))
    return True


def unpublish_edition(*, edition: Edition) -> bool:
    """Make an edition a draft again; return whether it changed."""
    if edition.published_at is None:
        return False
    edition.published_at = None
    record(actor=None, action="edition.unpublished", obj=edition, detail=str(edition.year))
    return True


def _set_open_days(edition: Edition, days: list[date]) -> None:
    outside = [d for d in days if not edition.starts_on <= d <= edition.ends_on]
    if outside:
        raise EditionError(
            "Open days outside the period: " + ", ".join(d.isoformat() for d in outside))
    if not days:
        raise EditionError("An edition needs at least one open day.")
    wanted = sorted(set(days))
    if [d.day for d in edition.open_days] != wanted:
        edition.open_days = [OpenDay(day=d) for d in wanted]


def find_municipality(name: str) -> Municipality:
    found = db.session.scalar(
        sa.select(Municipality).where(sa.func.lower(Municipality.name) == fold(name)))
    if found is None:
        raise EditionError(f"Unknown municipality {name!r}; load it with import-municipalities.")
    return found


def load_municipalities(path: Path) -> tuple[int, int]:
    """Create or update municipalities from a CSV (name,number,county,lat,lon); return counts."""
    created = updated = 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            name = (row.get("name") or "").strip()
            if not name:
                continue
            municipality = db.session.scalar(
                sa.select(Municipality).where(Municipality.name == name))
            if municipality is None:
                municipality = Municipality(name=name)
                db.session.add(municipality)
                created += 1
            else:
                updated += 1
            municipality.number = (row.get("number") or "").strip() or None
            municipality.county = (row.get("county") or "").strip() or None
            municipality.lat = float(row["lat"]) if row.get("lat") else None
            municipality.lon = float(row["lon"]) if row.get("lon") else None
    db.session.flush()
    return created, updated


def set_location(*, studio: Studio, lat: float, lon: float) -> None:
    """Place a studio where an organiser says it is; that beats any geocoder."""
    studio.lat, studio.lon = lat, lon
    studio.location_source = LocationSource.MANUAL
    db.session.flush()


def save_studio_details(*, participation: Participation, access: dict[str, bool | None],
                        hours: tuple[time, time] | None, days: list[date]) -> None:
    """Set the studio's access information and the artist's hours and days; flush.

    Access answers are True, False or None (not stated) and belong to the studio (every
    artist there shares them); hours and days to this
    artist in this edition. Raises OpeningError for hours or days that cannot be right.
    """
    studio = participation.studio
    if studio is not None:
        for key in ACCESS_FIELDS:
            setattr(studio, key, access.get(key))  # None: not stated
    opens_at, closes_at = hours or (None, None)
    set_opening(participation=participation, opens_at=opens_at, closes_at=closes_at, days=days)
    db.session.flush()
