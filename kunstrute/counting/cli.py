"""The counting domain's commands: `posters`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kunstrute.console import progress
from kunstrute.counting import bp
from kunstrute.counting.posters import edition_posters, index_csv, render_pdf
from kunstrute.counting.venues import ensure_venues
from kunstrute.editions.queries import edition_for_year
from kunstrute.extensions import db


@bp.cli.command("posters")
@click.argument("year", type=int)
@click.option("--output", "output", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="The folder for the PDFs and index.csv (made if missing).")
def posters_command(year: int, output: Path) -> None:
    """Write a QR check-in poster per studio, exhibition.pdf and index.csv for the print shop."""
    edition = edition_for_year(year)
    if edition is None:
        click.echo(f"Error: there is no edition {year}.", err=True)
        sys.exit(2)
    made = ensure_venues(edition=edition)  # the codes are printed: they must be kept
    db.session.commit()
    if made:
        click.echo(f"Made {made} new poster codes.")
    posters = edition_posters(edition)
    output.mkdir(parents=True, exist_ok=True)
    for poster in progress("Posters")(posters):
        (output / poster.filename).write_bytes(render_pdf([poster]))
    (output / "index.csv").write_text(index_csv(posters), encoding="utf-8")
    click.echo(f"Wrote {len(posters)} posters and index.csv to {output}.")
