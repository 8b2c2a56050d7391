"""The studio map: folium builds the Leaflet script once per content, the site serves it as a file.

The script is served from /map/studios.js so the Content-Security-Policy needs no inline
script. Markers and popups are made in static/js/map.js from JSON data with textContent,
so no user-supplied string is ever parsed as HTML or JavaScript.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass

import folium
from folium.plugins import FastMarkerCluster

from kunstrute.route.services import MapStudio, directions_url
from kunstrute.route.vocabulary import discipline_label

#: Where the map opens when there is nothing to show: the middle of the region.
REGION_CENTRE = (59.85, 10.0)
MAX_ZOOM = 19
#: Built scripts kept per process; a few editions × languages × tile settings.
_CACHE_LIMIT = 16


@dataclass(frozen=True)
class BuiltMap:
    version: str
    script: str


def marker_data(studios: list[MapStudio], artist_url) -> list[list]:
    """Return folium rows [lat, lon, {…}] for the placed studios (plain JSON values)."""
    rows = []
    for s in studios:
        if s.lat is None or s.lon is None:
            continue
        address = ", ".join(p for p in (s.address, " ".join(filter(None, (s.postcode, s.place))))
                            if p)
        rows.append([s.lat, s.lon, {
            "n": s.catalogue_no,
            "name": s.name,
            "url": artist_url(s.slug),
            "disc": ", ".join(discipline_label(d) for d in s.disciplines),
            "studio": s.studio_name or "",
            "addr": address,
            "dir": directions_url(s.lat, s.lon),
            "approx": s.approximate,
        }])
    return rows


def build_script(rows: list[list], *, tile_url: str, attribution: str) -> str:
    """Return the Leaflet script folium renders for these markers (about 1 ms per 100 rows)."""
    fmap = folium.Map(location=REGION_CENTRE, zoom_start=9, tiles=None, max_zoom=MAX_ZOOM,
                      control_scale=True)
    fmap._id = "studios"  # stable names: the same data gives the same script and hash
    tiles = folium.TileLayer(tiles=tile_url, attr=attribution, max_zoom=MAX_ZOOM,
                             name="tiles", control=False)
    tiles._id = "base"
    tiles.add_to(fmap)
    cluster = FastMarkerCluster(
        rows,
        callback="function (row) { return window.kunstrute.studioMarker(row); }",
        icon_create_function="function (c) { return window.kunstrute.clusterIcon(c); }",
        name="studios", control=False, maxClusterRadius=45, spiderfyOnMaxZoom=True,
        showCoverageOnHover=False,
    )
    cluster._id = "studios"
    cluster.add_to(fmap)
    # No fit_bounds here: folium's would animate and race a deep link's own setView, so
    # map.js fits the view to the markers, without animation, before it reads the link.
    figure = fmap.get_root()
    figure.render()
    return figure.script.render().strip() + "\nwindow.kunstrute.mapReady(map_studios, " \
        "fast_marker_cluster_studios);\n"


class MapCache:
    """Built scripts by content hash: rebuilt only when the markers or settings change."""

    def __init__(self):
        self._built: dict[str, BuiltMap] = {}
        self._lock = threading.Lock()
        self.builds = 0  # how many times folium ran, for tests and benchmarks

    def get(self, rows: list[list], *, tile_url: str, attribution: str) -> BuiltMap:
        payload = json.dumps([rows, tile_url, attribution], sort_keys=True, ensure_ascii=False)
        version = hashlib.sha256(payload.encode()).hexdigest()[:16]
        with self._lock:
            built = self._built.get(version)
        if built is None:
            built = BuiltMap(version, build_script(rows, tile_url=tile_url,
                                                   attribution=attribution))
            with self._lock:
                if len(self._built) >= _CACHE_LIMIT:
                    self._built.clear()
                self._built[version] = built
                self.builds += 1
        return built


map_cache = MapCache()
