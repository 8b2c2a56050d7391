"""Sign-in and sign-out."""

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from kunstrute import limits
from kunstrute.auth import bp
from kunstrute.auth.forms import EmailForm, LoginForm
from kunstrute.auth.models import User
from kunstrute.auth.permissions import can_organise
from kunstrute.auth.services import authenticate, end_sessions, start_session
from kunstrute.extensions import db
from kunstrute.urls import safe_next


def sign_in_user(user: User, *, remember: bool) -> None:
    """Start a session for the user in this browser, in a new cookie; commit."""
    start_session(user=user)
    db.session.commit()
    session.clear()  # a new session: nothing (no CSRF token) planted before sign-in
    login_user(user, remember=remember, fresh=True)


@bp.route("/login", methods=["GET", "POST"])
@limits.sign_in
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")) or url_for("guide.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(email=form.email.data, password=form.password.data)
        if user is None:
            form.password.errors.append(_("Wrong e-mail or password."))
        elif user.email_confirmed_at is None:
            # Only someone who knows the password learns this, so it reveals nobody.
            db.session.rollback()
            resend = EmailForm(data={"email": user.email})
            return render_template("auth/login.html", form=form, unconfirmed=True,
                                   resend=resend)
        else:
            sign_in_user(user, remember=form.remember.data)
            flash(_("You are signed in."), "success")
            home = url_for("organiser.index") if can_organise(user) else url_for("account.home")
            return redirect(safe_next(request.args.get("next")) or home)
    status = 400 if form.errors else 200
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    if current_user.is_authenticated:
        end_sessions(user=current_user)  # every copy of the cookies, on every device
        db.session.commit()
    session.clear()
    logout_user()  # after clear(): it marks the remember cookie for deletion
    flash(_("You are signed out."), "success")
    return redirect(url_for("guide.index"))
