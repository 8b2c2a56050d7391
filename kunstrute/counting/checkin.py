"""GET /c/<code>: the QR poster's link. Counts one visit and sends the visitor on.

The visitor lands on the artist's page (the exhibition's poster: the front page's exhibition)
whether or not the visit counted: a bot, a prefetch, a day outside the route, a locked
edition, a reload or an address over its limit is simply not counted. No cookie is set and
the session is never touched; the response may not be stored, so a second scan asks again.
"""

from __future__ import annotations

from flask import make_response, redirect, render_template, request, url_for

from kunstrute import limits
from kunstrute.counting import bp
from kunstrute.counting.visitors import (
    Target,
    checked_in,
    checkin_target,
    commit_without_waiting_for_disk,
    day_key,
    is_person,
    known_day_key,
    record_check_in,
    visitor_id,
    writer_turn,
)
from kunstrute.extensions import db
from kunstrute.pagecache import writes_shown_on_no_page
from kunstrute.timeutil import oslo_today


@bp.route("/c/<code>")
def check_in(code: str):
    target = checkin_target(code)
    if target is None:
        response = make_response(render_template("counting/unknown_code.html"), 404)
    else:
        day = oslo_today()
        if target.counts_on(day) and is_person(request):
            _count(target, day)
        response = redirect(_destination(target), 303)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _count(target: Target, day) -> None:
    """Record the visit once per visitor, venue and day, within the address's limits."""
    venue_id = target.venue_id
    key = known_day_key(day)
    if key is None:  # once per day and worker
        with writer_turn():
            key = day_key(day)
            db.session.commit()  # a key made now is every worker's at once
    visitor = visitor_id(key, venue_id=venue_id, address=limits.client_address(),
                         user_agent=request.headers.get("User-Agent", ""),
                         languages=request.headers.get("Accept-Language", ""))
    # A reload or a retry writes nothing and uses no limit up; only a new check-in is
    # counted against the limits, and an over-limit visitor lands uncounted.
    if checked_in(venue_id=venue_id, day=day, visitor=visitor):
        return
    if not limits.take_checkin(venue_id):
        return
    with writer_turn():  # SQLite: the write lock is held for two statements and the commit
        record_check_in(venue_id=venue_id, day=day, visitor=visitor)
        writes_shown_on_no_page()  # a count is on no public page; see pagecache
        commit_without_waiting_for_disk()
        db.session.commit()


def _destination(target: Target) -> str:
    if target.slug is None:
        return url_for("guide.index", _anchor="exhibition")
    return url_for("guide.artist", slug=target.slug)
