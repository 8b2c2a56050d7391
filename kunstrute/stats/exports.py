"""The dashboards' downloads: every table as CSV (through the one formula-safe writer)."""

from flask import Response, abort

from kunstrute.auth.decorators import organiser_required
from kunstrute.csvfile import write_csv
from kunstrute.editions.queries import edition_for_year
from kunstrute.stats import bp
from kunstrute.stats.service import edition_stats
from kunstrute.stats.tables import table_by_slug
from kunstrute.urls import DB_ID


@bp.route(f"/editions/<{DB_ID}:year>/tables/<slug>.csv")
@organiser_required
def table_csv(year: int, slug: str):
    """One table of the edition's dashboard as CSV, the rows the page shows."""
    edition = edition_for_year(year) or abort(404)
    table = table_by_slug(edition_stats(edition), slug) or abort(404)
    return Response(write_csv(table.header, table.rows), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition":
                             f'attachment; filename="kunstrute-{year}-{slug}.csv"',
                             "Cache-Control": "private, no-store"})
