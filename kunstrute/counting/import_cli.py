"""The counting imports on the command line: `import-counts FILE` and `import-sales FILE`.

Exit codes as import-artists: 0 every row imported; 1 some rows rejected (the good ones are
kept; a rejected line writes nothing); 2 unusable input (unreadable, a wrong or missing column,
no single edition for the dates, or the edition's counts are locked).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kunstrute.counting import bp
from kunstrute.counting.importer import (
    edition_of_file,
    import_counts,
    import_sales,
    read_counts_csv,
    read_sales_csv,
)
from kunstrute.counting.services import CountingLocked
from kunstrute.csvfile import UnusableInput
from kunstrute.editions.queries import all_editions, edition_for_year
from kunstrute.extensions import db

FILE = click.Path(dir_okay=False, path_type=Path)
EDITION = click.option("--edition", "year", type=int,
                       help="Default: the edition whose period holds the file's dates.")


@bp.cli.command("import-counts")
@click.argument("file", type=FILE)
@EDITION
def import_counts_command(file: Path, year: int | None) -> None:
    """Import visitor counts: date, venue, visitors, source; exit 0 / 1 some rejected / 2."""
    _run(file, year, read_counts_csv, import_counts, "Counts", "rows")


@bp.cli.command("import-sales")
@click.argument("file", type=FILE)
@EDITION
def import_sales_command(file: Path, year: int | None) -> None:
    """Import sales: date, venue, amount_nok, works; exit 0 / 1 some rejected / 2 unusable."""
    _run(file, year, read_sales_csv, import_sales, "Sales", "venue-days")


def _unusable(file: Path, message: str):
    db.session.rollback()
    click.echo(f"Error: {file}: {message}", err=True)
    sys.exit(2)


def _run(file: Path, year: int | None, read, importer, what: str, unit: str) -> None:
    try:
        table = read(file.read_bytes())
        if year is not None:
            edition = edition_for_year(year)
            if edition is None:
                raise UnusableInput(f"There is no edition {year}.")
        else:
            edition = edition_of_file(table.rows, all_editions())
        report = importer(rows=table.rows, edition=edition, actor="cli")
    except (OSError, UnusableInput, CountingLocked) as exc:
        _unusable(file, str(exc))
    db.session.commit()
    rejected = len(report.rejected) + len(table.overlong)
    click.echo(f"{what} {edition.year}: {report.created} new, {report.updated} updated, "
               f"{report.unchanged} unchanged {unit}; {rejected} lines rejected.")
    if table.ignored_columns:
        click.echo(f"Ignored columns: {', '.join(table.ignored_columns)}")
    for note in report.warnings:
        click.echo(f"line {note.line}: imported, but {note.reason}")
    for line, count in table.overlong:
        click.echo(f"line {line}: rejected: {count} fields, more than the header has", err=True)
    for note in report.rejected:
        click.echo(f"line {note.line}: rejected: {note.reason}", err=True)
    sys.exit(1 if rejected else 0)
