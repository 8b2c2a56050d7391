"""The applications' background jobs: the decision e-mails once the decisions are published.

Each application's e-mail is marked sent in Huey's storage before it leaves (`huey.once`,
keyed by the application and its status, so a waitlisted artist accepted later is told
again) and `decision_mailed_at` is set after: a second run, or a run after a stop, sends
only what has not gone. Between batches it waits as the newsletter does (the mail
provider's rate).
"""

from __future__ import annotations

import logging
import time

import sqlalchemy as sa
from flask import current_app

from kunstrute import mail
from kunstrute.applications.decisions import render_decision_mail
from kunstrute.applications.models import Application, ApplicationStatus, JuryRound
from kunstrute.extensions import db, huey
from kunstrute.timeutil import utcnow

log = logging.getLogger(__name__)

#: The statuses a published decision leaves an application in.
DECIDED = (ApplicationStatus.ACCEPTED, ApplicationStatus.WAITLISTED,
           ApplicationStatus.REJECTED)


def _unmailed(round: JuryRound) -> list[int]:
    return list(db.session.scalars(
        sa.select(Application.id).where(
            Application.edition_id == round.edition_id, Application.status.in_(DECIDED),
            Application.decision.is_not(None), Application.decision_mailed_at.is_(None))
        .order_by(Application.id)))


@huey.task(retries=3, retry_delay=300)
def send_decision_mails(round_id: int) -> dict:
    """Send every decided application of the round its e-mail, once; return the counts."""
    with huey.lock_task(f"decision-mails-{round_id}"):
        round = db.session.get(JuryRound, round_id)
        if round is None or round.decisions_published_at is None:
            return {"sent": 0, "failed": 0}
        config = current_app.config
        batch, pause = config["NEWSLETTER_BATCH_SIZE"], config["NEWSLETTER_BATCH_PAUSE"]
        sent = failed = 0
        for n, application_id in enumerate(_unmailed(round), start=1):
            if _send_one(application_id):
                sent += 1
            else:
                failed += 1
            if pause and n % batch == 0:
                time.sleep(pause)
        return {"sent": sent, "failed": failed}


def _send_one(application_id: int) -> bool:
    """Send one decision e-mail unless it went before; return False if it failed."""
    application = db.session.get(Application, application_id)
    key = f"decision-mail:{application.id}:{application.status.value}"
    if huey.once(key):
        try:
            rendered = render_decision_mail(application=application)
            mail.send(mail.Mail(to=application.email, subject=rendered.subject,
                                text=rendered.body))
        except Exception:  # noqa: BLE001  (one bad address must not stop the others)
            huey.forget(key)
            log.exception("The decision e-mail of application %s was not sent",
                          application_id)
            return False
    # Also when it went before but the run stopped before this was saved.
    application.decision_mailed_at = utcnow()
    db.session.commit()
    return True
