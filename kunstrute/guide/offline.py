"""The installable web app: manifest, service worker, and what a phone saves for offline use.

static/js/sw.js is served from /sw.js so that its scope is the whole site. After a page has
loaded, static/js/offline.js asks it to sync: it fetches /offline.json and, when the version
there differs from the one it saved, saves every page listed. The version changes with any
change to the route's data, the language or the static files, so a new edition's pages
replace the old ones the first time a phone comes online.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from kunstrute.editions.models import Artist, Edition, Participation, Studio
from kunstrute.editions.queries import current_edition
from kunstrute.extensions import db
from kunstrute.guide import bp
from kunstrute.guide.routes import map_file_urls
from kunstrute.guide.services import map_studios
from kunstrute.programme.queries import change_markers, published_events
from kunstrute.security import tile_origin

#: The files every page needs; saved when the service worker installs.
SHELL = ["css/site.css", "js/offline.js", "js/favourites.js", "js/nearme.js", "js/map.js",
         "vendor/leaflet/leaflet.css", "vendor/leaflet/leaflet.js",
         "img/icon-192.png", "img/favicon-32.png"]
#: Leaflet's images, named from its stylesheet (layer control, marker shadows).
LEAFLET_IMAGES = ["vendor/leaflet/images/layers.png", "vendor/leaflet/images/layers-2x.png"]
#: Seconds a visitor waits for the network before a saved page is shown instead.
NETWORK_TIMEOUT_MS = 4000
#: Map tiles kept on the phone (about 15 kB each).
TILE_LIMIT = 600
THEME_COLOUR = "#8a2c0d"
BACKGROUND_COLOUR = "#fbfaf7"


def shell_urls() -> list[str]:
    static = Path(current_app.static_folder)
    names = SHELL + [n for n in LEAFLET_IMAGES if (static / n).exists()]
    return [url_for("static", filename=name) for name in names]


@cache
def _static_digest(folder: str, names: tuple[str, ...]) -> str:
    """Return a hash of the shell files, so a deploy with new styles or scripts re-syncs."""
    digest = hashlib.sha256()
    for name in names:
        path = Path(folder) / name
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:12]


@cache
def _read_static(folder: str, name: str) -> str:
    """Return a static file's text, read once per process (a deploy restarts the workers)."""
    return Path(folder, name).read_text(encoding="utf-8")


def data_version(edition: Edition | None, language: str) -> str:
    """Return a short name for everything the saved pages show: data, language, files."""
    parts: list[object] = [language, _static_digest(current_app.static_folder, tuple(SHELL))]
    if edition is not None:
        parts += [edition.id, edition.updated_at]
        # One query: every page view with signal asks for this (offline.js syncs after load).
        parts += db.session.execute(sa.select(*(
            sa.select(aggregate).scalar_subquery()
            for model in (Participation, Artist, Studio)
            for aggregate in (sa.func.count(model.id), sa.func.max(model.updated_at))),
            *change_markers())).one()
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def offline_pages(edition: Edition | None) -> list[str]:
    """Return every public page a visitor may need with no signal, for this edition."""
    pages = [url_for(endpoint) for endpoint in (
        "guide.index", "guide.map_page", "guide.artists", "programme.index", "guide.planner",
        "guide.accessibility", "guide.privacy", "guide.offline_page")]
    if edition is None:
        return pages
    studios = map_studios(edition)
    pages += map_file_urls(edition, studios)
    pages += [url_for("guide.artist", slug=s.slug) for s in studios]
    pages += [url_for("programme.event", event_id=e.id)
              for e in published_events(edition, include_cancelled=True)]
    return pages


#: The body of /offline.json per data version: every page view with signal asks for it, and
#: listing every artist's page (thousands on a large route) is only worth doing on a change.
_manifests: dict[str, str] = {}
_MANIFEST_LIMIT = 16


@bp.route("/offline.json")
def offline_manifest():
    edition = current_edition()
    version = data_version(edition, str(get_locale()))
    body = _manifests.get(version)
    if body is None:
        body = json.dumps({"version": version, "edition": edition.year if edition else None,
                           "shell": shell_urls(), "pages": offline_pages(edition)})
        if len(_manifests) >= _MANIFEST_LIMIT:  # old editions and languages: start afresh
            _manifests.clear()
        _manifests[version] = body
    response = current_app.response_class(body, mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/sw.js")
def service_worker():
    config = {"shell": shell_urls(), "offlinePage": url_for("guide.offline_page"),
              "manifestUrl": url_for("guide.offline_manifest"),
              "tileOrigin": tile_origin(current_app.config["TILE_URL"]),
              "networkTimeout": NETWORK_TIMEOUT_MS, "tileLimit": TILE_LIMIT}
    script = _read_static(current_app.static_folder, "js/sw.js")
    body = f"var CONFIG = {json.dumps(config)};\n{script}"
    response = current_app.response_class(body, mimetype="text/javascript")
    # Browsers check for a new worker on each visit; never let a cache hide one.
    response.headers["Cache-Control"] = "no-cache"
    # The worker fetches tiles itself, so its own policy must let it connect to the tile host.
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; connect-src 'self' {config['tileOrigin']}")
    return response


@bp.route("/manifest.webmanifest")
def web_manifest():
    name = current_app.config["SITE_NAME"]
    body = {
        "name": name, "short_name": name, "lang": str(get_locale()),
        "description": _("Open studios, a shared exhibition and a programme of talks and "
                         "tours west of Oslo."),
        "start_url": url_for("guide.index"), "scope": "/", "display": "standalone",
        "theme_color": THEME_COLOUR, "background_color": BACKGROUND_COLOUR,
        "icons": [_icon("icon-192.png", 192), _icon("icon-512.png", 512),
                  _icon("icon-maskable-512.png", 512, "maskable")],
    }
    response = current_app.response_class(json.dumps(body, ensure_ascii=False),
                                          mimetype="application/manifest+json")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


def _icon(file: str, size: int, purpose: str = "any") -> dict:
    return {"src": url_for("static", filename=f"img/{file}"), "sizes": f"{size}x{size}",
            "type": "image/png", "purpose": purpose}


@bp.route("/offline")
def offline_page():
    """Shown by the service worker for a page that was not saved; useful online too."""
    return render_template("guide/offline.html", edition=current_edition())
