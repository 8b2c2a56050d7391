"""The statistics commands: `stats YEAR [--format json|csv|xlsx]` and `import-history FILE`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kunstrute.csvfile import UnusableInput
from kunstrute.editions.queries import edition_for_year
from kunstrute.extensions import db
from kunstrute.stats import bp
from kunstrute.stats.history import import_history, read_history_csv
from kunstrute.stats.service import edition_stats, stats_csv, stats_json
from kunstrute.stats.workbook import edition_workbook


@bp.cli.command("stats")
@click.argument("year", type=int)
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "xlsx"]), default="json",
              show_default=True, help="json: the stats.json document; csv: key,value lines; "
              "xlsx: the workbook of /organiser/editions/YEAR/figures.xlsx (needs --output).")
@click.option("--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to this file instead of printing.")
def stats_command(year: int, fmt: str, output: Path | None) -> None:
    """Print the edition's figures: the same document as /organiser/editions/YEAR/stats.json."""
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx writes a file: give it with --output FILE.")
    edition = edition_for_year(year)
    if edition is None:
        raise click.ClickException(f"There is no edition {year}.")
    document = edition_stats(edition)
    if fmt == "xlsx":
        output.write_bytes(edition_workbook(document))
        click.echo(f"Wrote {output}.")
        return
    text = stats_json(document) if fmt == "json" else stats_csv(document)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


@bp.cli.command("import-history")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def import_history_command(file: Path) -> None:
    """Load earlier editions' totals by year; exit 0 all imported, 1 some rejected, 2 unusable.

    Rows that pass are kept when others are rejected (as import-artists); a year already
    loaded is updated, so importing the same file again changes nothing.
    """
    try:
        table = read_history_csv(file.read_bytes())
    except (OSError, UnusableInput) as exc:
        click.echo(f"Error: {file}: {exc}", err=True)
        sys.exit(2)
    if table.ignored_columns:
        click.echo(f"Ignored columns: {', '.join(table.ignored_columns)}")
    report = import_history(rows=table.rows, actor="cli")
    db.session.commit()
    rejected = len(report.rejected) + len(table.overlong)
    click.echo(f"History: {report.created} new, {report.updated} updated, {report.unchanged} "
               f"unchanged, {rejected} rejected.")
    for line, count in table.overlong:
        click.echo(f"line {line}: rejected: {count} fields, more than the header has", err=True)
    for error in report.rejected:
        click.echo(f"line {error.line}: rejected: {error.reason}", err=True)
    sys.exit(1 if rejected else 0)
