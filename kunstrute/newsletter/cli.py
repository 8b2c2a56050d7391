"""`flask send-newsletter ID`: the only way a newsletter reaches its subscribers."""

import signal

import click
from flask import current_app

from kunstrute.extensions import db
from kunstrute.newsletter.models import Newsletter, NewsletterStatus
from kunstrute.newsletter.sending import remaining, send_newsletter


def _stop_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit so the message in flight is released cleanly."""
    def handler(signum, frame):
        raise SystemExit(143)

    signal.signal(signal.SIGTERM, handler)


@click.command("send-newsletter")
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
    _stop_on_sigterm()
    click.echo(f"Sending '{newsletter.subject}' to {remaining(newsletter)} subscribers, "
               f"{config['NEWSLETTER_BATCH_SIZE']} every {config['NEWSLETTER_BATCH_PAUSE']} s.")
    with click.progressbar(length=remaining(newsletter), label="Sending") as bar:
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
