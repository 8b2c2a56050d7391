"""Whether a studio is open: today, now, when it opens next; and setting an artist's hours.

Each participation keeps the edition's open days and hours unless it has its own: daily hours
(`Participation.opens_at`/`closes_at`) and the open days it keeps (`KeptDay`, none = all).
Times are Oslo wall-clock times; a studio is open from its opening time up to, not including,
its closing time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from kunstrute.editions.models import Edition, KeptDay, Participation
from kunstrute.timeutil import OSLO, utcnow


class OpeningError(ValueError):
    """Hours or days that cannot be right; the message says why (in English, for commands).

    `code` names the problem for forms, which say it in the visitor's language: "format",
    "range", "order", "both", "day" (not an open day) or "no_day".
    """

    def __init__(self, message: str, code: str = "format"):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class OpenState:
    #: The studio is open at some time today.
    today: bool
    #: The studio is open at this moment.
    now: bool
    #: The next open day from today on (today itself if it is open and not over), or None.
    next_day: date | None
    #: The studio's daily hours (its own or the edition's).
    opens_at: time
    closes_at: time
    #: The next open day is today (the studio opens later today or is open now).
    next_is_today: bool

    def is_open(self, when: str | None) -> bool:
        """Return whether the studio counts as open for the filter value 'today' or 'now'."""
        return {"today": self.today, "now": self.now}.get(when, True)


@dataclass(frozen=True)
class Schedule:
    """When one studio is open: the days, and the same hours on each of them."""

    days: tuple[date, ...]
    opens_at: time
    closes_at: time

    def state(self, now: datetime) -> OpenState:
        """Return the state at `now` (Oslo wall-clock time, naive; aware is converted)."""
        if now.tzinfo is not None:
            now = now.astimezone(OSLO)
        today, clock = now.date(), now.time().replace(tzinfo=None)
        open_today = today in self.days
        open_now = open_today and self.opens_at <= clock < self.closes_at
        upcoming = (d for d in self.days if d > today or (d == today and clock < self.closes_at))
        next_day = next(upcoming, None)
        return OpenState(today=open_today, now=open_now, next_day=next_day,
                         opens_at=self.opens_at, closes_at=self.closes_at,
                         next_is_today=next_day == today)


def edition_days(edition: Edition) -> tuple[date, ...]:
    return tuple(sorted(d.day for d in edition.open_days))


def schedule(edition: Edition, *, opens_at: time | None = None, closes_at: time | None = None,
             kept_days: Iterable[date] = (), days: tuple[date, ...] | None = None) -> Schedule:
    """Return a studio's schedule: the edition's open days it keeps, in its hours or the edition's.

    `days` may pass the edition's open days when many studios are scheduled at once.
    """
    days = edition_days(edition) if days is None else days
    kept = set(kept_days)
    return Schedule(days=tuple(d for d in days if d in kept) if kept else days,
                    opens_at=opens_at or edition.opens_at,
                    closes_at=closes_at or edition.closes_at)


def participation_schedule(participation: Participation) -> Schedule:
    return schedule(participation.edition, opens_at=participation.opens_at,
                    closes_at=participation.closes_at,
                    kept_days=[k.day for k in participation.kept_days])


def open_state(edition: Edition, now: datetime, *,
               participation: Participation | None = None) -> OpenState:
    """Return the edition's state at `now`, or one participation's with its own hours and days."""
    if participation is not None:
        return participation_schedule(participation).state(now)
    return schedule(edition).state(now)


def set_opening(*, participation: Participation, opens_at: time | None,
                closes_at: time | None, days: Iterable[date] | None) -> bool:
    """Give an artist own hours and days (None = the edition's); return whether any changed.

    Hours equal to the edition's and days equal to all its open days are stored as "the
    edition's", so the artist follows when the organisers change the edition.
    """
    edition = participation.edition
    if (opens_at is None) != (closes_at is None):
        raise OpeningError("give both the opening and the closing time, or neither", "both")
    if opens_at is not None and closes_at <= opens_at:
        raise OpeningError(f"the closing time {closes_at:%H:%M} is not after the opening "
                           f"time {opens_at:%H:%M}", "order")
    if (opens_at, closes_at) == (edition.opens_at, edition.closes_at):
        opens_at = closes_at = None
    open_days = edition_days(edition)
    wanted = sorted(set(days or ()))
    outside = [d for d in wanted if d not in open_days]
    if outside:
        raise OpeningError(", ".join(d.isoformat() for d in outside)
                           + f" is not an open day of {edition.year}", "day")
    if days is not None and not wanted:
        raise OpeningError("choose at least one open day", "no_day")
    if wanted == list(open_days):
        wanted = []
    changed = (participation.opens_at, participation.closes_at) != (opens_at, closes_at)
    participation.opens_at, participation.closes_at = opens_at, closes_at
    current = {k.day: k for k in participation.kept_days}
    if sorted(current) != wanted:
        participation.kept_days = [current.get(d) or KeptDay(day=d) for d in wanted]
        participation.updated_at = utcnow()  # child rows do not touch the participation row
        changed = True
    return changed


_HOURS = re.compile(r"(?:kl\.?\s*)?(\d{1,2})(?:[:.](\d{2}))?\s*[-–—]\s*(\d{1,2})(?:[:.](\d{2}))?")


def parse_hours(text: str) -> tuple[time, time] | None:
    """Return (opens, closes) for '11-17', '11:00-17:00', '12.00–16.00'; None for empty.

    Raise OpeningError for anything else, or a closing time that is not after the opening.
    """
    text = " ".join(text.split()).lower()
    if not text:
        return None
    match = _HOURS.fullmatch(text)
    if match is None:
        raise OpeningError(f"{text!r} is not opening hours like 11-17 or 11:30-16:00")
    h1, m1, h2, m2 = (int(g) if g else 0 for g in match.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        raise OpeningError(f"{text!r} is not a time of day (00:00 to 23:59)", "range")
    opens, closes = time(h1, m1), time(h2, m2)
    if closes <= opens:
        raise OpeningError(f"in {text!r} the closing time is not after the opening time", "order")
    return opens, closes


_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.?(?:(\d{2}|\d{4}))?")


def parse_days(text: str, *, year: int) -> list[date]:
    """Return the dates of '2027-09-11|2027-09-12' or '11.9.|12.09.2027' (| or , between).

    Raise OpeningError naming the first value that is not a date.
    """
    days = []
    for part in filter(None, (p.strip() for p in re.split(r"[|,]", text))):
        try:
            days.append(_parse_day(part, year))
        except ValueError:
            raise OpeningError(f"{part!r} is not a date like 2027-09-11 or 11.09.") from None
    return days


def _parse_day(text: str, year: int) -> date:
    match = _DAY.fullmatch(text)
    if match is None:
        return date.fromisoformat(text)
    day, month, given = match.groups()
    if given:
        year = int(given) + (2000 if len(given) == 2 else 0)
    return date(year, int(month), int(day))
