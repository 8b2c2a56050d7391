"""The programme: events of an edition and registrations for the ones that need them."""

from __future__ import annotations

import enum
import secrets
import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kunstrute.audit.services import change_state
from kunstrute.editions.models import Edition, Studio
from kunstrute.extensions import db, enum_column_type
from kunstrute.geocoding.models import LocationSource
from kunstrute.timeutil import utcnow


class EventKind(enum.StrEnum):
    OPENING = "opening"
    ARTIST_TALK = "artist_talk"
    CONCERT = "concert"
    WORKSHOP = "workshop"
    HISTORICAL_WALK = "historical_walk"
    GUIDED_TOUR = "guided_tour"
    SEMINAR = "seminar"
    MEETING = "meeting"


class VenueKind(enum.StrEnum):
    STUDIO = "studio"  # one of the edition's studios
    EXHIBITION = "exhibition"  # the shared exhibition's venue
    ADDRESS = "address"  # anywhere else, geocoded by `flask geocode`


class EventStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


#: Allowed status changes; anything else is refused by Event.change_status.
EVENT_TRANSITIONS = {
    EventStatus.DRAFT: {EventStatus.PUBLISHED, EventStatus.CANCELLED},
    EventStatus.PUBLISHED: {EventStatus.CANCELLED, EventStatus.DRAFT},
    EventStatus.CANCELLED: {EventStatus.PUBLISHED},
}


class Event(db.Model):
    """One happening in the programme: a talk, a concert, one guided tour of a series …"""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(sa.ForeignKey("editions.id", ondelete="CASCADE"),
                                            index=True)
    kind: Mapped[EventKind] = mapped_column(enum_column_type(EventKind))
    title: Mapped[str] = mapped_column(sa.String(160))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    #: UTC, without tzinfo (as every timestamp in the database); shown in Europe/Oslo.
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    venue_kind: Mapped[VenueKind] = mapped_column(enum_column_type(VenueKind))
    studio_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("studios.id", ondelete="SET NULL"))
    #: For VenueKind.ADDRESS: where it is; placed like studios (file, cache, geocoder, gazetteer).
    venue_name: Mapped[str | None] = mapped_column(sa.String(160))
    address: Mapped[str | None] = mapped_column(sa.String(200))
    postcode: Mapped[str | None] = mapped_column(sa.String(10))
    place: Mapped[str | None] = mapped_column(sa.String(80))
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    location_source: Mapped[LocationSource] = mapped_column(
        enum_column_type(LocationSource), default=LocationSource.MISSING)
    #: The language the event is held in ('nb', 'en', …).
    language: Mapped[str] = mapped_column(sa.String(8), default="nb")
    registration_required: Mapped[bool] = mapped_column(default=False)
    #: Places for registrations; None means no limit.
    capacity: Mapped[int | None]
    #: Places taken: changed only by conditional UPDATEs so that racing sign-ups never overbook.
    confirmed_count: Mapped[int] = mapped_column(default=0)
    #: One extra question at sign-up (e.g. "Allergies?"); None: name and e-mail only.
    question: Mapped[str | None] = mapped_column(sa.String(200))
    #: Groups recurring events, e.g. every guided tour of the edition.
    series: Mapped[str | None] = mapped_column(sa.String(80), index=True)
    status: Mapped[EventStatus] = mapped_column(enum_column_type(EventStatus),
                                                default=EventStatus.DRAFT)
    #: iCalendar identity: the UID never changes, SEQUENCE grows with each published change.
    uid: Mapped[str] = mapped_column(sa.String(80), unique=True,
                                     default=lambda: f"{uuid.uuid4()}@kunstrute")
    sequence: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    edition: Mapped[Edition] = relationship()
    studio: Mapped[Studio | None] = relationship()
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="event", cascade="all, delete-orphan",
        order_by="(Registration.created_at, Registration.id)")

    __table_args__ = (
        sa.CheckConstraint("ends_at > starts_at", name="time_order"),
        sa.CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_positive"),
        sa.CheckConstraint("confirmed_count >= 0", name="confirmed_positive"),
    )

    @property
    def is_published(self) -> bool:
        return self.status == EventStatus.PUBLISHED

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    def geocode_query(self) -> dict[str, str | None]:
        """Return what the geocoder chain looks an address venue up by."""
        return {"address": self.address or "", "postcode": self.postcode, "place": self.place,
                "municipality": ""}

    def change_status(self, new: EventStatus, *, actor=None) -> None:
        """Move to a new status (the same is a no-op); raise TransitionError if not allowed."""
        if new != self.status:
            change_state(self, new, table=EVENT_TRANSITIONS, actor=actor)

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.title!r}>"


class RegistrationStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


#: Statuses that hold a place or a place in the queue.
ACTIVE_REGISTRATION = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)

#: Allowed status changes (None: a new sign-up); anything else is refused.
REGISTRATION_TRANSITIONS = {
    None: {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED},
    RegistrationStatus.CONFIRMED: {RegistrationStatus.CANCELLED},
    RegistrationStatus.WAITLISTED: {RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED},
    RegistrationStatus.CANCELLED: {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED},
}


def _token() -> str:
    return secrets.token_urlsafe(24)


class Registration(db.Model):
    """A person's sign-up for an event: name and e-mail, nothing more."""

    __tablename__ = "registrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(sa.String(120))
    #: Normalised (text.normalise_email), so one person registers once per event.
    email: Mapped[str] = mapped_column(sa.String(254))
    status: Mapped[RegistrationStatus] = mapped_column(enum_column_type(RegistrationStatus))
    #: The answer to the event's question, if it asks one.
    answer: Mapped[str | None] = mapped_column(sa.Text)
    #: The language the person signed up in: their e-mails are written in it.
    language: Mapped[str] = mapped_column(sa.String(8), default="nb")
    #: The secret in the person's own link (see and cancel without an account). Only the
    #: address's owner ever gets it, by e-mail; a sign-up after a cancellation gets a new one.
    token: Mapped[str] = mapped_column(sa.String(64), unique=True, default=_token)
    #: Set while the sign-up is not yet confirmed from the e-mail: the place (or the spot in
    #: the queue) is held until then and released after it (registrations.release_lapsed).
    held_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: When the person got a place: at once, or when promoted from the waiting list.
    confirmed_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    checked_in_at: Mapped[datetime | None]

    event: Mapped[Event] = relationship(back_populates="registrations")

    __table_args__ = (
        sa.UniqueConstraint("event_id", "email"),
        sa.Index("ix_registrations_queue", "event_id", "status", "created_at"),
    )

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_REGISTRATION

    @property
    def is_held(self) -> bool:
        """Whether the sign-up still waits for its owner to confirm it from the e-mail."""
        return self.held_until is not None and self.is_active

    def new_token(self) -> None:
        """Give the registration a new secret link (the old one stops working)."""
        self.token = _token()

    def change_status(self, new: RegistrationStatus, *, actor=None, detail: str = "") -> None:
        """Move to a new status and stamp when; raise TransitionError if not allowed."""
        change_state(self, new, table=REGISTRATION_TRANSITIONS, actor=actor, detail=detail)
        if new == RegistrationStatus.CANCELLED:
            self.cancelled_at = utcnow()
            return
        self.confirmed_at = utcnow() if new == RegistrationStatus.CONFIRMED else None
        self.cancelled_at = None

    def __repr__(self) -> str:
        return f"<Registration {self.email} {self.status}>"
