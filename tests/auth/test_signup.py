"""Signing up: the confirmation link, signing in only once confirmed, and revealing nobody."""

from datetime import timedelta

import sqlalchemy as sa

from kunstrute.audit.models import AuditEntry
from kunstrute.auth.models import Role, User
from kunstrute.extensions import db as _db
from tests.auth.factories import (
    body,
    link_in,
    post_form,
    sign_in,
    user,
    without_render_time,
)
from tests.conftest import csrf_token

FORM = {"name": "Kari Nordmann", "email": "Kari@Example.no", "password": "long enough pw",
        "password_again": "long enough pw"}


def sign_up(client, **changes):
    return post_form(client, "/account/signup", {**FORM, **changes})


def stored(email="kari@example.no") -> User | None:
    return _db.session.scalar(sa.select(User).where(User.email == email))


def actions(user_id) -> list[str]:
    """Return the audit log's actions on a user, oldest first."""
    return list(_db.session.scalars(sa.select(AuditEntry.action).where(
        AuditEntry.object_type == "user", AuditEntry.object_id == user_id)
        .order_by(AuditEntry.id)))


def confirm(client, link):
    page = client.get(link)
    assert page.status_code == 200, page.get_data(as_text=True)
    return client.post(link, data={"csrf_token": csrf_token(page.get_data(as_text=True))})


def test_sign_up_confirm_then_sign_in(client, db, outbox):
    answer = sign_up(client)
    assert answer.status_code == 200
    assert "Vi har sendt en e-post til Kari@Example.no" in answer.get_data(as_text=True)
    kari = stored()
    assert kari.role == Role.ARTIST and kari.name == "Kari Nordmann"
    assert kari.email_confirmed_at is None

    refused = sign_in(client, "kari@example.no")
    assert refused.status_code == 200 and client.get_cookie("remember_token") is None
    assert "ikke bekreftet ennå" in refused.get_data(as_text=True)
    assert client.get("/account").status_code == 302  # not signed in

    [mail] = outbox()
    assert mail["To"] == "kari@example.no" and "Bekreft" in mail["Subject"]
    assert "Hei, Kari Nordmann!" in body(mail)
    link = link_in(mail)
    assert client.get(link).status_code == 200
    assert stored().email_confirmed_at is None  # opening the link (a mail scanner) is not enough
    done = confirm(client, link)
    assert done.status_code == 200 and "er bekreftet" in done.get_data(as_text=True)
    db.session.expire_all()
    assert stored().email_confirmed_at is not None
    assert actions(kari.id) == ["user.signed_up", "user.confirmed"]

    response = sign_in(client, "kari@example.no")
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    home = client.get("/account").get_data(as_text=True)
    assert "Kari Nordmann" in home and "kari@example.no" in home and "Kunstner" in home
    assert 'href="/apply"' in home


def test_a_confirmation_link_works_once_and_expires(client, db, outbox, clock):
    sign_up(client)
    link = link_in(outbox()[0])
    confirm(client, link)
    again = client.get(link)
    assert again.status_code == 400 and "allerede brukt" in again.get_data(as_text=True)

    sign_up(client, email="ola@example.no")
    late = link_in(outbox()[-1])
    clock.advance(timedelta(days=2, minutes=1))
    expired = client.get(late)
    assert expired.status_code == 400 and "utløpt" in expired.get_data(as_text=True)
    altered = client.get(late[:-4] + "abcd")
    assert altered.status_code == 400 and "endret" in altered.get_data(as_text=True)
    assert stored("ola@example.no").email_confirmed_at is None


def test_the_sign_in_page_sends_the_link_again(client, db, outbox):
    sign_up(client)
    page = sign_in(client, "kari@example.no").get_data(as_text=True)
    token = csrf_token(page[page.index('action="/account/confirm/again"'):])
    again = client.post("/account/confirm/again",
                        data={"email": "kari@example.no", "csrf_token": token})
    assert again.status_code == 200
    first, second = outbox()
    assert link_in(second).startswith("/account/confirm/")
    confirm(client, link_in(second))
    assert sign_in(client, "kari@example.no").status_code == 302


def test_an_address_with_an_account_gets_the_same_answer_and_a_warning_mail(client, db,
                                                                              outbox):
    user("kari@example.no", name="Kari")
    fresh = sign_up(client, email="new@example.no").get_data(as_text=True)
    taken = sign_up(client, name="Mallory").get_data(as_text=True)
    assert without_render_time(taken.replace("Kari@Example.no", "X")) == \
        without_render_time(fresh.replace("new@example.no", "X"))
    assert stored().name == "Kari"  # unchanged
    warning = outbox()[-1]
    assert warning["To"] == "kari@example.no"
    assert "Noen prøvde å registrere seg" in warning["Subject"]
    assert "/auth/login" in body(warning) and "/account/reset" in body(warning)
    assert "/account/confirm/" not in body(warning)


def test_bad_input_comes_back_filled_in_and_saves_nothing(client, db, outbox):
    for changes, field, message in [
        ({"name": ""}, "name", "Skriv navnet ditt."),
        ({"email": "not-an-address"}, "email", "gyldig e-postadresse"),
        ({"password": "short", "password_again": "short"}, "password", "minst 10 tegn"),
        ({"password_again": "something else"}, "password_again", "ikke like"),
    ]:
        response = sign_up(client, **changes)
        html = response.get_data(as_text=True)
        assert response.status_code == 400 and message in html
        assert f'id="{field}-error"' in html
        if field != "name":
            assert 'value="Kari Nordmann"' in html
    assert _db.session.scalar(sa.select(sa.func.count(User.id))) == 0 and outbox() == []


def test_sign_up_is_rate_limited_per_recipient(client, db, outbox, app):
    allowed = 5  # RATELIMIT_MAILS_PER_RECIPIENT: 5 per hour
    for _ in range(allowed):
        assert sign_up(client).status_code == 200
    assert sign_up(client).status_code == 429
    assert len(outbox()) == allowed


def test_create_user_makes_confirmed_users_who_sign_in(runner, db, client):
    result = runner.invoke(args=["create-user", "jury@example.no", "--role", "juror",
                                 "--password-stdin"], input="long enough pw\n")
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(User.email_confirmed_at)) is not None
    assert sign_in(client, "jury@example.no").status_code == 302
