"""The organisers' reports: the printable annual report, and a page and an A4 PDF for each
member municipality (they fund the route). Every figure is a view of one edition_stats
document, as on the dashboard."""

from flask import Response, abort, current_app, render_template

from kunstrute.auth.decorators import organiser_required
from kunstrute.editions.models import Municipality
from kunstrute.editions.queries import all_municipalities, edition_for_year
from kunstrute.extensions import db
from kunstrute.stats import bp
from kunstrute.stats.headlines import headline_cards
from kunstrute.stats.municipalities import municipality_report, municipality_summaries
from kunstrute.stats.printing import html_to_pdf
from kunstrute.stats.service import edition_stats
from kunstrute.stats.tables import edition_sections
from kunstrute.text import slugify
from kunstrute.timeutil import oslo_today
from kunstrute.urls import DB_ID


@bp.route(f"/editions/<{DB_ID}:year>/report")
@organiser_required
def annual_report(year: int):
    """Every figure, chart and table of the edition on one printable page."""
    edition = edition_for_year(year) or abort(404)
    doc = edition_stats(edition)
    return render_template("stats/report.html", doc=doc, year=year, edition=edition,
                           cards=headline_cards(doc), sections=edition_sections(doc),
                           municipalities=all_municipalities(), made_on=oslo_today())


@bp.route(f"/editions/<{DB_ID}:year>/municipalities")
@organiser_required
def municipalities(year: int):
    """List the member municipalities, each with its figures and a link to its report."""
    edition = edition_for_year(year) or abort(404)
    doc = edition_stats(edition)
    return render_template("stats/municipalities.html", doc=doc, year=year, edition=edition,
                           summaries=municipality_summaries(doc, all_municipalities()))


def _report(year: int, municipality_id: int):
    edition = edition_for_year(year) or abort(404)
    municipality = db.session.get(Municipality, municipality_id) or abort(404)
    return municipality_report(edition_stats(edition), edition, municipality)


@bp.route(f"/editions/<{DB_ID}:year>/municipalities/<{DB_ID}:municipality_id>")
@organiser_required
def municipality(year: int, municipality_id: int):
    """One municipality's applicants, artists, visits, sales and events, with the totals."""
    return render_template("stats/municipality.html", report=_report(year, municipality_id),
                           year=year, made_on=oslo_today())


@bp.route(f"/editions/<{DB_ID}:year>/municipalities/<{DB_ID}:municipality_id>.pdf")
@organiser_required
def municipality_pdf(year: int, municipality_id: int):
    """The municipality's report as an A4 PDF: the route's name, the edition, the date made."""
    report = _report(year, municipality_id)
    html = render_template("stats/municipality_pdf.html", report=report, year=year,
                           made_on=oslo_today(), site_name=current_app.config["SITE_NAME"])
    filename = f"kunstrute-{year}-{slugify(report.municipality.name)}.pdf"  # ASCII only
    return Response(html_to_pdf(html, "report-pdf.css"), mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{filename}"',
                             "Cache-Control": "private, no-store"})
