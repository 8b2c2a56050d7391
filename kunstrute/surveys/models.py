"""Evaluation surveys: questions, invitations with a personal link, responses and answers.

An anonymous survey records *that* an invitee answered (SurveyInvitation.answered_at, for the
reminders) apart from *what* they answered: at submission the response loses its link to the
invitation, keeps only the day it came, and has a random id, and its answers are keyed by
(response, question) with no running number, so nothing orders them by time either.
"""

from __future__ import annotations

import enum
import secrets
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kunstrute.audit.services import change_state
from kunstrute.editions.models import Edition, Participation
from kunstrute.extensions import db, enum_column_type
from kunstrute.timeutil import utcnow


class SurveyAudience(enum.StrEnum):
    ARTISTS = "artists"
    #: The host municipalities' network (contacts pasted by the organiser).
    NETWORK = "network"


class SurveyStatus(enum.StrEnum):
    DRAFT = "draft"  # being built: invitations can be prepared, nobody can answer
    OPEN = "open"
    CLOSED = "closed"


#: Allowed status changes; a closed survey may be opened again (a late answer is welcome).
SURVEY_TRANSITIONS = {
    None: {SurveyStatus.DRAFT},
    SurveyStatus.DRAFT: {SurveyStatus.OPEN},
    SurveyStatus.OPEN: {SurveyStatus.CLOSED},
    SurveyStatus.CLOSED: {SurveyStatus.OPEN},
}


class QuestionKind(enum.StrEnum):
    SCALE = "scale"  # 1–5
    SINGLE = "single"
    MULTIPLE = "multiple"
    NUMBER = "number"
    TEXT = "text"


#: The kinds whose answers are chosen from the question's options.
CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE}


class ResponseStatus(enum.StrEnum):
    DRAFT = "draft"  # saved to continue later: still linked to the invitation
    SUBMITTED = "submitted"  # locked


class Survey(db.Model):
    """One questionnaire of one year for one audience."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The edition's year; an int, not a required link, so last year's survey can be kept
    #: when only the current edition is in the database.
    year: Mapped[int] = mapped_column(index=True)
    edition_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("editions.id", ondelete="SET NULL"))
    audience: Mapped[SurveyAudience] = mapped_column(enum_column_type(SurveyAudience))
    title_nb: Mapped[str] = mapped_column(sa.String(200))
    title_en: Mapped[str] = mapped_column(sa.String(200), default="")
    intro_nb: Mapped[str] = mapped_column(sa.Text, default="")
    intro_en: Mapped[str] = mapped_column(sa.Text, default="")
    #: Answers are kept apart from who gave them (see the module's docstring).
    anonymous: Mapped[bool] = mapped_column(default=True)
    status: Mapped[SurveyStatus] = mapped_column(enum_column_type(SurveyStatus),
                                                 default=SurveyStatus.DRAFT)
    #: Answering works from this day to that one (Oslo dates, both included) while open.
    opens_on: Mapped[date | None]
    closes_on: Mapped[date | None]
    #: At most this many reminders to one invitee (0–3) …
    reminder_max: Mapped[int] = mapped_column(default=3)
    #: … at least this many days after the invitation or the previous reminder.
    reminder_gap_days: Mapped[int] = mapped_column(default=4)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    edition: Mapped[Edition | None] = relationship()
    questions: Mapped[list[SurveyQuestion]] = relationship(
        back_populates="survey", cascade="all, delete-orphan",
        order_by="SurveyQuestion.position")

    __table_args__ = (
        sa.UniqueConstraint("year", "audience"),
        sa.CheckConstraint("reminder_max BETWEEN 0 AND 3", name="reminder_max_range"),
        sa.CheckConstraint("reminder_gap_days >= 1", name="reminder_gap_positive"),
    )

    def change_status(self, new: SurveyStatus, *, actor=None, detail: str = "") -> None:
        """Move to a new status and record who did; raise TransitionError if not allowed."""
        change_state(self, new, table=SURVEY_TRANSITIONS, actor=actor, detail=detail)

    def is_answerable(self, today: date) -> bool:
        """Return whether an invitee can answer today."""
        return (self.status == SurveyStatus.OPEN
                and (self.opens_on is None or self.opens_on <= today)
                and (self.closes_on is None or today <= self.closes_on))

    def title(self, language: str) -> str:
        return (self.title_en if language == "en" else "") or self.title_nb

    def intro(self, language: str) -> str:
        return (self.intro_en if language == "en" else "") or self.intro_nb

    def __repr__(self) -> str:
        return f"<Survey {self.year} {self.audience.value}>"


class SurveyQuestion(db.Model):
    __tablename__ = "survey_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    #: A stable name ("overall_satisfaction"): the CSV column and the link across years.
    key: Mapped[str] = mapped_column(sa.String(60))
    kind: Mapped[QuestionKind] = mapped_column(enum_column_type(QuestionKind))
    text_nb: Mapped[str] = mapped_column(sa.String(500))
    text_en: Mapped[str] = mapped_column(sa.String(500), default="")
    #: For single and multiple choice: [{"key", "label_nb", "label_en"}, …] in order.
    options: Mapped[list] = mapped_column(sa.JSON, default=list)
    required: Mapped[bool] = mapped_column(default=False)
    #: Whether this year's answers may stand beside earlier years' under the same key.
    comparable: Mapped[bool] = mapped_column(default=True)

    survey: Mapped[Survey] = relationship(back_populates="questions")

    __table_args__ = (sa.UniqueConstraint("survey_id", "key"),)

    def text(self, language: str) -> str:
        return (self.text_en if language == "en" else "") or self.text_nb

    def option_label(self, key: str, language: str) -> str:
        for option in self.options or []:
            if option["key"] == key:
                return (option.get("label_en") if language == "en" else "") or option["label_nb"]
        return key

    def __repr__(self) -> str:
        return f"<SurveyQuestion {self.key} {self.kind.value}>"


class SurveyInvitation(db.Model):
    """One person asked to answer: their address, the link's hash, the reminders they had."""

    __tablename__ = "survey_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id", ondelete="CASCADE"))
    #: Normalised (text.normalise_email).
    email: Mapped[str] = mapped_column(sa.String(254))
    name: Mapped[str | None] = mapped_column(sa.String(160))
    participation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participations.id", ondelete="SET NULL"))
    #: Random; the personal link's token is a keyed digest of it (invitations.link_token).
    salt: Mapped[str] = mapped_column(sa.String(32), default=lambda: secrets.token_hex(16))
    #: SHA-256 of the link's token, set when the invitation is sent: the link is looked up
    #: by it, and the database alone does not give the link.
    token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    sent_at: Mapped[datetime | None]
    reminders_sent: Mapped[int] = mapped_column(default=0)
    last_reminded_at: Mapped[datetime | None]
    #: When the response was submitted: no more reminders.
    answered_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    survey: Mapped[Survey] = relationship()
    participation: Mapped[Participation | None] = relationship()

    __table_args__ = (sa.UniqueConstraint("survey_id", "email"),)

    def __repr__(self) -> str:
        return f"<SurveyInvitation {self.survey_id} {self.email}>"


