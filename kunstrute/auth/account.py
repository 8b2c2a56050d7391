"""The user's own pages: the account's home, sign-up, the e-mailed links, password change.

Forms that e-mail a typed address answer the same whether or not it has an account, so
nobody learns from them who has one.
"""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from kunstrute import limits
from kunstrute.auth import account_bp as bp
from kunstrute.auth import mails
from kunstrute.auth.forms import (
    EmailForm,
    InvitationForm,
    NewPasswordForm,
    PasswordChangeForm,
    SignupForm,
)
from kunstrute.auth.models import Role
from kunstrute.auth.permissions import can_judge, can_organise
from kunstrute.auth.routes import sign_in_user
from kunstrute.auth.services import (
    UserError,
    accept_invitation,
    change_own_password,
    confirm_email,
    reset_password,
    sign_up,
    user_by_email,
)
from kunstrute.auth.tokens import BadLink, read_token
from kunstrute.extensions import db


@bp.route("")
@login_required
def home():
    return render_template("auth/account.html", links=_role_links(current_user))


def _role_links(user) -> list[tuple[str, str]]:
    """Return (label, url) of the places this user has, by role.

    The endpoints belong to domains above auth; url_for names them without importing them.
    """
    links = []
    if user.role == Role.ARTIST:
        links.append((_("My application"), url_for("applications.index")))
        links.append((_("My page"), url_for("editions_account.page")))
        links.append((_("Report visitors and sales"), url_for("counting.report")))
    if can_judge(user):
        links.append((_("Jury"), url_for("jury.home")))
    if can_organise(user):
        links.append((_("Organiser"), url_for("organiser.index")))
    return links


@bp.route("/signup", methods=["GET", "POST"])
@limits.mail_form
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("account.home"))
    form = SignupForm()
    if form.validate_on_submit():
        user, new = sign_up(name=form.name.data, email=form.email.data,
                            password=form.password.data)
        db.session.commit()
        (mails.send_confirmation if new else mails.send_already_registered)(user)
        return _check_inbox(form.email.data, "signup")
    return render_template("auth/signup.html", form=form), 400 if form.errors else 200


def _check_inbox(email: str, why: str):
    return render_template("auth/check_inbox.html", email=email.strip(), why=why)


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    """Ask, then confirm on the button: mail scanners open links, people press buttons."""
    try:
        user = read_token("confirm", token)
    except BadLink as error:
        return _bad_link(error)
    form = FlaskForm()
    if form.validate_on_submit():
        confirm_email(user=user, how="sign-up link")
        db.session.commit()
        return render_template("auth/confirmed.html", email=user.email)
    return render_template("auth/confirm.html", form=form), 400 if form.errors else 200


@bp.route("/confirm/again", methods=["GET", "POST"])
@limits.mail_form
def confirm_again():
    form = EmailForm()
    if form.validate_on_submit():
        user = user_by_email(form.email.data)
        if user is not None and user.active and user.email_confirmed_at is None:
            mails.send_confirmation(user)
        return _check_inbox(form.email.data, "confirm")
    return render_template("auth/confirm_again.html", form=form), 400 if form.errors else 200


@bp.route("/reset", methods=["GET", "POST"])
@limits.mail_form
def reset_request():
    form = EmailForm()
    if form.validate_on_submit():
        user = user_by_email(form.email.data)
        if user is not None and user.active:
            mails.send_reset(user)
        return _check_inbox(form.email.data, "reset")
    return render_template("auth/reset_request.html", form=form), 400 if form.errors else 200


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token: str):
    try:
        user = read_token("reset", token)
    except BadLink as error:
        return _bad_link(error)
    form = NewPasswordForm()
    if form.validate_on_submit():
        reset_password(user=user, password=form.password.data)
        db.session.commit()
        flash(_("Your new password is set, and you are signed out everywhere. Sign in with it."),
              "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form, user=user), 400 if form.errors else 200


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def invitation(token: str):
    try:
        user = read_token("invite", token)
    except BadLink as error:
        return _bad_link(error)
    form = InvitationForm(data={"name": user.name} if request.method == "GET" else None)
    if form.validate_on_submit():
        accept_invitation(user=user, name=form.name.data, password=form.password.data)
        sign_in_user(user, remember=False)
        flash(_("Welcome! Your account is ready and you are signed in."), "success")
        return redirect(url_for("account.home"))
    return render_template("auth/invitation.html", form=form, user=user), \
        400 if form.errors else 200


@bp.route("/password", methods=["GET", "POST"])
@login_required
@limits.sign_in
def password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            change_own_password(user=user, current=form.current_password.data,
                                password=form.password.data)
        except UserError:
            db.session.rollback()
            form.current_password.errors.append(_("That is not your current password."))
        else:
            cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
            remember = cookie in request.cookies
            sign_in_user(user, remember=remember)  # other devices stay signed out
            flash(_("Your password is changed. You are signed out on your other devices."),
                  "success")
            return redirect(url_for("account.home"))
    return render_template("auth/password.html", form=form), 400 if form.errors else 200


def _bad_link(error: BadLink):
    return render_template("auth/bad_link.html", reason=error.reason), 400
