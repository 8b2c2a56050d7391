"""From acceptance to the guide: publishing the decisions.

Publishing moves every decided application under review to its decision, puts each accepted
artist on the route (artist, studio, participation, the works they chose, catalogue numbers)
and records when the decisions went out, all in the caller's one transaction. The view then
queues the studios' geocoding and the decision e-mails (`jobs.send_decision_mails`).
Publishing again finds nothing left to do; a waitlisted artist accepted later, when a place
frees, goes the same way on their own (`accept_from_waitlist`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa

from kunstrute.applications.decisions import (
    LANGUAGES,
    RenderedMail,
    render_decision_mail,
    template_text,
)
from kunstrute.applications.models import (
    IN_REVIEW,
    Application,
    ApplicationStatus,
    Decision,
    JuryRound,
)
from kunstrute.audit.services import record
from kunstrute.editions.enrolment import Entrant, enrol
from kunstrute.editions.models import Participation, Work
from kunstrute.editions.numbers import number_unnumbered
from kunstrute.extensions import db
from kunstrute.media.services import make_public
from kunstrute.timeutil import utcnow


class PublishError(ValueError):
    """The decisions cannot go out yet: `reason` says why ("undecided": in review without a
    decision; "no_address": accepted without a studio address), `applications` which."""

    def __init__(self, reason: str, applications: list[Application]):
        super().__init__(f"{reason}: {len(applications)} applications")
        self.reason, self.applications = reason, applications


@dataclass
class PublishReport:
    #: Applications moved to their decision by this run, per decision.
    counts: Counter = field(default_factory=Counter)
    #: The studios of the artists accepted by this run (to be placed by a job).
    studio_ids: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def round_applications(round: JuryRound) -> list[Application]:
    """Return the round's applications that went beyond a draft, by name."""
    return list(db.session.scalars(
        sa.select(Application).where(
            Application.edition_id == round.edition_id,
            Application.status.not_in([ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN]))
        .order_by(Application.name, Application.id)))


def undecided(applications: list[Application]) -> list[Application]:
    """Return the applications in review without a decision: they hold up publishing."""
    return [a for a in applications if a.status in IN_REVIEW and a.decision is None]


def decision_counts(applications: list[Application]) -> Counter:
    """Return {decision: how many} over the decided applications."""
    return Counter(a.decision for a in applications if a.decision is not None)


def previews(applications: list[Application]) -> list[tuple[Decision, str, RenderedMail]]:
    """Return one e-mail per decision and language, written to a real applicant if any."""
    shown = []
    for decision in Decision:
        sample = next((a for a in applications if a.decision == decision), None)
        if sample is None:
            continue
        for language in LANGUAGES:
            subject, body = template_text(edition=sample.edition, decision=decision,
                                          language=language)
            shown.append((decision, language, render_decision_mail(
                application=sample, subject=subject, body=body)))
    return shown


def publish_decisions(*, round: JuryRound, actor) -> PublishReport:
    """Move each decided application in review to its decision and put the accepted on the
    route; flush. Raise PublishError while any application in review has no decision."""
    applications = round_applications(round)
    waiting = undecided(applications)
    if waiting:
        raise PublishError("undecided", waiting)
    homeless = [a for a in applications if a.status in IN_REVIEW
                and a.decision == Decision.ACCEPTED and not _has_address(a)]
    if homeless:
        raise PublishError("no_address", homeless)
    report = PublishReport()
    for application in applications:
        if application.status in IN_REVIEW and application.decision is not None:
            _decide(application, actor=actor, report=report)
    number_unnumbered(edition=round.edition)
    if round.decisions_published_at is None:
        round.decisions_published_at = utcnow()
        record(actor=actor, action="jury_round.decisions_published", obj=round,
               detail=str(report.total))
    db.session.flush()
    return report


def accept_from_waitlist(*, application: Application, actor) -> PublishReport:
    """Accept a waitlisted application now that a place is free; flush."""
    if not _has_address(application):
        raise PublishError("no_address", [application])
    report = PublishReport()
    application.decision = Decision.ACCEPTED
    application.decision_mailed_at = None  # they are told the new decision
    _decide(application, actor=actor, report=report)
    number_unnumbered(edition=application.edition)
    return report


def _has_address(application: Application) -> bool:
    return application.municipality_id is not None and bool(application.address)


def _decide(application: Application, *, actor, report: PublishReport) -> None:
    if application.status == ApplicationStatus.SUBMITTED:
        application.change_status(ApplicationStatus.UNDER_REVIEW, actor=actor)
    application.change_status(ApplicationStatus(application.decision.value), actor=actor)
    report.counts[application.decision] += 1
    if application.decision == Decision.ACCEPTED:
        participation = bring_to_guide(application=application, actor=actor)
        if participation.studio_id is not None:
            report.studio_ids.append(participation.studio_id)


def bring_to_guide(*, application: Application, actor=None) -> Participation:
    """Put an accepted application's artist on the route with the works they chose; flush."""
    if not _has_address(application):
        raise PublishError("no_address", [application])
    participation = enrol(edition=application.edition, actor=actor, entrant=Entrant(
        user_id=application.user_id, email=application.email, name=application.name,
        website=application.website, phone=application.phone,
        disciplines=tuple(application.disciplines or ()), studio_name=application.studio_name,
        address=application.address, postcode=application.postcode, place=application.place,
        municipality=application.municipality))
    shown = {work.image_id for work in participation.works}
    for artwork in application.artworks:
        if not artwork.show_in_guide or artwork.image_id in shown:
            continue
        make_public(artwork.image)
        participation.works.append(Work(
            position=len(participation.works), image_id=artwork.image_id,
            **artwork.description()))
    application.participation_id = participation.id
    db.session.flush()
    return participation
