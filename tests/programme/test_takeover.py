"""Nobody takes over another person's registration by typing their address.

Whoever types an address at the form may not own it, so the registration's link (which
shows and cancels it) goes only to the address; a sign-up holds its place until the owner
confirms it from that e-mail, and a hold nobody confirms lapses and gives the place on.
"""

import re
from datetime import timedelta

import sqlalchemy as sa

from kunstrute.programme.jobs import release_lapsed_holds
from kunstrute.programme.models import Registration, RegistrationStatus
from kunstrute.programme.registrations import HOLD, cancel, register, release_lapsed
from kunstrute.timeutil import utcnow
from tests import factories
from tests.conftest import csrf_token

LINK = re.compile(r"https?://\S+/programme/registrations/[\w-]+")


def future_tour(capacity=5):
    return factories.event(factories.edition(), starts_at=utcnow() + timedelta(days=2),
                           capacity=capacity, registration_required=True, title="Atelierbuss")


def sign_up(client, event, name, email):
    page = client.get(f"/programme/{event.id}").get_data(as_text=True)
    return client.post(f"/programme/{event.id}/register", data={
        "name": name, "email": email, "csrf_token": csrf_token(page)})


def link_in(message) -> str:
    return LINK.search(message.get_content()).group(0)


def path_of(link: str) -> str:
    return link[link.index("/programme/"):]


def confirm_from_mail(client, message):
    path = path_of(link_in(message))
    page = client.get(path).get_data(as_text=True)
    return client.post(path + "/confirm", data={"csrf_token": csrf_token(page)})


def test_a_stranger_who_signs_up_an_address_never_sees_its_registration(client, db, outbox,
                                                                        app):
    event = future_tour()
    db.session.commit()
    stranger = app.test_client()
    response = sign_up(stranger, event, "Not Kari", "kari@example.no")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/programme/{event.id}")
    token = db.session.scalar(sa.select(Registration.token))
    page = stranger.get(response.headers["Location"]).get_data(as_text=True)
    assert token not in page and "Sjekk e-posten" in page
    (mail,) = outbox()
    assert mail["To"] == "kari@example.no" and token in link_in(mail)


def test_signing_up_after_the_owner_cancelled_gives_a_new_link(client, db, outbox):
    event = future_tour()
    owner, _ = register(event=event, name="Kari", email="kari@example.no")
    old_token = owner.token
    cancel(registration=owner)
    db.session.commit()
    response = sign_up(client, event, "Not Kari", "kari@example.no")
    assert old_token not in response.headers["Location"]
    db.session.expire_all()
    again = db.session.scalar(sa.select(Registration))
    assert again.token != old_token and again.is_active
    assert client.get(f"/programme/registrations/{old_token}").status_code == 404


def test_a_sign_up_holds_the_place_until_the_owner_confirms_from_the_mail(client, db, outbox):
    event = future_tour(capacity=1)
    db.session.commit()
    sign_up(client, event, "Kari", "kari@example.no")
    (held,) = outbox()
    assert "Bekreft" in held["Subject"]
    page = client.get(path_of(link_in(held))).get_data(as_text=True)
    assert "Bekreft påmeldingen" in page
    confirmed = confirm_from_mail(client, held)
    assert "Du har plass" in client.get(confirmed.headers["Location"]).get_data(as_text=True)
    registration = db.session.scalar(sa.select(Registration))
    assert registration.status == RegistrationStatus.CONFIRMED and not registration.is_held
    assert outbox()[-1]["Subject"] == "Påmeldingen din: Atelierbuss"


def test_a_hold_nobody_confirms_lapses_and_gives_the_place_on(client, db, outbox, clock):
    event = future_tour(capacity=1)
    db.session.commit()
    sign_up(client, event, "Not Kari", "kari@example.no")
    sign_up(client, event, "Ola", "ola@example.no")  # the waiting list, behind the hold
    confirm_from_mail(client, outbox()[1])
    clock.advance(HOLD + timedelta(minutes=1))
    late = client.get(path_of(link_in(outbox()[0]))).get_data(as_text=True)
    assert "ikke bekreftet i tide" in late and "Bekreft påmeldingen" not in late
    db.session.expire_all()
    statuses = dict(db.session.execute(sa.select(Registration.email, Registration.status)).all())
    assert statuses == {"kari@example.no": RegistrationStatus.CANCELLED,
                        "ola@example.no": RegistrationStatus.CONFIRMED}
    assert [m["To"] for m in outbox() if "fått plass" in m["Subject"]] == ["ola@example.no"]


def test_a_lapsed_hold_frees_its_place_for_the_next_sign_up(db, clock):
    event = future_tour(capacity=1)
    register(event=event, name="Not Kari", email="kari@example.no")
    clock.advance(HOLD + timedelta(seconds=1))
    assert release_lapsed(event=event) == []
    ola, _ = register(event=event, name="Ola", email="ola@example.no")
    assert ola.status == RegistrationStatus.CONFIRMED and event.confirmed_count == 1


def test_the_periodic_job_releases_holds_nobody_came_back_for(client, db, outbox, clock):
    event = future_tour(capacity=1)
    db.session.commit()
    sign_up(client, event, "Not Kari", "kari@example.no")
    sign_up(client, event, "Ola", "ola@example.no")
    confirm_from_mail(client, outbox()[1])
    clock.advance(HOLD + timedelta(minutes=1))
    release_lapsed_holds.call_local()
    db.session.expire_all()
    statuses = dict(db.session.execute(sa.select(Registration.email, Registration.status)).all())
    assert statuses["kari@example.no"] == RegistrationStatus.CANCELLED
    assert statuses["ola@example.no"] == RegistrationStatus.CONFIRMED
    assert [m["To"] for m in outbox() if "fått plass" in m["Subject"]] == ["ola@example.no"]
