"""Reads of counting in SQL aggregates: the figures of an edition that the statistics service,
the dashboards and the organisers' pages use, and the rule that picks one source per venue.

The source rule (one place, as SQL): a venue's visits come from the source the organiser chose
for it (Venue.authoritative_source) if set; else from the artist's reported counts if the
venue has any; else from the door counter; else from QR check-ins. The chosen source's counts
are used for every day of the venue, never mixed with another's, so a studio that reported
and also has check-ins is counted once. Only the counted venues enter: the exhibition and the
studios of accepted artists, and only days inside the edition's period.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import sqlalchemy as sa

from kunstrute.counting.models import CountSource, Sale, Venue, VenueKind, VisitCount
from kunstrute.editions.models import (
    Artist,
    Edition,
    Municipality,
    Participation,
    ParticipationStatus,
    Studio,
)
from kunstrute.extensions import db

#: The default order of the sources when the organiser chose none (first present wins).
SOURCE_ORDER = (CountSource.REPORTED, CountSource.DOOR_COUNTER, CountSource.QR_CHECKIN)


def _counted_venue():
    """Return the condition for a venue that counts: the exhibition or an accepted studio."""
    return sa.or_(Venue.kind == VenueKind.EXHIBITION,
                  Participation.status == ParticipationStatus.ACCEPTED)


def chosen_sources(edition_ids=None):
    """Return a CTE of each counted venue's chosen source and its total over the period.

    Columns: edition_id, venue_id, kind, participation_id, source, total. A venue without
    counts (from its chosen source) has no row: it did not report.
    """
    return _source_ctes(edition_ids)[1]


def _source_ctes(edition_ids=None):
    """Return (per_source, chosen): each venue's total per source, and the chosen one."""
    per_source = (
        sa.select(Venue.edition_id, VisitCount.venue_id, VisitCount.source,
                  sa.func.sum(VisitCount.count).label("total"))
        .join(Venue, Venue.id == VisitCount.venue_id)
        .join(Edition, Edition.id == Venue.edition_id)
        .outerjoin(Participation, Participation.id == Venue.participation_id)
        .where(_counted_venue(), VisitCount.day.between(Edition.starts_on, Edition.ends_on))
        .group_by(Venue.edition_id, VisitCount.venue_id, VisitCount.source))
    if edition_ids is not None:
        per_source = per_source.where(Venue.edition_id.in_(edition_ids))
    per_source = per_source.cte("per_source")
    rank = sa.case({s.value: n for n, s in enumerate(SOURCE_ORDER)},
                   value=sa.cast(per_source.c.source, sa.String), else_=len(SOURCE_ORDER))
    ranked = (
        sa.select(per_source.c.edition_id, per_source.c.venue_id, Venue.kind,
                  Venue.participation_id, per_source.c.source, per_source.c.total,
                  sa.func.row_number().over(partition_by=per_source.c.venue_id,
                                            order_by=rank).label("rn"))
        .join(Venue, Venue.id == per_source.c.venue_id)
        .where(sa.or_(Venue.authoritative_source.is_(None),
                      Venue.authoritative_source == per_source.c.source))
        .cte("ranked"))
    return per_source, (sa.select(ranked.c.edition_id, ranked.c.venue_id, ranked.c.kind,
                                  ranked.c.participation_id, ranked.c.source, ranked.c.total)
                        .where(ranked.c.rn == 1).cte("chosen"))


class ChosenVenue(NamedTuple):
    """A counted venue's figure over the period, from its chosen source."""

    venue_id: int
    kind: VenueKind
    participation_id: int | None
    municipality: str | None
    source: CountSource
    total: int
    #: The studio's artist: catalogue number and name (None for the exhibition).
    catalogue_no: int | None = None
    name: str | None = None


class VisitFigures(NamedTuple):
    venues: list[ChosenVenue]
    #: The chosen sources' visits per day of the period (days without any left out).
    by_day: dict[date, int]
    #: Each source's raw total over the counted venues (not the chosen figure).
    by_source: dict[str, int]


def visit_figures(edition: Edition) -> VisitFigures:
    """Return an edition's visits: per counted venue (chosen source), per day and per source.

    One statement, three parts glued with UNION ALL, so the costly CTEs (the sum per venue
    and source, and the rule that picks one) are computed once: both databases materialise
    a CTE that the statement uses more than once. The summary, the per-studio distribution
    and the municipalities are shaped by the caller from ≤ one row per venue.
    """
    per_source, chosen = _source_ctes([edition.id])
    none_int, none_text = sa.cast(sa.null(), sa.Integer), sa.cast(sa.null(), sa.String)
    venues = (
        sa.select(sa.literal("venue").label("part"), chosen.c.venue_id, chosen.c.kind,
                  chosen.c.participation_id, Municipality.name.label("municipality"),
                  chosen.c.source, sa.cast(sa.null(), sa.Date).label("day"),
                  chosen.c.total, Participation.catalogue_no, Artist.name)
        .select_from(chosen)
        .outerjoin(Participation, Participation.id == chosen.c.participation_id)
        .outerjoin(Artist, Artist.id == Participation.artist_id)
        .outerjoin(Studio, Studio.id == Participation.studio_id)
        .outerjoin(Municipality, Municipality.id == Studio.municipality_id))
    days = (
        sa.select(sa.literal("day"), none_int, none_text, none_int, none_text, none_text,
                  VisitCount.day, sa.func.sum(VisitCount.count), none_int, none_text)
        .join(chosen, sa.and_(chosen.c.venue_id == VisitCount.venue_id,
                              chosen.c.source == VisitCount.source))
        .where(VisitCount.day.between(edition.starts_on, edition.ends_on))
        .group_by(VisitCount.day))
    sources = (
        sa.select(sa.literal("source"), none_int, none_text, none_int, none_text,
                  per_source.c.source, sa.cast(sa.null(), sa.Date),
                  sa.func.sum(per_source.c.total), none_int, none_text)
        .group_by(per_source.c.source))
    found = VisitFigures([], {}, {source.value: 0 for source in CountSource})
    for (part, venue_id, kind, participation_id, municipality, source, day, total,
         catalogue_no, name) in db.session.execute(sa.union_all(venues, days, sources)):
        if part == "venue":
            found.venues.append(ChosenVenue(venue_id, VenueKind(kind), participation_id,
                                            municipality, CountSource(source), int(total or 0),
                                            catalogue_no, name))
        elif part == "day":
            found.by_day[_as_date(day)] = int(total or 0)
        else:
            found.by_source[CountSource(source).value] = int(total or 0)
    return found


