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

import sqlalchemy as sa

from kunstrute.counting.models import CountSource, Sale, Venue, VenueKind, VisitCount
from kunstrute.editions.models import (
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
    return (sa.select(ranked.c.edition_id, ranked.c.venue_id, ranked.c.kind,
                      ranked.c.participation_id, ranked.c.source, ranked.c.total)
            .where(ranked.c.rn == 1).cte("chosen"))


def visit_summary(edition: Edition) -> list[dict]:
    """Return per venue kind and chosen source: how many venues rest on it, and their total."""
    chosen = chosen_sources([edition.id])
    rows = db.session.execute(
        sa.select(chosen.c.kind, chosen.c.source, sa.func.count().label("venues"),
                  sa.func.sum(chosen.c.total).label("total"))
        .group_by(chosen.c.kind, chosen.c.source))
    return [{"kind": VenueKind(r.kind), "source": CountSource(r.source), "venues": r.venues,
             "total": int(r.total or 0)}
            for r in rows]


def studio_totals(edition: Edition) -> list[int]:
    """Return the visits of every studio that reported (its chosen source), smallest first."""
    chosen = chosen_sources([edition.id])
    return [int(total) for total in db.session.scalars(
        sa.select(chosen.c.total).where(chosen.c.kind == VenueKind.STUDIO)
        .order_by(chosen.c.total))]


def visits_by_day(edition: Edition) -> dict[date, int]:
    """Return the chosen sources' visits per day of the period (days without any left out)."""
    chosen = chosen_sources([edition.id])
    rows = db.session.execute(
        sa.select(VisitCount.day, sa.func.sum(VisitCount.count))
        .join(chosen, sa.and_(chosen.c.venue_id == VisitCount.venue_id,
                              chosen.c.source == VisitCount.source))
        .where(VisitCount.day.between(edition.starts_on, edition.ends_on))
        .group_by(VisitCount.day))
    return {day: int(total or 0) for day, total in rows}


def visits_by_municipality(edition: Edition) -> dict[str, int]:
    """Return the studios' visits per municipality of the studio (the exhibition is apart)."""
    chosen = chosen_sources([edition.id])
    rows = db.session.execute(
        sa.select(Municipality.name, sa.func.sum(chosen.c.total))
        .select_from(chosen)
        .join(Participation, Participation.id == chosen.c.participation_id)
        .join(Studio, Studio.id == Participation.studio_id)
        .join(Municipality, Municipality.id == Studio.municipality_id)
        .group_by(Municipality.name).order_by(Municipality.name))
    return {name: int(total or 0) for name, total in rows}


def visits_by_source(edition: Edition) -> dict[str, int]:
    """Return each source's raw total over the counted venues (not the chosen figure)."""
    rows = db.session.execute(
        sa.select(VisitCount.source, sa.func.sum(VisitCount.count))
        .join(Venue, Venue.id == VisitCount.venue_id)
        .outerjoin(Participation, Participation.id == Venue.participation_id)
        .where(Venue.edition_id == edition.id, _counted_venue(),
               VisitCount.day.between(edition.starts_on, edition.ends_on))
        .group_by(VisitCount.source))
    totals = {source.value: 0 for source in CountSource}
    totals.update({CountSource(source).value: int(total or 0) for source, total in rows})
    return totals


def studios_total(edition: Edition) -> int:
    """Return how many studios the edition has: its accepted artists (one venue each)."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(Participation).where(
        Participation.edition_id == edition.id,
        Participation.status == ParticipationStatus.ACCEPTED)) or 0


def edition_visit_totals(*, up_to_year: int) -> dict[int, int]:
    """Return {year: visits} of every edition up to that year that has counts."""
    editions = sa.select(Edition.id).where(Edition.year <= up_to_year)
    chosen = chosen_sources(editions.scalar_subquery())
    rows = db.session.execute(
        sa.select(Edition.year, sa.func.sum(chosen.c.total))
        .join(chosen, chosen.c.edition_id == Edition.id)
        .group_by(Edition.year))
    return {year: int(total or 0) for year, total in rows}


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

