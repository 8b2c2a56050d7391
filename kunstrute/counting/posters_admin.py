"""The organisers' poster pages: the venues' codes, one PDF per studio, and all in one PDF."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kunstrute.audit.services import record
from kunstrute.auth.decorators import organiser_required
from kunstrute.counting import admin_bp
from kunstrute.counting.jobs import make_all_posters
from kunstrute.counting.models import Venue
from kunstrute.counting.posters import (
    all_posters,
    mark_building,
    poster_for,
    render_pdf,
)
from kunstrute.counting.venues import edition_venues, ensure_venues
from kunstrute.editions.queries import edition_for_year
from kunstrute.extensions import db
from kunstrute.urls import DB_ID


def _edition(year: int):
    return edition_for_year(year) or abort(404)


@admin_bp.route(f"/<{DB_ID}:year>/posters")
@organiser_required
def posters(year: int):
    """List the venues with their codes and posters; a GET writes nothing."""
    edition = _edition(year)
    venues = edition_venues(edition)
    rows = [(venue, poster_for(venue)) for venue in venues]
    return render_template("counting/posters.html", edition=edition, rows=rows,
                           all_posters=all_posters(edition))


@admin_bp.route(f"/<{DB_ID}:year>/posters/codes", methods=["POST"])
@organiser_required
def make_codes(year: int):
    """Give every accepted artist (and the exhibition) a poster code; existing codes stay."""
    edition = _edition(year)
    made = ensure_venues(edition=edition)
    if made:
        record(actor=current_user, action="venues.made", obj=edition,
               detail=f"{made} poster codes")
    db.session.commit()
    flash(_("%(num)d new poster codes.", num=made) if made
          else _("Every artist has a poster code already."), "success")
    return redirect(url_for(".posters", year=year))


@admin_bp.route(f"/<{DB_ID}:year>/posters/<{DB_ID}:venue_id>.pdf")
@organiser_required
def poster_pdf(year: int, venue_id: int):
    """Return one venue's poster (about a third of a second to lay out)."""
    edition = _edition(year)
    venue = db.session.get(Venue, venue_id)
    if venue is None or venue.edition_id != edition.id:
        abort(404)
    poster = poster_for(venue)
    return _pdf(render_pdf([poster]), poster.filename)


@admin_bp.route(f"/<{DB_ID}:year>/posters/all", methods=["POST"])
@organiser_required
def make_all(year: int):
    """Queue the all-in-one PDF (a job: about 7 s for 105 studios)."""
    edition = _edition(year)
    if not edition_venues(edition):
        flash(_("Make the poster codes first."), "error")
        return redirect(url_for(".posters", year=year))
    mark_building(edition)
    make_all_posters(edition.id)
    flash(_("The posters are being put in one PDF. Reload this page in a minute."), "success")
    return redirect(url_for(".posters", year=year))


@admin_bp.route(f"/<{DB_ID}:year>/posters/all.pdf")
@organiser_required
def all_pdf(year: int):
    edition = _edition(year)
    state = all_posters(edition)
    if state.made_at is None:
        abort(404)
    return send_file(state.path, mimetype="application/pdf", as_attachment=True,
                     download_name=f"posters-{edition.year}.pdf", max_age=0)


def _pdf(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response

