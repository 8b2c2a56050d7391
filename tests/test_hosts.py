"""Absolute links come from BASE_URL, never from the request's Host header, and requests
for hosts that are not configured are refused."""

import re
from datetime import timedelta

import pytest

from kunstrute import create_app
from kunstrute.timeutil import utcnow
from tests import factories
from tests.conftest import csrf_token

ATTACKER = {"Host": "attacker.example"}


def links_in(message) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", message.get_body(("plain",)).get_content())


@pytest.fixture
def hosts_unchecked(app, monkeypatch):
    """Switch the Host check off, to show that links do not depend on it alone."""
    monkeypatch.setitem(app.config, "TRUSTED_HOSTS", None)


def test_a_request_for_a_foreign_host_is_refused(client, db):
    assert client.get("/", headers=ATTACKER).status_code == 400
    assert client.get("/programme.ics", headers=ATTACKER).status_code == 400
    assert client.get("/").status_code == 200


def test_an_event_sign_up_sent_to_another_host_mails_links_to_the_real_site(
        client, db, outbox, hosts_unchecked):
    event = factories.event(factories.edition(), starts_at=utcnow() + timedelta(days=2),
                            capacity=5, registration_required=True, title="Atelierbuss")
    db.session.commit()
    page = client.get(f"/programme/{event.id}", headers=ATTACKER).get_data(as_text=True)
    client.post(f"/programme/{event.id}/register", headers=ATTACKER, data={
        "name": "Kari", "email": "kari@example.no", "csrf_token": csrf_token(page)})
    (message,) = outbox()
    links = links_in(message)
    assert links and all(link.startswith("http://localhost/") for link in links)
    assert "attacker" not in message.as_string()


def test_a_newsletter_sign_up_sent_to_another_host_mails_a_link_to_the_real_site(
        client, db, outbox, hosts_unchecked):
    page = client.get("/newsletter", headers=ATTACKER).get_data(as_text=True)
    client.post("/newsletter", headers=ATTACKER, data={
        "email": "kari@example.no", "consent": "y", "csrf_token": csrf_token(page)})
    (message,) = outbox()
    assert "attacker" not in message.as_string()
    assert all(link.startswith("http://localhost/") for link in links_in(message))


def test_the_calendar_feed_links_events_on_the_real_site(client, db, hosts_unchecked):
    edition = factories.edition()
    factories.event(edition, title="Konsert", starts_at=utcnow() + timedelta(days=2))
    db.session.commit()
    feed = client.get("/programme.ics", headers=ATTACKER).get_data(as_text=True)
    assert "URL:http://localhost/programme/" in feed and "attacker" not in feed


def test_production_refuses_to_start_without_a_base_url():
    with pytest.raises(RuntimeError, match="KUNSTRUTE_BASE_URL"):
        create_app({"ENV": "production", "SECRET_KEY": "x" * 40, "BASE_URL": ""})


def test_production_answers_only_to_its_own_and_the_listed_hosts(tmp_path):
    app = create_app({"ENV": "production", "SECRET_KEY": "x" * 40,
                      "BASE_URL": "https://kunstrettvest.no/",
                      "EXTRA_TRUSTED_HOSTS": ["www.kunstrettvest.no"],
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    assert app.config["TRUSTED_HOSTS"] == ["kunstrettvest.no", "www.kunstrettvest.no"]
    assert app.config["BASE_URL"] == "https://kunstrettvest.no"
    with app.test_request_context():
        from kunstrute.mail import external_url

        assert external_url("guide.planner", s="1,2") == "https://kunstrettvest.no/route?s=1,2"


def test_redirects_never_name_the_requests_host(client, db, hosts_unchecked):
    from kunstrute.auth.services import create_user

    sign_in = client.get("/organiser/", headers=ATTACKER)
    assert sign_in.headers["Location"] == "/auth/login?next=%2Forganiser%2F"
    language = client.get("/lang/en?next=//attacker.example/x", headers=ATTACKER)
    assert language.headers["Location"] == "/"
    create_user(email="org@example.org", password="long enough pw", role="organiser")
    db.session.commit()
    page = client.get("/auth/login", headers=ATTACKER).get_data(as_text=True)
    back = client.post("/auth/login?next=/programme", headers=ATTACKER, data={
        "email": "org@example.org", "password": "long enough pw",
        "csrf_token": csrf_token(page)})
    assert back.headers["Location"] == "/programme"
