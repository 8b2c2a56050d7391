"""The surveys' background jobs: invitations, reminders (by button and every morning).

Each e-mail is a job of its own, marked once in Huey's storage before it leaves (invitation:
per invitee; reminder: per invitee and reminder number), and the row says what was sent, so a
second run, a second press or two workers at once send nothing twice.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from huey import crontab

from kunstrute.extensions import db, huey
from kunstrute.surveys.invitations import due_reminders, send_invitation, send_reminder, unsent_ids
from kunstrute.surveys.models import Survey, SurveyInvitation, SurveyStatus
from kunstrute.timeutil import oslo_today

log = logging.getLogger(__name__)


@huey.task()
def send_invitations_job(survey_id: int) -> int:
    """Queue the invitation e-mail of every invitee not sent one yet; return how many."""
    survey = db.session.get(Survey, survey_id)
    if survey is None or not survey.is_answerable(oslo_today()):
        return 0
    ids = unsent_ids(survey)
    for invitation_id in ids:
        send_invitation_mail(invitation_id)
    return len(ids)


@huey.task(retries=3, retry_delay=300)
def send_invitation_mail(invitation_id: int) -> str:
    """Send one invitation, once."""
    key = f"survey-invitation:{invitation_id}"
    if not huey.once(key):
        return "skipped: sent before"
    invitation = db.session.get(SurveyInvitation, invitation_id)
    try:
        sent = invitation is not None and send_invitation(invitation=invitation)
        db.session.commit()
    except Exception:
        db.session.rollback()
        huey.forget(key)  # a retry sends it
        log.exception("The invitation %s to a survey was not sent", invitation_id)
        raise
    return "sent" if sent else "skipped"


@huey.task()
def send_reminders_job(survey_id: int) -> int:
    """Queue a reminder to every invitee of the survey who is owed one today."""
    survey = db.session.get(Survey, survey_id)
    if survey is None:
        return 0
    return _remind(survey)


def _remind(survey: Survey) -> int:
    due = due_reminders(survey)
    for invitation_id in due:
        number = db.session.get(SurveyInvitation, invitation_id).reminders_sent + 1
        send_reminder_mail(invitation_id, number)
    return len(due)


@huey.task(retries=3, retry_delay=300)
def send_reminder_mail(invitation_id: int, number: int) -> str:
    """Send reminder number `number` to one invitee, once, if still due."""
    key = f"survey-reminder:{invitation_id}:{number}"
    invitation = db.session.get(SurveyInvitation, invitation_id)
    if invitation is None or invitation.reminders_sent >= number:
        return "skipped: sent before"
    if not huey.once(key):
        return "skipped: sent before"
    try:
        sent = send_reminder(invitation=invitation)
        db.session.commit()
    except Exception:
        db.session.rollback()
        huey.forget(key)
        log.exception("Reminder %s to survey invitation %s was not sent", number, invitation_id)
        raise
    if not sent:
        huey.forget(key)  # not due after all (answered meanwhile): a later day may send it
    return "sent" if sent else "skipped: not due"


@huey.periodic_task(crontab(hour="8", minute="0"))
def daily_survey_reminders() -> int:
    """Every morning: remind, in every open survey, those who are owed a reminder."""
    surveys = db.session.scalars(sa.select(Survey).where(Survey.status == SurveyStatus.OPEN))
    return sum(_remind(survey) for survey in surveys.all())
