"""Registrations: places, the waiting list and check-in, without ever overbooking.

Places are counted in `events.confirmed_count` and taken only by a conditional UPDATE
("add one where one is left"). PostgreSQL re-checks that condition after waiting for the
row lock and SQLite lets one writer in at a time, so 200 racing sign-ups for 50 places give
exactly 50 confirmed on both. The same row lock orders cancellations and promotions.

Whoever types an address may not own it, so a sign-up only holds its place (or its spot in
the queue) for HOLD, until the owner confirms it from the link in the e-mail; the person at
the form never sees that link. A hold that lapses is cancelled and its place given on.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from kunstrute.audit.services import record
from kunstrute.csvfile import write_csv
from kunstrute.database import insert_if_absent
from kunstrute.extensions import db
from kunstrute.programme.models import (
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from kunstrute.text import normalise_email
from kunstrute.timeutil import to_oslo, utcnow

#: How long a sign-up holds its place before the owner must have confirmed it.
HOLD = timedelta(minutes=30)


class RegistrationClosed(Exception):
    """Registration is not possible; the message says why, in the visitor's language."""


def _take_place(event_id: int) -> bool:
    """Take one place if one is left; return whether it was taken (atomic)."""
    result = db.session.execute(
        sa.update(Event)
        .where(Event.id == event_id,
               sa.or_(Event.capacity.is_(None), Event.confirmed_count < Event.capacity))
        .values(confirmed_count=Event.confirmed_count + 1)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def _give_back_place(event_id: int) -> None:
    db.session.execute(
        sa.update(Event).where(Event.id == event_id, Event.confirmed_count > 0)
        .values(confirmed_count=Event.confirmed_count - 1)
        .execution_options(synchronize_session=False))


def check_open(event: Event, *, now=None) -> None:
    """Raise RegistrationClosed unless people can sign up for this event now."""
    now = now or utcnow()
    if not event.registration_required:
        raise RegistrationClosed(_("This event needs no registration: just come."))
    if event.status != EventStatus.PUBLISHED:
        raise RegistrationClosed(_("This event is cancelled."))
    if event.starts_at <= now:
        raise RegistrationClosed(_("This event has started or is over; registration is closed."))


def register(*, event: Event, name: str, email: str, language: str = "nb",
             answer: str | None = None, now=None) -> tuple[Registration, bool]:
    """Sign a person up: a place if one is left, else the waiting list. Flush, do not commit.

    The place is held until the owner of the address confirms it (confirm_hold). Return
    (registration, created). Signing up again with the same e-mail returns the existing
    registration instead of a second one; after a cancellation it signs up anew, with a new
    token, so a link anyone saw before stops working.
    """
    check_open(event, now=now)
    email = normalise_email(email)
    registration = _registration_by_email(event.id, email)
    if registration is None:
        registration = _claim(event.id, email)
    elif not registration.is_active:
        registration.new_token()  # whoever saw the cancelled one's link must not see this
    if registration.is_active:
        return registration, False
    placed = _take_place(event.id)
    registration.name = name.strip()
    registration.answer = ((answer or "").strip() or None) if event.question else None
    registration.language = language
    registration.created_at = utcnow()  # the queue position counts from this sign-up
    registration.held_until = registration.created_at + HOLD
    db.session.add(registration)
    registration.change_status(
        RegistrationStatus.CONFIRMED if placed else RegistrationStatus.WAITLISTED)
    db.session.flush()
    db.session.refresh(event, ["confirmed_count"])
    return registration, True


def _registration_by_email(event_id: int, email: str) -> Registration | None:
    return db.session.scalar(sa.select(Registration).where(Registration.event_id == event_id,
                                                           Registration.email == email))


def _claim(event_id: int, email: str) -> Registration:
    """Return the address's row for the event, inserted as not (yet) active if it had none.

    When two sign-ups with one new address race, the second inserts nothing and gets the
    first's row, which is active: it answers as for any second sign-up, not with a 500.
    """
    insert_if_absent(Registration, {"event_id": event_id, "email": email, "name": "",
                                    "status": RegistrationStatus.CANCELLED},
                     key=("event_id", "email"))
    return _registration_by_email(event_id, email)


def confirm_hold(*, registration: Registration) -> bool:
    """Confirm a held sign-up from its owner's link; return False if the hold has lapsed.

    Atomic on held_until, so it cannot cross with release_lapsed giving the place away.
    """
    if not registration.is_held:
        return registration.is_active
    done = db.session.execute(
        sa.update(Registration)
        .where(Registration.id == registration.id, Registration.held_until >= utcnow())
        .values(held_until=None).execution_options(synchronize_session=False)).rowcount == 1
    db.session.refresh(registration)
    if done:
        record(actor=None, action="registration.held_confirmed", obj=registration,
               detail=registration.status.value)
    return done


def release_lapsed(*, event: Event | None = None) -> list[Registration]:
    """Cancel every hold not confirmed in time (of one event, or all); return who moved up.

    Call it before a sign-up or a read that counts places, or from a periodic job. Each hold
    is claimed by an atomic UPDATE, so two callers never give the same place back twice.
    """
    query = sa.select(Registration.id).where(Registration.held_until < utcnow())
    if event is not None:
        query = query.where(Registration.event_id == event.id)
    promoted = []
    for registration_id in db.session.scalars(query).all():
        claimed = db.session.execute(
            sa.update(Registration)
            .where(Registration.id == registration_id, Registration.held_until < utcnow())
            .values(held_until=None).execution_options(synchronize_session=False)).rowcount
        if claimed != 1:
            continue
        lapsed = db.session.get(Registration, registration_id)
        db.session.refresh(lapsed)
        promoted += cancel(registration=lapsed, detail="not confirmed from the e-mail in time")
    return [r for r in promoted if r.is_active]


def cancel(*, registration: Registration, detail: str = "") -> list[Registration]:
    """Cancel a registration; if it held a place, promote from the waiting list.

    Return the registrations that got a place, so the caller can tell them after commit.
    """
    if registration.status == RegistrationStatus.CANCELLED:
        return []
    had_place = registration.status == RegistrationStatus.CONFIRMED
    registration.change_status(RegistrationStatus.CANCELLED, detail=detail)
    registration.held_until = None
    db.session.flush()
    if not had_place:
        return []
    _give_back_place(registration.event_id)
    return promote_waitlisted(event=registration.event)


def promote_waitlisted(*, event: Event) -> list[Registration]:
    """Give free places to the waiting list in sign-up order; return who was promoted."""
    promoted = []
    while _take_place(event.id):
        first = db.session.scalar(
            sa.select(Registration)
            .where(Registration.event_id == event.id,
                   Registration.status == RegistrationStatus.WAITLISTED)
            .order_by(Registration.created_at, Registration.id).limit(1))
        if first is None:
            _give_back_place(event.id)
            break
        first.change_status(RegistrationStatus.CONFIRMED, detail="a place became free")
        db.session.flush()
        promoted.append(first)
    db.session.refresh(event, ["confirmed_count"])
    return promoted


def waitlist_position(registration: Registration) -> int | None:
    """Return 1 for the first in the queue, None if the registration is not waitlisted."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = db.session.scalar(
        sa.select(sa.func.count()).select_from(Registration).where(
            Registration.event_id == registration.event_id,
            Registration.status == RegistrationStatus.WAITLISTED,
            sa.or_(Registration.created_at < registration.created_at,
                   sa.and_(Registration.created_at == registration.created_at,
                           Registration.id < registration.id))))
    return ahead + 1


def set_checked_in(*, registration: Registration, present: bool) -> None:
    """Mark a confirmed person as present at the door (or undo a mistaken tap)."""
    if present and registration.status != RegistrationStatus.CONFIRMED:
        raise RegistrationClosed(_("Only people with a place can be checked in."))
    registration.checked_in_at = utcnow() if present else None
    db.session.flush()


def registration_by_token(token: str) -> Registration | None:
    return db.session.scalar(sa.select(Registration).where(Registration.token == token))


CSV_COLUMNS = ["name", "email", "status", "registered_at", "confirmed_at", "checked_in_at",
               "answer"]


def registrations_csv(event: Event) -> str:
    """Return the event's registrations as CSV for Excel, formula-safe."""
    return write_csv(CSV_COLUMNS, (
        [r.name, r.email, r.status.value, _iso(r.created_at), _iso(r.confirmed_at),
         _iso(r.checked_in_at), r.answer or ""] for r in event.registrations))


def _iso(value) -> str:
    return to_oslo(value).strftime("%Y-%m-%d %H:%M") if value else ""
