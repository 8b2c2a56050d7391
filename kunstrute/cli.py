"""Thin commands: parse arguments, show progress, call a domain function, commit once."""

from __future__ import annotations

import sys
from datetime import date, time
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup

from kunstrute.extensions import db


def progress(label: str):
    """Return a wrapper that shows a progress bar on stderr while items are consumed."""

    def wrap(items):
        items = list(items)
        with click.progressbar(items, label=label, file=sys.stderr, show_pos=True) as bar:
            yield from bar

    return wrap


def _dates(text: str | None) -> list[date] | None:
    if not text:
        return None
    try:
        return [date.fromisoformat(part.strip()) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise click.BadParameter(f"{exc}; write dates as YYYY-MM-DD,YYYY-MM-DD") from exc


def _chain_factory(offline: bool):
    from kunstrute.geocoding.services import build_chain

    return lambda: build_chain(current_app.config, offline=offline)


def _print_geocoding(summary, chain) -> None:
    click.echo(f"Geocoding: {len(summary.exact)} exact, {len(summary.approximate)} approximate, "
               f"{len(summary.not_found)} not found.")
    if chain is not None and chain.online_error:
        click.echo(f"  The online geocoder failed ({chain.online_error}); used the gazetteer.")
    for studio in summary.approximate:
        click.echo(f"  approximate: {studio.address}, {studio.postcode or ''} {studio.place or ''}"
                   f" ({studio.municipality.name}) — fix it under /organiser")
    for studio in summary.not_found:
        click.echo(f"  not found: {studio.address}, {studio.municipality.name}")


@click.command("demo")
@click.option("--online", is_flag=True, help="Also ask the online geocoder (default: offline).")
@click.option("--if-empty", is_flag=True, help="Do nothing (exit 0) if an edition exists.")
def demo_command(online: bool, if_empty: bool) -> None:
    """Load the sample edition into an empty database."""
    from kunstrute.demo import NotEmpty, load_demo

    chains = []

    def chain_factory():
        chains.append(_chain_factory(offline=not online)())
        return chains[-1]

    try:
        report = load_demo(data_dir=current_app.config["DATA_DIR"], chain_factory=chain_factory)
    except NotEmpty as exc:
        db.session.rollback()
        if if_empty:
            click.echo("The database already has an edition; the sample edition is not loaded.")
            return
        raise click.ClickException(str(exc)) from exc
    if report.artists.rejected:
        db.session.rollback()
        for error in report.artists.rejected:
            click.echo(f"line {error.line}: {error.reason}", err=True)
        raise click.ClickException("The sample data has bad rows; nothing was loaded.")
    db.session.commit()
    click.echo(f"Loaded the sample edition {report.year}: {report.municipalities} municipalities, "
               f"{report.artists.created} artists, {report.events} events.")
    _print_geocoding(report.geocoding, chains[0] if chains else None)


@click.command("edition")
@click.argument("year", type=int)
@click.option("--starts", type=click.DateTime(["%Y-%m-%d"]), help="First day, YYYY-MM-DD.")
@click.option("--ends", type=click.DateTime(["%Y-%m-%d"]), help="Last day, YYYY-MM-DD.")
@click.option("--open-days", help="Comma-separated dates; default: the weekends in the period.")
@click.option("--title", help='E.g. "Kunst rett vest 2027".')
@click.option("--hosts", help="Comma-separated host municipalities.")
@click.option("--venue", help="The shared exhibition's venue.")
@click.option("--hours", help="Studio hours as HH:MM-HH:MM, e.g. 11:00-17:00.")
def edition_command(year, starts, ends, open_days, title, hosts, venue, hours) -> None:
    """Create or update the edition of YEAR."""
    from kunstrute.route.editions import EditionError, save_edition

    details = {"exhibition_venue": venue} if venue else {}
    opens_at = closes_at = None
    if hours:
        try:
            opens_at, closes_at = (time.fromisoformat(t.strip()) for t in hours.split("-"))
        except ValueError as exc:
            raise click.BadParameter("write hours as HH:MM-HH:MM", param_hint="--hours") from exc
    try:
        edition = save_edition(
            year=year, starts_on=starts.date() if starts else None,
            ends_on=ends.date() if ends else None, open_days=_dates(open_days), title=title,
            hosts=[h.strip() for h in hosts.split(",")] if hosts else None,
            opens_at=opens_at, closes_at=closes_at, **details)
    except EditionError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    days = ", ".join(d.day.isoformat() for d in edition.open_days)
    click.echo(f"Edition {edition.year}: {edition.starts_on} – {edition.ends_on}; open {days}.")


@click.command("import-municipalities")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_municipalities_command(file: Path) -> None:
    """Load or update municipalities from a CSV: name,number,county,lat,lon."""
    from kunstrute.route.editions import load_municipalities

    created, updated = load_municipalities(file)
    db.session.commit()
    click.echo(f"Municipalities: {created} new, {updated} updated.")


@click.command("import-artists")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--edition", "year", type=int, help="Default: the current edition.")
@click.option("--offline", is_flag=True, help="Place missing addresses with the gazetteer only.")
def import_artists_command(file: Path, year: int | None, offline: bool) -> None:
    """Import artists from a CSV file; exit 0 all imported, 1 some rejected, 2 unusable."""
    from kunstrute.geocoding.services import place_studios
    from kunstrute.route.csvfile import UnusableInput, read_table
    from kunstrute.route.editions import current_edition, save_edition, upcoming_year
    from kunstrute.route.importer import COLUMNS, REQUIRED_COLUMNS, import_artists

    try:
        table = read_table(file.read_bytes(), known=COLUMNS, required=REQUIRED_COLUMNS)
    except (OSError, UnusableInput) as exc:
        click.echo(f"Error: {file}: {exc}", err=True)
        sys.exit(2)
    click.echo(f"{file}: {len(table.rows)} rows ({table.encoding}, "
               f"separated by {table.delimiter!r}).")
    if table.ignored_columns:
        click.echo(f"Ignored columns: {', '.join(table.ignored_columns)}")
    edition = current_edition() if year is None else None
    edition = edition or save_edition(year=year or upcoming_year())
    report = import_artists(rows=table.rows, edition=edition, progress=progress("Importing"))
    chain = _chain_factory(offline)() if report.unplaced else None
    summary = place_studios(studios=progress("Geocoding")(report.unplaced), chain=chain) \
        if chain else None
    db.session.commit()
    click.echo(f"Edition {edition.year}: {report.created} new, {report.updated} updated, "
               f"{report.unchanged} unchanged, {len(report.rejected) + len(table.overlong)} "
               f"rejected.")
    if summary:
        _print_geocoding(summary, chain)
    for line, count in table.overlong:
        click.echo(f"line {line}: rejected: {count} fields, more than the header has", err=True)
    for error in report.rejected:
        click.echo(f"line {error.line}: rejected: {error.reason}", err=True)
    sys.exit(1 if report.rejected or table.overlong else 0)


@click.command("geocode")
@click.option("--offline", is_flag=True, help="Use only the offline gazetteer.")
def geocode_command(offline: bool) -> None:
    """Fill missing coordinates (and improve approximate ones when online)."""
    from kunstrute.geocoding.services import place_studios, studios_to_geocode
    from kunstrute.programme.services import events_to_geocode, place_events

    chain = _chain_factory(offline)()
    studios = studios_to_geocode(include_approximate=chain.online_available)
    events = [e for e in events_to_geocode() if e.lat is None or chain.online_available]
    if events:
        placed = place_events(events=events, chain=chain)
        db.session.commit()
        click.echo(f"Events at their own address: {placed} of {len(events)} placed.")
    if not studios:
        approximate = len(studios_to_geocode(include_approximate=True))
        click.echo(f"Every studio has coordinates; {approximate} approximate.")
        return
    summary = place_studios(studios=progress("Geocoding")(studios), chain=chain)
    db.session.commit()
    _print_geocoding(summary, chain)


@click.command("create-user")
@click.argument("email")
@click.option("--role", required=True, help="admin, organiser, juror or artist.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user_command(email: str, role: str, password_stdin: bool) -> None:
    """Create a user; the password comes from a prompt or standard input."""
    from kunstrute.auth.services import UserError, create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(email=email, password=password, role=role)
    except UserError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created {user.role} {user.email}.")


COMMANDS = [demo_command, edition_command, import_municipalities_command, import_artists_command,
            geocode_command, create_user_command]


def register_commands(app: Flask) -> None:
    from kunstrute.newsletter.cli import send_newsletter_command

    for command in [*COMMANDS, send_newsletter_command]:
        app.cli.add_command(command)


def main() -> None:
    """Run the `kunstrute` console script: the same commands as `flask --app kunstrute`."""
    from kunstrute import create_app

    FlaskGroup(create_app=create_app)()
