"""The artist's own page: /account/page. An accepted artist keeps their guide page current:
the bio in Norwegian and English, the website, their hours and days, the studio's access,
and the works shown (order, remove, add)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from kunstrute.auth.permissions import can_edit_studio
from kunstrute.editions import account_bp as bp
from kunstrute.editions.artist_page import (
    add_work,
    move_work,
    own_artist,
    own_participation,
    remove_work,
    save_artist_page,
)
from kunstrute.editions.forms import ArtistPageForm, WorkForm, studio_details_form
from kunstrute.editions.models import Work
from kunstrute.editions.services import ACCESS_FIELDS, save_studio_details
from kunstrute.extensions import db
from kunstrute.media.services import UploadError, queue_processing, store_image
from kunstrute.urls import DB_ID


def _mine():
    """Return (artist, participation) of the signed-in user; either may be None."""
    artist = own_artist(current_user)
    return artist, own_participation(artist) if artist else None


def _page(artist, participation, *, status=200, **forms):
    if artist is not None:
        forms.setdefault("about", ArtistPageForm(obj=artist))
    if participation is not None:
        forms.setdefault("studio", studio_details_form(participation))
        forms.setdefault("new_work", WorkForm())
    return render_template("editions/account_page.html", artist=artist,
                           participation=participation, **forms), status


@bp.route("", methods=["GET", "POST"])
@login_required
def page():
    """Show the artist's page with its forms; save the bio and website."""
    artist, participation = _mine()
    if artist is None:
        return _page(None, None)
    form = ArtistPageForm(obj=artist)
    if not form.validate_on_submit():
        return _page(artist, participation, about=form, status=400 if form.errors else 200)
    save_artist_page(artist=artist, bio=form.bio.data or "", bio_en=form.bio_en.data or "",
                     website=form.website.data or "", actor=current_user)
    db.session.commit()
    flash(_("Your page is saved."), "success")
    return redirect(url_for(".page"))


def _own_participation_or_404():
    artist, participation = _mine()
    if participation is None or not can_edit_studio(current_user, participation):
        abort(404)
    return artist, participation


@bp.route("/studio", methods=["POST"])
@login_required
def studio():
    """Save the artist's hours and days and the studio's access answers."""
    artist, participation = _own_participation_or_404()
    form = studio_details_form(participation)
    if not form.validate_on_submit():
        return _page(artist, participation, studio=form, status=400)
    save_studio_details(participation=participation,
                        access={key: form[key].answer for key in ACCESS_FIELDS},
                        hours=form.parsed_hours, days=form.days.data)
    db.session.commit()
    flash(_("Your hours and the studio's access are saved."), "success")
    return redirect(url_for(".page") + "#hours")


@bp.route("/works", methods=["POST"])
@login_required
def new_work():
    """Add a work: the image is checked, stored, and shown once its copies are made."""
    artist, participation = _own_participation_or_404()
    form = WorkForm()
    if form.validate_on_submit():
        try:
            image = store_image(upload=form.image.data, owner=current_user)
        except UploadError as error:
            form.image.errors.append(str(error))
        else:
            add_work(participation=participation, image=image, title=form.title.data,
                     year=form.year.data, technique=form.technique.data or "",
                     size=form.size.data or "")
            db.session.commit()
            queue_processing([image])
            flash(_("The work is added. It shows in the guide in a minute, once the image "
                    "is ready."), "success")
            return redirect(url_for(".page") + "#works")
    db.session.rollback()
    return _page(artist, participation, new_work=form, status=400)


def _own_work(work_id: int) -> Work:
    _artist, participation = _own_participation_or_404()
    work = db.session.get(Work, work_id)
    if work is None or work.participation_id != participation.id:
        abort(404)  # another artist's work: as if it did not exist
    return work


@bp.route(f"/works/<{DB_ID}:work_id>/move", methods=["POST"])
@login_required
def move(work_id: int):
    work = _own_work(work_id)
    move_work(work=work, offset=-1 if request.form.get("to") == "up" else 1)
    db.session.commit()
    return redirect(url_for(".page") + "#works")


@bp.route(f"/works/<{DB_ID}:work_id>/remove", methods=["POST"])
@login_required
def remove(work_id: int):
    work = _own_work(work_id)
    title = work.title
    remove_work(work=work)
    db.session.commit()
    flash(_("“%(title)s” is no longer shown.", title=title), "success")
    return redirect(url_for(".page") + "#works")
