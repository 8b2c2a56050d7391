"""What the organisers' overview shows, and fixing a studio's position."""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from kunstrute.extensions import db
from kunstrute.route.models import (
    Edition,
    LocationSource,
    Participation,
    ParticipationStatus,
    Studio,
)


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
