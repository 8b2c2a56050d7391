"""The core's commands: `edition`, `import-municipalities`, `import-artists`."""

from __future__ import annotations

import sys
from datetime import date, time
from pathlib import Path

import click
from flask import current_app

from kunstrute.console import progress
from kunstrute.csvfile import UnusableInput
from kunstrute.editions import bp
from kunstrute.editions.artist_rows import read_artists_csv
from kunstrute.editions.importer import import_artists
from kunstrute.editions.opening import edition_days
from kunstrute.editions.queries import (
    edition_for_year,
    geocoder_chain,
    has_municipalities,
    newest_edition,
    upcoming_year,
)
from kunstrute.editions.services import (
    EditionError,
    load_municipalities,
    publish_edition,
    save_edition,
    unpublish_edition,
)
from kunstrute.extensions import db
from kunstrute.geocoding.services import place
from kunstrute.timeutil import utcnow


def _dates(text: str | None) -> list[date] | None:
    if not text:
        return None
    try:
        return [date.fromisoformat(part.strip()) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise click.BadParameter(f"{exc}; write dates as YYYY-MM-DD,YYYY-MM-DD") from exc


@bp.cli.command("edition")
@click.argument("year", type=int)
@click.option("--starts", type=click.DateTime(["%Y-%m-%d"]), help="First day, YYYY-MM-DD.")
@click.option("--ends", type=click.DateTime(["%Y-%m-%d"]), help="Last day, YYYY-MM-DD.")
@click.option("--open-days", help="Comma-separated dates; default: the weekends in the period.")
@click.option("--title", help='E.g. "Kunst rett vest 2027".')
@click.option("--hosts", help="Comma-separated host municipalities.")
@click.option("--venue", help="The shared exhibition's venue.")
@click.option("--hours", help="Studio hours as HH:MM-HH:MM, e.g. 11:00-17:00.")
@click.option("--publish/--unpublish", default=None,
              help="Show it on the public site, or make it a draft again.")
def edition_command(year, starts, ends, open_days, title, hosts, venue, hours,
                    publish) -> None:
    """Create or update the edition of YEAR; a new one is a draft until published."""
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
    if publish:
        publish_edition(edition=edition, now=utcnow())
    elif publish is False:
        unpublish_edition(edition=edition)
    db.session.commit()
    days = ", ".join(d.isoformat() for d in edition_days(edition))
    click.echo(f"Edition {edition.year}: {edition.starts_on} – {edition.ends_on}; open {days}.")
    click.echo(publication_state(edition))


def publication_state(edition) -> str:
    """Return whether the public site shows the edition, and how to change that."""
    if edition.is_published:
        return f"Edition {edition.year} is published: the public site shows it."
    return (f"Edition {edition.year} is a draft: the public site does not show it. Publish it "
            f"under /organiser or with: flask --app kunstrute edition {edition.year} --publish")


@bp.cli.command("import-municipalities")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_municipalities_command(file: Path) -> None:
    """Load or update municipalities from a CSV: name,number,county,lat,lon."""
    created, updated = load_municipalities(file)
    db.session.commit()
    click.echo(f"Municipalities: {created} new, {updated} updated.")


@bp.cli.command("import-artists")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--edition", "year", type=int, help="Default: the newest edition.")
@click.option("--offline", is_flag=True, help="Place missing addresses with the gazetteer only.")
def import_artists_command(file: Path, year: int | None, offline: bool) -> None:
    """Import artists from a CSV file; exit 0 all imported, 1 some rejected, 2 unusable."""
    try:
        table = read_artists_csv(file.read_bytes())
    except (OSError, UnusableInput) as exc:
        click.echo(f"Error: {file}: {exc}", err=True)
        sys.exit(2)
    if not has_municipalities():
        click.echo("Error: no municipalities are loaded, so no row can be placed in one. Load "
                   "them first: flask --app kunstrute import-municipalities "
                   "data/municipalities.csv", err=True)
        sys.exit(2)
    click.echo(f"{file}: {len(table.rows)} rows ({table.encoding}, "
               f"separated by {table.delimiter!r}).")
    if table.ignored_columns:
        click.echo(f"Ignored columns: {', '.join(table.ignored_columns)}")
    edition = newest_edition() if year is None else edition_for_year(year)
    created = edition is None
    edition = edition or save_edition(year=year or upcoming_year())
    report = import_artists(rows=table.rows, edition=edition, progress=progress("Importing"))
    chain = geocoder_chain(current_app.config, offline=offline) if report.unplaced else None
    summary = place(progress("Geocoding")(report.unplaced), chain=chain) if chain else None
    db.session.commit()
    click.echo(f"Edition {edition.year}: {report.created} new, {report.updated} updated, "
               f"{report.unchanged} unchanged, {len(report.rejected) + len(table.overlong)} "
               f"rejected.")
    if summary:
        print_geocoding(summary, chain)
    if created:
        click.echo(f"Created the edition {edition.year}. " + publication_state(edition))
    for line, count in table.overlong:
        click.echo(f"line {line}: rejected: {count} fields, more than the header has", err=True)
    for error in report.rejected:
        click.echo(f"line {error.line}: rejected: {error.reason}", err=True)
    sys.exit(1 if report.rejected or table.overlong else 0)


def print_geocoding(summary, chain) -> None:
    click.echo(f"Geocoding: {len(summary.exact)} exact, {len(summary.approximate)} approximate, "
               f"{len(summary.not_found)} not found.")
    if chain is not None and chain.online_error:
        click.echo(f"  The online geocoder failed ({chain.online_error}); used the gazetteer.")
    for studio in summary.approximate:
        click.echo(f"  approximate: {studio.address}, {studio.postcode or ''} {studio.place or ''}"
                   f" ({studio.municipality.name}) — fix it under /organiser")
    for studio in summary.not_found:
        click.echo(f"  not found: {studio.address}, {studio.municipality.name}")
