"""Subscribing with double opt-in and unsubscribing with one click, without an account."""

import re
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from kunstrute.extensions import db as _db
from kunstrute.newsletter.models import Subscriber, SubscriberStatus
from kunstrute.newsletter.services import make_token
from tests.conftest import csrf_token


def subscribe(client, email, name="", consent="y"):
    page = client.get("/newsletter").get_data(as_text=True)
    data = {"email": email, "name": name, "csrf_token": csrf_token(page)}
    if consent:
        data["consent"] = consent
    return client.post("/newsletter", data=data)


def link_in(message) -> str:
    """Return the path of the first link in a plain-text e-mail."""
    text = message.get_body(("plain",)).get_content()
    return urlsplit(re.search(r"https?://\S+", text).group(0)).path


def press_confirm(client, link: str):
    """Open a confirmation link and press its button."""
    page = client.get(link).get_data(as_text=True)
    return client.post(link, data={"csrf_token": csrf_token(page)})


def stored(email) -> Subscriber:
    return _db.session.scalar(sa.select(Subscriber).where(Subscriber.email == email))


def test_subscribing_sends_only_a_confirmation_and_stores_consent(client, db, outbox):
    response = subscribe(client, "Kari@Example.no", name="Kari")
    assert response.status_code == 200 and "Sjekk innboksen" in response.get_data(as_text=True)
    subscriber = stored("kari@example.no")
    assert subscriber.status == SubscriberStatus.PENDING and subscriber.name == "Kari"
    assert "ti ganger i året" in subscriber.consent_text and subscriber.consent_at is not None
    (message,) = outbox()
    assert message["To"] == "kari@example.no" and "Bekreft" in message["Subject"]
    confirm = press_confirm(client, link_in(message))
    assert confirm.status_code == 200 and "Du abonnerer" in confirm.get_data(as_text=True)
    db.session.refresh(subscriber)
    assert subscriber.status == SubscriberStatus.CONFIRMED and subscriber.confirmed_at


def test_the_answer_does_not_reveal_who_is_subscribed(client, db, outbox):
    subscribe(client, "kari@example.no")
    press_confirm(client, link_in(outbox()[0]))
    again = subscribe(client, "kari@example.no")
    stranger = subscribe(client, "ola@example.no")
    def strip(response) -> str:
        """The page without the address typed and the second it was made (data-rendered)."""
        text = response.get_data(as_text=True).replace("ola@", "X@").replace("kari@", "X@")
        return re.sub(r'data-rendered="[^"]*"', "", text)

    assert strip(again) == strip(stranger)
    assert [m["To"] for m in outbox()] == ["kari@example.no", "ola@example.no"]


def test_the_stored_consent_is_the_wording_shown_and_the_mail_has_an_html_part(client, db,
                                                                              outbox):
    page = client.get("/newsletter").get_data(as_text=True)
    subscribe(client, "kari@example.no")
    assert stored("kari@example.no").consent_text in page
    (message,) = outbox()
    html = message.get_body(("html",)).get_content()
    assert link_in(message) in html and "<script" not in html


def test_subscribing_again_while_pending_sends_a_new_link(client, db, outbox):
    subscribe(client, "kari@example.no")
    first = stored("kari@example.no").consent_at
    again = subscribe(client, "KARI@example.no", name="Kari")
    assert again.status_code == 200
    assert [m["To"] for m in outbox()] == ["kari@example.no", "kari@example.no"]
    db.session.expire_all()
    subscriber = stored("kari@example.no")
    assert subscriber.status == SubscriberStatus.PENDING and subscriber.consent_at >= first
    assert db.session.scalar(sa.select(sa.func.count(Subscriber.id))) == 1
    assert client.get(link_in(outbox()[-1])).status_code == 200


@pytest.mark.parametrize("email, consent, field, message", [
    ("kari-at-example", "y", "email", "ikke en e-postadresse"),
    ("kari@example.no", "", "consent", "Kryss av"),
])
def test_bad_input_is_named_and_kept(client, db, outbox, email, consent, field, message):
    response = subscribe(client, email, name="Kari", consent=consent)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and message in html
    assert f'id="{field}-error"' in html and 'value="Kari"' in html
    assert outbox() == [] and db.session.scalar(sa.select(sa.func.count(Subscriber.id))) == 0


