"""The map's markers clustered per zoom level on the server, so a phone only draws them.

The algorithm is supercluster's (the one Mapbox's maps use), written small: points are
projected to Web Mercator; from the most detailed level down, each node in turn takes every
node not yet taken within RADIUS_PX screen pixels of it into one cluster at their weighted
centre. Each level is made from the one above it, so the levels nest: a cluster at zoom z
falls apart into its children at z + 1 (its `zoom`), and a point once drawn on its own stays
on its own as the map zooms in (its `at`).

Points at one address never come apart, however far one zooms in: at the top level they are a
stack, whose popup lists them. Clustering 3,000 studios takes about 0.1 s, once per map
version; a level served to a phone is a list of the markers to draw at that zoom.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

#: How close (in screen pixels) two markers may come before they share a cluster.
RADIUS_PX = 45
TILE_PX = 256


@dataclass(eq=False)
class _Node:
    x: float  # Web Mercator, 0…1 across the world
    y: float
    studios: int
    places: int
    #: A point: its row [lat, lon, props]. A stack: the rows at its one address. A cluster:
    #: none (its points are in the levels above).
    rows: list[list] = field(default_factory=list)
    #: A cluster: the level at which it falls apart. None for points and stacks.
    zoom: int | None = None
    id: int = 0

    @property
    def weight(self) -> int:
        return self.studios + self.places


def _x(lon: float) -> float:
    return lon / 360 + 0.5


def _y(lat: float) -> float:
    s = math.sin(math.radians(max(-85.0, min(85.0, lat))))
    return 0.5 - 0.25 * math.log((1 + s) / (1 - s)) / math.pi


def _lat(y: float) -> float:
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y))))


def _lon(x: float) -> float:
    return (x - 0.5) * 360


def cluster_levels(rows: list[list], *, min_zoom: int, top: int,
                   radius_px: int = RADIUS_PX) -> dict[int, list[list]]:
    """Return the markers to draw at each zoom level from min_zoom to top.

    rows are [lat, lon, props]; props with "n" are studios, others (the programme's venues)
    count as places. Each returned level is a list of markers [lat, lon, props]: a point's
    own props with "at" (the first level it is drawn alone), or a cluster's
    {"id", "count" (studios), "places", "zoom"}, or a stack's {"id", "count", "places",
    "members": [props…]} for points sharing one address.
    """
    ids = iter(range(1, 10**9))
    level = _stacks(rows, ids)
    levels = {top: level}
    for z in range(top - 1, min_zoom - 1, -1):
        level = _merge(level, radius_px / (TILE_PX * 2 ** z), z + 1, ids)
        levels[z] = level
    _mark_first_levels(levels)
    return {z: [_marker(node) for node in nodes] for z, nodes in levels.items()}


def _stacks(rows: list[list], ids) -> list[_Node]:
    """Return the top level: one node per address (points a metre apart share one)."""
    by_place: dict[tuple[float, float], _Node] = {}
    for row in rows:
        lat, lon, props = row
        key = (round(lat, 5), round(lon, 5))
        node = by_place.get(key)
        if node is None:
            node = by_place[key] = _Node(_x(lon), _y(lat), 0, 0, id=next(ids))
        node.rows.append([lat, lon, dict(props)])  # a copy: "at" is added below
        if "n" in props:
            node.studios += 1
        else:
            node.places += 1
    return list(by_place.values())


def _merge(nodes: list[_Node], radius: float, splits_at: int, ids) -> list[_Node]:
    """Return the next level down: each node with its untaken neighbours within radius."""
    grid: dict[tuple[int, int], list[int]] = {}
    for i, node in enumerate(nodes):
        grid.setdefault((int(node.x / radius), int(node.y / radius)), []).append(i)
    taken = [False] * len(nodes)
    reach = radius**2
    merged = []
    for i, node in enumerate(nodes):
        if taken[i]:
            continue
        taken[i] = True
        group = [node]
        cx, cy = int(node.x / radius), int(node.y / radius)
        for gx in (cx - 1, cx, cx + 1):
            for gy in (cy - 1, cy, cy + 1):
                for j in grid.get((gx, gy), ()):
                    other = nodes[j]
                    if not taken[j] and (other.x - node.x) ** 2 + (other.y - node.y) ** 2 <= reach:
                        taken[j] = True
                        group.append(other)
        if len(group) == 1:
            merged.append(node)  # the same node, so the phone keeps its marker
            continue
        weight = sum(n.weight for n in group)
        merged.append(_Node(sum(n.x * n.weight for n in group) / weight,
                            sum(n.y * n.weight for n in group) / weight,
                            sum(n.studios for n in group), sum(n.places for n in group),
                            zoom=splits_at, id=next(ids)))
    return merged


def _mark_first_levels(levels: dict[int, list[_Node]]) -> None:
    """Give every point the first level at which it is drawn on its own (or in its stack)."""
    for z in sorted(levels):
        for node in levels[z]:
            if node.zoom is None:
                for row in node.rows:
                    row[2].setdefault("at", z)


def _marker(node: _Node) -> list:
    if node.zoom is None and len(node.rows) == 1:
        return node.rows[0]
    lat, lon = round(_lat(node.y), 6), round(_lon(node.x), 6)
    props = {"id": node.id, "count": node.studios, "places": node.places}
    if node.zoom is None:  # a stack: one address, never apart
        lat, lon = node.rows[0][0], node.rows[0][1]
        props["members"] = [row[2] for row in node.rows]
    else:
        props["zoom"] = node.zoom
    return [lat, lon, props]
