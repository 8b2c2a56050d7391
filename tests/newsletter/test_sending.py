"""Sending reaches every confirmed subscriber exactly once, even when a run is interrupted."""

from collections import Counter

import pytest
import sqlalchemy as sa

from kunstrute import mail
from kunstrute.newsletter import sending
from kunstrute.newsletter.models import (
    NewsletterDelivery,
    NewsletterStatus,
    Subscriber,
)
from kunstrute.newsletter.sending import send_newsletter
from tests import factories


def people(db, confirmed=7, pending=2, unsubscribed=1):
    for status, prefix, how_many in (("confirmed", "c", confirmed), ("pending", "p", pending),
                                     ("unsubscribed", "u", unsubscribed)):
        for n in range(how_many):
            factories.subscriber(f"{prefix}{n}@example.no", status=status)
    newsletter = factories.newsletter()
    db.session.commit()
    return newsletter


def crashing_after(count: int, exception=KeyboardInterrupt):
    sent = []

    def send(message):
        if len(sent) == count:
            raise exception()
        sent.append(message.to)
        mail.send(message)

    return send


def run(newsletter, **kwargs):
    kwargs.setdefault("batch_size", 3)
    kwargs.setdefault("pause_seconds", 0)
    return send_newsletter(newsletter=newsletter, **kwargs)


def test_an_interrupted_run_resumes_and_reaches_everyone_exactly_once(db, outbox):
    newsletter = people(db)
    with pytest.raises(KeyboardInterrupt):
        run(newsletter, send=crashing_after(4))
    assert len(outbox()) == 4
    assert newsletter.status == NewsletterStatus.SENDING
    report = run(newsletter)
    assert (report.sent, report.earlier, report.failed, report.uncertain) == (3, 4, [], 0)
    received = Counter(m["To"] for m in outbox())
    assert received == {f"c{n}@example.no": 1 for n in range(7)}  # not pending, not unsubscribed
    assert newsletter.status == NewsletterStatus.SENT
    again = run(newsletter)
    assert again.sent == 0 and len(outbox()) == 7


def test_one_failing_address_does_not_stop_the_run(db, outbox):
    newsletter = people(db, confirmed=4, pending=0, unsubscribed=0)

    def send(message):
        if message.to == "c1@example.no":
            raise OSError("mailbox unavailable")
        mail.send(message)

    report = run(newsletter, send=send)
    assert report.sent == 3 and report.failed == [("c1@example.no", "OSError: mailbox unavailable")]
    assert newsletter.status == NewsletterStatus.SENDING  # not done until c1 has it
    assert run(newsletter).sent == 1 and newsletter.status == NewsletterStatus.SENT


def test_a_killed_run_leaves_an_uncertain_claim_that_is_not_resent_by_default(db, outbox):
    newsletter = people(db, confirmed=2, pending=0, unsubscribed=0)
    first = db.session.scalar(sa.select(Subscriber).order_by(Subscriber.id))
    db.session.add(NewsletterDelivery(newsletter_id=newsletter.id, subscriber_id=first.id))
    db.session.commit()  # what a kill -9 between claim and send leaves behind
    report = run(newsletter)
    assert (report.sent, report.uncertain) == (1, 1) and not report.complete
    assert run(newsletter, resend_uncertain=True).sent == 1
    assert Counter(m["To"] for m in outbox()) == {"c0@example.no": 1, "c1@example.no": 1}


def test_batches_pause_between_them_at_the_configured_rate(db, outbox):
    newsletter = people(db, confirmed=7, pending=0, unsubscribed=0)
    pauses = []
    run(newsletter, batch_size=3, pause_seconds=20, sleep=pauses.append)
    assert pauses == [20, 20]  # 3 + 3 + 1


@pytest.mark.commits  # another connection unsubscribes c2
@pytest.mark.parametrize("batch_size", [1, 10])
def test_someone_who_unsubscribes_mid_run_is_skipped(db, outbox, batch_size):
    newsletter = people(db, confirmed=3, pending=0, unsubscribed=0)

    def send(message):
        mail.send(message)
        if message.to == "c0@example.no":  # c2 clicks the link in another process meanwhile
            with db.engine.begin() as connection:
                connection.execute(sa.update(Subscriber).where(
                    Subscriber.email == "c2@example.no").values(status="unsubscribed"))

    report = run(newsletter, batch_size=batch_size, send=send)
    assert sorted(m["To"] for m in outbox()) == ["c0@example.no", "c1@example.no"]
    skipped = 0 if batch_size == 1 else 1  # with batches of one, the next query leaves c2 out
    assert (report.sent, report.skipped, report.complete) == (2, skipped, True)


def test_every_newsletter_mail_has_one_click_unsubscribe(db, outbox, client):
    newsletter = people(db, confirmed=1, pending=0, unsubscribed=0)
    newsletter.body_markdown = ("<script>alert(1)</script> [klikk](javascript:alert(2)) "
                                "[programmet](https://example.no/programme)")
    db.session.commit()
    run(newsletter)
    (message,) = outbox()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message["List-Unsubscribe"].strip("<>")
    html = message.get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    assert '<a href="https://example.no/programme">programmet</a>' in html
    assert link in html and link in message.get_body(("plain",)).get_content()
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.post("/" + path, data={"List-Unsubscribe": "One-Click"}).status_code == 200


def test_the_command_sends_and_says_what_happened(db, outbox, runner):
    newsletter = people(db, confirmed=2, pending=0, unsubscribed=0)
    runner.app.config["NEWSLETTER_BATCH_PAUSE"] = 0
    result = runner.invoke(args=["send-newsletter", str(newsletter.id)])
    assert result.exit_code == 0, result.output
    assert "Sent 2 now, 0 in earlier runs, 0 failed, 0 uncertain." in result.output
    again = runner.invoke(args=["send-newsletter", str(newsletter.id)])
    assert again.exit_code == 0 and "sent already" in again.output
    missing = runner.invoke(args=["send-newsletter", "999"])
    assert missing.exit_code == 1 and "no newsletter 999" in missing.output
    assert len(outbox()) == 2


def test_the_command_exits_non_zero_when_some_failed(db, outbox, runner, monkeypatch):
    newsletter = people(db, confirmed=3, pending=0, unsubscribed=0)
    runner.app.config["NEWSLETTER_BATCH_PAUSE"] = 0
    real = sending.compose

    def compose(newsletter, subscriber, **kwargs):
        if subscriber.email == "c1@example.no":
            raise OSError("mailbox unavailable")
        return real(newsletter, subscriber, **kwargs)

    monkeypatch.setattr(sending, "compose", compose)
    result = runner.invoke(args=["send-newsletter", str(newsletter.id)])
    assert result.exit_code == 1
    assert "Sent 2 now, 0 in earlier runs, 1 failed" in result.output
    assert "failed: c1@example.no: OSError: mailbox unavailable" in result.output
    monkeypatch.setattr(sending, "compose", real)
    retry = runner.invoke(args=["send-newsletter", str(newsletter.id)])
    assert retry.exit_code == 0 and "Sent 1 now, 2 in earlier runs, 0 failed" in retry.output
    assert sorted(m["To"] for m in outbox()) == [f"c{n}@example.no" for n in range(3)]
