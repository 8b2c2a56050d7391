"""An edition's applications, their works, the jury round, jurors' scores and decisions."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kunstrute.audit.services import change_state
from kunstrute.auth.models import User
from kunstrute.editions.models import Edition, Municipality, Participation, WorkDescription
from kunstrute.extensions import db, enum_column_type
from kunstrute.media.models import MediaFile
from kunstrute.timeutil import utcnow


class ApplicationStatus(enum.StrEnum):
    """What the applicant sees; the organiser's decision shows only once it is published."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    ACCEPTED = "accepted"
    WAITLISTED = "waitlisted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


S = ApplicationStatus
#: The moves an application's status may take (None: where a new one starts).
APPLICATION_TRANSITIONS = {
    None: {S.DRAFT},
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.UNDER_REVIEW, S.WITHDRAWN},
    S.UNDER_REVIEW: {S.ACCEPTED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN},
    S.WAITLISTED: {S.ACCEPTED, S.REJECTED, S.WITHDRAWN},
    S.ACCEPTED: {S.WITHDRAWN},
    S.REJECTED: set(),
    #: Withdrawn before the deadline: the applicant may take it up again as a draft.
    S.WITHDRAWN: {S.DRAFT},
}

#: Statuses in which the applicant may still change what they sent (until the deadline).
EDITABLE = frozenset({S.DRAFT, S.SUBMITTED})
#: Statuses the jury scores.
IN_REVIEW = frozenset({S.SUBMITTED, S.UNDER_REVIEW})


class Decision(enum.StrEnum):
    """The organiser's decision, kept private until the decisions are published."""

    ACCEPTED = "accepted"
    WAITLISTED = "waitlisted"
    REJECTED = "rejected"


class JuryRound(db.Model):
    """An edition's jury: the scale, the dates, and what has been opened up."""

    __tablename__ = "jury_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        sa.ForeignKey("editions.id", ondelete="CASCADE"), unique=True)
    scale_min: Mapped[int] = mapped_column(default=1)
    scale_max: Mapped[int] = mapped_column(default=5)
    #: Jurors score from opens_on to closes_on inclusive (Oslo dates); scores can be changed
    #: until the round closes.
    opens_on: Mapped[date | None]
    closes_on: Mapped[date | None]
    #: Jurors see each other's scores and the ranking.
    results_open: Mapped[bool] = mapped_column(default=False)
    #: Jurors see applicants' names, contact details and CVs (the blind is lifted).
    names_lifted: Mapped[bool] = mapped_column(default=False)
    #: When the decisions went out; after this they are the applicants' statuses.
    decisions_published_at: Mapped[datetime | None]

    edition: Mapped[Edition] = relationship()
    members: Mapped[list[JuryMember]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="JuryMember.id")

    __table_args__ = (sa.CheckConstraint("scale_max > scale_min", name="scale_order"),)


class JuryMember(db.Model):
    """A juror in one round, with the seed of their own order of the applications."""

    __tablename__ = "jury_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("jury_rounds.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    #: Random; each juror's order of the applications is derived from it, so no two jurors
    #: see them in the same order (the first ones are not always judged harsher).
    order_seed: Mapped[str] = mapped_column(sa.String(32))
    #: When the juror finished the first look through all applications (no scoring).
    looked_through_at: Mapped[datetime | None]

    round: Mapped[JuryRound] = relationship(back_populates="members")
    user: Mapped[User] = relationship()

    __table_args__ = (sa.UniqueConstraint("round_id", "user_id"),)


