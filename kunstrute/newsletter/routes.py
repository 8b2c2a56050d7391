"""Public newsletter pages: subscribe, confirm, unsubscribe (no account needed)."""

from flask import render_template, request, url_for
from flask_babel import get_locale

from kunstrute import limits
from kunstrute.extensions import csrf, db
from kunstrute.newsletter import bp
from kunstrute.newsletter.forms import ConfirmForm, SubscribeForm
from kunstrute.newsletter.services import (
    BadLink,
    confirm,
    confirmation_for,
    consent_wording,
    read_token,
    send_confirmation,
    subscribe,
    unsubscribe,
)


@bp.route("", methods=["GET", "POST"])  # /newsletter, as DESIGN.md names it
@limits.mail_form
@csrf.exempt  # a PublicForm: its own token and origin check, no session (security.py)
def index():
    form = SubscribeForm()
    form.consent.label.text = consent_wording()
    if form.validate_on_submit():
        subscriber, needs_link = subscribe(email=form.email.data, name=form.name.data,
                                           language=str(get_locale()),
                                           consent_text=consent_wording())
        db.session.commit()
        if needs_link:
            send_confirmation(subscriber)
        # The same answer whether or not the address was already subscribed.
        return render_template("newsletter/check_inbox.html", email=form.email.data.strip())
    status = 400 if form.errors else 200
    return render_template("newsletter/index.html", form=form), status


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm_link(token: str):
    """Ask, then confirm on the button: mail scanners open links, people press buttons."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        try:
            subscriber = confirmation_for(token)
        except BadLink as error:
            return _bad_link(error)
        return render_template("newsletter/confirm.html", subscriber=subscriber, form=form,
                               token=token), 400 if form.errors else 200
    try:
        subscriber = confirm(token=token)
    except BadLink as error:
        return _bad_link(error)
    db.session.commit()
    return render_template("newsletter/confirmed.html", subscriber=subscriber)


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed token is the authority; mail clients POST without a form (RFC 8058)
def unsubscribe_link(token: str):
    if request.method == "GET":
        try:
            subscriber = read_token("unsubscribe", token)
        except BadLink as error:
            return _bad_link(error)
        return render_template("newsletter/unsubscribe.html", subscriber=subscriber, token=token)
    try:
        subscriber = unsubscribe(token=token)
    except BadLink as error:
        return _bad_link(error)
    db.session.commit()
    return render_template("newsletter/unsubscribed.html", subscriber=subscriber)


def _bad_link(error: BadLink):
    return render_template("newsletter/bad_link.html", expired=error.expired,
                           subscribe_url=url_for("newsletter.index")), 400
