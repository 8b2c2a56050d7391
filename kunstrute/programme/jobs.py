"""The programme's background jobs: e-mails to everyone registered, placing address venues.

Each job takes ids and is safe to run twice: an e-mail is marked sent (in Huey's storage)
before it leaves, so a second run skips it; a failed one is unmarked and retried alone.
"""

from __future__ import annotations

import logging

from flask import current_app
from huey import crontab

from kunstrute.editions.queries import geocoder_chain
from kunstrute.extensions import db, huey
from kunstrute.geocoding.models import LocationSource
from kunstrute.geocoding.services import place
from kunstrute.programme import notify
from kunstrute.programme.models import Event, Registration, VenueKind
from kunstrute.programme.registrations import release_lapsed

log = logging.getLogger(__name__)


def tell_registered(registrations: list[Registration], what: str) -> int:
    """Queue one e-mail (see notify.SUBJECTS) per registration; return how many were queued.

    Call after the commit. Each recipient is a job of its own: an address the mail server
    refuses is logged and retried without holding up the others.
    """
    for registration in registrations:
        send_registration_mail(registration.id, what, registration.event.sequence)
    return len(registrations)


@huey.task(retries=3, retry_delay=300)
def send_registration_mail(registration_id: int, what: str, sequence: int) -> str:
    """Send one registration e-mail, once per event version; say what happened."""
    registration = db.session.get(Registration, registration_id)
    if registration is None or not registration.is_active:
        return "skipped: no longer registered"
    key = f"programme:{what}:{registration_id}:{sequence}"
    if not huey.once(key):
        return "skipped: sent before"
    try:
        notify.tell(registration, what)
    except Exception:
        huey.forget(key)  # a retry sends it
        log.exception("The %r e-mail to registration %s was not sent", what, registration_id)
        raise
    return "sent"


@huey.task(retries=2, retry_delay=60)
def place_event(event_id: int) -> str:
    """Geocode an event at an address of its own, unless it has an exact position already."""
    event = db.session.get(Event, event_id)
    if (event is None or event.venue_kind != VenueKind.ADDRESS or not event.address
            or event.location_source not in (LocationSource.MISSING, LocationSource.GAZETTEER)):
        return "skipped"
    summary = place([event], chain=geocoder_chain(current_app.config))
    db.session.commit()
    return "placed" if summary.placed else "not found"


@huey.periodic_task(crontab(minute="*/5"))
def release_lapsed_holds() -> int:
    """Give back the places of sign-ups nobody confirmed in time, and tell who moved up."""
    promoted = release_lapsed()
    db.session.commit()
    return tell_registered(promoted, "promoted")
