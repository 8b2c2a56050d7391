"""The printed catalogue's command: `catalogue YEAR [--output FILE] [--format a4|tabloid]`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from kunstrute.editions.queries import edition_for_year
from kunstrute.extensions import db
from kunstrute.stats import bp
from kunstrute.stats.catalogue_build import build_path, request_build, run_build, unfinished_build
from kunstrute.stats.catalogue_pdf import CHUNK
from kunstrute.stats.models import CatalogueBuild, CatalogueFormat


@bp.cli.command("catalogue")
@click.argument("year", type=int)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Also copy the PDF here (it is kept in the catalogue folder, as the "
                   "organisers' page lists it).")
@click.option("--format", "page_format", type=click.Choice([f.value for f in CatalogueFormat]),
              default=CatalogueFormat.A4.value, show_default=True,
              help="a4: 210 × 297 mm; tabloid: the newspaper's 280 × 400 mm (3 mm bleed around).")
@click.option("--chunk", type=click.IntRange(1, 1000), default=CHUNK, show_default=True,
              help="Artists laid out at a time (memory grows with it).")
def catalogue_command(year: int, output: Path | None, page_format: str, chunk: int) -> None:
    """Build the print-ready catalogue PDF; exit 0 built, 1 it failed (the reason is printed),
    2 no such edition or a build is already running."""
    edition = edition_for_year(year)
    if edition is None:
        click.echo(f"Error: there is no edition {year}.", err=True)
        sys.exit(2)
    build = request_build(edition=edition, page_format=CatalogueFormat(page_format),
                          requested_by_id=None)
    db.session.commit()
    if build is None:
        running = unfinished_build(edition)
        click.echo(f"Error: a catalogue of {year} is being built already (build {running.id}, "
                   f"{running.done} of {running.total} artists). Wait for it to finish.",
                   err=True)
        sys.exit(2)
    click.echo(f"Building the {year} catalogue ({page_format}, build {build.id}).", err=True)
    run_build(build, chunk=chunk, report=_report)
    build = db.session.get(CatalogueBuild, build.id)
    path = build_path(build)
    if path is None:
        click.echo(f"Error: the catalogue was not built: {build.error}", err=True)
        sys.exit(1)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, output)
        path = output
    click.echo(f"Wrote {path}: {build.pages} pages, {build.total} artists, "
               f"{build.size_bytes / 1024 / 1024:.1f} MB.")


def _report(build: CatalogueBuild) -> None:
    click.echo(f"Artists laid out: {build.done} of {build.total}", err=True)
