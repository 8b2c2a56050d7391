"""The jury's writes: the round's settings and stages, scores, abstentions, decisions and the
decision e-mails' templates. Keyword-only functions that flush; the view commits."""

from __future__ import annotations

import secrets
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from kunstrute.applications.models import (
    Application,
    ApplicationStatus,
    Decision,
    DecisionTemplate,
    JuryMember,
    JuryRound,
    JuryScore,
)
from kunstrute.audit.services import record
from kunstrute.auth.models import User
from kunstrute.editions.models import Edition
from kunstrute.extensions import db
from kunstrute.timeutil import oslo_today, utcnow

#: The widest scale a juror can type with one key (digits 1–9).
SCALE_LIMITS = (0, 9)

#: Statuses an application reaches when its decision is published: final here.
PUBLISHED = frozenset({ApplicationStatus.ACCEPTED, ApplicationStatus.WAITLISTED,
                       ApplicationStatus.REJECTED})


class JuryError(ValueError):
    """A refused change; `field` names the form field the message belongs next to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def round_for(*, edition: Edition) -> JuryRound:
    """Return the edition's round, made with the defaults (scale 1–5) on first use."""
    found = db.session.scalar(sa.select(JuryRound).where(JuryRound.edition_id == edition.id))
    if found is None:
        found = JuryRound(edition=edition, scale_min=1, scale_max=5)
        db.session.add(found)
        db.session.flush()
    return found


def save_round(*, jury_round: JuryRound, scale_min: int, scale_max: int,
               opens_on: date | None, closes_on: date | None, jurors: list[User]) -> None:
    """Set the scale, the dates and the members; a new member gets their own random order."""
    if not SCALE_LIMITS[0] <= scale_min < scale_max <= SCALE_LIMITS[1]:
        raise JuryError(_("The scale goes from a lower to a higher whole number, at most 9."),
                        "scale_max")
    if opens_on and closes_on and closes_on < opens_on:
        raise JuryError(_("The round must close on or after the day it opens."), "closes_on")
    outside = db.session.scalar(sa.select(sa.func.count(JuryScore.id)).join(Application).where(
        Application.edition_id == jury_round.edition_id, JuryScore.score.is_not(None),
        (JuryScore.score < scale_min) | (JuryScore.score > scale_max)))
    if outside:
        raise JuryError(_("%(n)d scores lie outside this scale; keep a scale that holds them.",
                          n=outside), "scale_max")
    jury_round.scale_min, jury_round.scale_max = scale_min, scale_max
    jury_round.opens_on, jury_round.closes_on = opens_on, closes_on
    wanted = {u.id for u in jurors}
    for member in list(jury_round.members):
        if member.user_id not in wanted:
            jury_round.members.remove(member)
    present = {m.user_id for m in jury_round.members}
    for user in jurors:
        if user.id not in present:
            jury_round.members.append(JuryMember(user=user, order_seed=secrets.token_hex(16)))
    db.session.flush()
    record(actor=None, action="jury_round.updated", obj=jury_round,
           detail=f"scale {scale_min}-{scale_max}; {opens_on}–{closes_on}; "
                  f"jurors {sorted(wanted)}")


def start_review(*, jury_round: JuryRound) -> int:
    """Move every submitted application to review, once the application window has closed."""
    closes = jury_round.edition.application_closes_on
    if closes is None or oslo_today() <= closes:
        raise JuryError(_("The review starts after the application deadline."))
    submitted = db.session.scalars(sa.select(Application).where(
        Application.edition_id == jury_round.edition_id,
        Application.status == ApplicationStatus.SUBMITTED)).all()
    for application in submitted:
        application.change_status(ApplicationStatus.UNDER_REVIEW, detail="review started")
    record(actor=None, action="jury_round.review_started", obj=jury_round,
           detail=f"{len(submitted)} applications")
    return len(submitted)


def set_stage(*, jury_round: JuryRound, results_open: bool | None = None,
              names_lifted: bool | None = None) -> None:
    """Open or close the results to the jurors; lift the blind (names shown)."""
    if results_open is not None:
        jury_round.results_open = results_open
        record(actor=None, action="jury_round.results_" + ("opened" if results_open
                                                           else "closed"), obj=jury_round)
    if names_lifted is not None:
        jury_round.names_lifted = names_lifted
        record(actor=None, action="jury_round.names_" + ("lifted" if names_lifted
                                                         else "hidden"), obj=jury_round)
    db.session.flush()


