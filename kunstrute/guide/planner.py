"""The visitor's route: a short driving order through chosen studios.

Straight-line (great-circle) distances with a detour factor stand in for roads: good enough to
order a handful of studios and to say "about 40 km, an hour's drive". The order is nearest
neighbour from one end of the set, improved by at most MAX_PASSES passes of 2-opt, each
looking at every pair of edges once with constant work per pair. With at most MAX_STOPS stops
that is a few tens of thousands of steps: any /route answers in milliseconds, however its
link was made (before, 2-opt from every start took 15–30 s of CPU for 105 stops).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from kunstrute.guide.services import MapStudio

#: Roads are longer than straight lines; 1.3 is typical for rural Norway.
DETOUR = 1.3
#: Average driving speed between studios, km/h (country roads, finding the place, parking).
SPEED_KMH = 50
#: Google Maps takes at most this many stops in one link on phones (origin + 9 + destination).
MAX_LINK_STOPS = 11
#: The most stops one route takes: two full days at a studio every 20 minutes. A link or a
#: phone with more is cut here, and the page says so.
MAX_STOPS = 30
#: 2-opt stops after this many passes over every pair of edges, improved or not.
MAX_PASSES = 8


def distance_km(a: MapStudio, b: MapStudio) -> float:
    """Return the great-circle distance between two studios in km."""
    rad = math.radians
    d_lat, d_lon = rad(b.lat - a.lat), rad(b.lon - a.lon)
    h = (math.sin(d_lat / 2) ** 2
         + math.cos(rad(a.lat)) * math.cos(rad(b.lat)) * math.sin(d_lon / 2) ** 2)
    return 6371 * 2 * math.asin(math.sqrt(h))


def _nearest_neighbour(start: int, d: Sequence[Sequence[float]]) -> list[int]:
    order, left = [start], set(range(len(d))) - {start}
    while left:
        row = d[order[-1]]
        nearest = min(left, key=lambda j: (row[j], j))
        order.append(nearest)
        left.remove(nearest)
    return order


def _two_opt(order: list[int], d: Sequence[Sequence[float]], max_passes: int) -> list[int]:
    """Improve an open path by reversing stretches, at most max_passes times over all pairs.

    Reversing order[i..j] swaps the edges (i-1, i) and (j, j+1) for (i-1, j) and (i, j+1);
    at either end of the path there is no edge to swap, so the ends may change too.
    """
    n = len(order)
    for _ in range(max_passes):
        improved = False
        for i in range(n - 1):
            for j in range(i + 1, n):
                if i == 0 and j == n - 1:
                    continue  # the whole path backwards: the same length
                a, b = order[i], order[j]
                before = after = 0.0
                if i > 0:
                    p = order[i - 1]
                    before += d[p][a]
                    after += d[p][b]
                if j < n - 1:
                    q = order[j + 1]
                    before += d[b][q]
                    after += d[a][q]
                if after < before - 1e-9:
                    order[i:j + 1] = order[i:j + 1][::-1]
                    improved = True
        if not improved:
            break
    return order


def order_by_distance(d: Sequence[Sequence[float]], *, max_passes: int = MAX_PASSES
                      ) -> list[int]:
    """Return a short open path through every index of the distance matrix d.

    Starts at the point farthest from point 0 (one end of the set), goes to the nearest
    point not yet visited, then improves the path with bounded 2-opt.
    """
    n = len(d)
    if n < 3:
        return list(range(n))
    row = d[0]
    start = max(range(n), key=lambda j: (row[j], -j))
    return _two_opt(_nearest_neighbour(start, d), d, max_passes)


def shortest_order(studios: list[MapStudio]) -> list[MapStudio]:
    """Return the studios in a short open path (start and end chosen too)."""
    d = [[distance_km(a, b) for b in studios] for a in studios]
    return [studios[i] for i in order_by_distance(d)]


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
