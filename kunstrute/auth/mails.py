"""The accounts' e-mails, sent after the request commits, in the language of the request."""

from flask import current_app, render_template
from flask_babel import gettext as _

from kunstrute import mail
from kunstrute.auth.models import User, role_label
from kunstrute.auth.tokens import MAX_AGE_SETTINGS, make_token


def _hours(purpose: str) -> int:
    """Return how many hours a link of this purpose works (for the e-mail's text)."""
    return int(current_app.config[MAX_AGE_SETTINGS[purpose]].total_seconds() // 3600)


def _send(user: User, subject: str, template: str, **context) -> None:
    site = current_app.config["SITE_NAME"]
    text = render_template(f"email/{template}", user=user, site=site, **context)
    mail.send(mail.Mail(to=user.email, subject=subject, text=text))


def send_confirmation(user: User) -> None:
    """Send the link that confirms a new account's address."""
    link = mail.external_url("account.confirm", token=make_token("confirm", user))
    _send(user, _("Confirm your e-mail address for %(site)s",
                  site=current_app.config["SITE_NAME"]),
          "account_confirm.txt", link=link, hours=_hours("confirm"))


def send_already_registered(user: User) -> None:
    """Tell an address's owner that someone tried to sign up with it again."""
    _send(user, _("Someone tried to sign up with your address"), "account_exists.txt",
          sign_in=mail.external_url("auth.login"),
          reset=mail.external_url("account.reset_request"))


def send_reset(user: User) -> None:
    """Send the link that sets a new password."""
    link = mail.external_url("account.reset", token=make_token("reset", user))
    minutes = int(current_app.config["PASSWORD_RESET_MAX_AGE"].total_seconds() // 60)
    _send(user, _("Set a new password for %(site)s", site=current_app.config["SITE_NAME"]),
          "account_reset.txt", link=link, minutes=minutes)


def send_invitation(user: User, inviter: User) -> None:
    """Send an invitation link where the invitee sets their password."""
    link = mail.external_url("account.invitation", token=make_token("invite", user))
    _send(user, _("You are invited to %(site)s", site=current_app.config["SITE_NAME"]),
          "account_invitation.txt", link=link, inviter=inviter,
          role_label=role_label(user.role), days=_hours("invite") // 24)
