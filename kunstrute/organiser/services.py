"""What the organisers' overview shows, fixing a studio's position, access and hours."""

from datetime import date, time

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, selectinload

from kunstrute.extensions import db
from kunstrute.route.models import (
    Artist,
    Edition,
    LocationSource,
    Participation,
    ParticipationStatus,
    Studio,
)
from kunstrute.route.opening import set_opening

#: The access information an organiser may set on a studio.
ACCESS_FIELDS = ("wheelchair_access", "accessible_toilet", "parking", "card_payment")


def studios_needing_attention(edition: Edition) -> list[Studio]:
    """Return this edition's studios without a pin or with an approximate one."""
    return list(db.session.scalars(
        sa.select(Studio)
        .join(Participation, Participation.studio_id == Studio.id)
        .where(Participation.edition_id == edition.id,
               Participation.status == ParticipationStatus.ACCEPTED,
               Studio.location_source.in_([LocationSource.MISSING, LocationSource.GAZETTEER]))
        .options(selectinload(Studio.municipality),
                 selectinload(Studio.participations).selectinload(Participation.artist))
        .distinct()
        .order_by(Studio.id)
    ))


def edition_summary(edition: Edition) -> dict:
    """Return counts for the overview: artists, new ones, studios and placed studios."""
    accepted = sa.and_(Participation.edition_id == edition.id,
                       Participation.status == ParticipationStatus.ACCEPTED)
    artists = db.session.scalar(sa.select(sa.func.count()).where(accepted)) or 0
    new = db.session.scalar(sa.select(sa.func.count()).where(
        accepted, Participation.new_this_year.is_(True))) or 0
    studios = db.session.scalar(sa.select(sa.func.count(sa.distinct(Participation.studio_id)))
                                .where(accepted)) or 0
    return {"artists": artists, "new": new, "studios": studios}


def set_location(*, studio: Studio, lat: float, lon: float) -> None:
    """Place a studio where an organiser says it is; that beats any geocoder."""
    studio.lat, studio.lon = lat, lon
    studio.location_source = LocationSource.MANUAL
    db.session.flush()


def edition_participations(edition: Edition) -> list[Participation]:
    """Return the edition's artists by catalogue number, with their own days loaded."""
    return list(db.session.scalars(
        sa.select(Participation)
        .join(Artist)
        .where(Participation.edition_id == edition.id,
               Participation.status == ParticipationStatus.ACCEPTED)
        .options(contains_eager(Participation.artist), selectinload(Participation.kept_days))
        .order_by(Participation.catalogue_no, Artist.name)
    ))


def save_studio_details(*, participation: Participation, access: dict[str, bool],
                        hours: tuple[time, time] | None, days: list[date]) -> None:
    """Set the studio's access information and the artist's hours and days; flush.

    Access belongs to the studio (every artist there shares it); hours and days to this
    artist in this edition. Raises OpeningError for hours or days that cannot be right.
    """
    studio = participation.studio
    if studio is not None:
        for key in ACCESS_FIELDS:
            setattr(studio, key, bool(access.get(key)))
    opens_at, closes_at = hours or (None, None)
    set_opening(participation=participation, opens_at=opens_at, closes_at=closes_at, days=days)
    db.session.flush()
