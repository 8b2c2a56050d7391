"""Addresses with letters beyond ASCII (`üser@example.com`, `ola@bücher.example`) get mail.

The outbox file is what SMTP would carry, so it must parse back to the address; over SMTP
such an address goes with SMTPUTF8 where the server offers it, and where it does not only
that one recipient fails, never the others.
"""

import smtplib
from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from kunstrute import mail
from kunstrute.programme import notify
from kunstrute.programme.registrations import register
from kunstrute.timeutil import utcnow
from tests import factories


class FakeSMTP(smtplib.SMTP):
    """smtplib's own client, minus the network: records what a server would receive."""

    offers: dict = {}
    received: list = []

    def __init__(self, host="", port=0, timeout=30, **kwargs):
        super().__init__()  # no host: no connection

    def ehlo(self, name=""):
        self.ehlo_resp, self.does_esmtp = b"fake", True
        self.esmtp_features = dict(self.offers)
        return 250, b"fake"

    def starttls(self, *args, **kwargs):
        return 220, b"ready"

    def mail(self, sender, options=()):
        self.envelope = {"from": sender, "options": list(options), "to": []}
        return 250, b"ok"

    def rcpt(self, recipient, options=()):
        self.envelope["to"].append(recipient)
        return 250, b"ok"

    def data(self, msg):
        FakeSMTP.received.append({**self.envelope, "data": msg})
        return 250, b"ok"

    def quit(self):
        return 221, b"bye"


@pytest.fixture
def smtp(app, monkeypatch):
    """Send through FakeSMTP; set `smtp.offers` to the server's extensions."""
    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    monkeypatch.setattr(FakeSMTP, "received", [])
    monkeypatch.setattr(FakeSMTP, "offers", {"8bitmime": "", "smtputf8": ""})
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example")
    return FakeSMTP


def to_header(raw: bytes) -> bytes:
    return next(line for line in raw.splitlines() if line.startswith(b"To:"))


def test_an_address_beyond_ascii_is_written_to_the_outbox_as_itself(app, outbox):
    with app.test_request_context():
        mail.send(mail.Mail(to="üser@example.com", subject="Hei", text="Hei"))
    (written,) = outbox()
    assert written["To"] == "üser@example.com"
    raw = written.as_bytes(policy=policy.SMTPUTF8)
    assert to_header(raw) == "To: üser@example.com".encode()  # no =?utf-8?q? in an address


def test_the_outbox_file_parses_back_to_the_address(app, tmp_path):
    app.config["MAIL_OUTBOX"], before = str(tmp_path), app.config["MAIL_OUTBOX"]
    try:
        with app.test_request_context():
            mail.send(mail.Mail(to="üser@example.com", subject="Hei", text="Hei"))
    finally:
        app.config["MAIL_OUTBOX"] = before
    raw = next(tmp_path.glob("*.eml")).read_bytes()
    assert b"=?" not in to_header(raw)
    parsed = message_from_bytes(raw, policy=policy.default)
    assert str(parsed["To"]) == "üser@example.com"


def test_a_domain_beyond_ascii_goes_idna_encoded_to_any_server(app, smtp):
    smtp.offers = {}
    with app.test_request_context():
        mail.send(mail.Mail(to="ola@bücher.example", subject="Hei", text="Hei"))
    (received,) = smtp.received
    assert received["to"] == ["ola@xn--bcher-kva.example"]
    assert "SMTPUTF8" not in received["options"]


def test_smtputf8_carries_the_address_where_the_server_offers_it(app, smtp):
    with app.test_request_context():
        mail.send(mail.Mail(to="üser@example.com", subject="Hei", text="Hei"))
    (received,) = smtp.received
    assert received["to"] == ["üser@example.com"] and "SMTPUTF8" in received["options"]
    assert str(message_from_bytes(received["data"], policy=policy.default)["To"]) == (
        "üser@example.com")


def test_a_server_without_smtputf8_refuses_that_recipient_clearly(app, smtp):
    smtp.offers = {"8bitmime": ""}
    with app.test_request_context(), pytest.raises(mail.AddressRefused, match="SMTPUTF8"):
        mail.send(mail.Mail(to="üser@example.com", subject="Hei", text="Hei"))
    assert smtp.received == []


def test_one_address_beyond_ascii_does_not_stop_telling_everyone(app, db, smtp):
    smtp.offers = {"8bitmime": ""}
    event = factories.event(factories.edition(), starts_at=utcnow() + timedelta(days=2),
                            registration_required=True, capacity=5)
    people = [register(event=event, name="X", email=address)[0]
              for address in ("kari@example.no", "üser@example.com", "ola@example.no")]
    db.session.commit()
    refused = notify.tell_all(people, "changed")
    assert [r.email for r in refused] == ["üser@example.com"]
    assert [r["to"] for r in smtp.received] == [["kari@example.no"], ["ola@example.no"]]
