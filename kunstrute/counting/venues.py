"""The venues of an edition: one per accepted artist's studio and one for the exhibition.

Venues are made when they are first needed (posters, reporting, imports, the demo), so the
editions domain, below this one, never has to know about counting.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa

from kunstrute.counting.models import CountingSettings, Venue, VenueKind
from kunstrute.editions.models import Edition, Participation
from kunstrute.editions.queries import participating
from kunstrute.extensions import db

#: Letters and digits nobody mistakes for one another when typing a code off a poster.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 6


def new_code() -> str:
    """Return a random, unused poster code (31^6 ≈ 900 million codes; a clash is retried)."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if db.session.scalar(sa.select(Venue.id).where(Venue.code == code)) is None:
            return code


def ensure_venues(*, edition: Edition) -> int:
    """Give every accepted artist of the edition, and its exhibition, a venue; flush.

    Return how many venues were made. Safe to call again: existing venues keep their codes
    (the posters are printed with them).
    """
    missing = db.session.scalars(
        sa.select(Participation)
        .outerjoin(Venue, Venue.participation_id == Participation.id)
        .where(participating(edition), Venue.id.is_(None))
        .order_by(Participation.catalogue_no, Participation.id)).all()
    for participation in missing:
        db.session.add(Venue(edition_id=edition.id, kind=VenueKind.STUDIO,
                             participation_id=participation.id, code=new_code()))
    made = len(missing)
    if exhibition_venue(edition) is None:
        db.session.add(Venue(edition_id=edition.id, kind=VenueKind.EXHIBITION, code=new_code()))
        made += 1
    db.session.flush()
    return made


def exhibition_venue(edition: Edition) -> Venue | None:
    """Return the edition's exhibition venue, if it has one yet."""
    return db.session.scalar(sa.select(Venue).where(
        Venue.edition_id == edition.id, Venue.kind == VenueKind.EXHIBITION))


def venue_for(participation: Participation) -> Venue | None:
    """Return the studio venue of a participation, if it has one yet."""
    return db.session.scalar(sa.select(Venue).where(Venue.participation_id == participation.id))


def normal_code(code: str | None) -> str | None:
    """Return a poster code as stored (case and spaces forgiven), or None if it cannot be one."""
    code = (code or "").strip().lower()
    return code if code and len(code) <= 12 else None


def venue_by_code(code: str) -> Venue | None:
    """Return the venue whose poster carries this code (case and spaces forgiven)."""
    code = normal_code(code)
    if code is None:
        return None
    return db.session.scalar(sa.select(Venue).where(Venue.code == code))


def edition_venues(edition: Edition) -> list[Venue]:
    """Return the edition's venues: the exhibition first, then studios by catalogue number."""
    return list(db.session.scalars(
        sa.select(Venue)
        .outerjoin(Participation, Participation.id == Venue.participation_id)
        .where(Venue.edition_id == edition.id)
        .order_by(Venue.kind.asc(), Participation.catalogue_no, Venue.id)))  # "exhibition" first


def settings_for(edition: Edition) -> CountingSettings:
    """Return the edition's counting settings, made with the defaults if it has none; flush."""
    settings = db.session.get(CountingSettings, edition.id)
    if settings is None:
        settings = CountingSettings(edition_id=edition.id)
        db.session.add(settings)
        db.session.flush()
    return settings