def new_response_id() -> str:
    """Return a random id: unlike a running number, it says nothing of when it was made."""
    return secrets.token_urlsafe(16)


class SurveyResponse(db.Model):
    __tablename__ = "survey_responses"

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=new_response_id)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id", ondelete="CASCADE"))
    #: Set while a draft (to resume it from the link); cut at submission when anonymous.
    invitation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("survey_invitations.id", ondelete="SET NULL"), unique=True)
    status: Mapped[ResponseStatus] = mapped_column(enum_column_type(ResponseStatus),
                                                   default=ResponseStatus.DRAFT)
    #: The Oslo day of submission: for anonymous surveys the only time kept.
    submitted_on: Mapped[date | None]
    #: The moment of submission (UTC); None for anonymous surveys.
    submitted_at: Mapped[datetime | None]

    survey: Mapped[Survey] = relationship()
    answers: Mapped[list[SurveyAnswer]] = relationship(
        back_populates="response", cascade="all, delete-orphan")

    #: On SQLite, WITHOUT ROWID: rows are stored in the order of their random ids, and no
    #: hidden running number records the order they were written in.
    __table_args__ = (sa.Index("ix_survey_responses_survey_status", "survey_id", "status"),
                      {"sqlite_with_rowid": False})


class SurveyAnswer(db.Model):
    """One question's answer in one response; the value in the column its kind uses."""

    __tablename__ = "survey_answers"

    response_id: Mapped[str] = mapped_column(
        sa.ForeignKey("survey_responses.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey_questions.id", ondelete="CASCADE"), primary_key=True, index=True)
    #: Scale (1–5) and number.
    value_int: Mapped[int | None]
    #: Free text, and the chosen option's key of a single choice.
    value_text: Mapped[str | None] = mapped_column(sa.Text)
    #: The chosen options' keys of a multiple choice.
    value_keys: Mapped[list | None] = mapped_column(sa.JSON)

    response: Mapped[SurveyResponse] = relationship(back_populates="answers")
    question: Mapped[SurveyQuestion] = relationship()

    __table_args__ = ({"sqlite_with_rowid": False},)
