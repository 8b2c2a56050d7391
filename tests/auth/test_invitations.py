"""Organisers invite jurors and staff by e-mail, see every account, and deactivate them."""

from datetime import timedelta

import sqlalchemy as sa

from kunstrute.audit.models import AuditEntry
from kunstrute.auth.models import Role, User
from kunstrute.extensions import db as _db
from tests import factories
from tests.auth.factories import body, link_in, post_form, sign_in, user
from tests.conftest import form_token

ACCEPT = {"name": "Jon Jury", "password": "my own password", "password_again": "my own password"}


def invite(client, email="jon@example.no", role="juror", name="Jon"):
    return post_form(client, "/organiser/users/", {"name": name, "email": email, "role": role})


def stored(email="jon@example.no") -> User | None:
    return _db.session.scalar(sa.select(User).where(User.email == email))


def test_an_invited_juror_sets_a_password_and_is_signed_in(app, client, db, outbox, login_as):
    login_as("organiser")
    done = invite(client)
    assert done.status_code == 302
    assert "Invitasjonen er på vei" in client.get("/organiser/users/").get_data(as_text=True)
    jon = stored()
    assert jon.role == Role.JUROR and jon.email_confirmed_at is None
    assert sign_in(app.test_client(), "jon@example.no", jon.password_hash).status_code == 400

    [mail] = outbox()
    assert "invitert" in mail["Subject"] and "som jurymedlem" in body(mail)
    assert "7 dager" in body(mail)
    invitee = app.test_client()
    link = link_in(mail)
    page = invitee.get(link).get_data(as_text=True)
    assert 'value="Jon"' in page and "jon@example.no" in page
    accepted = post_form(invitee, link, ACCEPT)
    assert accepted.status_code == 302 and accepted.headers["Location"] == "/account"
    home = invitee.get("/account").get_data(as_text=True)
    assert "Jon Jury" in home and "Jurymedlem" in home and 'href="/jury"' in home
    assert invitee.get(link).status_code == 400  # used
    _db.session.expire_all()
    assert stored().email_confirmed_at is not None
    assert [a for a in _db.session.scalars(sa.select(AuditEntry.action).where(
        AuditEntry.object_id == jon.id, AuditEntry.object_type == "user"))] == [
        "user.invited", "user.confirmed"]


def test_inviting_again_sends_a_new_link_and_the_old_one_stops(client, db, outbox, login_as):
    login_as("organiser")
    invite(client)
    first = link_in(outbox()[0])
    invite(client, name="Jon Again")
    second = link_in(outbox()[1])
    assert client.get(first).status_code == 400
    assert client.get(second).status_code == 200
    assert stored().name == "Jon Again"


def test_an_invitation_expires_after_a_week(client, db, outbox, login_as, clock):
    login_as("organiser")
    invite(client)
    clock.advance(timedelta(days=7, minutes=1))
    expired = client.get(link_in(outbox()[0]))
    assert expired.status_code == 400 and "utløpt" in expired.get_data(as_text=True)


def test_a_confirmed_address_is_named_at_the_field(client, db, outbox, login_as):
    user("kari@example.no")
    login_as("organiser")
    response = invite(client, email="Kari@example.no")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="email-error"' in html
    assert "har allerede en konto" in html and 'value="Jon"' in html
    assert outbox() == [] and stored("kari@example.no").role == Role.ARTIST


def test_only_an_admin_invites_an_admin(client, db, outbox, login_as):
    login_as("organiser")
    page = client.get("/organiser/users/").get_data(as_text=True)
    assert 'value="admin"' not in page and 'value="organiser"' in page
    refused = invite(client, role="admin")
    assert refused.status_code == 400 and outbox() == [] and stored() is None


def test_an_admin_may_invite_an_admin(client, db, outbox, login_as):
    login_as("admin")
    assert invite(client, role="admin").status_code == 302
    assert stored().role == Role.ADMIN


def test_the_list_shows_every_account_and_deactivates_others(app, client, db, login_as):
    kari = user("kari@example.no", confirmed=False)
    kari_device = app.test_client()
    organiser = login_as("organiser")
    page = client.get("/organiser/users/").get_data(as_text=True)
    assert "kari@example.no" in page and "ikke bekreftet ennå" in page
    assert "organiser@example.org" in page and "sist innlogget" in page
    # No button to deactivate oneself, and the server refuses it too.
    assert f'action="/organiser/users/{organiser.id}/deactivate"' not in page
    token = form_token(page, f"/organiser/users/{kari.id}/deactivate")
    client.post(f"/organiser/users/{organiser.id}/deactivate", data={"csrf_token": token})
    assert client.get("/organiser/users/").status_code == 200  # still signed in

    kari.email_confirmed_at = kari.created_at
    _db.session.commit()
    assert sign_in(kari_device, "kari@example.no").status_code == 302
    done = client.post(f"/organiser/users/{kari.id}/deactivate", data={"csrf_token": token})
    assert done.status_code == 302
    assert "kan ikke lenger logge inn" in client.get("/organiser/users/").get_data(as_text=True)
    assert kari_device.get("/account").status_code == 302
    assert sign_in(app.test_client(), "kari@example.no").status_code == 400
    assert "user.deactivated" in _db.session.scalars(sa.select(AuditEntry.action))


def test_the_organiser_home_links_to_the_users_page(client, db, login_as):
    factories.edition()
    _db.session.commit()
    login_as("organiser")
    assert 'href="/organiser/users/"' in client.get("/organiser/").get_data(as_text=True)
