"""The dashboards' downloads: every table as CSV (through the one formula-safe writer), and
the edition's workbook with every figure and table."""

from flask import Response, abort

from kunstrute.auth.decorators import organiser_required
from kunstrute.csvfile import write_csv
from kunstrute.editions.queries import edition_for_year
from kunstrute.stats import bp
from kunstrute.stats.service import edition_stats
from kunstrute.stats.tables import table_by_slug
from kunstrute.stats.workbook import XLSX_MIMETYPE, edition_workbook
from kunstrute.urls import DB_ID


def _download(data, mimetype: str, filename: str) -> Response:
    return Response(data, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "private, no-store"})


@bp.route(f"/editions/<{DB_ID}:year>/tables/<slug>.csv")
@organiser_required
def table_csv(year: int, slug: str):
    """One table of the edition's dashboard as CSV, the rows the page shows."""
    edition = edition_for_year(year) or abort(404)
    table = table_by_slug(edition_stats(edition), slug) or abort(404)
    return _download(write_csv(table.header, table.rows), "text/csv; charset=utf-8",
                     f"kunstrute-{year}-{slug}.csv")


@bp.route(f"/editions/<{DB_ID}:year>/figures.xlsx")
@organiser_required
def workbook(year: int):
    """The edition's workbook: every figure of stats.json, then a sheet per table."""
    edition = edition_for_year(year) or abort(404)
    return _download(edition_workbook(edition_stats(edition)), XLSX_MIMETYPE,
                     f"kunstrute-{year}.xlsx")
