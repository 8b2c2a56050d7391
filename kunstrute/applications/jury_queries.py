"""The jury's reads: a juror's round and order, their own scores, and the results table."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from kunstrute.applications.models import (
    Application,
    ApplicationStatus,
    Artwork,
    Decision,
    JuryMember,
    JuryRound,
    JuryScore,
)
from kunstrute.applications.scoring import Figures, Score, figures, juror_order
from kunstrute.audit.models import AuditEntry
from kunstrute.auth.models import Role, User
from kunstrute.csvfile import write_csv
from kunstrute.editions.models import Edition, Municipality
from kunstrute.extensions import db

S = ApplicationStatus
#: The statuses the jury sees: in review, and decided after publishing.
JUDGED = frozenset({S.UNDER_REVIEW, S.ACCEPTED, S.WAITLISTED, S.REJECTED})
#: Sort keys of the results table → (attribute of a row, highest first).
SORTS = {"rank": ("rank", False), "normalised": ("normalised_rank", False),
         "mean": ("mean", True), "median": ("median", True), "spread": ("spread", True),
         "id": ("id", False)}


def membership(user: User) -> JuryMember | None:
    """Return the user's membership of the newest round they sit on, or None."""
    return db.session.scalar(
        sa.select(JuryMember).join(JuryRound).join(Edition)
        .where(JuryMember.user_id == user.id).order_by(Edition.year.desc()).limit(1)
        .options(joinedload(JuryMember.round).joinedload(JuryRound.edition)))


def judged_ids(edition_id: int) -> list[int]:
    """Return the ids of the edition's applications that the jury sees."""
    return list(db.session.scalars(sa.select(Application.id).where(
        Application.edition_id == edition_id, Application.status.in_(JUDGED))))


def order_for(member: JuryMember) -> list[int]:
    """Return the juror's own order of the applications."""
    return juror_order(judged_ids(member.round.edition_id), member.order_seed)


def own_scores(member: JuryMember) -> dict[int, JuryScore]:
    """Return the juror's scores and abstentions by application id."""
    rows = db.session.scalars(sa.select(JuryScore).join(Application).where(
        JuryScore.juror_id == member.user_id,
        Application.edition_id == member.round.edition_id))
    return {s.application_id: s for s in rows}


def is_done(score: JuryScore | None) -> bool:
    return score is not None and (score.abstained or score.score is not None)


def application_for_jury(edition_id: int, application_id: int) -> Application | None:
    """Return the application with its works, if the jury sees it."""
    return db.session.scalar(sa.select(Application).where(
        Application.id == application_id, Application.edition_id == edition_id,
        Application.status.in_(JUDGED)).options(
            joinedload(Application.artworks).joinedload(Artwork.image)))


def artwork_for_jury(edition_id: int, artwork_id: int) -> Artwork | None:
    """Return the work, if its application is one the jury sees."""
    return db.session.scalar(sa.select(Artwork).join(Application).where(
        Artwork.id == artwork_id, Application.edition_id == edition_id,
        Application.status.in_(JUDGED)).options(joinedload(Artwork.image)))


def score_rows(edition_id: int) -> list[Score]:
    """Return every score of the edition in one query (abstentions and blanks left out)."""
    rows = db.session.execute(sa.select(
        JuryScore.application_id, JuryScore.juror_id, JuryScore.score).join(Application).where(
        Application.edition_id == edition_id, JuryScore.abstained.is_(False),
        JuryScore.score.is_not(None)))
    return [Score(*row) for row in rows]


@dataclass
class ResultRow:
    application: Application
    figures: Figures

    def __getattr__(self, name):
        if name == "id":
            return self.application.id
        return getattr(self.figures, name)


@dataclass
class Filters:
    municipality: int | None = None
    discipline: str | None = None
    new: bool | None = None
    status: str | None = None
    decision: str | None = None

    def keep(self, a: Application) -> bool:
        return ((self.municipality is None or a.municipality_id == self.municipality)
                and (not self.discipline or self.discipline in (a.disciplines or []))
                and (self.new is None or a.is_new == self.new)
                and (not self.status or a.status.value == self.status)
                and (not self.decision or (a.decision.value if a.decision else "none")
                     == self.decision))


