"""The artist's report: /report when signed in, /report/<key> through a personal link.

For each open day of the studio: visitors, sales in NOK and works sold (no buyer data), and
for today a one-tap tally (static/js/tally.js) whose batches arrive at …/tally as JSON.
"""

from __future__ import annotations

import re
from datetime import date

from flask import abort, flash, jsonify, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict

from kunstrute.counting import bp
from kunstrute.counting.forms import TallyForm, report_form
from kunstrute.counting.links import can_report, own_venue, venue_for_key
from kunstrute.counting.models import Venue
from kunstrute.counting.reporting import (
    ReportRefused,
    day_figures,
    record_tally,
    save_day,
    tallied_on,
    venue_days,
)
from kunstrute.counting.services import CountingLocked, is_locked
from kunstrute.counting.venues import settings_for
from kunstrute.extensions import csrf, db, limiter
from kunstrute.limits import client_address
from kunstrute.timeutil import oslo_today

#: The day fields of a posted report: d20270911_visitors and the like.
DAY_FIELD = re.compile(r"d(\d{8})_(?:visitors|seen|amount|works)")
#: Taps arrive every ~30 s per phone; this leaves room for a day's backlog after a dead zone.
TALLY_LIMIT = "120 per minute"


def locked_message() -> str:
    return _("The organisers have locked this year's figures, so they can no longer be "
             "changed. Ask them if something is wrong.")


@bp.route("/report", methods=["GET", "POST"])
@login_required
def report():
    """The signed-in artist's report for their studio in the newest edition."""
    venue = own_venue(current_user)
    if venue is None or not can_report(current_user, venue):
        if request.method == "POST":
            abort(404)
        return render_template("counting/report_none.html")
    db.session.commit()  # own_venue may have made the edition's venues
    return _report(venue, public=False, actor=current_user, tally_url=url_for(".tally"),
                   self_url=url_for(".report"))


@bp.route("/report/<key>", methods=["GET", "POST"])
@csrf.exempt  # a PublicForm: its own token and origin check, no session (security.py)
def report_by_link(key: str):
    """The same report through the artist's personal link (no account needed)."""
    venue = _venue_for_key_or_404(key)
    return _private(_report(venue, public=True, actor=_link_actor(venue),
                            tally_url=url_for(".tally_by_link", key=key),
                            self_url=url_for(".report_by_link", key=key)))


def _venue_for_key_or_404(key: str) -> Venue:
    venue = venue_for_key(key)
    if venue is None:
        abort(make_response(render_template("counting/bad_link.html"), 404))
    return venue


def _link_actor(venue: Venue) -> str:
    """Return who reported through a link, for the audit log (nobody is signed in)."""
    return f"report link, no. {venue.participation.catalogue_no}"


def _private(response):
    """Keep a page reached by a secret link out of caches and other sites' referrers."""
    response = make_response(response)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _report(venue: Venue, *, public: bool, actor, tally_url: str, self_url: str):
    """Show the report form, or save it: every day at once, or nothing."""
    days = venue_days(venue)
    locked = is_locked(venue.edition_id)
    if request.method == "GET" or locked:
        if request.method == "POST":
            flash(locked_message(), "error")
        form = report_form(days, public=public, figures=day_figures(venue), formdata=None)
        return _page(venue, form, days, public=public, tally_url=tally_url, locked=locked,
                     status=409 if request.method == "POST" else 200)
    form = report_form(days, public=public)
    stray = _stray_days(days)
    settings = settings_for(venue.edition)
    valid = form.validate_on_submit() and _pairs_complete(form, days)
    if valid and not stray and form.check_thresholds(
            days, warn_visitors=settings.warn_visitors_above,
            warn_sales=settings.warn_sales_above_nok):
        try:
            _save(venue, form, days, actor=actor)
        except (ReportRefused, CountingLocked) as refused:  # locked meanwhile; bounds
            db.session.rollback()
            flash(locked_message() if isinstance(refused, CountingLocked)
                  else _("Nothing was saved: check the figures."), "error")
        else:
            db.session.commit()
            flash(_("Thank you: your figures are saved."), "success")
            return redirect(self_url)
    db.session.rollback()
    if stray:
        flash(_("That day is not one of your studio's open days, so nothing was saved."),
              "error")
    return _page(venue, form, days, public=public, tally_url=tally_url, locked=False,
                 status=400)


