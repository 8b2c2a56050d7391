"""The organisers' newsletters: write in Markdown, preview, send a test to yourself."""

import sqlalchemy as sa
from flask import abort, flash, jsonify, redirect, render_template, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from kunstrute import mail
from kunstrute.auth.decorators import organiser_required
from kunstrute.extensions import db
from kunstrute.newsletter import admin_bp
from kunstrute.newsletter.forms import NewsletterForm, SendForm, TestSendForm
from kunstrute.newsletter.jobs import send_newsletter_job
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
                           progress=_progress(newsletter), form=TestSendForm())


@admin_bp.route(f"/<{DB_ID}:newsletter_id>/test", methods=["POST"])
@organiser_required
def send_test(newsletter_id: int):
    newsletter = db.session.get(Newsletter, newsletter_id) or abort(404)
    if TestSendForm().validate_on_submit():
        me = Subscriber(id=0, email=current_user.email, language=str(get_locale()))  # not stored
        mail.send(compose(newsletter, me, test=True))
        flash(_("A test was sent to %(email)s.", email=current_user.email), "success")
    return redirect(url_for("newsletter_admin.show", newsletter_id=newsletter.id))


@admin_bp.route(f"/<{DB_ID}:newsletter_id>/send", methods=["GET", "POST"])
@organiser_required
def send(newsletter_id: int):
    """Ask "send to N subscribers?"; on yes, queue the sending and show its progress."""
    newsletter = db.session.get(Newsletter, newsletter_id) or abort(404)
    left, form = remaining(newsletter), SendForm()
    if left and form.validate_on_submit():
        if newsletter.status != NewsletterStatus.SENDING:
            newsletter.change_status(NewsletterStatus.SENDING)
        db.session.commit()
        send_newsletter_job(newsletter_id)
        flash(ngettext("The newsletter is on its way to %(num)d subscriber.",
                       "The newsletter is on its way to %(num)d subscribers.", left), "success")
        return redirect(url_for("newsletter_admin.show", newsletter_id=newsletter_id))
    if not left:
        flash(_("Every confirmed subscriber has had this newsletter."), "success")
        return redirect(url_for("newsletter_admin.show", newsletter_id=newsletter.id))
    return render_template("newsletter/admin/send.html", newsletter=newsletter, left=left,
                           form=form)


@admin_bp.route(f"/<{DB_ID}:newsletter_id>/progress.json")
@organiser_required
def progress(newsletter_id: int):
    newsletter = db.session.get(Newsletter, newsletter_id) or abort(404)
    response = jsonify(_progress(newsletter))
    response.headers["Cache-Control"] = "no-store"
    return response


def _progress(newsletter: Newsletter) -> dict:
    """Return how far the sending has come, with the words the page shows."""
    sent = delivered_counts().get(newsletter.id, 0)
    total = sent + remaining(newsletter)
    status = newsletter.status.value
    if status == NewsletterStatus.SENDING:
        text = _("Sending: %(sent)d of %(total)d sent.", sent=sent, total=total)
    else:
        text = _("Sent to %(sent)d of %(total)d.", sent=sent, total=total)
    return {"status": status, "sent": sent, "total": total, "text": text}
