"""The public pages' cache: a page made once is served to every anonymous visitor.

A page is kept under its host, path, sorted query, language, the data version and the
minute (`page_key`). The data version is a random token in the one-row table
`data_versions`, replaced in the same transaction as every write (`_bump_on_commit`): any
commit that inserted, updated or deleted a row, from a request, a command or a job, in any
process, makes every earlier page unreachable, so nothing is stale after an organiser saves.
A random token, not a counter, so a rolled-back or restored database never meets pages made
from other data. The minute covers what depends on "now" (open now, the next event, a
registration that closes): the opening hours and the programme are kept to the minute.

Only anonymous GETs are cached: a request with a session or remember cookie (a signed-in
organiser, or a visitor with a message to show) is made afresh and never stored, and a page
that set a cookie or touched the session is not stored either. Each entry keeps its body,
its gzipped body (compressed once, not per request) and an ETag, so a browser that has the
page gets `304 Not Modified`. The backend is Flask-Caching: in process by default, Redis
with REDIS_URL (shared by every worker and host).
"""

from __future__ import annotations

import gzip
import hashlib
import secrets
from functools import wraps
from urllib.parse import urlencode

import sqlalchemy as sa
from flask import current_app, request, session
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column

from kunstrute import compression, timeutil
from kunstrute.extensions import cache, db

_CHANGED = "kunstrute.data_changed"
#: Headers of the view's own response that a cached copy keeps (others come from after_request).
_DROPPED = {"content-length", "set-cookie", "etag"}


class DataVersion(db.Model):
    """One row: a token replaced by every committed write (see the module's docstring)."""

    __tablename__ = "data_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(sa.String(32))


_READ_VERSION = sa.select(DataVersion.token).where(DataVersion.id == 1)


def data_version() -> str:
    """Return the current data version (one primary-key read, in Core: a quarter of the
    ORM's cost, on the session's connection so it sees the session's own writes)."""
    return db.session.connection().execute(_READ_VERSION).scalar() or "-"


@event.listens_for(Session, "after_flush")
def _note_flush(session, flush_context) -> None:
    if any(not isinstance(obj, DataVersion)
           for obj in (*session.new, *session.dirty, *session.deleted)):
        session.info[_CHANGED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_statement(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_CHANGED] = True


@event.listens_for(Session, "before_commit")
def _bump_on_commit(session) -> None:
    """Replace the data version inside the committing transaction when it wrote anything.

    Last before COMMIT, so the row is locked only for the moment the commit takes, and in the
    same transaction, so no reader sees the new data under the old version.
    """
    if session.new or session.dirty or session.deleted:
        session.flush()
    if not session.info.pop(_CHANGED, False):
        return
    token = secrets.token_hex(8)
    if session.execute(sa.update(DataVersion).where(DataVersion.id == 1)
                       .values(token=token)).rowcount == 0:
        session.add(DataVersion(id=1, token=token))
        session.flush()
    session.info.pop(_CHANGED, None)


def writes_shown_on_no_page() -> None:
    """Let this transaction's writes so far keep the data version when it commits.

    For writes no public page shows, made so often that replacing the version would empty
    the cache all the time and make one row every writer waits for (QR check-ins: up to a
    thousand a second). Call it right after those writes, in a transaction with no others.
    """
    db.session.info.pop(_CHANGED, None)


@event.listens_for(Session, "after_rollback")
def _forget_changes(session) -> None:
    session.info.pop(_CHANGED, None)


def page_key() -> str:
    """Return the cache key of the page this request asks for."""
    query = urlencode(sorted(request.args.items(multi=True)))
    minute = timeutil.utcnow().strftime("%Y%m%d%H%M")
    # No host in the key: pages build absolute links from BASE_URL, never from the request.
    raw = f"{request.path}?{query}|{get_locale()}|{data_version()}|{minute}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _anonymous_get() -> bool:
    config = current_app.config
    return request.method == "GET" and not (
        config["SESSION_COOKIE_NAME"] in request.cookies
        or config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies)


def _storable(response) -> bool:
    return (response.status_code == 200 and not response.is_streamed
            and not response.direct_passthrough and "Set-Cookie" not in response.headers
            and not session.modified and not current_user.is_authenticated)


def _entry(response) -> dict:
    body = response.get_data()
    headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _DROPPED]
    zipped = None
    if response.mimetype in compression.TYPES and len(body) >= compression.MIN_SIZE:
        zipped = gzip.compress(body, compresslevel=6, mtime=0)
    return {"body": body, "gzip": zipped, "headers": headers,
            "etag": hashlib.sha256(body).hexdigest()[:24]}


def _from_entry(entry: dict):
    zipped = entry["gzip"] is not None and compression.accepts_gzip(
        request.headers.get("Accept-Encoding", ""))
    etag = entry["etag"] + ("-gz" if zipped else "")
    response = current_app.response_class(headers=entry["headers"])
    response.set_etag(etag)
    response.headers.setdefault("Cache-Control", "no-cache")  # keep it, but ask each time
    response.vary.update(("Cookie", "Accept-Encoding"))  # the language cookie; gzip or not
    if request.if_none_match.contains_weak(etag):
        response.status_code = 304
        return response
    response.set_data(entry["gzip"] if zipped else entry["body"])
    if zipped:
        response.headers["Content-Encoding"] = "gzip"
    return response


def _cache_call(method, *args):
    """Call the cache; if it is down (Redis restarting), say so and make the page afresh."""
    try:
        return method(*args)
    except Exception:  # any backend's connection error: a slower page, not an error page
        current_app.logger.warning("page cache unavailable", exc_info=True)
        return None


def cached_page(view):
    """Serve the view's page from the cache to anonymous visitors (see the module)."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not _anonymous_get():
            return view(*args, **kwargs)
        key = page_key()
        entry = _cache_call(cache.get, key)
        if entry is None:
            response = current_app.make_response(view(*args, **kwargs))
            if not _storable(response):
                return response
            entry = _entry(response)
            _cache_call(cache.set, key, entry)
        return _from_entry(entry)
    return wrapper