def is_open(jury_round: JuryRound) -> bool:
    """Return whether jurors may score today (Oslo date, both ends inclusive)."""
    today = oslo_today()
    return ((jury_round.opens_on is None or jury_round.opens_on <= today)
            and (jury_round.closes_on is None or today <= jury_round.closes_on))


def _own_score(application: Application, juror: User, *, make: bool = True) -> JuryScore | None:
    found = db.session.scalar(sa.select(JuryScore).where(
        JuryScore.application_id == application.id, JuryScore.juror_id == juror.id))
    if found is None and make:
        found = JuryScore(application=application, juror=juror, comment="")
        db.session.add(found)
    return found


def _check_open(jury_round: JuryRound) -> None:
    if not is_open(jury_round):
        if jury_round.closes_on and oslo_today() > jury_round.closes_on:
            raise JuryError(_("The round closed on %(day)s: scores can no longer be changed.",
                              day=jury_round.closes_on.strftime("%d.%m.%Y")))
        raise JuryError(_("The round opens on %(day)s.",
                          day=jury_round.opens_on.strftime("%d.%m.%Y")))


def save_score(*, jury_round: JuryRound, application: Application, juror: User,
               score: int | None, comment: str = "") -> JuryScore:
    """Save the juror's score and comment; refused when closed, abstained or off the scale."""
    _check_open(jury_round)
    existing = _own_score(application, juror, make=False)
    if existing is not None and existing.abstained:
        raise JuryError(_("You abstained from this application: withdraw the abstention "
                          "before you score it."), "score")
    if score is not None and not jury_round.scale_min <= score <= jury_round.scale_max:
        raise JuryError(_("Choose a score from %(lo)d to %(hi)d.", lo=jury_round.scale_min,
                          hi=jury_round.scale_max), "score")
    own = existing or _own_score(application, juror)
    own.score, own.comment, own.updated_at = score, (comment or "").strip(), utcnow()
    db.session.flush()
    return own


def abstain(*, jury_round: JuryRound, application: Application, juror: User,
            value: bool = True) -> JuryScore:
    """Declare (or withdraw) a conflict of interest: the score is removed from the figures."""
    _check_open(jury_round)
    own = _own_score(application, juror)
    own.abstained, own.updated_at = value, utcnow()
    if value:
        own.score = None
    db.session.flush()
    record(actor=juror, action="jury_score." + ("abstained" if value else "unabstained"),
           obj=own, detail=f"application {application.id}")
    return own


def mark_looked_through(*, member: JuryMember) -> None:
    """Note that the juror finished the first look through all applications."""
    member.looked_through_at = member.looked_through_at or utcnow()
    db.session.flush()


def decide(*, jury_round: JuryRound, applications: list[Application],
           decision: Decision | None) -> int:
    """Set (or clear) the decision of each application in review; refused for one whose
    decision has gone out. Applications that come into review after publishing (the window
    reopened, as on the sample edition) are decided and published like the first ones."""
    if any(application.status in PUBLISHED for application in applications):
        raise JuryError(_("The decisions have been published and can no longer be changed "
                          "here."))
    changed = 0
    for application in applications:
        if application.status != ApplicationStatus.UNDER_REVIEW:
            continue
        if application.decision != decision:
            application.decision = decision
            record(actor=None, action="application.decided", obj=application,
                   detail=decision.value if decision else "cleared")
            changed += 1
    db.session.flush()
    return changed


def save_template(*, edition: Edition, decision: Decision, language: str, subject: str,
                  body: str) -> DecisionTemplate:
    """Store the organisers' text of one decision e-mail in one language."""
    found = db.session.scalar(sa.select(DecisionTemplate).where(
        DecisionTemplate.edition_id == edition.id, DecisionTemplate.decision == decision,
        DecisionTemplate.language == language))
    if found is None:
        found = DecisionTemplate(edition_id=edition.id, decision=decision, language=language)
        db.session.add(found)
    found.subject, found.body = " ".join(subject.split()), body.strip()
    db.session.flush()
    record(actor=None, action="decision_template.saved", obj=found,
           detail=f"{decision.value} {language}")
    return found
