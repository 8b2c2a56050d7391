"""Reads of the newsletter that other packages use (the statistics service): its figures.

The newsletter belongs to no edition: its figures are by calendar year in Oslo, the edition's
year.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from kunstrute.extensions import db
from kunstrute.newsletter.models import Newsletter, NewsletterStatus, Subscriber, SubscriberStatus
from kunstrute.timeutil import to_utc


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """Return the year's first moment and the next year's, in Oslo, as naive UTC."""
    return to_utc(datetime(year, 1, 1)), to_utc(datetime(year + 1, 1, 1))


def newsletter_figures(year: int) -> dict[str, int]:
    """Return the year's newsletter figures in one query.

    sent: newsletters sent in the year (a newsletter sent again counts once, in the year of
    its last sending); subscribers: the people subscribed (confirmed, not left) who had
    confirmed by the end of the year, so a past year's figure does not grow with later
    sign-ups; new_subscribers: of those, the ones who confirmed during the year.
    """
    start, end = year_bounds(year)
    s = Subscriber
    confirmed = sa.and_(s.status == SubscriberStatus.CONFIRMED, s.confirmed_at < end)
    sent = (sa.select(sa.func.count()).select_from(Newsletter)
            .where(Newsletter.status == NewsletterStatus.SENT,
                   Newsletter.sent_at >= start, Newsletter.sent_at < end).scalar_subquery())
    row = db.session.execute(
        sa.select(sent, sa.func.count(sa.case((confirmed, 1))),
                  sa.func.count(sa.case((sa.and_(confirmed, s.confirmed_at >= start), 1))))
        .select_from(s)).one()
    return {"sent": int(row[0] or 0), "subscribers": int(row[1] or 0),
            "new_subscribers": int(row[2] or 0)}
