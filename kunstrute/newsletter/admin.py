"""The organisers' newsletters: write in Markdown, preview, send a test to yourself."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from kunstrute import mail
from kunstrute.auth.decorators import organiser_required
from kunstrute.extensions import db
from kunstrute.newsletter import admin_bp
from kunstrute.newsletter.forms import NewsletterForm, TestSendForm
from kunstrute.newsletter.models import Newsletter, NewsletterStatus, Subscriber
from kunstrute.newsletter.sending import delivered_counts, remaining
from kunstrute.newsletter.services import audience, compose, render_markdown
from kunstrute.urls import DB_ID


@admin_bp.route("/")
@organiser_required
def index():
    newsletters = db.session.scalars(
        sa.select(Newsletter).order_by(Newsletter.created_at.desc())).all()
    return render_template("newsletter/admin/index.html", newsletters=newsletters,
                           audience=audience(), delivered=delivered_counts())


@admin_bp.route("/new", methods=["GET", "POST"])
@organiser_required
def new():
    return _edit(None)


@admin_bp.route(f"/<{DB_ID}:newsletter_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit(newsletter_id: int):
    newsletter = db.session.get(Newsletter, newsletter_id) or abort(404)
    if newsletter.status != NewsletterStatus.DRAFT:
        flash(_("A newsletter that is being sent or was sent cannot be changed."), "error")
        return redirect(url_for("newsletter_admin.show", newsletter_id=newsletter.id))
    return _edit(newsletter)


def _edit(newsletter):
    form = NewsletterForm(obj=newsletter)
    if form.validate_on_submit():
        if newsletter is None:
            newsletter = Newsletter(created_by_id=current_user.id)
            db.session.add(newsletter)
        newsletter.subject = form.subject.data.strip()
        newsletter.body_markdown = form.body_markdown.data
        db.session.commit()
        flash(_("The newsletter is saved. Check the preview before sending."), "success")
        return redirect(url_for("newsletter_admin.show", newsletter_id=newsletter.id))
    status = 400 if form.errors else 200
    return render_template("newsletter/admin/edit.html", form=form,
                           newsletter=newsletter), status


@admin_bp.route(f"/<{DB_ID}:newsletter_id>")
@organiser_required
def show(newsletter_id: int):
    newsletter = db.session.get(Newsletter, newsletter_id) or abort(404)
    return render_template("newsletter/admin/show.html", newsletter=newsletter,
                           body=render_markdown(newsletter.body_markdown),
                           audience=audience(), left=remaining(newsletter),
                           form=TestSendForm())


@admin_bp.route(f"/<{DB_ID}:newsletter_id>/test", methods=["POST"])
@organiser_required
def send_test(newsletter_id: int):
    newsletter = db.session.get(Newsletter, newsletter_id) or abort(404)
    if TestSendForm().validate_on_submit():
        me = Subscriber(id=0, email=current_user.email, language=str(get_locale()))  # not stored
        mail.send(compose(newsletter, me, test=True))
        flash(_("A test was sent to %(email)s.", email=current_user.email), "success")
    return redirect(url_for("newsletter_admin.show", newsletter_id=newsletter.id))
