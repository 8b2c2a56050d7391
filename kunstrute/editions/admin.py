"""The organisers' pages of the core: publishing an edition, a studio's position, its access and
the artist's hours."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from kunstrute.auth.decorators import organiser_required, studio_editor_required
from kunstrute.csvfile import UnusableInput
from kunstrute.editions import bp
from kunstrute.editions.artist_rows import read_artists_csv
from kunstrute.editions.forms import ArtistImportForm, LocationForm, studio_details_form
from kunstrute.editions.importer import import_artists
from kunstrute.editions.jobs import place_studios
from kunstrute.editions.models import Participation, Studio
from kunstrute.editions.queries import (
    all_editions,
    edition_for_year,
    has_municipalities,
    upcoming_year,
)
from kunstrute.editions.services import (
    ACCESS_FIELDS,
    publish_edition,
    save_edition,
    save_studio_details,
    set_location,
    unpublish_edition,
)
from kunstrute.extensions import db
from kunstrute.timeutil import utcnow
from kunstrute.urls import DB_ID


@bp.route("/editions", methods=["GET", "POST"])
@organiser_required
def index():
    """List the editions; import an artists CSV and show its line-numbered report."""
    form = _import_form()
    limit = current_app.config["IMPORT_MAX_BYTES"]
    if (request.content_length or 0) > limit + 64 * 1024:  # the form's other parts are small
        return _editions_page(_too_large(form, limit), status=413)
    if not form.validate_on_submit():
        return _editions_page(form, status=400 if form.errors else 200)
    data = form.file.data.read(limit + 1)
    if len(data) > limit:
        return _editions_page(_too_large(form, limit), status=413)
    if not has_municipalities():
        form.file.errors.append(_("No municipalities are loaded, so no row can be placed in one. "
                                  "Load them first: flask --app kunstrute import-municipalities "
                                  "data/municipalities.csv"))
        return _editions_page(form, status=400)
    try:
        table = read_artists_csv(data)
    except UnusableInput as exc:
        form.file.errors.append(str(exc))
        return _editions_page(form, status=400)
    edition = edition_for_year(form.year.data) or save_edition(year=form.year.data)
    report = import_artists(rows=table.rows, edition=edition)
    unplaced = [studio.id for studio in report.unplaced]
    db.session.commit()  # the one commit: a failure before it leaves nothing written
    if unplaced:
        place_studios(unplaced)  # geocoding is a job, never part of the request
    return _editions_page(_import_form(formdata=None, year=edition.year), table=table,
                          report=report, edition=edition, placing=len(unplaced))


def _import_form(**values) -> ArtistImportForm:
    form = ArtistImportForm(**values)
    form.year.choices = [(e.year, e.title) for e in all_editions()] or [
        (upcoming_year(), _("A new edition %(year)s (draft)", year=upcoming_year()))]
    return form


def _too_large(form: ArtistImportForm, limit: int) -> ArtistImportForm:
    form.file.errors = [_("The file is larger than %(mb)s MB. Split it in two, or import it on "
                          "the server with flask --app kunstrute import-artists.",
                          mb=f"{limit / 1024 / 1024:g}")]
    return form


def _editions_page(form: ArtistImportForm, *, status: int = 200, **report):
    return render_template("editions/index.html", editions=all_editions(), form=form,
                           **report), status


@bp.route(f"/editions/<{DB_ID}:year>/publish", methods=["POST"])
@organiser_required
def publish(year: int):
    edition = edition_for_year(year) or abort(404)
    publish_edition(edition=edition, now=utcnow())
    db.session.commit()
    flash(_("%(title)s is published.", title=edition.title), "success")
    return redirect(url_for("organiser.index", year=year))


@bp.route(f"/editions/<{DB_ID}:year>/unpublish", methods=["POST"])
@organiser_required
def unpublish(year: int):
    edition = edition_for_year(year) or abort(404)
    unpublish_edition(edition=edition)
    db.session.commit()
    flash(_("%(title)s is a draft again: the public site no longer shows it.",
            title=edition.title), "success")
    return redirect(url_for("organiser.index", year=year))


@bp.route(f"/studios/<{DB_ID}:studio_id>/location", methods=["GET", "POST"])
@organiser_required
def studio_location(studio_id: int):
    studio = db.session.get(Studio, studio_id) or abort(404)
    form = LocationForm(data={"lat": studio.lat, "lon": studio.lon})
    if form.validate_on_submit():
        set_location(studio=studio, lat=float(form.lat.data), lon=float(form.lon.data))
        db.session.commit()
        flash(_("The position of %(address)s is saved.", address=studio.address), "success")
        return redirect(url_for("organiser.index"))
    status = 400 if form.errors else 200
    return render_template("editions/studio_location.html", studio=studio, form=form), status


@bp.route(f"/participations/<{DB_ID}:participation_id>/studio", methods=["GET", "POST"])
@studio_editor_required
def participation_studio(participation_id: int):
    participation = db.session.get(Participation, participation_id) or abort(404)
    form = studio_details_form(participation)
    if form.validate_on_submit():
        save_studio_details(participation=participation,
                            access={key: form[key].answer for key in ACCESS_FIELDS},
                            hours=form.parsed_hours, days=form.days.data)
        db.session.commit()
        flash(_("Hours and access for %(name)s are saved.", name=participation.artist.name),
              "success")
        return redirect(url_for("organiser.index") + "#studio-details")
    status = 400 if form.errors else 200
    return render_template("editions/participation_studio.html", participation=participation,
                           edition=participation.edition, studio=participation.studio,
                           form=form), status
