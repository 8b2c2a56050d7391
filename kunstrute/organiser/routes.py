"""The organisers' home: the editions and their state, one of them at a glance."""

from flask import abort, render_template, request

from kunstrute.auth.decorators import organiser_required
from kunstrute.editions.queries import (
    all_editions,
    current_edition,
    edition_for_year,
    edition_participations,
    edition_summary,
    studios_needing_attention,
)
from kunstrute.organiser import bp
from kunstrute.stats.headlines import HOME_CARDS, headline_cards
from kunstrute.stats.service import edition_stats


@bp.route("/")
@organiser_required
def index():
    """The editions, and the chosen one at a glance: its headline figures and its studios."""
    editions = all_editions()
    year = request.args.get("year", type=int)
    edition = (edition_for_year(year) or abort(404)) if year else (editions or [None])[0]
    summary = edition_summary(edition) if edition else None
    attention = studios_needing_attention(edition) if edition else []
    participations = edition_participations(edition) if edition else []
    cards = headline_cards(edition_stats(edition))[:HOME_CARDS] if edition else []
    return render_template("organiser/index.html", edition=edition, summary=summary,
                           attention=attention, participations=participations,
                           editions=editions, public=current_edition(), cards=cards)
