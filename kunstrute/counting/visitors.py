"""QR check-ins: who a visitor is for one day, who is no visitor, and counting a visit once.

A visitor is known only as HMAC-SHA256(the day's key, venue + address + browser + languages),
cut to 32 hex digits: the same phone at the same studio on the same day gives the same value,
so a reload or a retry counts once, and nothing links it to another studio or another day.
The day's key is random, one per Oslo day, shared by every worker through the daily_keys table
and deleted when the day before yesterday is over; the address and the browser are never
stored. See "QR check-in" in docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import os
import re
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

import sqlalchemy as sa
from flask import Request
from sqlalchemy.dialects import postgresql, sqlite

from kunstrute.counting.models import (
    CheckIn,
    CountingSettings,
    CountSource,
    DailyKey,
    Venue,
    VisitCount,
)
from kunstrute.counting.services import KEY as COUNT_KEY
from kunstrute.counting.venues import normal_code
from kunstrute.database import insert_if_absent
from kunstrute.editions.models import Artist, Edition, Participation
from kunstrute.extensions import db
from kunstrute.timeutil import utcnow

#: User agents that are programs, not people at a studio: search engines, link previews of
#: chats and social sites (they fetch a link the moment it is pasted), headless browsers and
#: scripts. "bot" alone catches Googlebot, bingbot, Applebot, TelegramBot, Slackbot,
#: Discordbot, Twitterbot, LinkedInBot and their kin, but not the phone brand CUBOT.
#: WhatsApp and Facebook's in-app browsers say FBAN/FB_IAB, not these names, and still count.
BOTS = re.compile(
    r"(?<!cu)bot\b|crawl|spider|slurp|facebookexternalhit|facebookcatalog|whatsapp/"
    r"|skypeuripreview|preview|embedly|iframely|mastodon|cardyb|headlesschrome|phantomjs"
    r"|lighthouse|curl/|wget/|python-|aiohttp|go-http-client|okhttp|java/|libwww|httpclient"
    r"|node-fetch|axios/|scrapy",
    re.IGNORECASE)
#: The headers browsers send with a prefetch or prerender no person asked for.
_PREFETCH_HEADERS = ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")


class Target(NamedTuple):
    """What the check-in of one poster code needs, read in one query."""

    venue_id: int
    kind: str
    starts_on: date
    ends_on: date
    #: The artist's slug for a studio; None for the exhibition.
    slug: str | None
    locked_at: datetime | None

    def counts_on(self, day: date) -> bool:
        """Return whether a check-in on this day counts: inside the period, not locked."""
        return self.starts_on <= day <= self.ends_on and self.locked_at is None


#: The hottest query of the site, built once: venue, period, artist and lock in one row.
_TARGET = (
    sa.select(Venue.id, Venue.kind, Edition.starts_on, Edition.ends_on, Artist.slug,
              CountingSettings.locked_at)
    .join(Edition, Edition.id == Venue.edition_id)
    .outerjoin(Participation, Participation.id == Venue.participation_id)
    .outerjoin(Artist, Artist.id == Participation.artist_id)
    .outerjoin(CountingSettings, CountingSettings.edition_id == Venue.edition_id)
    .where(Venue.code == sa.bindparam("code")))


def checkin_target(code: str) -> Target | None:
    """Return the venue of a poster code with its edition's period, artist and lock.

    One query of plain columns, where venue_by_code, its relationships and is_locked take
    five and load objects: this is the hottest path of the site (docs/PERFORMANCE.md, "QR
    check-in"). The code is forgiven case and spaces, as in venues.venue_by_code.
    """
    code = normal_code(code)
    if code is None:
        return None
    row = db.session.connection().execute(_TARGET, {"code": code}).first()
    return Target(*row) if row else None


def is_person(request: Request) -> bool:
    """Return whether the request looks like a person opening the link (count it)."""
    if request.method != "GET":  # HEAD: link checkers and previews
        return False
    if any("prefetch" in value or "preview" in value or "prerender" in value
           for value in (request.headers.get(name, "").lower() for name in _PREFETCH_HEADERS)):
        return False
    agent = request.headers.get("User-Agent", "")
    return bool(agent) and BOTS.search(agent) is None


def visitor_id(key: bytes, *, venue_id: int, address: str, user_agent: str,
               languages: str) -> str:
    """Return the visitor's keyed hash for one venue and day (32 hex digits)."""
    message = "\x1f".join((str(venue_id), address, user_agent, languages)).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


#: Today's key in this process, by database: read once per day and worker, not per request.
_keys: dict[tuple[str, date], bytes] = {}


def known_day_key(day: date) -> bytes | None:
    """Return the day's key if this process has read it before (once per day and worker)."""
    return _keys.get((str(db.engine.url), day))


def day_key(day: date) -> bytes:
    """Return the day's random key, made by the first check-in of the day in any worker.

    INSERT … ON CONFLICT DO NOTHING, then read, so two workers that start the day at once
    end with the same key; the caller commits. A key this call made is kept in memory only
    when the next call reads it back, known committed, so a rolled-back key is never used
    by one worker while the others use another.
    """
    made = insert_if_absent(DailyKey, {"day": day, "key": secrets.token_bytes(32),
                                       "created_at": utcnow()}, key=("day",))
    if made:
        delete_old_keys(today=day)
    key = db.session.scalar(sa.select(DailyKey.key).where(DailyKey.day == day))
    if not made:
        _keys.clear()  # yesterday's is never needed again in memory
        _keys[(str(db.engine.url), day)] = key
    return key


def forget_keys() -> None:
    """Drop the keys this process holds in memory (tests; the database stays as it is)."""
    _keys.clear()


def delete_old_keys(*, today: date) -> int:
    """Delete the keys of days before yesterday; flush; return how many went."""
    return db.session.execute(sa.delete(DailyKey).where(
        DailyKey.day < today - timedelta(days=1))).rowcount


@lru_cache(maxsize=4)
def _writes(dialect: str) -> tuple[sa.Insert, sa.Insert]:
    """Return the check-in's two statements for a dialect, built once per process.

    The same INSERT … ON CONFLICT as database.insert_if_absent and services.add_visits
    (insert_or_add), on the tables rather than the ORM classes: building them per request
    took longer than running them.
    """
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    check_ins, counts = CheckIn.__table__, VisitCount.__table__
    check_in = insert(check_ins).on_conflict_do_nothing(
        index_elements=["venue_id", "day", "visitor"]).returning(check_ins.c.id)
    add = insert(counts)
    add = add.on_conflict_do_update(
        index_elements=list(COUNT_KEY),
        set_={"count": counts.c.count + add.excluded["count"],
              "updated_at": add.excluded["updated_at"]})
    return check_in, add


def record_check_in(*, venue_id: int, day: date, visitor: str) -> bool:
    """Record one visitor at a venue on a day, once; return whether it was new.

    Only a new check-in adds to the venue's qr_checkin count, in the same transaction, so
    the count always equals the check-ins: a retry, or two requests of one visitor racing,
    insert one row (the unique key decides) and add one.
    """
    connection = db.session.connection()
    check_in, add = _writes(connection.dialect.name)
    made = connection.execute(check_in, {"venue_id": venue_id, "day": day,
                                         "visitor": visitor}).first() is not None
    if made:
        connection.execute(add, {"venue_id": venue_id, "day": day, "count": 1,
                                 "source": CountSource.QR_CHECKIN.value,
                                 "updated_at": utcnow()})
    return made


def commit_without_waiting_for_disk() -> None:
    """Let this transaction's commit return before the disk has it (PostgreSQL only).

    Asynchronous commit (SET LOCAL: this transaction only): a crash of the database's host
    may lose the last fraction of a second of check-ins, never half of one and never a count
    without its check-in (one transaction); a check-in is one visitor of a sample, and not
    waiting for the WAL's fsync (3.5 ms on the 2-core machine) per check-in is most of their
    throughput. SQLite's connections already commit without an fsync (database.py).
    """
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")


def checked_in(*, venue_id: int, day: date, visitor: str) -> bool:
    """Return whether this visitor has checked in at this venue today (a reload, a retry)."""
    return db.session.connection().execute(_CHECKED_IN, {
        "venue_id": venue_id, "day": day, "visitor": visitor}).first() is not None


_CHECKED_IN = sa.select(CheckIn.id).where(
    CheckIn.venue_id == sa.bindparam("venue_id"), CheckIn.day == sa.bindparam("day"),
    CheckIn.visitor == sa.bindparam("visitor"))

#: SQLite writes one transaction at a time; this process's threads queue for it here, and
#: the processes on a lock file beside the database.
_sqlite_writer = threading.Lock()
_lock_files: dict[str, int] = {}


@contextmanager
def writer_turn() -> Iterator[None]:
    """On SQLite, let one writer of all processes in at a time; elsewhere do nothing.

    A writer waiting on SQLite's own lock polls it with growing sleeps (1, 2, 5 … 100 ms):
    with four gunicorn workers most of a check-in's time went to those sleeps, and under a
    crowd some waited past the busy timeout (5 s) and were lost (500). Waiting on a Python
    lock and an flock(2) instead, the next writer is woken the moment the last one commits.
    """
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        yield
        return
    with _sqlite_writer:
        handle = _lock_file(url.database)
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _lock_file(database: str) -> int:
    handle = _lock_files.get(database)
    if handle is None:
        handle = _lock_files[database] = os.open(f"{database}.writer-lock",
                                                 os.O_RDWR | os.O_CREAT, 0o600)
    return handle
