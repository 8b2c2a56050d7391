"""Offline: after one visit with signal the guide works with the server stopped.

Each test runs its own app server and tile server, so it can stop them: the phone then gets
"connection refused", as with no signal, and only the service worker can answer.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from kunstrute.demo import load_demo
from kunstrute.editions.models import Artist, Participation, ParticipationStatus
from kunstrute.editions.queries import geocoder_chain
from kunstrute.extensions import db
from tests.browser.conftest import (
    MAP_READY,
    STUDIO_MARKERS,
    TILE_PNG,
    axe_violations,
    count_placed,
    new_context,
)
from tests.conftest import make_app

#: How long the first visit may take to save the whole route (105 artists, 52 events).
SYNC_TIMEOUT_MS = 60_000


class TileHandler(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):  # noqa: N802 (http.server's name)
        TileHandler.hits += 1
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(TILE_PNG)))
        self.end_headers()
        self.wfile.write(TILE_PNG)

    def log_message(self, *args):
        pass


class Site:
    """The sample edition served on a free port, with its own tile server; stoppable."""

    def __init__(self, tmp_path):
        self.tiles = ThreadingHTTPServer(("127.0.0.1", 0), TileHandler)
        tile_url = f"http://127.0.0.1:{self.tiles.server_port}/{{z}}/{{x}}/{{y}}.png"
        self.app = make_app(f"sqlite:///{tmp_path / 'offline.sqlite3'}", TILE_URL=tile_url)
        with self.app.app_context():
            db.create_all()
            load_demo(data_dir=self.app.config["DATA_DIR"],
                      chain_factory=lambda: geocoder_chain(self.app.config, offline=True))
            db.session.commit()
            self.placed = count_placed()
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self._threads = [threading.Thread(target=s.serve_forever, daemon=True)
                         for s in (self.server, self.tiles)]
        for thread in self._threads:
            thread.start()

    def stop(self):
        """Stop both servers and close their sockets: connections are refused from now on."""
        for server in (self.server, self.tiles):
            server.shutdown()
            server.server_close()


@pytest.fixture
def site(tmp_path):
    site = Site(tmp_path)
    yield site
    if site.server.socket.fileno() != -1:
        site.stop()


@pytest.fixture
def online_phone(browser, site):
    context = new_context(browser, site.url, service_workers="allow")
    page = context.new_page()
    yield page
    context.close()


def visit_and_save(page) -> str:
    """Open the front page and wait until the service worker has saved the route."""
    page.goto("/")
    page.wait_for_selector("html[data-offline-ready]", state="attached", timeout=SYNC_TIMEOUT_MS)
    assert page.locator(".offline-ready").is_visible()
    return page.evaluate("document.documentElement.dataset.offlineReady")


def first_slug(site) -> tuple[str, str]:
    with site.app.app_context():
        artist = db.session.scalars(
            sa.select(Artist).join(Participation).order_by(Participation.catalogue_no)).first()
        return artist.slug, artist.name


def assert_offline_copy(page):
    assert page.evaluate("document.documentElement.dataset.pageSource") == "offline"
    notice = page.locator("#offline-notice")
    assert notice.is_visible()
    # The copy says when it was saved; the date is written out in the page's language.
    text = notice.inner_text()
    assert "lagret på denne telefonen" in text and "202" in text, text
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []


def test_after_one_visit_the_list_artist_pages_programme_and_map_work_offline(site, online_phone):
    page = online_phone
    visit_and_save(page)
    page.goto("/map")
    page.wait_for_function(MAP_READY)
    page.wait_for_selector("img.leaflet-tile-loaded")
    assert TileHandler.hits > 0
    slug, name = first_slug(site)

    site.stop()

    page.goto("/artists")
    assert_offline_copy(page)
    assert page.locator(".cards > li").count() == site.placed

    page.goto(f"/artists/{slug}")
    assert_offline_copy(page)
    assert page.locator("h1").inner_text() == name

    page.goto("/programme")
    assert_offline_copy(page)
    assert page.locator("li.event").count() > 10

    page.goto("/map")
    page.wait_for_function(MAP_READY)
    assert page.evaluate(STUDIO_MARKERS) == site.placed
    page.wait_for_selector("img.leaflet-tile-loaded")  # tiles seen before come from the phone
    assert page.locator("#offline-notice").is_visible()


def test_a_page_never_saved_says_so_and_links_to_what_is_saved(site, online_phone):
    page = online_phone
    visit_and_save(page)
    site.stop()
    page.goto("/artists?municipality=Lier&open=now")
    assert page.locator("h1").inner_text() == "Denne siden er ikke lagret på telefonen"
    assert page.get_by_role("link", name="Alle kunstnerne").is_visible()
    assert_offline_copy(page)


def test_losing_the_signal_while_reading_shows_a_notice(site, online_phone):
    page = online_phone
    page.goto("/programme")
    assert page.locator("#offline-notice").is_hidden()
    page.context.set_offline(True)
    page.locator("#offline-notice").wait_for()
    assert "uten nett" in page.locator("#offline-notice").inner_text()
    assert axe_violations(page) == []
    page.context.set_offline(False)
    page.locator("#offline-notice").wait_for(state="hidden")


def test_new_data_replaces_the_saved_pages_when_the_phone_is_online(site, online_phone):
    page = online_phone
    first = visit_and_save(page)
    with site.app.app_context():
        renamed, gone = db.session.scalars(
            sa.select(Participation).order_by(Participation.catalogue_no).limit(2)).all()
        renamed.artist.name = "Omdøpt Kunstner"
        gone.change_status(ParticipationStatus.WITHDRAWN)
        slugs = renamed.artist.slug, gone.artist.slug
        db.session.commit()

    page.reload()  # with signal: the worker sees the new version and saves the pages again
    page.wait_for_function("v => { const r = document.documentElement.dataset.offlineReady;"
                           " return r && r !== v; }", arg=first, timeout=SYNC_TIMEOUT_MS)
    site.stop()

    page.goto(f"/artists/{slugs[0]}")
    assert page.locator("h1").inner_text() == "Omdøpt Kunstner"
    page.goto(f"/artists/{slugs[1]}")  # no longer on the route: not kept
    assert page.locator("h1").inner_text() == "Denne siden er ikke lagret på telefonen"
    page.goto("/artists")
    assert page.locator(".cards > li").count() == site.placed - 1


def test_the_app_can_be_installed(site, online_phone):
    page = online_phone
    page.goto("/")
    manifest = page.evaluate("fetch(document.querySelector('link[rel=manifest]').href)"
                             ".then(r => r.json())")
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        status = page.evaluate("url => fetch(url).then(r => r.status)", icon["src"])
        assert status == 200
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.active.scriptURL)").endswith(
        "/sw.js")
