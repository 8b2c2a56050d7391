"""The organisers' counting page, /organiser/counting/<year>: every venue's sources side by
side and which one counts, who has not reported (and a reminder to them), the personal
report links, the lock and the "are you sure?" thresholds."""

from __future__ import annotations

import secrets

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kunstrute.audit.services import record
from kunstrute.auth.decorators import organiser_required
from kunstrute.counting import admin_bp as bp
from kunstrute.counting.admin_queries import not_reported, venue_rows
from kunstrute.counting.forms import ActionForm, SourceForm, ThresholdsForm
from kunstrute.counting.jobs import send_report_reminders
from kunstrute.counting.links import make_report_key, revoke_report_key
from kunstrute.counting.models import CountSource, Venue, VenueKind
from kunstrute.counting.venues import ensure_venues, settings_for
from kunstrute.editions.models import Edition
from kunstrute.editions.queries import edition_for_year
from kunstrute.extensions import db, limiter
from kunstrute.timeutil import utcnow
from kunstrute.urls import DB_ID

#: The reminder button queues e-mails to many: a few presses an hour per organiser is plenty
#: (each studio gets at most one a day anyway, counting/jobs.py).
REMIND_LIMIT = "5 per hour"


def _edition(year: int) -> Edition:
    return edition_for_year(year) or abort(404)


def _venue(edition: Edition, venue_id: int) -> Venue:
    venue = db.session.get(Venue, venue_id)
    if venue is None or venue.edition_id != edition.id:
        abort(404)
    return venue


def _back(year: int, anchor: str = ""):
    return redirect(url_for(".index", year=year) + anchor)


@bp.route(f"/<{DB_ID}:year>")
@organiser_required
def index(year: int):
    edition = _edition(year)
    if ensure_venues(edition=edition):
        db.session.commit()  # the venues are made the first time anyone needs them
    settings = settings_for(edition)
    db.session.commit()
    return _page(edition, settings, ThresholdsForm(obj=settings))


def _page(edition: Edition, settings, thresholds_form, status: int = 200):
    rows = venue_rows(edition)
    studios = [r for r in rows if r.kind == VenueKind.STUDIO]
    return render_template(
        "counting/admin.html", edition=edition, rows=rows, settings=settings,
        missing=not_reported(edition), studios=studios,
        reported=sum(r.reported for r in studios), action=ActionForm(),
        thresholds=thresholds_form, sources=CountSource), status


@bp.route(f"/<{DB_ID}:year>/venues/<{DB_ID}:venue_id>/source", methods=["POST"])
@organiser_required
def source(year: int, venue_id: int):
    """Choose the source that counts for a venue (empty: the default rule); audited."""
    edition = _edition(year)
    venue = _venue(edition, venue_id)
    form = SourceForm()
    if not form.validate_on_submit():
        flash(_("Choose one of the sources."), "error")
        return _back(year)
    chosen = CountSource(form.source.data) if form.source.data else None
    if chosen != venue.authoritative_source:
        old = venue.authoritative_source.value if venue.authoritative_source else "default"
        venue.authoritative_source = chosen
        record(actor=current_user, action="venue.source", obj=venue,
               detail=f"{old} → {chosen.value if chosen else 'default'}")
        db.session.commit()
    flash(_("The source is saved."), "success")
    return _back(year, f"#venue-{venue.id}")


@bp.route(f"/<{DB_ID}:year>/venues/<{DB_ID}:venue_id>/link", methods=["POST"])
@organiser_required
def link(year: int, venue_id: int):
    """Make a new personal report link for a studio, or revoke its link; audited."""
    edition = _edition(year)
    venue = _venue(edition, venue_id)
    form = ActionForm()
    if not form.validate_on_submit() or venue.kind != VenueKind.STUDIO:
        abort(400)
    if request.form.get("do") == "revoke":
        revoke_report_key(venue=venue, actor=current_user)
        flash(_("The link is revoked: it no longer works."), "success")
    else:
        make_report_key(venue=venue, actor=current_user)
        flash(_("A new link is made; the old one, if any, no longer works."), "success")
    db.session.commit()
    return _back(year, f"#venue-{venue.id}")


@bp.route(f"/<{DB_ID}:year>/links", methods=["POST"])
@organiser_required
def links(year: int):
    """Give every studio without a personal report link one; audited per studio."""
    edition = _edition(year)
    if not ActionForm().validate_on_submit():
        abort(400)
    ensure_venues(edition=edition)
    made = 0
    for row in venue_rows(edition):
        if row.kind == VenueKind.STUDIO and not row.has_link:
            make_report_key(venue=db.session.get(Venue, row.venue_id), actor=current_user)
            made += 1
    db.session.commit()
    flash(_("%(num)s links made.", num=made), "success")
    return _back(year, "#links")


@bp.route(f"/<{DB_ID}:year>/remind", methods=["POST"])
@organiser_required
@limiter.limit(REMIND_LIMIT, key_func=lambda: f"remind:{current_user.get_id()}",
               methods=["POST"])
def remind(year: int):
    """Queue a reminder e-mail to every studio that has not reported (a job)."""
    edition = _edition(year)
    if not ActionForm().validate_on_submit():
        abort(400)
    missing = not_reported(edition)
    record(actor=current_user, action="counting.reminders", obj=edition,
           detail=f"{len(missing)} studios have not reported")
    db.session.commit()
    send_report_reminders(edition.id, secrets.token_hex(8))
    flash(_("Reminders are on their way to the %(num)s studios that have not reported (at "
            "most one a day to each).", num=len(missing)), "success")
    return _back(year, "#coverage")


@bp.route(f"/<{DB_ID}:year>/lock", methods=["POST"])
@organiser_required
def lock(year: int):
    return _set_lock(year, locked=True)


@bp.route(f"/<{DB_ID}:year>/unlock", methods=["POST"])
@organiser_required
def unlock(year: int):
    return _set_lock(year, locked=False)


def _set_lock(year: int, *, locked: bool):
    """Lock or unlock the edition's counts and sales; audited."""
    edition = _edition(year)
    if not ActionForm().validate_on_submit():
        abort(400)
    settings = settings_for(edition)
    if (settings.locked_at is not None) != locked:
        settings.locked_at = utcnow() if locked else None
        record(actor=current_user, action="counting.locked" if locked else "counting.unlocked",
               obj=edition)
        db.session.commit()
    flash(_("The figures are locked: nobody can change them until you unlock them.") if locked
          else _("The figures are unlocked: artists can correct them again."), "success")
    return _back(year, "#lock")


@bp.route(f"/<{DB_ID}:year>/thresholds", methods=["POST"])
@organiser_required
def thresholds(year: int):
    """Save the figures above which artists are asked "are you sure?"; audited."""
    edition = _edition(year)
    settings = settings_for(edition)
    form = ThresholdsForm()
    if not form.validate_on_submit():
        return _page(edition, settings, form, 400)
    old = (settings.warn_visitors_above, settings.warn_sales_above_nok)
    settings.warn_visitors_above = form.warn_visitors_above.data
    settings.warn_sales_above_nok = form.warn_sales_above_nok.data
    record(actor=current_user, action="counting.thresholds", obj=edition,
           detail=f"{old[0]}/{old[1]} → {settings.warn_visitors_above}/"
                  f"{settings.warn_sales_above_nok}")
    db.session.commit()
    flash(_("The thresholds are saved."), "success")
    return _back(year, "#thresholds")
