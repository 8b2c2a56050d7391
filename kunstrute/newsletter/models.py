"""Subscribers, newsletters and the delivery rows that make sending resumable."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kunstrute.extensions import db, enum_column_type
from kunstrute.timeutil import utcnow


class SubscriberStatus(enum.StrEnum):
    PENDING = "pending"  # subscribed, confirmation link not clicked yet: nothing is sent
    CONFIRMED = "confirmed"
    UNSUBSCRIBED = "unsubscribed"


class Subscriber(db.Model):
    __tablename__ = "subscribers"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Lower-cased: one person, one subscription.
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

    def __repr__(self) -> str:
        return f"<Subscriber {self.email} {self.status}>"


class NewsletterStatus(enum.StrEnum):
    DRAFT = "draft"
    SENDING = "sending"  # `flask send-newsletter` started; a restart carries on
    SENT = "sent"


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
