"""Where a position came from, and the geocode cache (geopy keeps none; Nominatim allows 1/s)."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from kunstrute.extensions import db
from kunstrute.timeutil import utcnow


class LocationSource(enum.StrEnum):
    """Where a place's coordinates came from (a studio's, an event venue's)."""

    FILE = "file"  # given in the imported file
    GEOCODER = "geocoder"  # the online geocoder, directly or through the cache
    GAZETTEER = "gazetteer"  # the offline gazetteer: approximate
    MANUAL = "manual"  # typed or placed by an organiser
    MISSING = "missing"  # not placed yet


class GeocodeCache(db.Model):
    __tablename__ = "geocode_cache"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The normalised query, e.g. "solveien 12|3400|lier|norway".
    query: Mapped[str] = mapped_column(sa.String(400), unique=True)
    #: Empty when the geocoder answered "not found" (cached too, to not ask again).
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    provider: Mapped[str] = mapped_column(sa.String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
