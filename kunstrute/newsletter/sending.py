"""Sending a newsletter to every confirmed subscriber: in batches, resumable, never twice.

Each recipient is first *claimed* with a delivery row (committed), then sent to, then marked
sent (committed). The unique (newsletter, subscriber) key means no second claim, so nobody
gets a newsletter twice, whatever happens. If sending to one person fails, the claim is
released and the run carries on. If the run is interrupted (Ctrl-C, SIGTERM), the claim in
flight is released before stopping, so a restart reaches everyone exactly once. Only a hard
kill between claim and send leaves an "uncertain" claim: it is reported, and sent again only
when the organiser asks (`--resend-uncertain`), because the mail may already have left.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import sqlalchemy as sa

from kunstrute import mail
from kunstrute.extensions import db
from kunstrute.newsletter.models import (
    Newsletter,
    NewsletterDelivery,
    NewsletterStatus,
    Subscriber,
    SubscriberStatus,
)
from kunstrute.newsletter.services import compose
from kunstrute.timeutil import utcnow


@dataclass
class SendReport:
    sent: int = 0
    #: Delivered by an earlier run.
    earlier: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: Claimed by a run that was killed mid-send: maybe delivered, maybe not.
    uncertain: int = 0
    #: Unsubscribed after the run had picked them: not sent.
    skipped: int = 0

    @property
    def complete(self) -> bool:
        return not self.failed and not self.uncertain


def _uncertain(newsletter: Newsletter):
    return sa.select(NewsletterDelivery).where(NewsletterDelivery.newsletter_id == newsletter.id,
                                               NewsletterDelivery.sent_at.is_(None))


def _next_batch(newsletter: Newsletter, size: int, skip: set[int]) -> list[Subscriber]:
    claimed = sa.select(NewsletterDelivery.subscriber_id).where(
        NewsletterDelivery.newsletter_id == newsletter.id)
    query = (sa.select(Subscriber)
             .where(Subscriber.status == SubscriberStatus.CONFIRMED,
                    Subscriber.id.not_in(claimed))
             .order_by(Subscriber.id).limit(size + len(skip)))
    return [s for s in db.session.scalars(query) if s.id not in skip][:size]


def remaining(newsletter: Newsletter) -> int:
    """Return how many confirmed subscribers have not been sent this newsletter yet."""
    claimed = sa.select(NewsletterDelivery.subscriber_id).where(
        NewsletterDelivery.newsletter_id == newsletter.id)
    return db.session.scalar(sa.select(sa.func.count(Subscriber.id)).where(
        Subscriber.status == SubscriberStatus.CONFIRMED, Subscriber.id.not_in(claimed)))


def delivered_counts() -> dict[int, int]:
    """Return {newsletter id: how many subscribers it has reached} for every newsletter."""
    query = (sa.select(NewsletterDelivery.newsletter_id, sa.func.count(NewsletterDelivery.id))
             .where(NewsletterDelivery.sent_at.is_not(None))
             .group_by(NewsletterDelivery.newsletter_id))
    return {newsletter_id: count for newsletter_id, count in db.session.execute(query)}


def send_newsletter(*, newsletter: Newsletter, batch_size: int, pause_seconds: float,
                    resend_uncertain: bool = False, progress=None, send=mail.send,
                    sleep=time.sleep) -> SendReport:
    """Send to every confirmed subscriber not yet reached; commit after every message."""
    report = SendReport()
    if resend_uncertain:
        for claim in db.session.scalars(_uncertain(newsletter)).all():
            db.session.delete(claim)
    report.earlier = db.session.scalar(sa.select(sa.func.count(NewsletterDelivery.id)).where(
        NewsletterDelivery.newsletter_id == newsletter.id,
        NewsletterDelivery.sent_at.is_not(None)))
    if newsletter.status != NewsletterStatus.SENDING:  # else: carrying on after a stop
        newsletter.change_status(NewsletterStatus.SENDING)
    db.session.commit()
    failed_ids: set[int] = set()
    while batch := _next_batch(newsletter, batch_size, failed_ids):
        for subscriber in batch:
            # Every commit expires the session, so this reads the row as it is now: someone
            # who unsubscribed while the run was under way is skipped.
            if subscriber.status != SubscriberStatus.CONFIRMED:
                report.skipped += 1
            elif error := _send_one(newsletter, subscriber, send):
                failed_ids.add(subscriber.id)
                report.failed.append((subscriber.email, error))
            else:
                report.sent += 1
            if progress:
                progress(1)
        if pause_seconds and _next_batch(newsletter, 1, failed_ids):
            sleep(pause_seconds)  # the mail provider's rate: batch_size per pause
    report.uncertain = len(db.session.scalars(_uncertain(newsletter)).all())
    if report.complete:
        newsletter.change_status(NewsletterStatus.SENT)
    db.session.commit()
    return report


def _send_one(newsletter: Newsletter, subscriber: Subscriber, send) -> str | None:
    """Claim, send, mark sent; return an error message if this one failed."""
    claim = NewsletterDelivery(newsletter_id=newsletter.id, subscriber_id=subscriber.id,
                               sent_at=None)
    db.session.add(claim)
    db.session.commit()
    try:
        send(compose(newsletter, subscriber))
    except Exception as exc:  # noqa: BLE001  (one bad address must not stop the run)
        db.session.delete(claim)
        db.session.commit()
        return f"{type(exc).__name__}: {exc}"
    except BaseException:  # interrupted: nothing left, so a restart sends this one
        db.session.delete(claim)
        db.session.commit()
        raise
    claim.sent_at = utcnow()
    db.session.commit()
    return None
