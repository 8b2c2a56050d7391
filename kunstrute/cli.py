"""The commands that compose several domains (`demo`, `geocode`) and the console script.

Each domain registers its own commands from its `cli.py` (on its blueprint, without a group),
so `flask --app kunstrute import-artists` and `kunstrute import-artists` work alike.
"""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import FlaskGroup

from kunstrute.console import progress
from kunstrute.demo import NotEmpty, create_demo_accounts, demo_user, load_demo
from kunstrute.demo_audience import load_audience
from kunstrute.demo_counts import load_counts, load_previous_edition
from kunstrute.demo_round import load_round
from kunstrute.demo_surveys import load_surveys
from kunstrute.editions.cli import print_geocoding
from kunstrute.editions.queries import edition_for_year, geocoder_chain, studios_to_geocode
from kunstrute.extensions import db, huey
from kunstrute.geocoding.services import place
from kunstrute.mail import external_url
from kunstrute.media.jobs import process_images
from kunstrute.programme.queries import events_to_geocode
from kunstrute.timeutil import utcnow

#: How to get a sign-in when the demo made none.
CREATE_USER_HINT = ("To sign in as an organiser, create a user: "
                    "flask --app kunstrute create-user EMAIL --role organiser")


@click.command("demo")
@click.option("--online", is_flag=True, help="Also ask the online geocoder (default: offline).")
@click.option("--if-empty", is_flag=True, help="Do nothing (exit 0) if an edition exists.")
def demo_command(online: bool, if_empty: bool) -> None:
    """Load the sample edition into an empty database."""
    chains = []
    now = utcnow()

    def chain_factory():
        chains.append(geocoder_chain(current_app.config, offline=not online))
        return chains[-1]

    try:
        report = load_demo(data_dir=current_app.config["DATA_DIR"], chain_factory=chain_factory,
                           now=now)
    except NotEmpty as exc:
        db.session.rollback()
        if if_empty:
            click.echo("The database already has an edition; the sample edition is not loaded.")
            click.echo(CREATE_USER_HINT + " (the demo's accounts, if it made them, still work).")
            return
        raise click.ClickException(str(exc)) from exc
    if report.artists.rejected:
        db.session.rollback()
        for error in report.artists.rejected:
            click.echo(f"line {error.line}: {error.reason}", err=True)
        raise click.ClickException("The sample data has bad rows; nothing was loaded.")
    accounts = create_demo_accounts()
    click.echo("Drawing the works and scoring the applications …")
    applications = load_round(
        edition=edition_for_year(report.year), now=now,
        jurors=[demo_user(name) for name in ("juror", "juror2", "juror3")],
        artist_account=demo_user("artist"))
    counts = load_counts(edition=edition_for_year(report.year))
    previous = load_previous_edition(edition=edition_for_year(report.year))
    audience = load_audience(edition=edition_for_year(report.year))
    surveys = load_surveys(edition=edition_for_year(report.year), now=now)
    db.session.commit()
    # The copies are the worker's job, as for every upload: queued in chunks, so the first
    # artists' works show within seconds and several workers could share them.
    ids = applications.image_ids
    for start in range(0, len(ids), 20):
        process_images(ids[start:start + 20])
    click.echo(f"Loaded the sample edition {report.year}: {report.municipalities} municipalities, "
               f"{report.artists.created} artists, {report.events} events. It is published.")
    click.echo(f"Its application round: {applications.applications} applications with "
               f"{applications.works} works, {applications.scores} scores from three jurors; "
               "the decisions are published and the window is open for more.")
    click.echo(f"Its visitors and sales: {counts.reported} of {counts.studios} studios "
               f"reported {counts.studio_visits} visitors, the exhibition counted "
               f"{counts.exhibition_visits}; sales {counts.studio_sales_nok} NOK at the "
               f"studios, {counts.exhibition_sales_nok} NOK at the exhibition.")
    click.echo(f"Its audience: {audience.registrations} confirmed sign-ups for the events, "
               f"{audience.checked_in} of them checked in; {audience.subscribers} newsletter "
               f"subscribers and {audience.newsletters} newsletters sent (none e-mailed).")
    click.echo(f"The previous edition {previous.year}: {previous.artists} artists and "
               f"{previous.visits} visits by day, for year over year.")
    click.echo(f"Its surveys: {surveys.surveys}, with {surveys.invitations} invitations and "
               f"{surveys.responses} answers (last year's and this year's; none e-mailed).")
    click.echo(f"The worker makes the copies of the {len(ids)} drawn works (about a minute; "
               "`make run` starts it, or run `flask --app kunstrute worker`).")
    print_geocoding(report.geocoding, chains[0] if chains else None)
    print_accounts(accounts, login_url=external_url("auth.login"))


def print_accounts(accounts, *, login_url: str) -> None:
    """Print the demo accounts' sign-ins: the only time their passwords are shown."""
    if not accounts:
        click.echo(CREATE_USER_HINT)
        return
    click.echo("Demo accounts (the passwords are shown only now; note them):")
    for account in accounts:
        click.echo(f"  Sign in at {login_url} as {account.email} with password "
                   f"{account.password}  ({account.role})")


@click.command("geocode")
@click.option("--offline", is_flag=True, help="Use only the offline gazetteer.")
def geocode_command(offline: bool) -> None:
    """Fill missing coordinates (and improve approximate ones when online)."""
    chain = geocoder_chain(current_app.config, offline=offline)
    studios = studios_to_geocode(include_approximate=chain.online_available)
    events = [e for e in events_to_geocode() if e.lat is None or chain.online_available]
    if events:
        placed = place(events, chain=chain).placed
        db.session.commit()
        click.echo(f"Events at their own address: {placed} of {len(events)} placed.")
    if not studios:
        approximate = len(studios_to_geocode(include_approximate=True))
        click.echo(f"Every studio has coordinates; {approximate} approximate.")
        return
    summary = place(progress("Geocoding")(studios), chain=chain)
    db.session.commit()
    print_geocoding(summary, chain)


@click.command("worker")
@click.option("--workers", default=2, show_default=True, help="Jobs run at the same time.")
@click.option("--periodic/--no-periodic", default=True, show_default=True,
              help="Also run the periodic jobs. Exactly one worker may: give the others "
                   "--no-periodic.")
def worker_command(workers: int, periodic: bool) -> None:
    """Run the background-job consumer until Ctrl-C (or SIGTERM)."""
    if huey.immediate:
        raise click.ClickException("KUNSTRUTE_HUEY_IMMEDIATE is on: jobs run where they are "
                                   "queued, so there is nothing for a worker to do.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    huey.ensure_storage_folder()
    where = current_app.config.get("REDIS_URL") and "Redis" or huey.storage_kwargs["filename"]
    click.echo(f"Worker: {workers} at a time, queue {huey.name!r} on {where}, periodic jobs "
               f"{'on' if periodic else 'off'}.")
    huey.create_consumer(workers=workers, worker_type="thread", periodic=periodic).run()


def register_commands(app) -> None:
    for command in (demo_command, geocode_command, worker_command):
        app.cli.add_command(command)


def main() -> None:
    """Run the `kunstrute` console script: the same commands as `flask --app kunstrute`."""
    from kunstrute import create_app

    FlaskGroup(create_app=create_app)()
