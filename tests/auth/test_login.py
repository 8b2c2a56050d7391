"""Sign-in, sign-out, CSRF, password hashing and the create-user command."""

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher, extract_parameters, profiles

from kunstrute import create_app
from kunstrute.auth.models import Role, User
from kunstrute.auth.services import UserError, authenticate, create_user, password_hashing
from tests.conftest import csrf_token


def sign_in(client, email, password, token=True):
    page = client.get("/auth/login")
    data = {"email": email, "password": password}
    if token:
        data["csrf_token"] = csrf_token(page.get_data(as_text=True))
    return client.post("/auth/login", data=data)


def test_passwords_are_stored_as_argon2id(db):
    user = create_user(email="Org@Example.org", password="long enough pw", role="organiser")
    assert user.email == "org@example.org"
    assert user.password_hash.startswith("$argon2id$")
    assert authenticate(email="ORG@example.org", password="long enough pw") == user
    assert authenticate(email="org@example.org", password="wrong password") is None


def test_production_hashes_with_argon2_defaults_and_the_tests_cheaply(app, db, tmp_path):
    production = create_app({"ENV": "production", "SECRET_KEY": "x" * 40,
                      "BASE_URL": "https://kunstrettvest.example",
                             "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    with production.app_context():
        stored = extract_parameters(password_hashing().hasher.hash("long enough pw"))
    assert stored == extract_parameters(PasswordHasher().hash("x")) == profiles.RFC_9106_LOW_MEMORY
    user = create_user(email="t@example.org", password="long enough pw", role="juror")
    assert extract_parameters(user.password_hash) == profiles.CHEAPEST
    assert user.password_hash.startswith("$argon2id$")
    # An unknown e-mail is checked against a hash of the same cost, so it takes as long.
    assert extract_parameters(password_hashing().dummy_hash) == profiles.CHEAPEST
    assert authenticate(email="nobody@example.org", password="long enough pw") is None


def test_create_user_refuses_bad_input(db):
    create_user(email="a@example.org", password="long enough pw", role="juror")
    for kwargs, message in [
        ({"email": "a@example.org", "role": "juror"}, "already exists"),
        ({"email": "not-an-email", "role": "juror"}, "Not a valid e-mail"),
        ({"email": "b@example.org", "role": "king"}, "Unknown role"),
        ({"email": "c@example.org", "role": "juror", "password": "short"}, "at least 10"),
    ]:
        kwargs.setdefault("password", "long enough pw")
        with pytest.raises(UserError, match=message):
            create_user(**kwargs)


def test_sign_in_and_out(client, db):
    create_user(email="org@example.org", password="long enough pw", role=Role.ORGANISER)
    db.session.commit()
    response = sign_in(client, "org@example.org", "long enough pw")
    assert response.status_code == 302 and response.headers["Location"] == "/organiser/"
    assert client.get("/organiser/").status_code == 200
    page = client.get("/organiser/").get_data(as_text=True)
    out = client.post("/auth/logout", data={"csrf_token": csrf_token(page)})
    assert out.status_code == 302
    assert client.get("/organiser/").status_code == 302  # back to the sign-in page


def test_wrong_password_is_answered_at_the_field_and_keeps_the_email(client, db):
    create_user(email="org@example.org", password="long enough pw", role=Role.ORGANISER)
    db.session.commit()
    response = sign_in(client, "org@example.org", "not the password")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Feil e-post eller passord." in html
    assert 'value="org@example.org"' in html
    assert 'aria-invalid="true"' in html


def test_missing_csrf_token_is_refused(client, db):
    create_user(email="org@example.org", password="long enough pw", role=Role.ORGANISER)
    db.session.commit()
    response = sign_in(client, "org@example.org", "long enough pw", token=False)
    assert response.status_code == 400
    assert "Skjemaet kunne ikke sendes" in response.get_data(as_text=True)
    assert client.get("/organiser/").status_code == 302


def test_sign_in_goes_back_to_the_page_asked_for_but_never_off_site(client, db):
    create_user(email="org@example.org", password="long enough pw", role=Role.ORGANISER)
    db.session.commit()
    page = client.get("/auth/login?next=//evil.example/")
    response = client.post("/auth/login?next=//evil.example/", data={
        "email": "org@example.org", "password": "long enough pw",
        "csrf_token": csrf_token(page.get_data(as_text=True))})
    assert response.headers["Location"] == "/organiser/"


@pytest.mark.parametrize("next_page", ["%0a", "/%0d%0aSet-Cookie:%20x=1", "/%09/evil.example/",
                                       "%0a//evil.example/"])
def test_a_next_page_with_a_line_break_or_tab_is_ignored(client, db, next_page):
    create_user(email="org@example.org", password="long enough pw", role=Role.ORGANISER)
    db.session.commit()
    page = client.get(f"/auth/login?next={next_page}")
    assert page.status_code == 200
    response = client.post(f"/auth/login?next={next_page}", data={
        "email": "org@example.org", "password": "long enough pw",
        "csrf_token": csrf_token(page.get_data(as_text=True))})
    assert response.status_code == 302 and response.headers["Location"] == "/organiser/"
    again = client.get(f"/auth/login?next={next_page}")  # signed in: straight on
    assert again.status_code == 302 and again.headers["Location"] == "/"
    switch = client.get(f"/lang/en?next={next_page}")
    assert switch.status_code == 302 and switch.headers["Location"] == "/"


def test_inactive_user_cannot_sign_in(client, db):
    user = create_user(email="old@example.org", password="long enough pw", role=Role.ORGANISER)
    user.active = False
    db.session.commit()
    assert sign_in(client, "old@example.org", "long enough pw").status_code == 400


def test_create_user_command(runner, db):
    result = runner.invoke(args=["create-user", "new@example.org", "--role", "organiser",
                                 "--password-stdin"], input="a long password\n")
    assert result.exit_code == 0, result.output
    assert "Created organiser new@example.org" in result.output
    again = runner.invoke(args=["create-user", "new@example.org", "--role", "organiser",
                                "--password-stdin"], input="a long password\n")
    assert again.exit_code == 1 and "already exists" in again.output
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1
    prompted = runner.invoke(args=["create-user", "p@example.org", "--role", "juror"],
                             input="a long password\na long password\n")
    assert prompted.exit_code == 0, prompted.output
