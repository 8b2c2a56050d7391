"""The organisers' page for publishing the decisions: /organiser/applications/publish."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kunstrute.applications import admin_bp
from kunstrute.applications.jobs import send_decision_mails
from kunstrute.applications.models import IN_REVIEW, Application, ApplicationStatus, JuryRound
from kunstrute.applications.publishing import (
    PublishError,
    PublishReport,
    accept_from_waitlist,
    decision_counts,
    previews,
    publish_decisions,
    round_applications,
    undecided,
)
from kunstrute.auth.decorators import organiser_required
from kunstrute.editions.jobs import place_studios
from kunstrute.editions.queries import newest_edition
from kunstrute.extensions import db
from kunstrute.urls import DB_ID


def _current_round() -> JuryRound | None:
    edition = newest_edition()
    if edition is None:
        return None
    return db.session.scalar(sa.select(JuryRound).where(JuryRound.edition_id == edition.id))


def _page(round: JuryRound | None, *, status: int = 200, error: str | None = None):
    applications = round_applications(round) if round else []
    mailed = sum(1 for a in applications if a.decision_mailed_at is not None)
    waitlisted = [a for a in applications if a.status == ApplicationStatus.WAITLISTED]
    return render_template(
        "applications/admin/publish.html", round=round, error=error,
        counts=decision_counts(applications), waiting=undecided(applications),
        previews=previews([a for a in applications if a.status in IN_REVIEW]),
        mailed=mailed, waitlisted=waitlisted,
        ready=sum(1 for a in applications if a.status in IN_REVIEW and a.decision)), status


def _refusal(error: PublishError) -> str:
    """Say why publishing was refused, naming the applications in the way."""
    if error.reason == "no_address":
        return _("These accepted applications have no studio address, so they cannot be put "
                 "on the map: %(names)s.", names=", ".join(a.name for a in error.applications))
    return _("Every application needs a decision before the decisions go out.")


def _queue(round: JuryRound, report: PublishReport) -> None:
    """After the commit: place the new studios and send the e-mails, each by a job."""
    if report.studio_ids:
        place_studios(sorted(set(report.studio_ids)))
    send_decision_mails(round.id)


@admin_bp.route("/publish", methods=["GET", "POST"])
@organiser_required
def publish():
    """Show what publishing would do, with the e-mails; publish on confirmation."""
    round = _current_round()
    if round is None or request.method != "POST":
        return _page(round)
    try:
        report = publish_decisions(round=round, actor=current_user)
    except PublishError as error:
        db.session.rollback()
        return _page(round, status=400, error=_refusal(error))
    db.session.commit()  # the one commit: all of it, or nothing
    _queue(round, report)
    if report.total:
        flash(_("The decisions are published: %(n)d applicants are told by e-mail.",
                n=report.total), "success")
    else:
        flash(_("Nothing new to publish: every decision has gone out."), "info")
    return redirect(url_for(".publish"))


@admin_bp.route(f"/publish/waitlist/<{DB_ID}:application_id>", methods=["POST"])
@organiser_required
def accept_waitlisted(application_id: int):
    """Give a free place to a waitlisted applicant: on the route, numbered, told by e-mail."""
    round = _current_round()
    application = db.session.get(Application, application_id)
    if (round is None or application is None or application.edition_id != round.edition_id
            or application.status != ApplicationStatus.WAITLISTED):
        abort(404)
    try:
        report = accept_from_waitlist(application=application, actor=current_user)
    except PublishError as error:
        db.session.rollback()
        return _page(round, status=400, error=_refusal(error))
    db.session.commit()
    _queue(round, report)
    flash(_("%(name)s is on the route and is told by e-mail.", name=application.name),
          "success")
    return redirect(url_for(".publish"))
