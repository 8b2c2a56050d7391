"""The organisers' dashboard of an edition: every figure from one statistics document."""

from flask import abort, render_template

from kunstrute.auth.decorators import organiser_required
from kunstrute.editions.queries import all_editions, edition_for_year
from kunstrute.stats import bp
from kunstrute.stats.headlines import headline_cards
from kunstrute.stats.service import edition_stats
from kunstrute.stats.tables import edition_sections
from kunstrute.urls import DB_ID


@bp.route(f"/editions/<{DB_ID}:year>/dashboard")
@organiser_required
def dashboard(year: int):
    """The edition's figures as cards, charts and tables, each saying how it was derived."""
    edition = edition_for_year(year) or abort(404)
    doc = edition_stats(edition)  # the one computation; everything below is a view of it
    return render_template("stats/dashboard.html", doc=doc, year=year, edition=edition,
                           cards=headline_cards(doc), sections=edition_sections(doc),
                           editions=all_editions())
