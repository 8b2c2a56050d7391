"""The offline gazetteer: postal places and municipality centres shipped in data/."""

import csv
from dataclasses import dataclass
from pathlib import Path

from kunstrute.text import fold


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float
    #: What the point stands for, e.g. "postcode 3400 Lier" (shown to organisers).
    label: str


class Gazetteer:
    """Look up approximate points by postcode, place name or municipality."""

    def __init__(self, places: list[dict], municipality_points: dict[str, tuple[float, float]]):
        self._by_postcode: dict[str, Point] = {}
        self._by_place: dict[tuple[str, str], Point] = {}
        for row in places:
            point = Point(float(row["lat"]), float(row["lon"]),
                          f"{row['postcode']} {row['place']}")
            self._by_postcode.setdefault(row["postcode"].strip(), point)
            key = (fold(row["place"]), fold(row["municipality"]))
            self._by_place.setdefault(key, point)
        self._by_municipality = {
            fold(name): Point(lat, lon, name) for name, (lat, lon) in municipality_points.items()
        }

    @classmethod
    def from_file(cls, path: Path, municipality_points: dict[str, tuple[float, float]]):
        with path.open(encoding="utf-8", newline="") as handle:
            return cls(list(csv.DictReader(handle)), municipality_points)

    def locate(self, *, postcode: str | None, place: str | None, municipality: str | None):
        """Return the most precise point known for these, or None."""
        if postcode and (point := self._by_postcode.get(postcode.strip())):
            return point
        key = (fold(place), fold(municipality))
        if place and municipality and (point := self._by_place.get(key)):
            return point
        if municipality:
            return self._by_municipality.get(fold(municipality))
        return None
