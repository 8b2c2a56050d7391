"""Awards of an edition, such as the artist of the year: naming one, and reading them."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from kunstrute.audit.services import record
from kunstrute.editions.models import Award, Edition, Participation
from kunstrute.extensions import db

#: The award an organiser names by default.
ARTIST_OF_THE_YEAR = "Årets kunstner"


def name_award(*, edition: Edition, participation: Participation, title: str,
               amount_nok: int | None, citation: str, actor=None) -> Award:
    """Give the edition's award of this title to an artist (replacing an earlier choice)."""
    award = db.session.scalar(sa.select(Award).where(Award.edition_id == edition.id,
                                                     Award.title == title))
    if award is None:
        award = Award(edition=edition, title=title)
        db.session.add(award)
    award.participation = participation
    award.amount_nok = amount_nok
    award.citation = citation
    db.session.flush()
    record(actor=actor, action="award.named", obj=award,
           detail=f"{title}: {participation.artist.name}")
    return award


def edition_awards(edition: Edition) -> list[Award]:
    """Return the edition's awards with their artists, the newest first."""
    return list(db.session.scalars(
        sa.select(Award).where(Award.edition_id == edition.id)
        .options(selectinload(Award.participation).selectinload(Participation.artist))
        .order_by(Award.created_at.desc(), Award.id.desc())))


def participation_awards(participation: Participation) -> list[Award]:
    """Return the awards this artist won in this edition."""
    return list(db.session.scalars(
        sa.select(Award).where(Award.participation_id == participation.id).order_by(Award.id)))
