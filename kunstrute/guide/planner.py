"""The visitor's route: a short driving order through chosen studios.

Straight-line (great-circle) distances with a detour factor stand in for roads: good enough to
order a handful of studios and to say "about 40 km, an hour's drive". The order is nearest
neighbour from every possible start, each improved by 2-opt, keeping the shortest; for the
dozen or so studios a visitor picks that is instant and usually optimal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import quote

from kunstrute.guide.services import MapStudio

#: Roads are longer than straight lines; 1.3 is typical for rural Norway.
DETOUR = 1.3
#: Average driving speed between studios, km/h (country roads, finding the place, parking).
SPEED_KMH = 50
#: Google Maps takes at most this many stops in one link on phones (origin + 9 + destination).
MAX_LINK_STOPS = 11


def distance_km(a: MapStudio, b: MapStudio) -> float:
    """Return the great-circle distance between two studios in km."""
    rad = math.radians
    d_lat, d_lon = rad(b.lat - a.lat), rad(b.lon - a.lon)
    h = (math.sin(d_lat / 2) ** 2
         + math.cos(rad(a.lat)) * math.cos(rad(b.lat)) * math.sin(d_lon / 2) ** 2)
    return 6371 * 2 * math.asin(math.sqrt(h))


def _length(order: list[int], d) -> float:
    return sum(d[order[i]][order[i + 1]] for i in range(len(order) - 1))


def _nearest_neighbour(start: int, d) -> list[int]:
    order, left = [start], set(range(len(d))) - {start}
    while left:
        here = order[-1]
        nearest = min(left, key=lambda j: d[here][j])
        order.append(nearest)
        left.remove(nearest)
    return order


def _two_opt(order: list[int], d) -> list[int]:
    improved = True
    while improved:
        improved = False
        for i in range(1, len(order) - 1):
            for j in range(i + 1, len(order)):
                candidate = order[:i] + order[i:j + 1][::-1] + order[j + 1:]
                if _length(candidate, d) < _length(order, d) - 1e-9:
                    order, improved = candidate, True
    return order


def shortest_order(studios: list[MapStudio]) -> list[MapStudio]:
    """Return the studios in a short open path (start and end chosen too)."""
    if len(studios) < 3:
        return list(studios)
    d = [[distance_km(a, b) for b in studios] for a in studios]
    best = min((_two_opt(_nearest_neighbour(s, d), d) for s in range(len(studios))),
               key=lambda order: _length(order, d))
    return [studios[i] for i in best]


@dataclass(frozen=True)
class Leg:
    studio: MapStudio
    #: Road km from the previous stop (None for the first).
    km: float | None


@dataclass(frozen=True)
class Plan:
    legs: list[Leg]
    km: float
    minutes: int

    @property
    def studios(self) -> list[MapStudio]:
        return [leg.studio for leg in self.legs]


def plan_route(studios: list[MapStudio]) -> Plan:
    """Return the driving order with estimated road distances and time."""
    ordered = shortest_order(studios)
    legs = [Leg(s, None if i == 0 else distance_km(ordered[i - 1], s) * DETOUR)
            for i, s in enumerate(ordered)]
    km = sum(leg.km or 0 for leg in legs)
    return Plan(legs=legs, km=km, minutes=round(km / SPEED_KMH * 60))


def _point(s: MapStudio) -> str:
    return f"{s.lat:.5f},{s.lon:.5f}"


def google_maps_url(studios: list[MapStudio]) -> str:
    """Return a Google Maps directions link through the studios (the phone's app opens it)."""
    stops = studios[:MAX_LINK_STOPS]
    url = (f"https://www.google.com/maps/dir/?api=1&travelmode=driving"
           f"&origin={_point(stops[0])}&destination={_point(stops[-1])}")
    if len(stops) > 2:
        url += "&waypoints=" + quote("|".join(_point(s) for s in stops[1:-1]), safe=",")
    return url


def apple_maps_url(studios: list[MapStudio]) -> str:
    """Return an Apple Maps directions link (daddr with '+to:' for each further stop)."""
    stops = studios[:MAX_LINK_STOPS]
    return (f"https://maps.apple.com/?dirflg=d&saddr={_point(stops[0])}&daddr="
            + "+to:".join(_point(s) for s in stops[1:]))


def osm_leg_url(a: MapStudio, b: MapStudio) -> str:
    """Return OpenStreetMap driving directions for one leg (osm.org takes two points)."""
    return ("https://www.openstreetmap.org/directions?engine=fossgis_osrm_car&route="
            + quote(f"{_point(a)};{_point(b)}", safe=",;"))


def parse_stops(text: str | None, *, known: dict[int, MapStudio]) -> tuple[list[MapStudio],
                                                                           list[str]]:
    """Return (studios, problems) for a shared list like '3,17,42'; never raise."""
    studios, problems, seen = [], [], set()
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or len(part) > 6:
            problems.append(part[:20])
            continue
        number = int(part)
        studio = known.get(number)
        if studio is None or studio.lat is None:
            problems.append(part)
        elif number not in seen:
            seen.add(number)
            studios.append(studio)
    return studios, problems
