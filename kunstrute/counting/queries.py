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
from functools import lru_cache
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
    return _source_ctes(edition_ids=edition_ids)[1]


def _source_ctes(*, one_edition: bool = False, edition_ids=None):
    """Return (per_source, chosen): each venue's total per source, and the chosen one.

    The counted venues are picked first (by edition, kind, the artist's status); their counts
    are then summed on the narrow key (venue_id, source), which the index
    ix_visit_counts_venue_source_day holds in order, and only the sums meet the venues again.
    one_edition: the edition and its period are the bound parameters edition_id, starts_on
    and ends_on; else every edition's own period, of the editions in edition_ids (all if
    None).
    """
    counted = (sa.select(Venue.id).outerjoin(Participation,
                                             Participation.id == Venue.participation_id)
               .where(_counted_venue()))
    if one_edition:
        counted = counted.where(Venue.edition_id == sa.bindparam("edition_id", type_=sa.Integer))
        sums = sa.select(VisitCount.venue_id).where(
            VisitCount.venue_id.in_(counted),
            VisitCount.day.between(sa.bindparam("starts_on", type_=sa.Date),
                                   sa.bindparam("ends_on", type_=sa.Date)))
    else:
        counted = counted.add_columns(Edition.starts_on, Edition.ends_on).join(
            Edition, Edition.id == Venue.edition_id)
        if edition_ids is not None:
            counted = counted.where(Venue.edition_id.in_(edition_ids))
        counted = counted.subquery("counted")
        sums = (sa.select(VisitCount.venue_id)
                .join(counted, counted.c.id == VisitCount.venue_id)
                .where(VisitCount.day.between(counted.c.starts_on, counted.c.ends_on)))
    sums = (sums.add_columns(VisitCount.source, sa.func.sum(VisitCount.count).label("total"))
            .group_by(VisitCount.venue_id, VisitCount.source).subquery("sums"))
    per_source = (
        sa.select(Venue.edition_id, Venue.id.label("venue_id"), Venue.kind,
                  Venue.participation_id, Venue.authoritative_source, sums.c.source,
                  sums.c.total)
        .join(Venue, Venue.id == sums.c.venue_id)
        .cte("per_source"))
    rank = sa.case({s.value: n for n, s in enumerate(SOURCE_ORDER)},
                   value=sa.cast(per_source.c.source, sa.String), else_=len(SOURCE_ORDER))
    ranked = (
        sa.select(*per_source.c, sa.func.row_number().over(
            partition_by=per_source.c.venue_id, order_by=rank).label("rn"))
        .where(sa.or_(per_source.c.authoritative_source.is_(None),
                      per_source.c.authoritative_source == per_source.c.source))
        .cte("ranked"))
    return per_source, (sa.select(*(c for c in ranked.c if c.name != "rn"))
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
    #: Accepted studios whose artist reported (any day of the period): studios_reported.
    reported: int = 0
    #: The edition's studios, its accepted artists (one venue each): studios_total.
    studios: int = 0


def visit_figures(edition: Edition) -> VisitFigures:
    """Return an edition's visits: per counted venue (chosen source), per day, per source,
    the studios that reported and the studios there are (see _visits_statement)."""
    found = VisitFigures([], {}, {source.value: 0 for source in CountSource})
    counts = {}
    for (name, venue_id, kind, participation_id, municipality, source, day, total,
         catalogue_no, artist) in db.session.execute(_visits_statement(), {
            "edition_id": edition.id, "starts_on": edition.starts_on,
            "ends_on": edition.ends_on}).all():
        if name == "venue":
            found.venues.append(ChosenVenue(venue_id, KINDS[kind], participation_id,
                                            municipality, SOURCES[source], int(total or 0),
                                            catalogue_no, artist))
        elif name == "day":
            found.by_day[_as_date(day)] = int(total or 0)
        elif name == "source":
            found.by_source[source] = int(total or 0)
        else:
            counts[name] = int(total or 0)
    return found._replace(reported=counts.get("reported", 0), studios=counts.get("studios", 0))


KINDS = {kind.value: kind for kind in VenueKind}
SOURCES = {source.value: source for source in CountSource}


@lru_cache(maxsize=1)
def _visits_statement() -> sa.CompoundSelect:
    """Return visit_figures' statement (bound: edition_id, starts_on, ends_on), built once.

    One statement, parts glued with UNION ALL, so the costly CTEs (the sum per venue and
    source, and the rule that picks one) are computed once: both databases materialise a CTE
    that the statement uses more than once. The summary, the per-studio distribution and the
    municipalities are shaped by the caller from ≤ one row per venue. Kinds and sources come
    as text (no enum conversion per row). Built once per process: constructing it cost more
    than a tenth of its run.
    """
    per_source, chosen = _source_ctes(one_edition=True)
    none_int, none_text = sa.cast(sa.null(), sa.Integer), sa.cast(sa.null(), sa.String)
    none_date = sa.cast(sa.null(), sa.Date)

    def part(name: str, source=none_text, day=none_date, total=none_int):
        """Return the columns of a part that gives only a name, a source, a day, a total."""
        return (sa.literal(name), none_int, none_text, none_int, none_text, source, day,
                total, none_int, none_text)

    venues = (
        sa.select(sa.literal("venue").label("part"), chosen.c.venue_id,
                  sa.cast(chosen.c.kind, sa.String), chosen.c.participation_id,
                  Municipality.name.label("municipality"), sa.cast(chosen.c.source, sa.String),
                  none_date.label("day"), chosen.c.total, Participation.catalogue_no,
                  Artist.name)
        .select_from(chosen)
        .outerjoin(Participation, Participation.id == chosen.c.participation_id)
        .outerjoin(Artist, Artist.id == Participation.artist_id)
        .outerjoin(Studio, Studio.id == Participation.studio_id)
        .outerjoin(Municipality, Municipality.id == Studio.municipality_id))
    days = (
        sa.select(*part("day", day=VisitCount.day, total=sa.func.sum(VisitCount.count)))
        .join(chosen, sa.and_(chosen.c.venue_id == VisitCount.venue_id,
                              chosen.c.source == VisitCount.source))
        .where(VisitCount.day.between(sa.bindparam("starts_on", type_=sa.Date),
                                      sa.bindparam("ends_on", type_=sa.Date)))
        .group_by(VisitCount.day))
    sources = (sa.select(*part("source", source=sa.cast(per_source.c.source, sa.String),
                               total=sa.func.sum(per_source.c.total)))
               .group_by(per_source.c.source))
    reported = sa.select(*part("reported", total=sa.func.count())).where(
        per_source.c.kind == VenueKind.STUDIO, per_source.c.source == CountSource.REPORTED)
    studios = sa.select(*part("studios", total=sa.func.count())).select_from(
        Participation).where(Participation.edition_id == sa.bindparam("edition_id"),
                             Participation.status == ParticipationStatus.ACCEPTED)
    # The days first: so placed, SQLite reads them from the index alone (42 ms, not 55).
    return sa.union_all(days, venues, sources, reported, studios)


def _as_date(value) -> date:
    """Return a date: SQLite gives the text of a UNION's date column, not a date."""
    return value if isinstance(value, date) else date.fromisoformat(value)


class EarlierEdition(NamedTuple):
    """An earlier edition's counted visits: its period, its total, and (for the latest
    earlier edition with counts only) the chosen sources' visits per day."""

    starts_on: date
    ends_on: date
    total: int
    #: Visits per day of the period (days without any left out); {} but for the latest.
    by_day: dict[date, int]


def edition_visit_totals(*, before_year: int) -> dict[int, int]:
    """Return {year: visits} of every edition before that year that has counts."""
    return {year: found.total
            for year, found in earlier_visits(before_year=before_year).items()}


def earlier_visits(*, before_year: int) -> dict[int, EarlierEdition]:
    """Return {year: EarlierEdition} of every edition before that year that has counts.

    The editions' ids first, then one statement (built once, bound: their ids, so both
    databases start from the earlier editions' venues): each edition's total (the known
    totals) and the latest one's days (year over year); the days of the others are never
    read.
    """
    found: dict[int, EarlierEdition] = {}
    ids = db.session.scalars(sa.select(Edition.id).where(Edition.year < before_year)).all()
    if not ids:
        return found
    rows = db.session.execute(_earlier_statement(), {"edition_ids": ids}).all()
    for year, starts_on, ends_on, day, total in rows:
        if day is None:
            found[year] = EarlierEdition(_as_date(starts_on), _as_date(ends_on),
                                         int(total or 0), {})
    for year, _, _, day, total in rows:
        if day is not None:
            found[year].by_day[_as_date(day)] = int(total or 0)
    return found


@lru_cache(maxsize=1)
def _earlier_statement() -> sa.CompoundSelect:
    _, chosen = _source_ctes(edition_ids=sa.bindparam("edition_ids", expanding=True))
    latest = (sa.select(chosen).where(chosen.c.edition_id == (
        sa.select(Edition.id).join(chosen, chosen.c.edition_id == Edition.id)
        .order_by(Edition.year.desc()).limit(1).scalar_subquery())).cte("latest"))
    totals = (sa.select(Edition.year, Edition.starts_on, Edition.ends_on,
                        sa.cast(sa.null(), sa.Date).label("day"),
                        sa.func.sum(chosen.c.total).label("total"))
              .join(chosen, chosen.c.edition_id == Edition.id)
              .group_by(Edition.year, Edition.starts_on, Edition.ends_on))
    days = (sa.select(Edition.year, Edition.starts_on, Edition.ends_on, VisitCount.day,
                      sa.func.sum(VisitCount.count))
            .select_from(latest)  # the latest edition's few thousand venues lead the join
            .join(Edition, Edition.id == latest.c.edition_id)
            .join(VisitCount, sa.and_(VisitCount.venue_id == latest.c.venue_id,
                                      VisitCount.source == latest.c.source))
            .where(VisitCount.day.between(Edition.starts_on, Edition.ends_on))
            .group_by(Edition.year, Edition.starts_on, Edition.ends_on, VisitCount.day))
    return sa.union_all(totals, days)


class SalesFigures(NamedTuple):
    #: Per venue kind: {"nok", "works"} of the counted venues' sales.
    by_kind: dict[VenueKind, dict[str, int]]
    #: {municipality: NOK} of the accepted studios' own sales, by studio municipality (only
    #: municipalities with a sale line; the exhibition's sales are apart).
    by_municipality: dict[str, int]
    #: Accepted artists who sold anything (amount or works > 0), at their studio or the
    #: exhibition.
    sellers: int


def sales_figures(edition: Edition) -> SalesFigures:
    """Return an edition's sales figures in one statement (three parts, UNION ALL)."""
    none_int = sa.cast(sa.null(), sa.Integer)
    by_kind = (sa.select(sa.literal("kind"), sa.cast(Venue.kind, sa.String),
                         sa.func.sum(Sale.amount_nok), sa.func.sum(Sale.works))
               .join(Venue, Venue.id == Sale.venue_id)
               .outerjoin(Participation, Participation.id == Venue.participation_id)
               .where(Venue.edition_id == edition.id, _counted_venue())
               .group_by(Venue.kind))
    by_municipality = (
        sa.select(sa.literal("municipality"), Municipality.name, sa.func.sum(Sale.amount_nok),
                  none_int)
        .join(Venue, Venue.id == Sale.venue_id)
        .join(Participation, Participation.id == Venue.participation_id)
        .join(Studio, Studio.id == Participation.studio_id)
        .join(Municipality, Municipality.id == Studio.municipality_id)
        .where(Venue.edition_id == edition.id, Venue.kind == VenueKind.STUDIO,
               Participation.status == ParticipationStatus.ACCEPTED)
        .group_by(Municipality.name))
    seller = sa.func.coalesce(Sale.participation_id, Venue.participation_id)
    sellers = (
        sa.select(sa.literal("sellers"), sa.cast(sa.null(), sa.String),
                  sa.func.count(sa.distinct(Participation.id)), none_int)
        .select_from(Sale)
        .join(Venue, Venue.id == Sale.venue_id)
        .join(Participation, Participation.id == seller)
        .where(Venue.edition_id == edition.id,
               Participation.status == ParticipationStatus.ACCEPTED,
               sa.or_(Sale.amount_nok > 0, Sale.works > 0)))
    found = SalesFigures({kind: {"nok": 0, "works": 0} for kind in VenueKind}, {}, 0)
    for part, key, nok, works in db.session.execute(
            sa.union_all(by_kind, by_municipality, sellers)).all():
        if part == "kind":
            found.by_kind[VenueKind(key)] = {"nok": int(nok or 0), "works": int(works or 0)}
        elif part == "municipality":
            found.by_municipality[key] = int(nok or 0)
        else:
            found = found._replace(sellers=int(nok or 0))
    return found._replace(by_municipality=dict(sorted(found.by_municipality.items())))