def _stray_days(days) -> list[str]:
    """Return the posted day fields that are not the studio's open days (refused)."""
    wanted = {f"{d:%Y%m%d}" for d in days}
    return sorted({m.group(1) for name in request.form if (m := DAY_FIELD.fullmatch(name))}
                  - wanted)


def _pairs_complete(form, days) -> bool:
    """Ask for the works when only an amount is given, and for the amount the other way."""
    complete = True
    for day in days:
        fields = form.fields_of(day)
        amount, works = fields["amount"], fields["works"]
        if (amount.data or 0) > 0 and not works.data and not works.errors:
            works.errors = [*works.errors, _("How many works were sold for this amount?")]
            complete = False
        if (works.data or 0) > 0 and not amount.data and not amount.errors:
            amount.errors = [*amount.errors, _("What did the works sell for, in NOK?")]
            complete = False
    return complete


def _save(venue: Venue, form, days, *, actor) -> None:
    for day in days:
        fields = form.fields_of(day)
        typed = fields["visitors"].data
        seen = fields["seen"].data or ""
        # Only a figure the artist changed is set, so taps the tally sent since the page
        # was opened are not overwritten by the number the page showed then.
        visitors = typed if typed is not None and str(typed) != seen.strip() else None
        save_day(venue=venue, day=day, visitors=visitors,
                 amount_nok=fields["amount"].data or 0, works=fields["works"].data or 0,
                 actor=actor)


def _page(venue: Venue, form, days, *, public: bool, tally_url: str, locked: bool,
          status: int):
    today = oslo_today()
    tally_day = today if today in days and not locked else None
    token = TallyForm().csrf_token.current_token if public else None
    return render_template(
        "counting/report.html", venue=venue, form=form, days=days, locked=locked,
        figures={f.day: f for f in day_figures(venue)}, tally_day=tally_day,
        tally_url=tally_url, tally_token=token, public=public,
        sent_today=tallied_on(venue, today) if tally_day else 0), status


# The tally's batches: JSON {batch, day, taps}; answered in JSON.

@bp.route("/report/tally", methods=["POST"])
@login_required
@limiter.limit(TALLY_LIMIT, key_func=client_address)
def tally():
    """Count a batch of the signed-in artist's tally (CSRF: the session's token header)."""
    venue = own_venue(current_user)
    if venue is None or not can_report(current_user, venue):
        abort(404)
    return _tally(venue)


@bp.route("/report/<key>/tally", methods=["POST"])
@limiter.limit(TALLY_LIMIT, key_func=client_address)
@csrf.exempt  # the TallyForm token in the X-CSRFToken header and the origin check, below
def tally_by_link(key: str):
    """Count a batch of the tally through the personal link."""
    venue = _venue_for_key_or_404(key)
    token = request.headers.get("X-CSRFToken") or request.form.get("csrf_token", "")
    if not TallyForm(formdata=MultiDict({"csrf_token": token})).validate():
        return _private(_answer(400, _("This page is out of date. Open it again.")))
    return _private(_tally(venue))


def _tally(venue: Venue):
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return _answer(400, _("Send the batch as JSON."))
    try:
        day = date.fromisoformat(str(payload.get("day")))
        counted = record_tally(venue=venue, batch=payload.get("batch"), day=day,
                               taps=payload.get("taps"))
    except CountingLocked:
        db.session.rollback()
        return _answer(409, locked_message())
    except (ReportRefused, ValueError):
        db.session.rollback()
        return _answer(400, _("This batch of taps cannot be counted: it is not for today, "
                              "or it is not one this page made."))
    db.session.commit()
    message = _("Counted.") if counted else _("Already counted.")
    return jsonify(counted=counted, message=message, sent_today=tallied_on(venue, day))


def _answer(status: int, message: str):
    response = jsonify(error=message)
    response.status_code = status
    return response
