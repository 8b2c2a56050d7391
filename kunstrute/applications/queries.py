"""Reads of applications that pages and other packages use: the window, one's application,
counts."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from kunstrute.applications.models import Application, ApplicationStatus, Artwork, JuryScore
from kunstrute.editions.models import (
    Artist,
    Edition,
    Municipality,
    Participation,
    ParticipationStatus,
)
from kunstrute.extensions import db
from kunstrute.text import normalise_email
from kunstrute.timeutil import to_utc, utcnow


class WindowState(enum.StrEnum):
    BEFORE = "before"
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class Window:
    """An edition's application window: Oslo dates, the deadline the end of the last day."""

    opens_on: date
    closes_on: date

    @property
    def opens_at(self) -> datetime:
        """Return the opening as naive UTC: midnight in Oslo on the first day."""
        return to_utc(datetime.combine(self.opens_on, time()))

    @property
    def deadline(self) -> datetime:
        """Return the deadline as naive UTC: the end of the closing day in Oslo."""
        return to_utc(datetime.combine(self.closes_on + timedelta(days=1), time()))

    def state(self, now: datetime | None = None) -> WindowState:
        now = now or utcnow()
        if now < self.opens_at:
            return WindowState.BEFORE
        return WindowState.OPEN if now < self.deadline else WindowState.CLOSED

    @property
    def is_open(self) -> bool:
        return self.state() == WindowState.OPEN


def window(edition: Edition | None) -> Window | None:
    """Return the edition's application window, or None if it has none."""
    if edition is None or not (edition.application_opens_on and edition.application_closes_on):
        return None
    return Window(edition.application_opens_on, edition.application_closes_on)


def application_for(user, edition: Edition) -> Application | None:
    """Return the user's application to this edition, with its works and their images."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(
        sa.select(Application)
        .where(Application.edition_id == edition.id, Application.user_id == user.id)
        .options(selectinload(Application.artworks).selectinload(Artwork.image),
                 selectinload(Application.cv_file), selectinload(Application.municipality)))


def own_artwork(user, artwork_id: int) -> Artwork | None:
    """Return the artwork if it belongs to one of the user's applications, else None."""
    return db.session.scalar(
        sa.select(Artwork).join(Application)
        .where(Artwork.id == artwork_id, Application.user_id == user.id)
        .options(selectinload(Artwork.image)))


def earlier_application(user, edition: Edition) -> Application | None:
    """Return the user's latest application to an earlier edition (a returning artist)."""
    return db.session.scalar(
        sa.select(Application).join(Edition, Application.edition_id == Edition.id)
        .where(Application.user_id == user.id, Edition.year < edition.year)
        .order_by(Edition.year.desc()).limit(1)
        .options(selectinload(Application.artworks)))


def artist_by_email(email: str) -> Artist | None:
    """Return the artist on the route with this address, with their participations."""
    return db.session.scalar(
        sa.select(Artist).where(Artist.email == normalise_email(email))
        .options(selectinload(Artist.disciplines),
                 selectinload(Artist.participations).selectinload(Participation.works)))


def has_participated(*, email: str, user_id: int, before: Edition) -> bool:
    """Return whether the applicant was on the route of an edition before this one."""
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Participation)
        .join(Artist).join(Edition, Participation.edition_id == Edition.id)
        .where(sa.or_(Artist.email == normalise_email(email), Artist.user_id == user_id),
               Edition.year < before.year)) > 0


def status_counts(edition: Edition) -> dict[ApplicationStatus, int]:
    """Return how many applications the edition has in each status."""
    rows = db.session.execute(
        sa.select(Application.status, sa.func.count()).where(Application.edition_id == edition.id)
        .group_by(Application.status))
    counts = dict.fromkeys(ApplicationStatus, 0)
    counts.update({ApplicationStatus(status): n for status, n in rows})
    return counts


def _sent():
    """Return the condition for an application sent in (submitted or any later status)."""
    return sa.and_(Application.status != ApplicationStatus.DRAFT,
                   Application.submitted_at.is_not(None))


def applications_by_municipality(edition: Edition) -> dict[str, int]:
    """Return {municipality: applications sent in} by the applicant's studio municipality.

    An application without a municipality is left out (it is counted in the funnel).
    """
    rows = db.session.execute(
        sa.select(Municipality.name, sa.func.count())
        .select_from(Application)
        .join(Municipality, Municipality.id == Application.municipality_id)
        .where(Application.edition_id == edition.id, _sent())
        .group_by(Municipality.name))
    return {name: n for name, n in sorted(rows.all())}


def application_figures(edition: Edition) -> dict:
    """Return the statistics service's application figures for an edition, in one query.

    received: sent in (submitted or any later status; a draft withdrawn unsent is not);
    accepted: applications accepted; new_artists: accepted artists on the route who are new
    this year (Participation.new_this_year, so artists imported without an application count).
    funnel: started → submitted → scored → accepted → published. started: every application
    (drafts and withdrawn ones too); submitted: = received; scored: with at least one juror's
    score (an abstention or a comment alone is no score); accepted: = accepted (the decisions
    are published); published: accepted and on the public route, as the guide decides: the
    participation made from it is accepted, has a studio, and the edition is published.
    """
    scored = (sa.select(JuryScore.id).where(JuryScore.application_id == Application.id,
                                            JuryScore.score.is_not(None),
                                            JuryScore.abstained.is_(False)).exists())
    accepted = Application.status == ApplicationStatus.ACCEPTED
    public = sa.and_(accepted, Participation.status == ParticipationStatus.ACCEPTED,
                     Participation.studio_id.is_not(None), Edition.published_at.is_not(None))
    new_artists = (sa.select(sa.func.count()).select_from(Participation).where(
        Participation.edition_id == edition.id,
        Participation.status == ParticipationStatus.ACCEPTED,
        Participation.new_this_year.is_(True)).scalar_subquery())
    row = db.session.execute(
        sa.select(sa.func.count(Application.id), sa.func.count(sa.case((_sent(), 1))),
                  sa.func.count(sa.case((scored, 1))), sa.func.count(sa.case((accepted, 1))),
                  sa.func.count(sa.case((public, 1))), new_artists)
        .select_from(Edition)
        .outerjoin(Application, Application.edition_id == Edition.id)
        .outerjoin(Participation, Participation.id == Application.participation_id)
        .where(Edition.id == edition.id)
        .group_by(Edition.id)).one()
    funnel = dict(zip(("started", "submitted", "scored", "accepted", "published"),
                      (int(n or 0) for n in row[:5]), strict=True))
    return {"received": funnel["submitted"], "accepted": funnel["accepted"],
            "new_artists": int(row[5] or 0), "funnel": funnel}
