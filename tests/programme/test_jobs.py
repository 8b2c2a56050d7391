"""The e-mails to everyone registered go out as jobs, one per person: one bad address stops
nobody else and never gives the organiser an error page."""

import smtplib
from datetime import timedelta

import pytest

from kunstrute import mail
from kunstrute.geocoding.models import LocationSource
from kunstrute.programme import jobs
from kunstrute.programme.models import Event
from kunstrute.programme.registrations import register
from kunstrute.timeutil import to_oslo, utcnow
from tests import factories
from tests.conftest import csrf_token
from tests.programme.test_admin import form_data

REFUSED = "p1@example.no"


@pytest.fixture
def refusing_mail(monkeypatch):
    """Make the mail layer refuse one address, as a mail server refuses an unknown one."""
    real_send = mail.send

    def send(message):
        if message.to == REFUSED:
            raise smtplib.SMTPRecipientsRefused({REFUSED: (550, b"No such user")})
        return real_send(message)

    monkeypatch.setattr(mail, "send", send)


def tour_with_three_people(db):
    event = factories.event(factories.edition(), title="Atelierbuss", kind="guided_tour",
                            registration_required=True, capacity=5,
                            starts_at=utcnow().replace(second=0, microsecond=0)
                            + timedelta(days=5))
    for n in range(3):
        register(event=event, name=f"Person {n}", email=f"p{n}@example.no")
    db.session.commit()
    return event


def test_an_undeliverable_address_does_not_stop_the_change_emails(client, db, login_as, outbox,
                                                                   refusing_mail):
    event = tour_with_three_people(db)
    login_as("organiser")
    url = f"/organiser/programme/{event.id}/edit"
    day = to_oslo(event.starts_at).date().isoformat()
    data = form_data(client, url, kind="guided_tour", title="Atelierbuss", day=day,
                     starts="09:00", ends="15:00", registration_required="y", capacity="5")
    response = client.post(url, data=data, follow_redirects=True)
    assert response.status_code == 200
    assert "er på vei" in response.get_data(as_text=True)
    assert sorted(m["To"] for m in outbox()) == ["p0@example.no", "p2@example.no"]


def test_an_undeliverable_address_does_not_stop_the_cancellation_emails(client, db, login_as,
                                                                         outbox, refusing_mail):
    event = tour_with_three_people(db)
    login_as("organiser")
    page = client.get("/organiser/programme/").get_data(as_text=True)
    response = client.post(f"/organiser/programme/{event.id}/status",
                           data={"status": "cancelled", "csrf_token": csrf_token(page)})
    assert response.status_code == 302
    assert sorted(m["To"] for m in outbox()) == ["p0@example.no", "p2@example.no"]


def test_a_mail_job_run_twice_sends_once(db, outbox):
    event = tour_with_three_people(db)
    registration = event.registrations[0]
    for _ in range(2):
        jobs.send_registration_mail(registration.id, "changed", event.sequence)
    assert [m["To"] for m in outbox()] == ["p0@example.no"]


def test_a_new_event_at_an_address_is_placed_by_a_job(client, db, login_as):
    factories.edition()
    db.session.commit()
    login_as("organiser")
    url = "/organiser/programme/new"
    data = form_data(client, url, venue_kind="address", venue_name="Kulturhuset",
                     address="Storgata 1", postcode="3010", place="Drammen")
    assert client.post(url, data=data).status_code == 302
    event = db.session.scalars(db.select(Event)).one()
    assert event.lat is not None
    assert event.location_source == LocationSource.GAZETTEER
