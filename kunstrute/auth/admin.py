"""The organisers' page of users: who has an account, invitations, deactivation."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from kunstrute import limits
from kunstrute.auth import admin_bp as bp
from kunstrute.auth import mails
from kunstrute.auth.decorators import organiser_required
from kunstrute.auth.forms import InviteForm
from kunstrute.auth.models import Role, User
from kunstrute.auth.permissions import can_deactivate, can_invite
from kunstrute.auth.services import AlreadyConfirmed, deactivate_user, invite_user
from kunstrute.extensions import db
from kunstrute.urls import DB_ID

#: The roles an invitation may give: staff and jurors (artists sign up themselves).
INVITED_ROLES = (Role.JUROR, Role.ORGANISER, Role.ADMIN)


def _invite_form() -> InviteForm:
    form = InviteForm()
    form.set_roles(r for r in INVITED_ROLES if can_invite(current_user, r))
    return form


@bp.route("/", methods=["GET", "POST"])
@organiser_required
@limits.mail_form
def index():
    form = _invite_form()
    if form.validate_on_submit():
        try:
            user = invite_user(email=form.email.data, name=form.name.data,
                               role=Role(form.role.data), actor=current_user)
        except AlreadyConfirmed:
            db.session.rollback()
            form.email.errors.append(_("This address has an account already: the person "
                                       "can sign in, or set a new password if forgotten."))
        else:
            db.session.commit()
            mails.send_invitation(user, current_user)
            flash(_("The invitation is on its way to %(email)s.", email=user.email), "success")
            return redirect(url_for("auth_admin.index"))
    return render_template("auth/users.html", form=form, users=_users(),
                           action_form=FlaskForm()), 400 if form.errors else 200


def _users() -> list[User]:
    return list(db.session.scalars(sa.select(User).order_by(User.role, User.email)))


@bp.route(f"/<{DB_ID}:user_id>/deactivate", methods=["POST"])
@organiser_required
def deactivate(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    if not can_deactivate(current_user, user):
        flash(_("You cannot deactivate this account."), "error")
        return redirect(url_for("auth_admin.index"))
    if not FlaskForm().validate_on_submit():
        flash(_("The form had expired. Press the button again."), "error")
    elif user.active:
        deactivate_user(user=user, actor=current_user)
        db.session.commit()
        flash(_("%(email)s can no longer sign in.", email=user.email), "success")
    return redirect(url_for("auth_admin.index"))
