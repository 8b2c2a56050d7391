"""Password reset by an expiring single-use link, and changing the password when signed in."""

from datetime import timedelta

import sqlalchemy as sa

from kunstrute.audit.models import AuditEntry
from kunstrute.auth.models import User
from kunstrute.extensions import db as _db
from tests.auth.factories import (
    PASSWORD,
    body,
    link_in,
    post_form,
    sign_in,
    user,
    without_render_time,
)

NEW = {"password": "a brand new one", "password_again": "a brand new one"}


def ask_reset(client, email, **extra):
    return post_form(client, "/account/reset", {"email": email}, **extra)


def test_reset_by_link_ends_every_session(app, client, db, outbox):
    user()
    other_device = app.test_client()
    assert sign_in(other_device, "kari@example.no").status_code == 302

    answer = ask_reset(client, "Kari@example.no")
    assert answer.status_code == 200 and "Hvis Kari@example.no har en konto" in \
        answer.get_data(as_text=True)
    [mail] = outbox()
    assert "Lag nytt passord" in mail["Subject"] and "60 minutter" in body(mail)
    link = link_in(mail)
    page = client.get(link)
    assert page.status_code == 200 and "kari@example.no" in page.get_data(as_text=True)
    done = post_form(client, link, NEW)
    assert done.status_code == 302 and done.headers["Location"] == "/auth/login"

    assert other_device.get("/account").status_code == 302  # signed out there
    assert sign_in(client, "kari@example.no").status_code == 400  # the old password: no
    assert sign_in(client, "kari@example.no", NEW["password"]).status_code == 302
    assert "user.password_reset" in _db.session.scalars(sa.select(AuditEntry.action))


def test_a_reset_confirms_an_address_not_confirmed_yet(client, db, outbox):
    kari = user(confirmed=False)
    ask_reset(client, "kari@example.no")
    post_form(client, link_in(outbox()[0]), NEW)
    _db.session.expire_all()
    assert _db.session.get(User, kari.id).email_confirmed_at is not None
    assert sign_in(client, "kari@example.no", NEW["password"]).status_code == 302


def test_a_reset_link_works_once_and_for_an_hour(client, db, outbox, clock):
    user()
    ask_reset(client, "kari@example.no")
    link = link_in(outbox()[0])
    post_form(client, link, NEW)
    used = client.get(link)
    assert used.status_code == 400 and "allerede brukt" in used.get_data(as_text=True)

    ask_reset(client, "kari@example.no")
    late = link_in(outbox()[-1])
    clock.advance(timedelta(minutes=61))
    expired = post_form(client, late, {"password": "yet another one!",
                                       "password_again": "yet another one!"},
                        page_url="/account/reset")
    assert expired.status_code == 400 and "utløpt" in expired.get_data(as_text=True)
    assert sign_in(client, "kari@example.no", NEW["password"]).status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, db, outbox):
    user()
    known = ask_reset(client, "kari@example.no").get_data(as_text=True)
    unknown = ask_reset(client, "nobody@example.no").get_data(as_text=True)
    assert without_render_time(unknown.replace("nobody@example.no", "X")) == \
        without_render_time(known.replace("kari@example.no", "X"))
    assert [m["To"] for m in outbox()] == ["kari@example.no"]


def test_new_passwords_are_checked_at_the_field(client, db, outbox):
    user()
    ask_reset(client, "kari@example.no")
    link = link_in(outbox()[0])
    short = post_form(client, link, {"password": "short", "password_again": "short"})
    assert short.status_code == 400 and "minst 10 tegn" in short.get_data(as_text=True)
    assert client.get(link).status_code == 200  # still unused


def test_reset_requests_are_rate_limited_per_recipient(client, db, outbox):
    user()
    for _ in range(5):
        assert ask_reset(client, "kari@example.no").status_code == 200
    assert ask_reset(client, "kari@example.no").status_code == 429
    assert len(outbox()) == 5


def test_changing_the_password_keeps_this_session_and_ends_the_others(app, client, db):
    user()
    other_device = app.test_client()
    sign_in(other_device, "kari@example.no")
    sign_in(client, "kari@example.no")
    wrong = post_form(client, "/account/password", {"current_password": "not it", **NEW})
    assert wrong.status_code == 400
    assert "ikke det nåværende passordet" in wrong.get_data(as_text=True)
    assert other_device.get("/account").status_code == 200

    done = post_form(client, "/account/password", {"current_password": PASSWORD, **NEW})
    assert done.status_code == 302 and done.headers["Location"] == "/account"
    assert client.get("/account").status_code == 200  # still signed in here
    assert other_device.get("/account").status_code == 302  # signed out there
    assert sign_in(app.test_client(), "kari@example.no", NEW["password"]).status_code == 302
