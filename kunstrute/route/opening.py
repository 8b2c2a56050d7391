"""Whether the studios are open: today, now, and when they open next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kunstrute.route.models import Edition


@dataclass(frozen=True)
class OpenState:
    #: The studios are open at some time today.
    today: bool
    #: The studios are open at this moment.
    now: bool
    #: The next open day from today on (today itself if it is open and not over), or None.
    next_day: date | None

    def is_open(self, when: str | None) -> bool:
        """Return whether studios count as open for the filter value 'today' or 'now'."""
        return {"today": self.today, "now": self.now}.get(when, True)


def open_state(edition: Edition, now: datetime) -> OpenState:
    """Return the studios' state at `now` (Oslo wall-clock time, naive or aware).

    Every studio keeps the edition's open days and hours; per-studio hours are not modelled.
    """
    today, clock = now.date(), now.time().replace(tzinfo=None)
    days = sorted(d.day for d in edition.open_days)
    open_today = today in days
    open_now = open_today and edition.opens_at <= clock < edition.closes_at
    upcoming = [d for d in days if d > today or (d == today and clock < edition.closes_at)]
    return OpenState(today=open_today, now=open_now, next_day=upcoming[0] if upcoming else None)
