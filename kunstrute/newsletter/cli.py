"""`flask send-newsletter ID`: the only way a newsletter reaches its subscribers."""

import signal
from contextlib import contextmanager

import click
from flask import current_app

from kunstrute.extensions import db
from kunstrute.newsletter import bp
from kunstrute.newsletter.models import Newsletter, NewsletterStatus
from kunstrute.newsletter.sending import remaining, send_newsletter


@contextmanager
def stop_on_sigterm():
    """Turn SIGTERM into SystemExit while sending, so the message in flight is released cleanly.

    The previous handler comes back afterwards: whatever runs the command in-process (a test,
    a job worker) must still stop on SIGTERM once the sending is over.
    """
    def handler(signum, frame):
        raise SystemExit(143)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@bp.cli.command("send-newsletter")
@click.argument("newsletter_id", type=int)
@click.option("--resend-uncertain", is_flag=True,
              help="Also send to people a killed run may or may not have reached.")
def send_newsletter_command(newsletter_id: int, resend_uncertain: bool) -> None:
    """Send a newsletter to every confirmed subscriber; safe to run again after a stop."""
    newsletter = db.session.get(Newsletter, newsletter_id)
    if newsletter is None:
        raise click.ClickException(f"There is no newsletter {newsletter_id}.")
    if newsletter.status == NewsletterStatus.SENT and not remaining(newsletter):
        click.echo(f"Newsletter {newsletter_id} was sent already; nobody new to send it to.")
        return
    config = current_app.config
    click.echo(f"Sending '{newsletter.subject}' to {remaining(newsletter)} subscribers, "
               f"{config['NEWSLETTER_BATCH_SIZE']} every {config['NEWSLETTER_BATCH_PAUSE']} s.")
    with stop_on_sigterm(), click.progressbar(length=remaining(newsletter),
                                              label="Sending") as bar:
        report = send_newsletter(
            newsletter=newsletter, batch_size=config["NEWSLETTER_BATCH_SIZE"],
            pause_seconds=config["NEWSLETTER_BATCH_PAUSE"],
            resend_uncertain=resend_uncertain, progress=bar.update)
    click.echo(f"Sent {report.sent} now, {report.earlier} in earlier runs, "
               f"{len(report.failed)} failed, {report.uncertain} uncertain.")
    if report.skipped:
        click.echo(f"Skipped {report.skipped} who unsubscribed while it was being sent.")
    for email, error in report.failed:
        click.echo(f"  failed: {email}: {error}", err=True)
    if report.uncertain:
        click.echo("  uncertain: a run was killed while sending to them; they may have the "
                   "newsletter already. Run again with --resend-uncertain to send anyway.",
                   err=True)
    if not report.complete:
        raise SystemExit(1)
