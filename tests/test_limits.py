"""Rate limits: guessing passwords and sending e-mails to one address stop; a crowd behind one
mobile address does not. Every test runs on the in-memory count and on the local Redis."""

import os
from datetime import timedelta

import pytest
import redis
import sqlalchemy as sa
from limits import parse_many

from kunstrute.auth.services import create_user
from kunstrute.extensions import limiter
from kunstrute.programme.models import Registration
from kunstrute.timeutil import utcnow
from tests import factories
from tests.conftest import csrf_token, form_token, make_app

#: The suite's Redis database. Named in the environment (as .ci/run does), it must answer;
#: otherwise the local one is used when it answers.
REDIS_REQUIRED = bool(os.environ.get("KUNSTRUTE_TEST_REDIS_URL"))
REDIS_URI = os.environ.get("KUNSTRUTE_TEST_REDIS_URL") or "redis://127.0.0.1:6379/2"


@pytest.fixture(params=["memory", "redis"], autouse=True)
def counted_in(request, app):
    """Count in memory, or in Redis as several workers do (skipped only without a Redis)."""
    if request.param == "memory":
        yield request.param
        return
    try:
        redis.Redis.from_url(REDIS_URI, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if REDIS_REQUIRED:
            raise
        pytest.skip(f"no Redis at {REDIS_URI}")
    previous = app.config["RATELIMIT_STORAGE_URI"]
    app.config["RATELIMIT_STORAGE_URI"] = REDIS_URI
    app.config["RATELIMIT_STORAGE_OPTIONS"] = {"key_prefix": f"kunstrute-test-{os.getpid()}"}
    limiter.init_app(app)  # one limiter per process: it now counts in Redis
    limiter.reset()
    yield request.param
    limiter.reset()
    app.config["RATELIMIT_STORAGE_URI"] = previous
    limiter.init_app(app)


def most(app, setting: str) -> int:
    """Return how many the tightest limit of a setting lets through."""
    return min(item.amount for item in parse_many(app.config[setting]))


def from_address(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def sign_in(client, email, password, address="198.51.100.7", **extra):
    page = client.get("/auth/login", **from_address(address))
    return client.post("/auth/login", data={
        "email": email, "password": password,
        "csrf_token": csrf_token(page.get_data(as_text=True))}, **from_address(address), **extra)


def future_tour(capacity=None):
    return factories.event(factories.edition(), starts_at=utcnow() + timedelta(days=2),
                           capacity=capacity, registration_required=True, title="Atelierbuss")


def sign_up(client, event, email, address="203.0.113.9", name="Kari"):
    page = client.get(f"/programme/{event.id}", **from_address(address)).get_data(as_text=True)
    return client.post(f"/programme/{event.id}/register", data={
        "name": name, "email": email, "csrf_token": csrf_token(page)}, **from_address(address))


def subscribe(client, email, address="203.0.113.9"):
    page = client.get("/newsletter", **from_address(address)).get_data(as_text=True)
    return client.post("/newsletter", data={
        "email": email, "consent": "y", "csrf_token": csrf_token(page)},
        **from_address(address))


def test_sign_in_stops_guessing_after_n_wrong_passwords_for_one_account(app, client, db):
    create_user(email="org@example.org", password="correct horse battery", role="organiser")
    db.session.commit()
    allowed = most(app, "RATELIMIT_SIGN_IN_PER_ACCOUNT")
    for attempt in range(allowed):  # from ever new addresses: a botnet
        wrong = sign_in(client, "org@example.org", f"guess {attempt}",
                        address=f"192.0.2.{attempt + 1}")
        assert wrong.status_code == 400
    # The same account typed another way, from yet another address, even with the right word.
    stopped = sign_in(client, "ORG@Example.org", "correct horse battery", address="192.0.2.250")
    assert stopped.status_code == 429 and "For mange forsøk" in stopped.get_data(as_text=True)
    assert "/organiser" not in stopped.headers.get("Location", "")
    # Another account is not locked by it.
    create_user(email="other@example.org", password="correct horse battery", role="organiser")
    db.session.commit()
    assert sign_in(client, "other@example.org", "correct horse battery").status_code == 302


def test_a_few_wrong_passwords_do_not_stop_the_right_one(app, client, db):
    create_user(email="org@example.org", password="correct horse battery", role="organiser")
    db.session.commit()
    for attempt in range(most(app, "RATELIMIT_SIGN_IN_PER_ACCOUNT") - 1):
        assert sign_in(client, "org@example.org", f"typo {attempt}").status_code == 400
    assert sign_in(client, "org@example.org", "correct horse battery").status_code == 302


def test_sign_in_stops_one_address_guessing_across_many_accounts(app, client, db, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_SIGN_IN_PER_ADDRESS", "3 per 15 minutes")
    for n in range(3):
        assert sign_in(client, f"user{n}@example.org", "guess").status_code == 400
    assert sign_in(client, "user9@example.org", "guess").status_code == 429
    assert sign_in(client, "user9@example.org", "guess",
                   address="198.51.100.8").status_code == 400  # another address is not stopped


def test_a_made_up_forwarded_for_header_does_not_escape_the_limit(app, client, db, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_SIGN_IN_PER_ADDRESS", "3 per 15 minutes")
    answers = [sign_in(client, f"user{n}@example.org", "guess",
                       headers={"X-Forwarded-For": f"10.0.0.{n}"}).status_code
               for n in range(4)]
    assert answers == [400, 400, 400, 429]


def test_behind_a_configured_proxy_each_visitor_is_counted_apart(app, db, monkeypatch):
    proxied = make_app(app.config["SQLALCHEMY_DATABASE_URI"], PROXY_HOPS=1,
                       RATELIMIT_STORAGE_URI=app.config["RATELIMIT_STORAGE_URI"],
                       RATELIMIT_SIGN_IN_PER_ADDRESS="3 per 15 minutes")
    try:
        client = proxied.test_client()
        answers = [sign_in(client, f"user{n}@example.org", "guess", address="10.0.0.1",
                           headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code
                   for n in range(5)]
        assert answers == [400] * 5
        assert sign_in(client, "user9@example.org", "guess", address="10.0.0.1",
                       headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 400
        assert [sign_in(client, "user9@example.org", "guess", address="10.0.0.1",
                        headers={"X-Forwarded-For": "198.51.100.1"}).status_code
                for _ in range(2)] == [400, 429]  # that visitor's fourth guess
    finally:
        limiter.init_app(app)  # the process's one limiter counts for the suite's app again


def test_a_family_behind_one_address_can_all_sign_up(client, db, outbox):
    tour, talk = future_tour(), future_tour()
    db.session.commit()
    family = [f"person{n}@example.no" for n in range(8)]
    for email in family:  # one mobile address (CGNAT): the whole family, two events each
        assert sign_up(client, tour, email).status_code == 302
        assert sign_up(client, talk, email).status_code == 302
        assert subscribe(client, email).status_code == 200
    assert len(outbox()) == 3 * len(family)


def test_one_address_cannot_be_sent_endless_confirmation_mails(app, client, db, outbox):
    tour = future_tour()
    db.session.commit()
    allowed = most(app, "RATELIMIT_MAILS_PER_RECIPIENT")
    answers = []
    for n in range(allowed + 3):  # from ever new addresses, alternating the two forms
        address = f"192.0.2.{n + 1}"
        if n % 2:
            answers.append(subscribe(client, "victim@example.no", address=address).status_code)
        else:
            answers.append(sign_up(client, tour, "Victim@Example.no", address=address).status_code)
    assert 429 not in answers[:allowed] and answers[allowed:] == [429] * 3
    assert len(outbox()) == allowed
    assert sign_up(client, tour, "someone.else@example.no").status_code == 302


def test_the_429_page_is_in_norwegian_with_retry_after(app, client, db, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_SIGN_IN_PER_ACCOUNT", "1 per 15 minutes")
    sign_in(client, "org@example.org", "guess")
    stopped = sign_in(client, "org@example.org", "guess")
    page = stopped.get_data(as_text=True)
    assert stopped.status_code == 429
    assert '<html lang="nb"' in page and 'class="site-header"' in page  # the site's own design
    assert "For mange forsøk" in page and "Vent 15 minutter" in page
    assert 0 < int(stopped.headers["Retry-After"]) <= 15 * 60
    assert stopped.headers["Cache-Control"] == "no-store"


def test_the_429_page_is_in_english_for_english_visitors(app, client, db, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_MAILS_PER_RECIPIENT", "1 per hour")
    client.set_cookie("lang", "en")
    tour = future_tour()
    db.session.commit()
    assert sign_up(client, tour, "kari@example.no").status_code == 302
    stopped = sign_up(client, tour, "kari@example.no")
    page = stopped.get_data(as_text=True)
    assert stopped.status_code == 429 and '<html lang="en"' in page
    assert "Too many attempts" in page and "Wait 60 minutes and try again" in page
    assert 0 < int(stopped.headers["Retry-After"]) <= 3600
    assert "kari@example.no" not in page


def test_one_address_cannot_mail_endless_different_recipients(app, client, db, outbox,
                                                              monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_MAIL_FORMS_PER_ADDRESS", "3 per hour")
    tour = future_tour()
    db.session.commit()
    answers = [sign_up(client, tour, f"stranger{n}@example.no").status_code for n in range(4)]
    assert answers == [302, 302, 302, 429] and len(outbox()) == 3
    assert [subscribe(client, f"stranger{n}@example.no").status_code for n in range(4)] == [
        200, 200, 200, 429]  # each form counts on its own
    assert sign_up(client, tour, "neighbour@example.no", address="203.0.113.10").status_code == 302


def test_cancelling_again_and_again_from_one_address_is_stopped(app, client, db, outbox,
                                                                monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_MAIL_FORMS_PER_ADDRESS", "2 per hour")
    tour = future_tour()
    db.session.commit()
    sign_up(client, tour, "kari@example.no", address="192.0.2.1")
    token = db.session.scalars(sa.select(Registration.token).where(
        Registration.email == "kari@example.no")).one()
    page = client.get(f"/programme/registrations/{token}").get_data(as_text=True)
    answers = [client.post(f"/programme/registrations/{token}/cancel",
                           data={"csrf_token": form_token(
                               page, f"/programme/registrations/{token}/cancel")}).status_code
               for _ in range(3)]
    assert answers == [302, 302, 429]
