"""The printed catalogue's regional map: each studio's catalogue number at its place, as SVG.

Drawn from the studios' coordinates alone (nothing is downloaded): an equirectangular
projection scaled by the cosine of the middle latitude, which over a region of a hundred
kilometres is within a fraction of a millimetre of the web map's. The municipalities'
centres give grey labels underneath, the exhibition a square, and a scale bar says how far a
centimetre is. Studios at one address share one dot, their numbers side by side. Every label
is escaped: the SVG goes into the page as markup, and a name is text, never markup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

from kunstrute.stats.catalogue import Entry

#: Kilometres per degree of latitude.
KM_PER_DEGREE = 111.32
#: The pins' colour (the site's) and the font of every label (DejaVu has æøå; embedded).
INK = "#8a2c0d"
FONT = 'font-family="DejaVu Sans"'


@dataclass(frozen=True)
class Pin:
    lat: float
    lon: float
    numbers: tuple[int, ...]

    @property
    def label(self) -> str:
        return ", ".join(map(str, self.numbers))


def pins(entries: list[Entry]) -> list[Pin]:
    """Return one pin per placed studio (artists at one address share it), by number."""
    by_studio: dict[object, list[Entry]] = {}
    for entry in entries:
        if entry.placed and entry.number is not None:
            key = entry.studio_id or (round(entry.lat, 5), round(entry.lon, 5))
            by_studio.setdefault(key, []).append(entry)
    found = [Pin(group[0].lat, group[0].lon, tuple(sorted(e.number for e in group)))
             for group in by_studio.values()]
    return sorted(found, key=lambda p: p.numbers)


class _Projection:
    """Longitude/latitude → millimetres inside a box, keeping the shape of the region."""

    def __init__(self, points: list[tuple[float, float]], width: float, height: float,
                 margin: float):
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        self.cos = math.cos(math.radians((min(lats) + max(lats)) / 2))
        span_x = max((max(lons) - min(lons)) * self.cos, 0.01)
        span_y = max(max(lats) - min(lats), 0.01)
        self.scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
        self.west, self.north = min(lons), max(lats)
        # Centre the region in the box.
        self.dx = (width - span_x * self.scale) / 2
        self.dy = (height - span_y * self.scale) / 2

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        return (self.dx + (lon - self.west) * self.cos * self.scale,
                self.dy + (self.north - lat) * self.scale)

    def mm_per_km(self) -> float:
        return self.scale / KM_PER_DEGREE


class _Placed:
    """Label boxes already drawn, in a coarse grid, so a new label can avoid them quickly."""

    def __init__(self, cell: float):
        self.cell, self.grid = cell, {}

    def _cells(self, box):
        x0, y0, x1, y1 = box
        for gx in range(int(x0 // self.cell), int(x1 // self.cell) + 1):
            for gy in range(int(y0 // self.cell), int(y1 // self.cell) + 1):
                yield gx, gy

    def free(self, box) -> bool:
        x0, y0, x1, y1 = box
        return not any(b[0] < x1 and x0 < b[2] and b[1] < y1 and y0 < b[3]
                       for c in self._cells(box) for b in self.grid.get(c, ()))

    def add(self, box) -> None:
        for c in self._cells(box):
            self.grid.setdefault(c, []).append(box)


def _size(count: int) -> float:
    """Return the numbers' height in mm: 2.6 mm (7 pt) for a route of 2014's size, smaller
    for a crowded one, never under 1.4 mm (4 pt)."""
    return max(1.4, min(2.6, 2.6 * math.sqrt(150 / max(count, 1))))


def _number_label(pin: Pin, x: float, y: float, size: float, placed: _Placed) -> str:
    """Return a dot's numbers, beside it where they hide no other label or dot (else to its
    right, where a reader looks first)."""
    width = 0.62 * size * len(pin.label)
    gap, rise = size * 0.45, size * 0.35
    spots = [(x + gap, y + rise, "start"), (x - gap, y + rise, "end"),
             (x, y - gap, "middle"), (x, y + gap + size * 0.75, "middle"),
             (x + gap, y - gap, "start"), (x - gap, y - gap, "end"),
             (x + gap, y + gap + size * 0.75, "start"), (x - gap, y + gap + size * 0.75, "end")]
    chosen = spots[0]
    for tx, ty, anchor in spots:
        left = {"start": tx, "end": tx - width, "middle": tx - width / 2}[anchor]
        if placed.free((left, ty - size * 0.8, left + width, ty + size * 0.1)):
            chosen = (tx, ty, anchor)
            break
    tx, ty, anchor = chosen
    left = {"start": tx, "end": tx - width, "middle": tx - width / 2}[anchor]
    placed.add((left, ty - size * 0.8, left + width, ty + size * 0.1))
    return (f'<text x="{tx:.2f}" y="{ty:.2f}" {FONT} font-weight="bold" '
            f'font-size="{size:.2f}" text-anchor="{anchor}">{escape(pin.label)}</text>')


def _scale_bar(projection: _Projection, width: float, height: float) -> str:
    """Return a bar of a round number of kilometres in the lower left corner."""
    per_km = projection.mm_per_km()
    km = next((k for k in (1, 2, 5, 10, 20, 50, 100) if k * per_km >= width / 8), 200)
    length, x, y = km * per_km, 6.0, height - 6.0
    return (f'<path d="M{x:.2f},{y - 1.5:.2f} V{y:.2f} H{x + length:.2f} V{y - 1.5:.2f}" '
            f'fill="none" stroke="#000" stroke-width="0.4"/>'
            f'<text x="{x:.2f}" y="{y - 2.5:.2f}" {FONT} font-size="2.8">{km} km</text>'
            f'<text x="{width - 6:.2f}" y="10" {FONT} font-size="4" text-anchor="end">N ↑</text>')


def map_svg(entries: list[Entry], *, places: dict[str, tuple[float, float]],
            exhibition: tuple[float, float] | None, exhibition_label: str,
            width: float, height: float) -> Markup:
    """Return the map as inline SVG, `width` × `height` millimetres (units are mm)."""
    found = pins(entries)
    coords = [(p.lat, p.lon) for p in found] + ([exhibition] if exhibition else [])
    if not coords:
        return Markup("")
    coords += list(places.values())  # the hosts' and the studios' municipalities: labelled
    size = _size(len(found))
    projection = _Projection(coords, width, height, margin=max(8.0, size * 4))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.2f} {height:.2f}" '
             f'width="{width:.2f}mm" height="{height:.2f}mm">',
             f'<rect x="0" y="0" width="{width:.2f}" height="{height:.2f}" fill="none" '
             f'stroke="#000" stroke-width="0.3"/>']
    placed = _Placed(cell=size * 6)
    for name, (lat, lon) in sorted(places.items()):
        x, y = projection(lat, lon)
        if 0 < x < width and 0 < y < height:
            label = name.upper()
            half = 0.7 * 4.2 * len(label) / 2
            placed.add((x - half, y - 3.2, x + half, y + 0.4))
            parts.append(f'<text x="{x:.2f}" y="{y:.2f}" {FONT} font-size="4.2" fill="#a0a0a0" '
                         f'letter-spacing="0.4" text-anchor="middle">{escape(label)}</text>')
    points = [(pin, *projection(pin.lat, pin.lon)) for pin in found]
    radius = size * 0.28
    for _pin, x, y in points:  # the dots first: no number may cover one
        placed.add((x - radius, y - radius, x + radius, y + radius))
        parts.append(f'<circle cx="{x:.2f}" cy="{y:.2f}" r="{radius:.2f}" fill="{INK}"/>')
    if exhibition:
        x, y = projection(*exhibition)
        parts.append(f'<rect x="{x - 1.6:.2f}" y="{y - 1.6:.2f}" width="3.2" height="3.2" '
                     f'fill="#000"/><text x="{x + 2.4:.2f}" y="{y + 1.2:.2f}" {FONT} '
                     f'font-weight="bold" font-size="{size:.2f}">{escape(exhibition_label)}</text>')
        placed.add((x - 1.6, y - 1.6, x + 2.4 + 0.62 * size * len(exhibition_label), y + 1.6))
    parts.extend(_number_label(pin, x, y, size, placed) for pin, x, y in points)
    parts.append(_scale_bar(projection, width, height))
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704  (every text above went through escape)
