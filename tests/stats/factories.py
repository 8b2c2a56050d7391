"""Factories for the statistics tests: studios with venues, counts by source, sales, history."""

from datetime import date

from kunstrute.counting.models import (
    CountSource,
    Sale,
    SaleSource,
    Venue,
    VisitCount,
)
from kunstrute.counting.venues import ensure_venues, exhibition_venue, venue_for
from kunstrute.extensions import db
from kunstrute.stats.models import EditionHistory
from tests.editions.factories import participant


def studio(edition, **kwargs) -> Venue:
    """Return the venue of a new accepted artist of the edition."""
    participation = participant(edition, **kwargs)
    ensure_venues(edition=edition)
    return venue_for(participation)


def exhibition(edition) -> Venue:
    ensure_venues(edition=edition)
    return exhibition_venue(edition)


def visits(venue: Venue, day: date, count: int,
           source: CountSource = CountSource.REPORTED) -> None:
    db.session.add(VisitCount(venue_id=venue.id, day=day, source=source, count=count))
    db.session.flush()


def sale(venue: Venue, day: date, amount: int, works: int = 1, *, participation=None,
         source: SaleSource = SaleSource.REPORTED) -> Sale:
    found = Sale(venue_id=venue.id, day=day, amount_nok=amount, works=works, source=source,
                 participation_id=participation.id if participation else venue.participation_id)
    db.session.add(found)
    db.session.flush()
    return found


def history(year: int, **figures) -> EditionHistory:
    row = EditionHistory(year=year, **figures)
    db.session.add(row)
    db.session.flush()
    return row
