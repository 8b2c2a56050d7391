"""The printable reports: the annual report's figures, and each municipality's report."""

from flask import Response, abort, render_template

from kunstrute.auth.decorators import organiser_required
from kunstrute.editions.queries import all_municipalities, edition_for_year, municipality_by_id
from kunstrute.stats import bp
from kunstrute.stats.headlines import headline_cards
from kunstrute.stats.municipality_report import (
    municipality_overview,
    municipality_report,
    render_report_pdf,
)
from kunstrute.stats.service import edition_stats
from kunstrute.stats.tables import edition_sections
from kunstrute.text import slugify
from kunstrute.urls import DB_ID


@bp.route(f"/editions/<{DB_ID}:year>/report")
@organiser_required
def annual_report(year: int):
    """Every figure and chart of the edition on one printable page, for the annual report."""
    edition = edition_for_year(year) or abort(404)
    doc = edition_stats(edition)
    return render_template("stats/annual_report.html", doc=doc, year=year, edition=edition,
                           cards=headline_cards(doc), sections=edition_sections(doc),
                           municipalities=all_municipalities())


@bp.route(f"/editions/<{DB_ID}:year>/municipalities")
@organiser_required
def municipalities(year: int):
    """List the member municipalities, each with its figures and a link to its report."""
    edition = edition_for_year(year) or abort(404)
    overview = municipality_overview(edition_stats(edition), all_municipalities())
    return render_template("stats/municipalities.html", edition=edition, year=year,
                           overview=overview)


def _report(year: int, municipality_id: int):
    edition = edition_for_year(year) or abort(404)
    municipality = municipality_by_id(municipality_id) or abort(404)
    return municipality_report(edition, municipality, edition_stats(edition))


@bp.route(f"/editions/<{DB_ID}:year>/municipalities/<{DB_ID}:municipality_id>")
@organiser_required
def municipality(year: int, municipality_id: int):
    """One municipality's report as a printable page."""
    return render_template("stats/municipality_report.html", report=_report(year,
                                                                            municipality_id))


@bp.route(f"/editions/<{DB_ID}:year>/municipalities/<{DB_ID}:municipality_id>.pdf")
@organiser_required
def municipality_pdf(year: int, municipality_id: int):
    """One municipality's report as an A4 PDF."""
    report = _report(year, municipality_id)
    filename = f"kunstrute-{year}-{slugify(report.municipality.name) or municipality_id}.pdf"
    return Response(render_report_pdf(report), mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "private, no-store"})
