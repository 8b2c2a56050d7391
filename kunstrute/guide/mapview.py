"""The studio map: folium builds the Leaflet script once per content, the site serves it as a file.

The script is served from /map/studios.js so the Content-Security-Policy needs no inline
script. It makes the map and its tiles, then hands over to static/js/map.js, which fetches
the markers for the zoom level shown from /map/studios.json?z=…: the studios and the
programme's venues, clustered here per level (route/clusters.py), so a phone draws a few
dozen markers and never clusters thousands. Markers and popups are made in map.js with
textContent, so no user-supplied string is ever parsed as HTML or JavaScript.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from dataclasses import dataclass, field

from kunstrute.editions.vocabulary import discipline_list
from kunstrute.guide.clusters import cluster_levels
from kunstrute.guide.services import MapStudio
from kunstrute.security import tile_origin
from kunstrute.urls import directions_url

#: Where the map opens when there is nothing to show: the middle of the region.
REGION_CENTRE = (59.85, 10.0)
MAX_ZOOM = 19
#: Zoomed out further the region is a dot; each level fewer is less clustering to do.
MIN_ZOOM = 7
#: The most detailed level of clusters: from here in, only studios at one address share a
#: marker (a stack). The map's zoom levels above it show this level.
TOP_LEVEL = 18
#: Part of every version: bump it when the files change shape for the same data, so no phone
#: keeps an old file under an "immutable" version.
FORMAT = 2
#: Built scripts kept per process; a few editions × languages × tile settings.
_CACHE_LIMIT = 16


@dataclass(frozen=True)
class BuiltMap:
    version: str
    script: str
    #: The studios' and venues' rows [lat, lon, props], clustered per level on first use.
    rows: list[list] = field(compare=False)
    #: Where the tiles come from, for the page's preconnect hint (None: several hosts).
    tile_origin: str | None = None
    _levels: dict[int | None, str] = field(default_factory=dict, compare=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def level(self, zoom: int | None) -> str:
        """Return the markers to draw at this zoom level as JSON (/map/studios.json?z=), or
        with no zoom every studio and venue on its own."""
        with self._lock:  # one clustering per version, however many requests arrive at once
            if not self._levels:
                levels = cluster_levels(self.rows, min_zoom=MIN_ZOOM, top=TOP_LEVEL)
                self._levels.update({z: marker_json(markers) for z, markers in levels.items()})
                self._levels[None] = marker_json(
                    [[lat, lon, member] for lat, lon, props in levels[TOP_LEVEL]
                     for member in props.get("members", [props])])
        return self._levels[zoom if zoom is None else max(MIN_ZOOM, min(TOP_LEVEL, zoom))]


def marker_data(studios: list[MapStudio], artist_url, opening_note=None,
                image_url=None) -> list[list]:
    """Return marker rows [lat, lon, {…}] for the placed studios (plain JSON values).

    With image_url(thumb) a studio whose artist shows works carries "img": the first work's
    small copy, its size (so the popup keeps its shape while it loads) and its title.

    With the "open" filter a studio closed at the time asked about carries `closed` and, from
    opening_note(studio), when it opens next ("next"); an open one until when ("until").
    """
    rows = []
    for s in studios:
        if s.lat is None or s.lon is None:
            continue
        rows.append([s.lat, s.lon, {
            "n": s.catalogue_no,
            "name": s.name,
            "url": artist_url(s.slug),
            "disc": discipline_list(s.disciplines),
            "studio": s.studio_name or "",
            "addr": s.address_line,
            # No directions link per row: map.js makes it from the coordinates (a fifth of
            # the script with 3,000 studios).
            "approx": s.approximate,
        }])
        if image_url and s.thumb is not None:
            rows[-1][2]["img"] = {"src": image_url(s.thumb), "w": s.thumb.width,
                                  "h": s.thumb.height, "alt": s.thumb.title}
        note = opening_note(s) if opening_note and s.opening is not None else ""
        if s.closed:
            rows[-1][2].update(closed=True, next=note)
        elif note:
            rows[-1][2].update(until=note)
    return rows


def place_data(places, *, event_url, when) -> list[list]:
    """Return rows [lat, lon, {…}] for the programme's venues; "i" is the venue's place in
    the page's list (map.js: showPlace)."""
    return [[p.lat, p.lon, {
        "i": i, "kind": p.kind, "name": p.name, "addr": p.address or "",
        "dir": directions_url(p.lat, p.lon),
        "events": [{"title": e.title, "when": when(e.starts_at), "url": event_url(e.event_id)}
                   for e in p.events]}]
            for i, p in enumerate(places)]