def results(jury_round: JuryRound, *, filters: Filters | None = None,
            sort: str = "rank") -> list[ResultRow]:
    """Return the ranked applications: two queries, whatever their number."""
    applications = db.session.scalars(sa.select(Application).where(
        Application.edition_id == jury_round.edition_id, Application.status.in_(JUDGED))
        .options(joinedload(Application.municipality))).all()
    figs = figures([a.id for a in applications], score_rows(jury_round.edition_id),
                   scale_min=jury_round.scale_min, scale_max=jury_round.scale_max)
    rows = [ResultRow(a, figs[a.id]) for a in applications
            if filters is None or filters.keep(a)]
    attr, descending = SORTS.get(sort, SORTS["rank"])

    def key(row):
        value = getattr(row, attr)
        missing = value is None
        return (missing, -value if (descending and not missing) else (value or 0), row.id)
    return sorted(rows, key=key)


def jurors_of(jury_round: JuryRound) -> list[User]:
    """Return the round's jurors in a fixed order (the columns of the results)."""
    return [m.user for m in sorted(jury_round.members, key=lambda m: m.user_id)]


def juror_candidates() -> list[User]:
    """Return every active user with the juror role."""
    return list(db.session.scalars(sa.select(User).where(
        User.role == Role.JUROR, User.active.is_(True)).order_by(User.email)))


def judged_applications(edition_id: int, ids: list[int] | None, *,
                        limit: int | None = None) -> list[Application]:
    """Return the jury's applications with these ids (all of them with None), by id."""
    query = sa.select(Application).where(Application.edition_id == edition_id,
                                         Application.status.in_(JUDGED))
    if ids is not None:
        query = query.where(Application.id.in_(ids))
    return list(db.session.scalars(query.order_by(Application.id).limit(limit)))


def scores_of(application: Application) -> dict[int, JuryScore]:
    """Return the application's scores and abstentions by juror id."""
    return {s.juror_id: s for s in db.session.scalars(
        sa.select(JuryScore).where(JuryScore.application_id == application.id))}


def audit_trail(application: Application) -> list[AuditEntry]:
    """Return what happened to the application, oldest first."""
    return list(db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.object_type == "application", AuditEntry.object_id == application.id)
        .order_by(AuditEntry.at, AuditEntry.id)))


def municipalities() -> list[Municipality]:
    return list(db.session.scalars(sa.select(Municipality).order_by(Municipality.name)))


def result_counts(rows: list[ResultRow]) -> dict[str, int]:
    """Return how many rows are shown, scored by all, flagged and decided each way."""
    counts = {"shown": len(rows), "disagreement": sum(r.disagreement for r in rows),
              "undecided": sum(r.application.decision is None for r in rows)}
    for decision in Decision:
        counts[decision.value] = sum(r.application.decision == decision for r in rows)
    return counts


#: The export's size bound: far above a year's applications.
EXPORT_LIMIT = 10_000


def results_csv(rows: list[ResultRow], jurors: list[User]) -> str:
    """Return the ranking as formula-safe CSV: raw and normalised figures side by side."""
    header = ["rank", "normalised_rank", "application", "name", "email", "municipality",
              "disciplines", "new", "status", "decision",
              *[f"juror_{j.id}" for j in jurors], "mean", "median", "spread_max_min",
              "disagreement", "normalised_mean"]

    def number(value, places=2):
        return "" if value is None else f"{value:.{places}f}"
    return write_csv(header, ([
        r.rank or "", r.normalised_rank or "", r.application.id, r.application.name,
        r.application.email, r.application.municipality.name if r.application.municipality
        else "", "|".join(r.application.disciplines or []), "yes" if r.application.is_new
        else "no", r.application.status.value, r.application.decision.value
        if r.application.decision else "", *[r.figures.scores.get(j.id, "") for j in jurors],
        number(r.mean), number(r.median, 1), "" if r.spread is None else r.spread,
        "yes" if r.disagreement else "no", number(r.normalised_mean)]
        for r in rows[:EXPORT_LIMIT]))
