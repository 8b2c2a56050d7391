"""The newsletter's background job: sending, started by the organiser's "Send" button.

The job calls the same resumable `send_newsletter` as `flask send-newsletter`: a second run
(or a second press) reaches only those not reached yet, and a lock keeps two runs of one
newsletter from overlapping.
"""

from __future__ import annotations

import logging

from flask import current_app

from kunstrute.extensions import db, huey
from kunstrute.newsletter.models import Newsletter
from kunstrute.newsletter.sending import send_newsletter

log = logging.getLogger(__name__)


@huey.task()
def send_newsletter_job(newsletter_id: int) -> dict | None:
    """Send a newsletter to every confirmed subscriber not reached yet; return the counts."""
    with huey.lock_task(f"newsletter-{newsletter_id}"):
        newsletter = db.session.get(Newsletter, newsletter_id)
        if newsletter is None:
            return None
        config = current_app.config
        report = send_newsletter(newsletter=newsletter,
                                 batch_size=config["NEWSLETTER_BATCH_SIZE"],
                                 pause_seconds=config["NEWSLETTER_BATCH_PAUSE"])
        for email, error in report.failed:
            log.warning("Newsletter %s was not sent to %s: %s", newsletter_id, email, error)
        return {"sent": report.sent, "failed": len(report.failed),
                "uncertain": report.uncertain}
