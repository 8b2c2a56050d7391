"""The accounts' forms: sign-in, sign-up, passwords, invitations."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from kunstrute.auth.models import role_label
from kunstrute.auth.services import MIN_PASSWORD_LENGTH


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(_l("Enter your e-mail address.")),
                    Email(_l("Enter a valid e-mail address.")), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password.")), Length(max=1000)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me signed in on this device"))


def _email_field(label=None):
    return EmailField(
        label or _l("E-mail"),
        validators=[DataRequired(_l("Enter your e-mail address.")),
                    Email(_l("Enter a valid e-mail address.")), Length(max=254)],
        render_kw={"autocomplete": "email"},
    )


def _name_field():
    return StringField(
        _l("Name"), validators=[DataRequired(_l("Enter your name.")), Length(max=160)],
        render_kw={"autocomplete": "name"})


class _NewPassword(FlaskForm):
    """A new password, typed twice."""

    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(_l("Choose a password.")),
                    Length(min=MIN_PASSWORD_LENGTH, max=1000,
                           message=_l("The password must have at least %(num)d characters.",
                                      num=MIN_PASSWORD_LENGTH))],
        render_kw={"autocomplete": "new-password"},
    )
    password_again = PasswordField(
        _l("New password again"),
        validators=[DataRequired(_l("Type the password again.")),
                    EqualTo("password", _l("The two passwords are not the same."))],
        render_kw={"autocomplete": "new-password"},
    )


class SignupForm(_NewPassword):
    name = _name_field()
    email = _email_field()


class EmailForm(FlaskForm):
    """The address to send a link to (password reset, confirmation again)."""

    email = _email_field()


class NewPasswordForm(_NewPassword):
    pass


class InvitationForm(_NewPassword):
    name = _name_field()


class PasswordChangeForm(_NewPassword):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter your current password.")), Length(max=1000)],
        render_kw={"autocomplete": "current-password"},
    )


class InviteForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the person's name.")),
                                               Length(max=160)])
    email = _email_field()
    role = SelectField(_l("Role"), choices=[],
                       validators=[DataRequired(_l("Choose a role."))])

    def set_roles(self, roles) -> None:
        """Offer these roles (those the organiser may invite)."""
        self.role.choices = [(r.value, role_label(r).capitalize()) for r in roles]
