"""The counting domain's background jobs."""

from __future__ import annotations

from huey import crontab

from kunstrute.counting.posters import write_all_posters
from kunstrute.counting.visitors import delete_old_keys
from kunstrute.editions.models import Edition
from kunstrute.extensions import db, huey
from kunstrute.timeutil import oslo_today


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
