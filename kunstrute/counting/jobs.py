"""Counting's background jobs: reminding the studios that have not reported, deleting the
check-in keys of past days, and the posters in one PDF.

The organiser's button queues one run (an id of its own); `huey.once` makes a run happen
once however often it is delivered, and `Venue.reminded_at` lets no studio get more than
one reminder in 24 hours, whichever run sends it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import render_template
from flask_babel import force_locale
from huey import crontab

from kunstrute import mail
from kunstrute.counting.admin_queries import not_reported
from kunstrute.counting.links import make_report_key
from kunstrute.counting.models import Venue
from kunstrute.counting.posters import write_all_posters
from kunstrute.counting.reporting import venue_days
from kunstrute.counting.services import is_locked
from kunstrute.counting.visitors import delete_old_keys
from kunstrute.editions.models import Edition
from kunstrute.extensions import db, huey
from kunstrute.timeutil import oslo_today, utcnow

log = logging.getLogger(__name__)

#: No studio is reminded more often than this.
REMINDER_GAP = timedelta(hours=24)


@huey.task(retries=2, retry_delay=300)
def send_report_reminders(edition_id: int, run_id: str) -> dict:
    """E-mail each studio of the edition that has not reported its personal link; once a run."""
    if not huey.once(f"report-reminders:{run_id}"):
        return {"sent": 0, "skipped": 0}
    edition = db.session.get(Edition, edition_id)
    if edition is None or is_locked(edition.id):
        return {"sent": 0, "skipped": 0}
    sent = skipped = 0
    for venue in not_reported(edition):
        if venue.reminded_at is not None and utcnow() - venue.reminded_at < REMINDER_GAP:
            skipped += 1
            continue
        if _remind(venue):
            sent += 1
    return {"sent": sent, "skipped": skipped}


def _remind(venue: Venue) -> bool:
    """Send one studio its reminder (making its link if it has none); commit; False on failure."""
    artist = venue.participation.artist
    try:
        if venue.report_key is None:
            make_report_key(venue=venue, actor="system")
        venue.reminded_at = utcnow()
        mail.send(reminder_mail(venue))
    except Exception:  # noqa: BLE001  (one bad address must not stop the others)
        db.session.rollback()
        log.exception("The report reminder to venue %s was not sent", venue.id)
        return False
    db.session.commit()
    log.info("Reminded %s to report", artist.email)
    return True


def reminder_mail(venue: Venue) -> mail.Mail:
    """Return the reminder for a studio: Norwegian first, then English, with its own link."""
    link = mail.external_url("counting.report_by_link", key=venue.report_key)
    context = {"venue": venue, "artist": venue.participation.artist, "link": link,
               "edition": venue.edition, "days": venue_days(venue)}
    parts = []
    for language in ("nb", "en"):
        with force_locale(language):
            parts.append(render_template("email/counting_reminder.txt", **context))
    with force_locale("nb"):
        subject_nb = render_template("email/counting_reminder_subject.txt", **context)
    with force_locale("en"):
        subject_en = render_template("email/counting_reminder_subject.txt", **context)
    return mail.Mail(to=venue.participation.artist.email,
                     subject=f"{subject_nb.strip()} / {subject_en.strip()}",
                     text="\n\n— — —\n\n".join(parts))


@huey.periodic_task(crontab(minute="7"))
def delete_old_daily_keys() -> int:
    """Delete the check-in keys of days before yesterday, on a day nobody checked in too.

    The first check-in of a day deletes them as well; this hourly run makes the promise
    (deleted after two days) hold when no one scans a poster for days.
    """
    deleted = delete_old_keys(today=oslo_today())
    db.session.commit()
    return deleted


@huey.task()
def make_all_posters(edition_id: int) -> str:
    """Write the edition's posters into one PDF beside the uploads (safe to run twice)."""
    edition = db.session.get(Edition, edition_id)
    if edition is None:
        return "skipped: no such edition"
    write_all_posters(edition)
    return "written"
