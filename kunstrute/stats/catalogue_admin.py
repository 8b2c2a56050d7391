"""The organisers' catalogue page: build the printed catalogue (a job), follow it, download it."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from kunstrute.auth.decorators import organiser_required
from kunstrute.editions.queries import edition_for_year
from kunstrute.extensions import db, limiter
from kunstrute.stats import bp
from kunstrute.stats.catalogue_build import (
    build_path,
    edition_builds,
    is_stale,
    request_build,
    stale_reason,
    unfinished_build,
)
from kunstrute.stats.jobs import build_catalogue
from kunstrute.stats.models import CatalogueBuild, CatalogueFormat, CatalogueStatus
from kunstrute.urls import DB_ID

#: Builds an organiser may ask for: each takes the worker for seconds to minutes.
BUILD_LIMIT = "10 per hour"
FORMAT_LABELS = {CatalogueFormat.A4: _l("A4 (210 × 297 mm)"),
                 CatalogueFormat.TABLOID: _l("Newspaper (280 × 400 mm)")}


class CatalogueForm(FlaskForm):
    page_format = RadioField(
        _l("Page format"), default=CatalogueFormat.A4.value,
        choices=[SelectChoice(f.value, label) for f, label in FORMAT_LABELS.items()],
        validators=[InputRequired(_l("Choose the page format."))])


def _edition(year: int):
    return edition_for_year(year) or abort(404)


@bp.route(f"/editions/<{DB_ID}:year>/catalogue", methods=["GET", "POST"])
@organiser_required
@limiter.limit(BUILD_LIMIT, key_func=lambda: f"catalogue:{current_user.get_id()}",
               methods=["POST"])
def catalogue(year: int):
    """Show the builds; on POST queue a build, unless one is under way."""
    edition = _edition(year)
    form = CatalogueForm()
    if form.validate_on_submit():
        build = request_build(edition=edition, page_format=CatalogueFormat(form.page_format.data),
                              requested_by_id=current_user.id)
        db.session.commit()
        if build is None:
            flash(_("A catalogue is being built already; this page shows how far it has come."),
                  "error")
        else:
            build_catalogue(build.id)
            flash(_("The catalogue is being built. This page shows how far it has come."),
                  "success")
        return redirect(url_for(".catalogue", year=year))
    builds = edition_builds(edition)
    return render_template("stats/catalogue.html", edition=edition, form=form, builds=builds,
                           running=unfinished_build(edition), progress=_progress,
                           labels=FORMAT_LABELS, has_file=lambda b: build_path(b) is not None
                           ), 400 if form.errors else 200


def _build(edition, build_id: int) -> CatalogueBuild:
    build = db.session.get(CatalogueBuild, build_id)
    if build is None or build.edition_id != edition.id:
        abort(404)
    return build


@bp.route(f"/editions/<{DB_ID}:year>/catalogue/<{DB_ID}:build_id>.pdf")
@organiser_required
def catalogue_pdf(year: int, build_id: int):
    """Send a finished build's PDF (the file is named by the build, never by the request)."""
    edition = _edition(year)
    path = build_path(_build(edition, build_id))
    if path is None:
        abort(404)
    return send_file(path, mimetype="application/pdf", as_attachment=True, max_age=0,
                     download_name=f"katalog-{edition.year}-{build_id}.pdf")


@bp.route(f"/editions/<{DB_ID}:year>/catalogue/<{DB_ID}:build_id>.json")
@organiser_required
def catalogue_progress(year: int, build_id: int):
    """Return a build's state and progress, for the page's script while it runs."""
    response = jsonify(_progress(_build(_edition(year), build_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


def _progress(build: CatalogueBuild) -> dict:
    """Return the build's state with the words the page shows (a stale build as failed: the
    next build marks it so)."""
    if is_stale(build):
        return {"status": CatalogueStatus.FAILED.value, "done": build.done,
                "total": build.total, "text": _("Failed: %(reason)s", reason=stale_reason())}
    if build.status == CatalogueStatus.QUEUED:
        text = _("Waiting for the background worker to start.")
    elif build.status == CatalogueStatus.RUNNING:
        text = _("Laid out %(done)d of %(total)d artists.", done=build.done, total=build.total)
    elif build.status == CatalogueStatus.DONE:
        text = _("Done: %(pages)d pages.", pages=build.pages or 0)
    else:
        text = _("Failed: %(reason)s", reason=build.error or "")
    return {"status": build.status.value, "done": build.done, "total": build.total,
            "text": text}