def _as_date(value) -> date:
    """Return a date: SQLite gives the text of a UNION's date column, not a date."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def studios_reported(edition: Edition) -> int:
    """Return how many accepted studios the artist reported for (any day of the period)."""
    return db.session.scalar(
        sa.select(sa.func.count(sa.distinct(VisitCount.venue_id)))
        .join(Venue, Venue.id == VisitCount.venue_id)
        .join(Participation, Participation.id == Venue.participation_id)
        .where(Venue.edition_id == edition.id,
               Participation.status == ParticipationStatus.ACCEPTED,
               VisitCount.source == CountSource.REPORTED,
               VisitCount.day.between(edition.starts_on, edition.ends_on))) or 0


def studios_total(edition: Edition) -> int:
    """Return how many studios the edition has: its accepted artists (one venue each)."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(Participation).where(
        Participation.edition_id == edition.id,
        Participation.status == ParticipationStatus.ACCEPTED)) or 0


class EarlierEdition(NamedTuple):
    """An earlier edition's counted visits: its period and the chosen sources' days."""

    starts_on: date
    ends_on: date
    #: Visits per day of the period (days without any left out).
    by_day: dict[date, int]


def edition_visit_totals(*, before_year: int) -> dict[int, int]:
    """Return {year: visits} of every edition before that year that has counts."""
    return {year: sum(found.by_day.values())
            for year, found in earlier_visits_by_day(before_year=before_year).items()}


def earlier_visits_by_day(*, before_year: int) -> dict[int, EarlierEdition]:
    """Return {year: EarlierEdition} of every edition before that year that has counts.

    One statement: the year-over-year comparison and the known totals both use it (a year's
    total is the sum of its days).
    """
    editions = sa.select(Edition.id).where(Edition.year < before_year)
    chosen = chosen_sources(editions.scalar_subquery())
    rows = db.session.execute(
        sa.select(Edition.year, Edition.starts_on, Edition.ends_on, VisitCount.day,
                  sa.func.sum(VisitCount.count))
        .join(chosen, chosen.c.edition_id == Edition.id)
        .join(VisitCount, sa.and_(VisitCount.venue_id == chosen.c.venue_id,
                                  VisitCount.source == chosen.c.source))
        .where(VisitCount.day.between(Edition.starts_on, Edition.ends_on))
        .group_by(Edition.year, Edition.starts_on, Edition.ends_on, VisitCount.day))
    found: dict[int, EarlierEdition] = {}
    for year, starts_on, ends_on, day, total in rows:
        edition = found.setdefault(year, EarlierEdition(_as_date(starts_on), _as_date(ends_on),
                                                        {}))
        edition.by_day[_as_date(day)] = int(total or 0)
    return found


def sales_summary(edition: Edition) -> dict[VenueKind, dict[str, int]]:
    """Return per venue kind the sales in NOK and the works sold."""
    rows = db.session.execute(
        sa.select(Venue.kind, sa.func.sum(Sale.amount_nok), sa.func.sum(Sale.works))
        .join(Venue, Venue.id == Sale.venue_id)
        .outerjoin(Participation, Participation.id == Venue.participation_id)
        .where(Venue.edition_id == edition.id, _counted_venue())
        .group_by(Venue.kind))
    found = {kind: {"nok": 0, "works": 0} for kind in VenueKind}
    for kind, nok, works in rows:
        found[VenueKind(kind)] = {"nok": int(nok or 0), "works": int(works or 0)}
    return found


def sales_by_municipality(edition: Edition) -> dict[str, int]:
    """Return {municipality: NOK} of the accepted studios' own sales, by studio municipality.

    Only municipalities with a sale line appear; the exhibition's sales are apart.
    """
    rows = db.session.execute(
        sa.select(Municipality.name, sa.func.sum(Sale.amount_nok))
        .join(Venue, Venue.id == Sale.venue_id)
        .join(Participation, Participation.id == Venue.participation_id)
        .join(Studio, Studio.id == Participation.studio_id)
        .join(Municipality, Municipality.id == Studio.municipality_id)
        .where(Venue.edition_id == edition.id, Venue.kind == VenueKind.STUDIO,
               Participation.status == ParticipationStatus.ACCEPTED)
        .group_by(Municipality.name))
    return {name: int(nok or 0) for name, nok in sorted(rows)}


def artists_with_sales(edition: Edition) -> int:
    """Return how many accepted artists sold anything, at their studio or the exhibition."""
    seller = sa.func.coalesce(Sale.participation_id, Venue.participation_id)
    return db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Participation.id)))
        .select_from(Sale)
        .join(Venue, Venue.id == Sale.venue_id)
        .join(Participation, Participation.id == seller)
        .where(Venue.edition_id == edition.id,
               Participation.status == ParticipationStatus.ACCEPTED,
               sa.or_(Sale.amount_nok > 0, Sale.works > 0))) or 0

