"""Places, the waiting list and promotion: the rules people rely on when they sign up."""

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import sqlalchemy as sa

from kunstrute.programme.models import Event, Registration, RegistrationStatus
from kunstrute.programme.registrations import (
    RegistrationClosed,
    cancel,
    promote_waitlisted,
    register,
    waitlist_position,
)
from kunstrute.timeutil import utcnow
from tests import factories

CONFIRMED, WAITLISTED, CANCELLED = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED,
                                    RegistrationStatus.CANCELLED)


def future_event(capacity=2, **kwargs):
    edition = factories.edition()
    return factories.event(edition, starts_at=utcnow() + timedelta(days=3), capacity=capacity,
                           registration_required=True, **kwargs)


def sign_up(event, n):
    registration, _ = register(event=event, name=f"Person {n}", email=f"p{n}@example.no")
    return registration


def test_places_then_waiting_list_in_order(db):
    event = future_event(capacity=2)
    people = [sign_up(event, n) for n in range(4)]
    assert [p.status for p in people] == [CONFIRMED, CONFIRMED, WAITLISTED, WAITLISTED]
    assert event.confirmed_count == 2 and event.places_left == 0
    assert [waitlist_position(p) for p in people] == [None, None, 1, 2]


def test_cancelling_a_place_promotes_the_first_waiting(db):
    event = future_event(capacity=1)
    first, second, third = (sign_up(event, n) for n in range(3))
    promoted = cancel(registration=first)
    assert promoted == [second]
    assert (first.status, second.status, third.status) == (CANCELLED, CONFIRMED, WAITLISTED)
    assert second.confirmed_at is not None
    assert event.confirmed_count == 1
    assert waitlist_position(third) == 1


def test_cancelling_from_the_waiting_list_promotes_nobody(db):
    event = future_event(capacity=1)
    sign_up(event, 0)
    waiting = sign_up(event, 1)
    assert cancel(registration=waiting) == []
    assert event.confirmed_count == 1
    assert cancel(registration=waiting) == []  # twice is harmless


def test_signing_up_twice_gives_the_same_registration(db):
    event = future_event()
    first, created = register(event=event, name="Kari", email="Kari@Example.no ")
    again, created_again = register(event=event, name="Kari N.", email="kari@example.no")
    assert created and not created_again and again.id == first.id
    assert event.confirmed_count == 1


def test_signing_up_again_after_cancelling_goes_to_the_back(db):
    event = future_event(capacity=1)
    kari = sign_up(event, 0)
    cancel(registration=kari)
    other = sign_up(event, 1)
    again = sign_up(event, 0)
    assert again.id == kari.id and again.status == WAITLISTED and other.status == CONFIRMED


def test_more_capacity_promotes_the_waiting(db):
    event = future_event(capacity=1)
    people = [sign_up(event, n) for n in range(3)]
    event.capacity = 3
    db.session.flush()
    assert promote_waitlisted(event=event) == people[1:]
    assert event.confirmed_count == 3


def test_no_limit_means_everyone_gets_a_place(db):
    event = future_event(capacity=None)
    assert all(sign_up(event, n).status == CONFIRMED for n in range(5))


@pytest.mark.parametrize("change, reason", [
    ({"registration_required": False}, "ingen påmelding"),
    ({"status": "cancelled"}, "avlyst"),
    ({"past": True}, "er over"),
])
def test_closed_events_refuse_sign_ups(db, change, reason):
    event = future_event()
    change = dict(change)  # the parameters are shared by both database runs
    if change.pop("past", False):
        event.starts_at = utcnow() - timedelta(hours=1)
    for name, value in change.items():
        setattr(event, name, value)
    with pytest.raises(RegistrationClosed, match=reason):
        sign_up(event, 0)
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


WORKERS = int(os.environ.get("W", "16"))


@pytest.mark.commits  # the threads have their own connections
def test_200_racing_sign_ups_for_50_places_never_overbook(app, db):
    """Each sign-up runs in its own thread, session and transaction, as requests would."""
    event_id = future_event(capacity=50).id
    db.session.commit()  # from here on, threads touch only their own sessions
    start = threading.Barrier(WORKERS)

    def attempt(n):
        with app.app_context():
            if n < WORKERS:
                start.wait()  # the first wave starts together
            found = db.session.get(Event, event_id)
            registration, _ = register(event=found, name=f"Racer {n}", email=f"r{n}@example.no")
            status = registration.status
            db.session.commit()
            db.session.remove()
            return status

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        statuses = list(pool.map(attempt, range(200)))
    assert statuses.count(CONFIRMED) == 50 and statuses.count(WAITLISTED) == 150
    db.session.expire_all()
    stored = db.session.scalars(sa.select(Registration.status)).all()
    assert stored.count(CONFIRMED) == 50 and stored.count(WAITLISTED) == 150
    assert db.session.get(Event, event_id).confirmed_count == 50
