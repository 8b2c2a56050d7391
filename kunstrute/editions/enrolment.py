"""Putting an accepted artist on an edition's route: the artist, the studio, the participation.

Used when an application is published; the same keys as the importer: an artist is the same
by their account, else by e-mail (a returning artist keeps their slug), a studio by its
address key.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from kunstrute.audit.services import record
from kunstrute.editions.importer import assign, unique_slug
from kunstrute.editions.models import (
    Artist,
    ArtistDiscipline,
    Edition,
    Municipality,
    Participation,
    ParticipationStatus,
    Studio,
    address_key,
)
from kunstrute.extensions import db
from kunstrute.geocoding.models import LocationSource
from kunstrute.timeutil import utcnow


@dataclass(frozen=True)
class Entrant:
    """Who is joining the route and where they show their work."""

    user_id: int | None
    email: str
    name: str
    website: str | None
    phone: str | None
    disciplines: tuple[str, ...]
    studio_name: str | None
    address: str
    postcode: str | None
    place: str | None
    municipality: Municipality


def enrol(*, edition: Edition, entrant: Entrant, actor=None) -> Participation:
    """Find or create the artist, the studio and an accepted participation; flush."""
    artist = _artist(entrant)
    studio = _studio(entrant)
    participation = db.session.scalar(sa.select(Participation).where(
        Participation.artist_id == artist.id, Participation.edition_id == edition.id))
    if participation is None:
        participation = Participation(artist=artist, edition=edition, studio=studio,
                                      status=ParticipationStatus.ACCEPTED,
                                      new_this_year=not _came_before(artist, edition))
        db.session.add(participation)
        record(actor=actor, action="participation.accepted", obj=participation,
               detail=artist.slug)
    elif participation.status != ParticipationStatus.ACCEPTED:
        participation.change_status(ParticipationStatus.ACCEPTED, actor=actor)
    participation.studio = studio
    db.session.flush()
    return participation


def _artist(entrant: Entrant) -> Artist:
    artist = None
    if entrant.user_id is not None:
        artist = db.session.scalar(sa.select(Artist).where(Artist.user_id == entrant.user_id))
    if artist is None:
        artist = db.session.scalar(sa.select(Artist).where(Artist.email == entrant.email))
    if artist is None:
        artist = Artist(email=entrant.email, slug=unique_slug(entrant.name))
        db.session.add(artist)
    assign(artist, user_id=entrant.user_id, name=entrant.name, website=entrant.website,
           phone=entrant.phone or artist.phone)
    if entrant.disciplines and artist.discipline_keys != list(entrant.disciplines):
        artist.disciplines = [ArtistDiscipline(discipline=key, position=i)
                              for i, key in enumerate(entrant.disciplines)]
        artist.updated_at = utcnow()
    db.session.flush()
    return artist


def _studio(entrant: Entrant) -> Studio:
    key = address_key(entrant.address, entrant.postcode)
    studio = db.session.scalar(sa.select(Studio).where(Studio.address_key == key))
    if studio is None:
        studio = Studio(address_key=key, address=entrant.address, postcode=entrant.postcode,
                        place=entrant.place, municipality=entrant.municipality,
                        name=entrant.studio_name, location_source=LocationSource.MISSING)
        db.session.add(studio)
    elif entrant.studio_name and not studio.name:
        studio.name = entrant.studio_name
    return studio


def _came_before(artist: Artist, edition: Edition) -> bool:
    """Return whether the artist was on the route of an earlier edition."""
    return db.session.scalar(
        sa.select(Participation.id).join(Edition)
        .where(Participation.artist_id == artist.id, Edition.year < edition.year,
               Participation.status == ParticipationStatus.ACCEPTED).limit(1)) is not None
