"""The organisers' home: the edition at a glance, linking to each domain's pages."""

from flask import render_template

from kunstrute.auth.decorators import organiser_required
from kunstrute.editions.queries import (
    current_edition,
    edition_participations,
    edition_summary,
    studios_needing_attention,
)
from kunstrute.organiser import bp


@bp.route("/")
@organiser_required
def index():
    edition = current_edition()
    summary = edition_summary(edition) if edition else None
    attention = studios_needing_attention(edition) if edition else []
    participations = edition_participations(edition) if edition else []
    return render_template("organiser/index.html", edition=edition, summary=summary,
                           attention=attention, participations=participations)
