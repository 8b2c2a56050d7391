"""The core's background jobs: placing studios on the map (geocoding never runs in a request)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from kunstrute.editions.models import Studio
from kunstrute.editions.queries import geocoder_chain
from kunstrute.extensions import db, huey
from kunstrute.geocoding.models import LocationSource
from kunstrute.geocoding.services import place


@huey.task(retries=2, retry_delay=60)
def place_studios(studio_ids: list[int]) -> dict:
    """Geocode the studios among these that still have no position; safe to run twice."""
    studios = list(db.session.scalars(
        sa.select(Studio).where(Studio.id.in_(studio_ids),
                                Studio.location_source == LocationSource.MISSING)
        .order_by(Studio.id)))
    if not studios:
        return {"placed": 0, "not_found": 0}
    summary = place(studios, chain=geocoder_chain(current_app.config))
    db.session.commit()
    return {"placed": summary.placed, "not_found": len(summary.not_found)}