def test_altered_and_expired_links_change_nothing(client, db, outbox, app, monkeypatch):
    subscribe(client, "kari@example.no")
    link = link_in(outbox()[0])
    bad = client.get(link[:-3] + "xyz")
    assert bad.status_code == 400 and "endret" in bad.get_data(as_text=True)
    import kunstrute.newsletter.services as services

    monkeypatch.setattr(services, "CONFIRM_MAX_AGE", -1)
    old = client.get(link)
    assert old.status_code == 400 and "utløpt" in old.get_data(as_text=True)
    assert stored("kari@example.no").status == SubscriberStatus.PENDING


def confirmed(email="kari@example.no") -> Subscriber:
    subscriber = Subscriber(email=email, status=SubscriberStatus.CONFIRMED, consent_text="ja")
    _db.session.add(subscriber)
    _db.session.commit()
    return subscriber


def test_unsubscribe_asks_then_unsubscribes_without_signing_in(client, db, app):
    subscriber = confirmed()
    with app.test_request_context():
        token = make_token("unsubscribe", subscriber)
    page = client.get(f"/newsletter/unsubscribe/{token}")
    assert page.status_code == 200 and "Avslutt" in page.get_data(as_text=True)
    assert stored("kari@example.no").status == SubscriberStatus.CONFIRMED  # GET changes nothing
    done = client.post(f"/newsletter/unsubscribe/{token}")  # no CSRF token: one click
    assert done.status_code == 200 and "avmeldt" in done.get_data(as_text=True)
    db.session.expire_all()
    assert stored("kari@example.no").status == SubscriberStatus.UNSUBSCRIBED


def test_one_click_post_from_a_mail_client_and_altered_tokens(client, db, app):
    subscriber = confirmed()
    with app.test_request_context():
        token = make_token("unsubscribe", subscriber)
    assert client.post(f"/newsletter/unsubscribe/{token}x",
                       data={"List-Unsubscribe": "One-Click"}).status_code == 400
    db.session.expire_all()
    assert stored("kari@example.no").status == SubscriberStatus.CONFIRMED
    assert client.post(f"/newsletter/unsubscribe/{token}",
                       data={"List-Unsubscribe": "One-Click"}).status_code == 200
    db.session.expire_all()
    assert stored("kari@example.no").status == SubscriberStatus.UNSUBSCRIBED


def test_an_old_confirmation_cannot_undo_an_unsubscribe(client, db, app):
    subscriber = confirmed()
    with app.test_request_context():
        confirm, leave = make_token("confirm", subscriber), make_token("unsubscribe", subscriber)
    client.post(f"/newsletter/unsubscribe/{leave}")
    assert client.get(f"/newsletter/confirm/{confirm}").status_code == 400
    db.session.expire_all()
    assert stored("kari@example.no").status == SubscriberStatus.UNSUBSCRIBED


def test_the_confirmation_does_not_repeat_the_name_typed(client, db, outbox):
    name = "Kari. Betal 100 kr på https://pay.evil.example/ for å bekrefte"
    assert subscribe(client, "kari@example.no", name=name).status_code == 200
    (message,) = outbox()
    for part in ("plain", "html"):
        body = message.get_body((part,)).get_content()
        assert "evil.example" not in body and "Betal" not in body and "Kari" not in body
    assert "evil" not in message["Subject"]


def test_two_simultaneous_sign_ups_with_one_new_address_store_one(app, client, db, outbox,
                                                                   monkeypatch):
    from kunstrute.newsletter import services
    from tests.race import in_another_request, rival_after_first_lookup

    other_client = app.test_client()
    rival = rival_after_first_lookup(monkeypatch, services, "_subscriber_by_email", lambda: (
        in_another_request(app, lambda: subscribe(other_client, "kari@example.no"))))
    second = subscribe(client, "kari@example.no", name="Kari")
    (first,) = rival
    assert first.status_code == second.status_code == 200

    def page(response) -> str:
        return re.sub(r'data-rendered="[^"]*"', "", response.get_data(as_text=True))

    assert page(first) == page(second) and "Sjekk innboksen" in page(second)
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(Subscriber.id))) == 1
    assert stored("kari@example.no").status == SubscriberStatus.PENDING
    assert [m["To"] for m in outbox()] == ["kari@example.no", "kari@example.no"]
