"""The organisers' overview and the studio position form."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from kunstrute.auth.decorators import organiser_required
from kunstrute.extensions import db
from kunstrute.organiser import bp
from kunstrute.organiser.forms import LocationForm
from kunstrute.organiser.services import edition_summary, set_location, studios_needing_attention
from kunstrute.route.editions import current_edition
from kunstrute.route.models import Studio


@bp.route("/")
@organiser_required
def index():
    edition = current_edition()
    summary = edition_summary(edition) if edition else None
    attention = studios_needing_attention(edition) if edition else []
    return render_template("organiser/index.html", edition=edition, summary=summary,
                           attention=attention)


@bp.route("/studios/<int:studio_id>/location", methods=["GET", "POST"])
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
    return render_template("organiser/studio_location.html", studio=studio, form=form), status
