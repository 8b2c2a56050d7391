"""Subscribers, newsletters and the delivery rows that make sending resumable."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kunstrute.audit.services import change_state
from kunstrute.extensions import db, enum_column_type
from kunstrute.timeutil import utcnow


class SubscriberStatus(enum.StrEnum):
    PENDING = "pending"  # subscribed, confirmation link not clicked yet: nothing is sent
    CONFIRMED = "confirmed"
    UNSUBSCRIBED = "unsubscribed"


#: Allowed status changes (None: a new sign-up); subscribing again after leaving starts over.
SUBSCRIBER_TRANSITIONS = {
    None: {SubscriberStatus.PENDING},
    SubscriberStatus.PENDING: {SubscriberStatus.CONFIRMED, SubscriberStatus.UNSUBSCRIBED},
    SubscriberStatus.CONFIRMED: {SubscriberStatus.UNSUBSCRIBED},
    SubscriberStatus.UNSUBSCRIBED: {SubscriberStatus.PENDING},
}


class Subscriber(db.Model):
    __tablename__ = "subscribers"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Normalised (text.normalise_email): one person, one subscription.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str | None] = mapped_column(sa.String(120))
    #: The language of the sign-up; the confirmation and newsletters' frame use it.
    language: Mapped[str] = mapped_column(sa.String(8), default="nb")
    status: Mapped[SubscriberStatus] = mapped_column(enum_column_type(SubscriberStatus),
                                                     default=SubscriberStatus.PENDING)
    #: The exact wording the person agreed to, and when (GDPR art. 7: proof of consent).
    consent_text: Mapped[str] = mapped_column(sa.Text)
    consent_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]
    unsubscribed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def change_status(self, new: SubscriberStatus, *, actor=None) -> None:
        """Move to a new status and stamp when; raise TransitionError if not allowed."""
        change_state(self, new, table=SUBSCRIBER_TRANSITIONS, actor=actor)
        if new == SubscriberStatus.CONFIRMED:
            self.confirmed_at = utcnow()
        elif new == SubscriberStatus.UNSUBSCRIBED:
            self.unsubscribed_at = utcnow()
        else:
            self.unsubscribed_at = None

    def __repr__(self) -> str:
        return f"<Subscriber {self.email} {self.status}>"


class NewsletterStatus(enum.StrEnum):
    DRAFT = "draft"
    SENDING = "sending"  # `flask send-newsletter` started; a restart carries on
    SENT = "sent"


#: Allowed status changes; a sent newsletter goes out again to people who subscribed since.
NEWSLETTER_TRANSITIONS = {
    NewsletterStatus.DRAFT: {NewsletterStatus.SENDING},
    NewsletterStatus.SENDING: {NewsletterStatus.SENT},
    NewsletterStatus.SENT: {NewsletterStatus.SENDING},
}


class Newsletter(db.Model):
    __tablename__ = "newsletters"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(sa.String(200))
    #: The body as the organiser wrote it (Markdown; raw HTML is shown as text).
    body_markdown: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[NewsletterStatus] = mapped_column(enum_column_type(NewsletterStatus),
                                                     default=NewsletterStatus.DRAFT)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    sent_at: Mapped[datetime | None]

    deliveries: Mapped[list[NewsletterDelivery]] = relationship(
        back_populates="newsletter", cascade="all, delete-orphan")

    def change_status(self, new: NewsletterStatus, *, actor=None) -> None:
        """Move to a new status and stamp when sent; raise TransitionError if not allowed."""
        change_state(self, new, table=NEWSLETTER_TRANSITIONS, actor=actor)
        if new == NewsletterStatus.SENT:
            self.sent_at = utcnow()

    def __repr__(self) -> str:
        return f"<Newsletter {self.id} {self.subject!r}>"


class NewsletterDelivery(db.Model):
    """One newsletter sent to one subscriber; the unique key makes a second send impossible."""

    __tablename__ = "newsletter_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    newsletter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("newsletters.id", ondelete="CASCADE"))
    subscriber_id: Mapped[int] = mapped_column(
        sa.ForeignKey("subscribers.id", ondelete="CASCADE"))
    #: None while the mail is being sent (the row is the claim); set once it has left.
    sent_at: Mapped[datetime | None]

    newsletter: Mapped[Newsletter] = relationship(back_populates="deliveries")

    __table_args__ = (sa.UniqueConstraint("newsletter_id", "subscriber_id"),)
