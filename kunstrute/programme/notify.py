"""E-mails to people who signed up: confirmation, waiting list, promotion, changes.

Called after the request has committed, so nobody is told about something that was rolled
back. Each mail is written in the language the person signed up in.
"""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from kunstrute import mail
from kunstrute.programme.models import Registration
from kunstrute.programme.queries import venue_of
from kunstrute.programme.registrations import HOLD
from kunstrute.text import one_line


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated later, in the recipient's language."""
    return message


#: template → subject
SUBJECTS = {
    "held": N_("Confirm your registration: %(title)s"),
    "registered": N_("Your registration: %(title)s"),
    "waitlisted": N_("You are on the waiting list: %(title)s"),
    "promoted": N_("You have a place: %(title)s"),
    "changed": N_("Changed time or place: %(title)s"),
    "cancelled_event": N_("Cancelled: %(title)s"),
    "cancelled": N_("Your registration is cancelled: %(title)s"),
}


def tell(registration: Registration, what: str) -> bool:
    """Send one of the registration e-mails (see SUBJECTS); return False if it was refused.

    A refused address (mail.AddressRefused) is logged, never raised: it is one person's
    problem, and the caller may be telling many.
    """
    event = registration.event
    with force_locale(registration.language):
        subject = _(SUBJECTS[what], title=one_line(event.title))
        text = render_template(
            f"email/programme_{what}.txt", registration=registration, event=event,
            venue=venue_of(event),
            link=mail.external_url("programme.registration", token=registration.token),
            event_link=mail.external_url("programme.event", event_id=event.id),
            hold_minutes=int(HOLD.total_seconds() // 60))
    try:
        mail.send(mail.Mail(to=registration.email, subject=subject, text=text))
    except mail.AddressRefused as refused:
        current_app.logger.warning("registration %s: %s not sent: %s", registration.id, what,
                                   refused)
        return False
    return True


def tell_all(registrations: list[Registration], what: str) -> list[Registration]:
    """Tell each of them; one refused address does not stop the rest. Return the refused."""
    return [r for r in registrations if not tell(r, what)]