def marker_json(rows: list[list]) -> str:
    """Return the rows as JSON with <, > and & escaped, so no byte of it can ever end or
    start markup, whatever a browser makes of the file."""
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@functools.lru_cache(maxsize=8)
def build_script(*, tile_url: str, attribution: str) -> str:
    """Return the Leaflet script folium renders: the map and its tiles; map.js adds markers.

    It does not depend on the studios, so folium runs once per tile setting, not per version.
    folium is imported here, not at the top: it is a third of the app's start-up time and
    only this function needs it."""
    import folium

    fmap = folium.Map(location=REGION_CENTRE, zoom_start=9, tiles=None, max_zoom=MAX_ZOOM,
                      control_scale=True)
    fmap._id = "studios"  # stable names: the same data gives the same script and hash
    # The map takes its zoom range from this layer (Leaflet's getMinZoom/getMaxZoom).
    tiles = folium.TileLayer(tiles=tile_url, attr=attribution, max_zoom=MAX_ZOOM,
                             min_zoom=MIN_ZOOM, name="tiles", control=False)
    tiles._id = "base"
    tiles.add_to(fmap)
    # No fit_bounds here: folium's would animate and race a deep link's own setView, so
    # map.js fits the view to the studios, without animation, before it reads the link.
    figure = fmap.get_root()
    figure.render()
    return figure.script.render().strip() + "\nwindow.kunstrute.loadStudios(map_studios);\n"


class MapCache:
    """Built scripts, rebuilt only when the markers or settings change.

    The version is a hash of the marker rows, so every worker process names the same data
    with the same version (the page from one worker may ask another for the script). Each
    process also remembers which studios gave which script, so an unchanged map costs one
    hash of the studio list per request instead of rebuilding the rows.
    """

    def __init__(self):
        self._built: dict[str, BuiltMap] = {}  # version → script
        self._seen: dict[tuple, BuiltMap] = {}  # (studios, language, settings…) → script
        self._lock = threading.Lock()
        self.builds = 0  # how many maps were built (one per version), for tests and benchmarks

    def clear(self) -> None:
        with self._lock:
            self._built.clear()
            self._seen.clear()

    def by_version(self, version: str | None) -> BuiltMap | None:
        """Return the map built under this version, if this process has it: the version is
        a hash of the content, so it answers any request naming it, filtered or not."""
        with self._lock:
            return self._built.get(version or "")

    def get(self, studios: list[MapStudio], *, artist_url, language: str, tile_url: str,
            attribution: str, places=(), place_rows=None, opening_note=None,
            image_url=None) -> BuiltMap:
        """Return the script for these studios and programme venues (place_rows() builds
        the venues' JSON only when the script has to be built)."""
        # Opening state is not part of a studio's equality (it changes with the clock), so
        # which are closed and what the map says of their opening join the key here.
        marks = tuple((s.catalogue_no, s.closed, opening_note(s) if opening_note else "")
                      for s in studios if s.opening is not None or s.closed)
        key = (tuple(studios), marks, tuple(places), language, artist_url("-"), tile_url,
               attribution)
        with self._lock:
            built = self._seen.get(key)
        if built is not None:
            return built
        rows = marker_data(studios, artist_url, opening_note, image_url)
        venues = place_rows() if place_rows else []
        payload = json.dumps([FORMAT, rows, venues, tile_url, attribution], sort_keys=True,
                             ensure_ascii=False)
        version = hashlib.sha256(payload.encode()).hexdigest()[:16]
        with self._lock:
            built = self._built.get(version)
        if built is None:
            origin = tile_origin(tile_url)
            built = BuiltMap(version, build_script(tile_url=tile_url, attribution=attribution),
                             rows=rows + venues, tile_origin=None if "*" in origin else origin)
            self.builds += 1
        with self._lock:
            if len(self._seen) >= _CACHE_LIMIT:  # old editions and settings: start afresh
                self._built.clear()
                self._seen.clear()
            self._built[version] = built
            self._seen[key] = built
        return built


map_cache = MapCache()
