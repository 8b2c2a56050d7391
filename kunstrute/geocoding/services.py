"""The geocoding chain, as DESIGN.md orders it, and one loop that places anything with an address.

This package imports no domain: a studio or an event venue is placed through the `Placeable`
shape below, and the municipalities' points come in as plain data.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import sqlalchemy as sa
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from kunstrute.extensions import db
from kunstrute.geocoding.gazetteer import Gazetteer
from kunstrute.geocoding.models import GeocodeCache, LocationSource
from kunstrute.text import fold

log = logging.getLogger(__name__)

#: Nominatim's usage policy: at most one request a second.
MIN_DELAY_SECONDS = 1.0
#: How long to wait before the one retry after a failed request.
ERROR_WAIT_SECONDS = 3.0
#: Mainland Norway with its coast (south, north, west, east); Svalbard and Jan Mayen are not
#: on a route. A coordinate outside is a typo, not a place.
BOUNDS = (57.8, 71.3, 4.0, 31.3)


def in_bounds(lat: float, lon: float) -> bool:
    """Return whether a point lies inside the country the region is in."""
    south, north, west, east = BOUNDS
    return south <= lat <= north and west <= lon <= east


@dataclass(frozen=True)
class Located:
    lat: float
    lon: float
    source: LocationSource
    #: Human-readable: which cache entry, geocoder or gazetteer point gave it.
    detail: str

    @property
    def approximate(self) -> bool:
        return self.source == LocationSource.GAZETTEER


def cache_key(*, address: str, postcode: str | None, place: str | None, municipality: str) -> str:
    """Return the normalised query under which a geocoder answer is cached."""
    return "|".join(fold(p) for p in (address, postcode, place, municipality, "norway"))


class GeocoderChain:
    """Cache → online geocoder (if any) → offline gazetteer."""

    def __init__(self, *, gazetteer: Gazetteer, online=None, provider: str = "nominatim"):
        self.gazetteer = gazetteer
        self._online = online
        self.provider = provider
        #: Set when the online geocoder failed; the rest of the run stays offline.
        self.online_error: str | None = None

    @property
    def online_available(self) -> bool:
        return self._online is not None and self.online_error is None

    def locate(self, *, address: str, postcode: str | None, place: str | None,
               municipality: str) -> Located | None:
        """Return the best location for an address, or None if nothing knows it."""
        key = cache_key(address=address, postcode=postcode, place=place, municipality=municipality)
        cached = db.session.scalar(sa.select(GeocodeCache).where(GeocodeCache.query == key))
        if cached is not None and cached.lat is not None:
            return Located(cached.lat, cached.lon, LocationSource.GEOCODER,
                           f"cache ({cached.provider})")
        if cached is None and self.online_available:
            found = self._ask_online(address=address, postcode=postcode, place=place)
            if found is not False:  # False: the service failed, so nothing is cached
                db.session.add(GeocodeCache(query=key, lat=found and found[0],
                                            lon=found and found[1], provider=self.provider))
                db.session.flush()
                if found:
                    return Located(found[0], found[1], LocationSource.GEOCODER, self.provider)
        point = self.gazetteer.locate(postcode=postcode, place=place, municipality=municipality)
        if point is None:
            return None
        return Located(point.lat, point.lon, LocationSource.GAZETTEER, f"gazetteer: {point.label}")

    def _ask_online(self, *, address: str, postcode: str | None, place: str | None):
        """Return (lat, lon), None when not found, or False when the service failed."""
        query = {"street": address, "postalcode": postcode or "", "city": place or "",
                 "country": "Norway"}
        try:
            location = self._online({k: v for k, v in query.items() if v})
        except GeopyError as exc:
            self.online_error = f"{type(exc).__name__}: {exc}"
            log.warning("Online geocoder failed, continuing offline: %s", self.online_error)
            return False
        if location is None:
            return None
        return (location.latitude, location.longitude)


def build_chain(config, *, points: Mapping[str, tuple[float, float]] | None = None,
                offline: bool = False, geocoder_class=None) -> GeocoderChain:
    """Return the chain configured for this app: the online part only when allowed.

    `points` are the municipalities' own centres by name, the gazetteer's last resort.
    """
    gazetteer = Gazetteer.from_file(config["DATA_DIR"] / "gazetteer.csv", dict(points or {}))
    if offline or config["GEOCODER"] != "nominatim":
        return GeocoderChain(gazetteer=gazetteer)
    geocoder = (geocoder_class or Nominatim)(
        user_agent=config["GEOCODER_USER_AGENT"], timeout=config["GEOCODER_TIMEOUT"]
    )
    limited = RateLimiter(
        lambda query: geocoder.geocode(query, country_codes="no", exactly_one=True),
        min_delay_seconds=MIN_DELAY_SECONDS, max_retries=1, error_wait_seconds=ERROR_WAIT_SECONDS,
        swallow_exceptions=False,
    )
    return GeocoderChain(gazetteer=gazetteer, online=limited)


class Placeable(Protocol):
    """Anything with an address and a position: a studio, an event at its own address."""

    lat: float | None
    lon: float | None
    location_source: LocationSource

    def geocode_query(self) -> dict[str, str | None]:
        """Return address, postcode, place and municipality for `GeocoderChain.locate`."""


@dataclass
class GeocodeSummary:
    exact: list = field(default_factory=list)
    approximate: list = field(default_factory=list)
    not_found: list = field(default_factory=list)

    @property
    def placed(self) -> int:
        return len(self.exact) + len(self.approximate)


def place(items: Iterable[Placeable], *, chain: GeocoderChain) -> GeocodeSummary:
    """Give each item the best coordinates the chain finds; flush, never commit."""
    summary = GeocodeSummary()
    for item in items:
        found = chain.locate(**item.geocode_query())
        if found is None:
            summary.not_found.append(item)
            continue
        if found.approximate and item.location_source == LocationSource.GAZETTEER:
            summary.approximate.append(item)  # still approximate, nothing better known
            continue
        item.lat, item.lon, item.location_source = found.lat, found.lon, found.source
        (summary.approximate if found.approximate else summary.exact).append(item)
    db.session.flush()
    return summary
