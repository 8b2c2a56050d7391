"""Import the artists of an edition from CSV rows: check every row (`artist_rows`), keep the
good ones, and create or update artists, studios and participations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa

from kunstrute.editions.artist_rows import ArtistRow, RowError, parse_row
from kunstrute.editions.models import (
    Artist,
    ArtistDiscipline,
    Edition,
    Municipality,
    Participation,
    ParticipationStatus,
    Studio,
)
from kunstrute.editions.opening import edition_days, set_opening
from kunstrute.extensions import db
from kunstrute.geocoding.models import LocationSource
from kunstrute.text import fold, slugify
from kunstrute.timeutil import utcnow


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RowError] = field(default_factory=list)
    #: Studios that still need coordinates after the import.
    unplaced: list[Studio] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


def import_artists(*, rows: Iterable[tuple[int, dict]], edition: Edition,
                   progress=lambda items: items) -> ImportReport:
    """Validate rows, then create or update artists, studios and participations; flush only.

    progress wraps the valid rows as they are written (the CLI passes a progress bar).
    """
    report = ImportReport()
    municipalities = {fold(m.name): m for m in db.session.scalars(sa.select(Municipality))}
    valid = _validate_all(rows, municipalities, edition, report)
    studios: dict[str, Studio] = {}
    for row in progress(valid):
        studio = studios.get(row.address_key) or _upsert_studio(row)
        studios[row.address_key] = studio
        changed, created = _upsert_artist_and_participation(row, studio, edition)
        if created:
            report.created += 1
        elif changed:
            report.updated += 1
        else:
            report.unchanged += 1
    _number_the_unnumbered(edition)
    db.session.flush()
    report.unplaced = [s for s in studios.values() if not s.is_placed]
    report.rejected.sort(key=lambda e: e.line)
    return report


def _validate_all(rows, municipalities, edition, report) -> list[ArtistRow]:
    """Return the valid rows; record every other one in the report with its reasons."""
    seen_email: dict[str, int] = {}
    seen_number: dict[int, int] = {}
    taken = _numbers_taken(edition)
    open_days = edition_days(edition)
    valid = []
    for line, values in rows:
        row, errors = parse_row(line, values, municipalities, year=edition.year,
                                open_days=open_days)
        if row is not None:
            if row.email in seen_email:
                errors.append(f"duplicate: the e-mail {row.email} is also on line "
                              f"{seen_email[row.email]}")
            elif row.catalogue_no is not None and row.catalogue_no in seen_number:
                errors.append(f"catalogue number {row.catalogue_no} is also on line "
                              f"{seen_number[row.catalogue_no]}")
            elif taken.get(row.catalogue_no, row.email) != row.email:
                errors.append(f"catalogue number {row.catalogue_no} already belongs to "
                              f"{taken[row.catalogue_no]} in {edition.year}")
        if errors:
            report.rejected.append(RowError(line, "; ".join(errors)))
            continue
        seen_email[row.email] = line
        if row.catalogue_no is not None:
            seen_number[row.catalogue_no] = line
        valid.append(row)
    return valid


def _numbers_taken(edition: Edition) -> dict[int, str]:
    if edition.id is None:
        return {}
    query = (sa.select(Participation.catalogue_no, Artist.email).join(Artist)
             .where(Participation.edition_id == edition.id,
                    Participation.catalogue_no.is_not(None)))
    return {number: email for number, email in db.session.execute(query)}


def assign(obj, **values) -> bool:
    """Set the attributes that differ; return whether any did (so timestamps stay put)."""
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def _upsert_studio(row: ArtistRow) -> Studio:
    studio = db.session.scalar(sa.select(Studio).where(Studio.address_key == row.address_key))
    if studio is None:
        studio = Studio(address_key=row.address_key, location_source=LocationSource.MISSING)
        db.session.add(studio)
    assign(studio, name=row.studio_name, address=row.address, postcode=row.postcode,
           place=row.place, municipality=row.municipality,
           wheelchair_access=row.wheelchair_access, **row.access)
    if row.lat is not None:
        assign(studio, lat=row.lat, lon=row.lon, location_source=LocationSource.FILE)
    return studio


def _upsert_artist_and_participation(row: ArtistRow, studio: Studio, edition: Edition):
    """Return (changed, created) for the artist of this row."""
    artist = db.session.scalar(sa.select(Artist).where(Artist.email == row.email))
    created = artist is None
    if created:
        artist = Artist(email=row.email, slug=unique_slug(row.name))
        db.session.add(artist)
    changed = assign(artist, name=row.name, phone=row.phone, website=row.website, bio=row.bio)
    if artist.discipline_keys != row.disciplines:
        artist.disciplines = [ArtistDiscipline(discipline=key, position=i)
                              for i, key in enumerate(row.disciplines)]
        artist.updated_at = utcnow()  # a child-row change does not touch the artist row
        changed = True
    db.session.flush()
    participation = db.session.scalar(sa.select(Participation).where(
        Participation.artist_id == artist.id, Participation.edition_id == edition.id))
    if participation is None:
        participation = Participation(artist=artist, edition=edition,
                                      status=ParticipationStatus.ACCEPTED)
        db.session.add(participation)
        changed = True
    changed |= assign(participation, studio=studio, new_this_year=row.new_this_year)
    if row.catalogue_no is not None:
        changed |= assign(participation, catalogue_no=row.catalogue_no)
    if row.opening:
        changed |= _apply_opening(row, participation, edition)
    return changed, created


def _apply_opening(row: ArtistRow, participation: Participation, edition: Edition) -> bool:
    """Set the hours and days the file gives; keep what the file has no column for."""
    if "hours" in row.opening:
        opens_at, closes_at = row.opening["hours"] or (None, None)
    else:
        opens_at, closes_at = participation.opens_at, participation.closes_at
    if "days" in row.opening:
        days = row.opening["days"]
    else:  # kept days that are no longer open days (the edition moved) count for nothing
        open_days = edition_days(edition)
        days = [k.day for k in participation.kept_days if k.day in open_days] or None
    return set_opening(participation=participation, opens_at=opens_at, closes_at=closes_at,
                       days=days)


def unique_slug(name: str) -> str:
    """Return a slug for this name that no artist has yet."""
    base = slugify(name)
    slug, n = base, 2
    while db.session.scalar(sa.select(Artist.id).where(Artist.slug == slug)) is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _number_the_unnumbered(edition: Edition) -> None:
    """Give participations without a catalogue number the next free ones, in id order."""
    db.session.flush()
    unnumbered = db.session.scalars(sa.select(Participation).where(
        Participation.edition_id == edition.id, Participation.catalogue_no.is_(None)
    ).order_by(Participation.id)).all()
    if not unnumbered:
        return
    highest = db.session.scalar(sa.select(sa.func.max(Participation.catalogue_no))
                                .where(Participation.edition_id == edition.id)) or 0
    for offset, participation in enumerate(unnumbered, start=1):
        participation.catalogue_no = highest + offset