class Application(db.Model):
    """One artist's application to one edition."""

    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(sa.ForeignKey("editions.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[ApplicationStatus] = mapped_column(
        enum_column_type(ApplicationStatus), default=ApplicationStatus.DRAFT)
    # Contact details: never shown to a juror before the names are lifted.
    name: Mapped[str] = mapped_column(sa.String(160), default="")
    #: Normalised (text.normalise_email).
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    website: Mapped[str | None] = mapped_column(sa.String(300))
    # The studio's address; placed on the map by a job once accepted.
    studio_name: Mapped[str | None] = mapped_column(sa.String(160))
    address: Mapped[str | None] = mapped_column(sa.String(200))
    postcode: Mapped[str | None] = mapped_column(sa.String(10))
    place: Mapped[str | None] = mapped_column(sa.String(80))
    municipality_id: Mapped[int | None] = mapped_column(sa.ForeignKey("municipalities.id"))
    #: Discipline keys (editions.models.Discipline), the main one first.
    disciplines: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    #: What the jury reads; the applicant is warned when it names them.
    statement: Mapped[str] = mapped_column(sa.Text, default="")
    cv_file_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("media_files.id", ondelete="SET NULL"))
    #: The language the applicant used: their decision e-mail is written in it.
    language: Mapped[str] = mapped_column(sa.String(5), default="nb")
    #: The earlier application this one started from (a returning artist).
    copied_from_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="SET NULL"))
    #: No participation in an earlier edition (set on submission).
    is_new: Mapped[bool] = mapped_column(default=True)
    submitted_at: Mapped[datetime | None]
    #: The organiser's decision; private until the round's decisions are published.
    decision: Mapped[Decision | None] = mapped_column(enum_column_type(Decision))
    decision_mailed_at: Mapped[datetime | None]
    #: The participation made when the accepted application was published.
    participation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participations.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    edition: Mapped[Edition] = relationship()
    user: Mapped[User] = relationship()
    municipality: Mapped[Municipality | None] = relationship()
    cv_file: Mapped[MediaFile | None] = relationship()
    participation: Mapped[Participation | None] = relationship()
    artworks: Mapped[list[Artwork]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="Artwork.position")
    scores: Mapped[list[JuryScore]] = relationship(
        back_populates="application", cascade="all, delete-orphan")

    __table_args__ = (sa.UniqueConstraint("edition_id", "user_id"),)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    def change_status(self, new: ApplicationStatus, *, actor=None, detail: str = "") -> None:
        """Move to a new status and record it; raise TransitionError if the table forbids it."""
        change_state(self, new, table=APPLICATION_TRANSITIONS, actor=actor, detail=detail)

    def __repr__(self) -> str:
        return f"<Application {self.id} {self.status}>"


class Artwork(WorkDescription, db.Model):
    """One work in an application: an image with its title, year, technique and size."""

    __tablename__ = "artworks"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"))
    #: Shown on the artist's public page once accepted and published.
    show_in_guide: Mapped[bool] = mapped_column(default=True)

    application: Mapped[Application] = relationship(back_populates="artworks")


class JuryScore(db.Model):
    """One juror's score of one application, or their abstention (a conflict of interest)."""

    __tablename__ = "jury_scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"))
    juror_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    #: On the round's scale; None with abstained, or a comment saved before scoring.
    score: Mapped[int | None]
    #: A conflict of interest: left out of this application's figures.
    abstained: Mapped[bool] = mapped_column(default=False)
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    application: Mapped[Application] = relationship(back_populates="scores")
    juror: Mapped[User] = relationship()

    __table_args__ = (sa.UniqueConstraint("application_id", "juror_id"),)


class DecisionTemplate(db.Model):
    """The e-mail that tells applicants a decision, per edition, decision and language."""

    __tablename__ = "decision_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(sa.ForeignKey("editions.id", ondelete="CASCADE"))
    decision: Mapped[Decision] = mapped_column(enum_column_type(Decision))
    language: Mapped[str] = mapped_column(sa.String(5))
    subject: Mapped[str] = mapped_column(sa.String(200))
    #: Plain text with {name}, {edition}, {status_url} placeholders.
    body: Mapped[str] = mapped_column(sa.Text)

    __table_args__ = (sa.UniqueConstraint("edition_id", "decision", "language"),)
