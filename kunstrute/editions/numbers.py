"""Catalogue numbers: the number of each studio visit on the printed and the web map.

Numbers are unique within an edition. New artists get the next free numbers by municipality,
then name; numbers already given are kept (they may be printed). An organiser may set one
number or renumber the whole edition by municipality, then name.
"""

from __future__ import annotations

import sqlalchemy as sa

from kunstrute.audit.services import record
from kunstrute.editions.models import Artist, Edition, Municipality, Participation, Studio
from kunstrute.editions.queries import participating
from kunstrute.extensions import db


def _in_catalogue_order(edition: Edition, *extra):
    return list(db.session.scalars(
        sa.select(Participation).join(Artist, Participation.artist_id == Artist.id)
        .outerjoin(Studio, Participation.studio_id == Studio.id)
        .outerjoin(Municipality, Studio.municipality_id == Municipality.id)
        .where(participating(edition), *extra)
        .order_by(Municipality.name, Artist.name, Participation.id)))


def number_unnumbered(*, edition: Edition) -> int:
    """Give accepted artists without a number the next free ones; return how many; flush."""
    db.session.flush()
    unnumbered = _in_catalogue_order(edition, Participation.catalogue_no.is_(None))
    highest = db.session.scalar(sa.select(sa.func.max(Participation.catalogue_no))
                                .where(Participation.edition_id == edition.id)) or 0
    for offset, participation in enumerate(unnumbered, start=1):
        participation.catalogue_no = highest + offset
    db.session.flush()
    return len(unnumbered)


def renumber(*, edition: Edition, actor=None) -> int:
    """Number every accepted artist 1, 2, … by municipality, then name; return how many."""
    ordered = _in_catalogue_order(edition)
    for participation in edition.participations:  # withdrawn ones leave the catalogue
        participation.catalogue_no = None
    db.session.flush()  # free every number first: the unique key holds at every step
    for number, participation in enumerate(ordered, start=1):
        participation.catalogue_no = number
    record(actor=actor, action="edition.renumbered", obj=edition, detail=str(len(ordered)))
    db.session.flush()
    return len(ordered)


def number_clashes(*, edition: Edition, numbers: dict[int, int]) -> dict[int, str]:
    """Return {participation id: the name of another artist with that number} for every
    number (participation id → number) that would not be unique in the edition."""
    wanted = dict(numbers)
    others = {p.catalogue_no: p.artist.name for p in edition.participations
              if p.id not in wanted and p.catalogue_no is not None}
    names = {p.id: p.artist.name for p in edition.participations}
    clashes = {}
    for pid, number in wanted.items():
        same = [names[o] for o, n in wanted.items() if n == number and o != pid]
        if number in others:
            same.append(others[number])
        if same:
            clashes[pid] = same[0]
    return clashes


def set_numbers(*, edition: Edition, numbers: dict[int, int], actor=None) -> dict[int, str]:
    """Give artists (participation id → number) new numbers; flush.

    Return the clashes (`number_clashes`), and change nothing then.
    """
    wanted = dict(numbers)
    clashes = number_clashes(edition=edition, numbers=wanted)
    if clashes:
        return clashes
    changed = [p for p in edition.participations
               if p.id in wanted and p.catalogue_no != wanted[p.id]]
    for participation in changed:
        participation.catalogue_no = None
    db.session.flush()  # swaps: free the old numbers first
    for participation in changed:
        participation.catalogue_no = wanted[participation.id]
        record(actor=actor, action="participation.numbered", obj=participation,
               detail=str(participation.catalogue_no))
    db.session.flush()
    return {}


def catalogue(edition: Edition) -> list[Participation]:
    """Return the edition's accepted artists by number (unnumbered last)."""
    return list(db.session.scalars(
        sa.select(Participation).join(Artist, Participation.artist_id == Artist.id)
        .where(participating(edition))
        .order_by(Participation.catalogue_no.is_(None), Participation.catalogue_no, Artist.name)))
