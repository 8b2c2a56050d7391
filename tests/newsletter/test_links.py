"""The links in newsletter e-mails: opening one changes nothing, and none carries the address.

Mail scanners open every link in a message, so a GET that confirmed would subscribe
addresses nobody opted in; and an itsdangerous token is signed, not encrypted, so its
payload is readable base64.
"""

import base64
import json
import re
from urllib.parse import urlsplit

import sqlalchemy as sa

from kunstrute.newsletter.models import Subscriber, SubscriberStatus
from kunstrute.newsletter.services import _serializer, compose
from tests import factories
from tests.conftest import csrf_token
from tests.newsletter.test_subscribe import link_in, stored, subscribe


def payload(token: str) -> str:
    """Return what anyone can read in a token: its first part, base64-decoded."""
    part = token.split(".")[0].lstrip(".")
    raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    return raw.decode("latin-1")


def test_opening_the_confirmation_link_subscribes_nobody(client, db, outbox):
    subscribe(client, "kari@example.no")
    link = link_in(outbox()[0])
    page = client.get(link)
    assert page.status_code == 200 and "Ja, jeg vil abonnere" in page.get_data(as_text=True)
    assert stored("kari@example.no").status == SubscriberStatus.PENDING
    assert client.post(link).status_code == 400  # a bare POST (no CSRF token) is refused
    assert stored("kari@example.no").status == SubscriberStatus.PENDING
    done = client.post(link, data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    assert done.status_code == 200 and "Du abonnerer" in done.get_data(as_text=True)
    db.session.expire_all()
    assert stored("kari@example.no").status == SubscriberStatus.CONFIRMED


def test_confirmation_and_unsubscribe_links_do_not_carry_the_address(client, db, outbox):
    subscribe(client, "kari.nordmann@example.no")
    confirm = link_in(outbox()[0])
    subscriber = stored("kari.nordmann@example.no")
    subscriber.change_status(SubscriberStatus.CONFIRMED)
    db.session.commit()
    newsletter = compose(factories.newsletter(subject="Nytt", body="Hei"), subscriber)
    unsubscribe = urlsplit(re.search(r"<([^>]+)>", newsletter.headers["List-Unsubscribe"])
                           .group(1)).path
    for link in (confirm, unsubscribe):
        token = link.rsplit("/", 1)[1]
        assert "kari" not in payload(token) and "example" not in payload(token)
        assert json.loads(payload(token))["id"] == subscriber.id
    assert client.post(unsubscribe).status_code == 200  # one click, as from a mail client
    db.session.expire_all()
    assert stored("kari.nordmann@example.no").status == SubscriberStatus.UNSUBSCRIBED


def test_unsubscribe_links_sent_before_keep_working(client, db, app):
    subscriber = Subscriber(email="kari@example.no", status=SubscriberStatus.CONFIRMED,
                            consent_text="ja")
    db.session.add(subscriber)
    db.session.commit()
    with app.test_request_context():
        old = _serializer("unsubscribe").dumps({"id": subscriber.id, "email": subscriber.email})
        forged = _serializer("unsubscribe").dumps({"id": subscriber.id, "email": "x@example.no"})
    assert client.post(f"/newsletter/unsubscribe/{forged}").status_code == 400
    assert client.post(f"/newsletter/unsubscribe/{old}").status_code == 200
    db.session.expire_all()
    assert db.session.scalar(sa.select(Subscriber.status)) == SubscriberStatus.UNSUBSCRIBED
