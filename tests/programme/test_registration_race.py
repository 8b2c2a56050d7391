"""Two simultaneous sign-ups with one new e-mail address: one registration, one place."""

from datetime import datetime

import sqlalchemy as sa

from kunstrute.programme import registrations
from kunstrute.programme.models import Event, Registration, RegistrationStatus
from kunstrute.programme.registrations import register
from tests import factories
from tests.race import in_another_request, rival_after_first_lookup

BEFORE_THE_ROUTE = datetime(2027, 9, 1, 12, 0)  # naive UTC, as "now" for sign-ups


def test_the_second_of_two_racing_sign_ups_gets_the_first_s_registration(app, db,
                                                                          monkeypatch):
    event_id = factories.event(factories.edition(), registration_required=True,
                               capacity=5).id
    db.session.commit()

    def first_sign_up():
        found = db.session.get(Event, event_id)
        registration, created = register(event=found, name="Kari", email="kari@example.no",
                                         now=BEFORE_THE_ROUTE)
        return registration.id, created

    rival = rival_after_first_lookup(monkeypatch, registrations, "_registration_by_email",
                                     lambda: in_another_request(app, first_sign_up))
    event = db.session.get(Event, event_id)
    second, created = register(event=event, name="Kari N.", email="KARI@example.no",
                               now=BEFORE_THE_ROUTE)
    db.session.commit()
    assert rival == [(second.id, True)] and created is False
    assert second.status == RegistrationStatus.CONFIRMED and second.name == "Kari"
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 1
    assert db.session.get(Event, event_id).confirmed_count == 1  # one place taken, not two
