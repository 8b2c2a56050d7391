"""Clock helpers: one place that knows the route's time zone."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


def clock() -> datetime:
    """Return the current time in UTC, aware: the one place that reads the system clock.

    Every other "now" of the app derives from this function; tests replace it to freeze time.
    """
    return datetime.now(UTC)


def utcnow() -> datetime:
    """Return the current time in UTC without tzinfo, as the database stores it."""
    return clock().replace(tzinfo=None)


def oslo_now() -> datetime:
    """Return the current wall-clock time in Oslo."""
    return clock().astimezone(OSLO)


def oslo_today() -> date:
    """Return today's date in Oslo."""
    return oslo_now().date()


def to_utc(local: datetime) -> datetime:
    """Return a naive UTC datetime for a wall-clock time in Oslo (naive or aware)."""
    if local.tzinfo is None:
        local = local.replace(tzinfo=OSLO)
    return local.astimezone(UTC).replace(tzinfo=None)


def to_oslo(utc_naive: datetime) -> datetime:
    """Return the Oslo wall-clock time (aware) for a naive UTC datetime from the database."""
    return utc_naive.replace(tzinfo=UTC).astimezone(OSLO)
