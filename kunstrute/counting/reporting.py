"""The artists' reports and tallies, and the exhibition's door counts and sales: the writes.

Every function here checks the edition's lock first (CountingLocked), flushes and never
commits; each change a person makes is in the audit log (set_visits writes its own entry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from kunstrute.audit.services import record
from kunstrute.counting.models import (
    CountSource,
    Sale,
    SaleSource,
    TallyBatch,
    Venue,
    VisitCount,
)
from kunstrute.counting.services import add_visits, check_open, set_visits
from kunstrute.database import insert_if_absent
from kunstrute.editions.models import Edition, Participation
from kunstrute.editions.opening import participation_schedule
from kunstrute.extensions import db
from kunstrute.timeutil import oslo_today

#: Hard upper bounds: beyond these a figure is a typing error, whatever the artist confirms.
MAX_VISITORS = 100_000
MAX_AMOUNT_NOK = 10_000_000
MAX_WORKS = 10_000
#: The most taps one batch of the tally may carry (a day at the busiest studio is ~1,000).
MAX_TAPS = 10_000
#: A batch id: what crypto.randomUUID gives, or the page's fallback (letters, digits, dashes).
BATCH_ID = re.compile(r"[A-Za-z0-9-]{8,64}")
#: How many days a door-count form may hold (an edition runs about 11).
MAX_PERIOD_DAYS = 62


class ReportRefused(ValueError):
    """A report that cannot be taken as it is; the message says why (for the page)."""


@dataclass(frozen=True)
class DayFigures:
    """What a venue has for one day: reported visitors and the reported sales."""

    day: date
    visitors: int | None
    amount_nok: int
    works: int


def venue_days(venue: Venue) -> tuple[date, ...]:
    """Return the days a venue is open: a studio's kept open days, or the exhibition's period."""
    if venue.participation is not None:
        return participation_schedule(venue.participation).days
    return period_days(venue.edition)


def period_days(edition: Edition) -> tuple[date, ...]:
    """Return every day of the edition's period (the exhibition is open each), bounded."""
    count = min((edition.ends_on - edition.starts_on).days + 1, MAX_PERIOD_DAYS)
    return tuple(edition.starts_on + timedelta(days=n) for n in range(count))


def day_figures(venue: Venue) -> list[DayFigures]:
    """Return the venue's reported visitors and sales for each of its days."""
    days = venue_days(venue)
    visits = dict(db.session.execute(sa.select(VisitCount.day, VisitCount.count).where(
        VisitCount.venue_id == venue.id, VisitCount.source == CountSource.REPORTED)).all())
    sales = {day: (amount, works) for day, amount, works in db.session.execute(
        sa.select(Sale.day, sa.func.sum(Sale.amount_nok), sa.func.sum(Sale.works))
        .where(Sale.venue_id == venue.id, Sale.source == SaleSource.REPORTED)
        .group_by(Sale.day))}
    return [DayFigures(day=d, visitors=visits.get(d), amount_nok=int(sales.get(d, (0, 0))[0]),
                       works=int(sales.get(d, (0, 0))[1])) for d in days]


def save_day(*, venue: Venue, day: date, visitors: int | None, amount_nok: int | None,
             works: int | None, actor=None) -> None:
    """Save one day of an artist's report; None leaves that figure as it is; flush.

    Refuses a day the studio is not open and figures out of bounds (ReportRefused), and a
    locked edition (CountingLocked).
    """
    check_open(venue)
    if day not in venue_days(venue):
        raise ReportRefused(f"{day.isoformat()} is not one of the studio's open days")
    for value, bound in ((visitors, MAX_VISITORS), (amount_nok, MAX_AMOUNT_NOK),
                         (works, MAX_WORKS)):
        if value is not None and not 0 <= value <= bound:
            raise ReportRefused(f"{value} is out of bounds (0–{bound})")
    if visitors is not None:
        set_visits(venue=venue, day=day, source=CountSource.REPORTED, count=visitors,
                   actor=actor)
    if amount_nok is not None or works is not None:
        set_sale(venue=venue, day=day, amount_nok=amount_nok or 0, works=works or 0,
                 actor=actor)


