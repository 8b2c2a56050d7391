"""Sessions end on the server: sign-out, a new password and deactivation end every copy of
the session and remember cookies; sessions expire; sign-in starts a new session."""

from datetime import timedelta

import pytest

from kunstrute.auth.models import Role, User
from kunstrute.auth.services import (
    UserError,
    authenticate,
    change_password,
    create_user,
    deactivate_user,
)
from tests.conftest import csrf_token

EMAIL, PASSWORD = "org@example.org", "long enough pw"


@pytest.fixture
def organiser(db):
    user = create_user(email=EMAIL, password=PASSWORD, role=Role.ORGANISER)
    db.session.commit()
    return user


def sign_in(client, remember=False):
    page = client.get("/auth/login").get_data(as_text=True)
    data = {"email": EMAIL, "password": PASSWORD, "csrf_token": csrf_token(page)}
    if remember:
        data["remember"] = "y"
    response = client.post("/auth/login", data=data)
    assert response.status_code == 302
    return response


def sign_out(client):
    page = client.get("/organiser/").get_data(as_text=True)
    assert client.post("/auth/logout", data={"csrf_token": csrf_token(page)}).status_code == 302


def opens_organiser(app, cookies: dict) -> bool:
    """Return True if a fresh browser holding only these cookies gets the organiser page."""
    thief = app.test_client()
    for name, value in cookies.items():
        thief.set_cookie(name, value, domain="localhost")
    return thief.get("/organiser/").status_code == 200


def stolen(client, *names) -> dict:
    return {name: client.get_cookie(name).value for name in names}


def test_a_session_cookie_copied_before_sign_out_does_not_open_the_organiser_pages(
        app, client, organiser):
    sign_in(client)
    copy = stolen(client, "session")
    assert opens_organiser(app, copy)
    sign_out(client)
    assert not opens_organiser(app, copy)


def test_a_remember_cookie_copied_before_sign_out_does_not_open_the_organiser_pages(
        app, client, organiser):
    sign_in(client, remember=True)
    copy = stolen(client, "remember_token")
    assert opens_organiser(app, copy)  # the remember cookie alone signs in
    sign_out(client)
    assert not opens_organiser(app, copy)


def test_signing_out_on_one_device_signs_out_every_device(app, client, organiser):
    sign_in(client, remember=True)
    other = app.test_client()
    sign_in(other, remember=True)
    sign_out(client)
    assert other.get("/organiser/").status_code == 302


def test_a_new_password_ends_every_session_and_the_old_password(app, client, db, organiser):
    sign_in(client, remember=True)
    copy = stolen(client, "session", "remember_token")
    change_password(user=organiser, password="a brand new password")
    db.session.commit()
    assert not opens_organiser(app, copy)
    assert client.get("/organiser/").status_code == 302
    assert authenticate(email=EMAIL, password=PASSWORD) is None
    assert authenticate(email=EMAIL, password="a brand new password") == organiser
    with pytest.raises(UserError, match="at least 10"):
        change_password(user=organiser, password="short")


def test_a_deactivated_user_is_signed_out_everywhere(app, client, db, organiser):
    sign_in(client, remember=True)
    copy = stolen(client, "session", "remember_token")
    deactivate_user(user=organiser)
    db.session.commit()
    assert not opens_organiser(app, copy)
    assert authenticate(email=EMAIL, password=PASSWORD) is None


def test_the_remember_cookie_is_same_site_and_expires(app, client, organiser):
    response = sign_in(client, remember=True)
    (cookie,) = [h for h in response.headers.getlist("Set-Cookie")
                 if h.startswith("remember_token=")]
    assert "SameSite=Lax" in cookie and "HttpOnly" in cookie and "Expires=" in cookie
    assert app.config["REMEMBER_COOKIE_DURATION"] == timedelta(days=14)


def test_a_remembered_session_ends_on_the_server_after_two_weeks(app, client, clock,
                                                                  organiser):
    sign_in(client, remember=True)
    copy = stolen(client, "session", "remember_token")
    clock.advance(timedelta(days=13))
    assert opens_organiser(app, copy)
    clock.advance(timedelta(days=2))
    assert not opens_organiser(app, copy)
    sign_in(client)  # signing in again starts a new session
    assert client.get("/organiser/").status_code == 200


def test_a_csrf_token_planted_before_sign_in_is_refused_after_it(client, organiser):
    planted = csrf_token(client.get("/auth/login").get_data(as_text=True))
    sign_in(client)
    refused = client.post("/auth/logout", data={"csrf_token": planted})
    assert refused.status_code == 400
    assert client.get("/organiser/").status_code == 200  # still signed in


def test_cookies_from_before_session_tokens_sign_nobody_in(app, organiser):
    from kunstrute.auth.models import _load_user

    with app.test_request_context():
        assert _load_user(str(organiser.id)) is None
        assert _load_user(f"{organiser.id}:None") is None
        assert isinstance(organiser, User)
