"""Reads for the organisers' counting page: each venue's sources side by side, and coverage.

One query per page: the counts and sales are summed per venue in SQL, grouped, then joined
to the venues, so 3,000 studios cost one round trip.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from kunstrute.counting.models import CountSource, Sale, Venue, VenueKind, VisitCount
from kunstrute.counting.queries import SOURCE_ORDER
from kunstrute.editions.models import Artist, Edition, Municipality, Participation, Studio
from kunstrute.extensions import db


@dataclass(frozen=True)
class VenueRow:
    venue_id: int
    kind: VenueKind
    catalogue_no: int | None
    artist: str | None
    email: str | None
    municipality: str | None
    chosen: CountSource | None
    #: The personal report link's key, for the organiser to pass on; None = no link.
    report_key: str | None
    reminded_at: datetime | None
    totals: dict  # CountSource → visitors (only the sources that have rows)
    sales_nok: int
    works: int

    @property
    def has_link(self) -> bool:
        return self.report_key is not None

    @property
    def reported(self) -> bool:
        return CountSource.REPORTED in self.totals

    @property
    def counts_from(self) -> CountSource | None:
        """Return the source that counts for this venue: the chosen one, or the default rule's
        (counting.queries.SOURCE_ORDER, the order the statistics service uses)."""
        if self.chosen is not None:
            return self.chosen
        return next((s for s in SOURCE_ORDER if s in self.totals), None)

    @property
    def counted(self) -> int:
        return self.totals.get(self.counts_from, 0) if self.counts_from else 0


def _per_source():
    columns = [sa.func.sum(sa.case((VisitCount.source == s, VisitCount.count))).label(s.value)
               for s in CountSource]
    return (sa.select(VisitCount.venue_id, *columns).group_by(VisitCount.venue_id)
            .subquery("per_source"))


def _sales():
    return (sa.select(Sale.venue_id, sa.func.sum(Sale.amount_nok).label("amount"),
                      sa.func.sum(Sale.works).label("works"))
            .group_by(Sale.venue_id).subquery("sales_sum"))


def venue_rows(edition: Edition) -> list[VenueRow]:
    """Return the edition's venues (the exhibition first) with totals per source and sales."""
    counts, sales = _per_source(), _sales()
    query = (
        sa.select(Venue.id, Venue.kind, Participation.catalogue_no, Artist.name, Artist.email,
                  Municipality.name.label("municipality"), Venue.authoritative_source,
                  Venue.report_key, Venue.reminded_at,
                  *(counts.c[s.value] for s in CountSource),
                  sales.c.amount, sales.c.works)
        .outerjoin(Participation, Participation.id == Venue.participation_id)
        .outerjoin(Artist, Artist.id == Participation.artist_id)
        .outerjoin(Studio, Studio.id == Participation.studio_id)
        .outerjoin(Municipality, Municipality.id == Studio.municipality_id)
        .outerjoin(counts, counts.c.venue_id == Venue.id)
        .outerjoin(sales, sales.c.venue_id == Venue.id)
        .where(Venue.edition_id == edition.id)
        .order_by(sa.case((Venue.kind == VenueKind.EXHIBITION, 0), else_=1),
                  Participation.catalogue_no, Venue.id))
    rows = []
    for r in db.session.execute(query):
        totals = {s: int(getattr(r, s.value)) for s in CountSource
                  if getattr(r, s.value) is not None}
        rows.append(VenueRow(
            venue_id=r.id, kind=VenueKind(r.kind), catalogue_no=r.catalogue_no, artist=r.name,
            email=r.email, municipality=r.municipality,
            chosen=CountSource(r.authoritative_source) if r.authoritative_source else None,
            report_key=r.report_key, reminded_at=r.reminded_at, totals=totals,
            sales_nok=int(r.amount or 0), works=int(r.works or 0)))
    return rows


def not_reported(edition: Edition) -> list[Venue]:
    """Return the edition's studios with no reported count for any day (coverage)."""
    reported = sa.select(VisitCount.venue_id).where(
        VisitCount.source == CountSource.REPORTED).distinct()
    return list(db.session.scalars(
        sa.select(Venue).join(Participation, Participation.id == Venue.participation_id)
        .where(Venue.edition_id == edition.id, Venue.kind == VenueKind.STUDIO,
               Venue.id.not_in(reported))
        .order_by(Participation.catalogue_no, Venue.id)))