def set_sale(*, venue: Venue, day: date, amount_nok: int, works: int, actor=None) -> None:
    """Set a studio's reported sales for a day (a correction replaces; 0 and 0 removes); audit."""
    rows = list(db.session.scalars(sa.select(Sale).where(
        Sale.venue_id == venue.id, Sale.day == day, Sale.source == SaleSource.REPORTED)
        .order_by(Sale.id)))
    old = (sum(r.amount_nok for r in rows), sum(r.works for r in rows))
    if old == (amount_nok, works) and len(rows) <= 1:
        return
    for extra in rows[1:]:  # one row per day; more can only come from a race, so merge them
        db.session.delete(extra)
    if amount_nok == 0 and works == 0:
        if rows:
            db.session.delete(rows[0])
    elif rows:
        rows[0].amount_nok, rows[0].works = amount_nok, works
    else:
        db.session.add(Sale(venue_id=venue.id, participation_id=venue.participation_id,
                            day=day, source=SaleSource.REPORTED, amount_nok=amount_nok,
                            works=works))
    db.session.flush()
    record(actor=actor, action="sales.set", obj=venue,
           detail=f"reported {day.isoformat()}: {old[0]} NOK/{old[1]} → "
                  f"{amount_nok} NOK/{works}")


def check_tally(*, venue: Venue, batch: str, day: date, taps: int) -> None:
    """Raise ReportRefused unless a tally batch could be right: its id, size and day."""
    if not isinstance(batch, str) or not BATCH_ID.fullmatch(batch):
        raise ReportRefused("the batch id is not one the page makes")
    if not isinstance(taps, int) or isinstance(taps, bool) or not 1 <= taps <= MAX_TAPS:
        raise ReportRefused(f"a batch holds 1–{MAX_TAPS} taps")
    if day not in venue_days(venue):
        raise ReportRefused("the studio is not open that day")
    if abs((day - oslo_today()).days) > 1:
        raise ReportRefused("the tally counts today only")


def record_tally(*, venue: Venue, batch: str, day: date, taps: int) -> bool:
    """Count a batch of tally taps once; return False if this batch was counted before.

    The batch row and the visits go in one transaction: the row's unique key (venue, batch)
    is what makes a batch sent three times count once.
    """
    check_open(venue)
    check_tally(venue=venue, batch=batch, day=day, taps=taps)
    inserted = insert_if_absent(TallyBatch, {"venue_id": venue.id, "batch": batch, "day": day,
                                             "taps": taps}, key=("venue_id", "batch"))
    if inserted:
        add_visits(venue=venue, day=day, source=CountSource.REPORTED, delta=taps)
    return inserted


def tallied_on(venue: Venue, day: date) -> int:
    """Return how many taps of the tally the server has for the venue's day."""
    return db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(TallyBatch.taps), 0))
                             .where(TallyBatch.venue_id == venue.id, TallyBatch.day == day))


# The exhibition: door counts and the works sold at the desk.

def set_door_count(*, venue: Venue, day: date, count: int, actor=None) -> None:
    """Set the exhibition's door count for a day of the period; audit (set_visits)."""
    check_open(venue)
    if day not in period_days(venue.edition) or not 0 <= count <= MAX_VISITORS:
        raise ReportRefused(f"no door count for {day.isoformat()}: {count}")
    set_visits(venue=venue, day=day, source=CountSource.DOOR_COUNTER, count=count, actor=actor)


def save_exhibition_sale(*, venue: Venue, sale: Sale | None, day: date,
                         participation: Participation, title: str, amount_nok: int,
                         actor=None) -> Sale:
    """Add a work sold at the exhibition, or change one; audit; flush."""
    check_open(venue)
    if day not in period_days(venue.edition) or not 0 <= amount_nok <= MAX_AMOUNT_NOK:
        raise ReportRefused("the day or the price is out of bounds")
    if participation.edition_id != venue.edition_id:
        raise ReportRefused("the artist is not in this edition")
    before = _describe(sale) if sale is not None else None
    if sale is None:
        sale = Sale(venue_id=venue.id, source=SaleSource.DESK, works=1)
        db.session.add(sale)
    sale.day, sale.participation_id = day, participation.id
    sale.title, sale.amount_nok = title.strip()[:200], amount_nok
    db.session.flush()
    after = _describe(sale)
    record(actor=actor, action="exhibition_sale.saved", obj=sale,
           detail=f"{before} → {after}" if before else f"new: {after}")
    return sale


def delete_exhibition_sale(*, sale: Sale, actor=None) -> None:
    """Remove a work sold at the exhibition (entered by mistake); audit; flush."""
    check_open(sale.venue)
    record(actor=actor, action="exhibition_sale.deleted", obj=sale, detail=_describe(sale))
    db.session.delete(sale)
    db.session.flush()


def _describe(sale: Sale) -> str:
    return (f"{sale.day.isoformat()} participation {sale.participation_id} "
            f"“{sale.title or ''}” {sale.amount_nok} NOK")
