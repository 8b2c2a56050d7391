"""A live server with the sample edition, and Debian's Chromium driven by Playwright.

These tests fail (never skip) when the browser cannot start: CI must prove they ran. Their
servers run in a thread on their own apps and SQLite files and commit for real; they never use
the `db` fixture, whose rolled-back transaction another thread could not see.
"""

import base64
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from kunstrute.demo import load_demo
from kunstrute.editions.queries import geocoder_chain
from kunstrute.extensions import db
from tests import factories
from tests.conftest import make_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: True once the map has drawn its first markers (static/js/map.js: loadStudios).
MAP_READY = "() => window.kunstrute && window.kunstrute.ready"
#: The studios the map holds, counted from the level it drew first (clusters count theirs).
STUDIO_MARKERS = "window.kunstrute.studioCount"
#: A 1×1 grey PNG served for every map tile: tests never reach the tile server.
TILE_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGP4DwABAQEAWk1v8QAAAABJRU5ErkJggg==")

#: Strings that would run script if any page treated them as HTML or JavaScript.
HOSTILE = ('Eve</script><script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
           '${window.__xss=3}`;window.__xss=4;`')


@pytest.fixture
def clock():
    """Leave the live server on the real clock, the one Chromium runs on (see tests/conftest.py)."""


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """Serve the sample edition plus one hostile artist on a free local port."""
    app = make_app(f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.sqlite3'}")
    with app.app_context():
        db.create_all()
        demo = load_demo(data_dir=app.config["DATA_DIR"],
                         chain_factory=lambda: geocoder_chain(app.config, offline=True))
        hostile = factories.participant(
            demo_edition(), name=HOSTILE, bio=HOSTILE, studio_name=HOSTILE, address=HOSTILE,
            catalogue_no=999, lat=59.70, lon=10.10, website="javascript:window.__xss=5")
        from kunstrute.auth.services import create_user

        create_user(email=ORGANISER[0], password=ORGANISER[1], role="organiser")
        db.session.commit()
        info = {"hostile_slug": hostile.artist.slug, "placed": count_placed(),
                "demo": demo, "outbox": app.config["MAIL_OUTBOX"], "app": app}
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    info["url"] = f"http://127.0.0.1:{server.server_port}"
    app.config["BASE_URL"] = info["url"]  # absolute links (e-mails, the shared route) point here
    yield info
    server.shutdown()


#: The organiser account of the live server (e-mail, password).
ORGANISER = ("organiser@example.org", "correct horse battery staple")


def demo_edition():
    from kunstrute.editions.queries import current_edition

    return current_edition()


def count_placed() -> int:
    import sqlalchemy as sa

    from kunstrute.editions.models import Participation, Studio

    return db.session.scalar(
        sa.select(sa.func.count(Participation.id)).join(Studio)
        .where(Studio.lat.is_not(None)))


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - the dev extra installs it
        pytest.fail(f"Playwright is not installed: {exc}")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageRecorder:
    """What a page did: requests, CSP violations, console errors, dialogs."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_host = urlsplit(base_url).netloc
        self.outside: list[str] = []
        self.tiles = 0
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", self._request)
        page.on("console", self._console)
        page.on("dialog", self._dialog)

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in {"data", "blob"} or parts.netloc == self.base_host:
            return
        if parts.netloc == "tile.openstreetmap.org":
            self.tiles += 1
            return
        self.outside.append(request.url)

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def new_context(browser, base_url: str, *, viewport=PHONE, mobile: bool = True, **options):
    """Return a browser context whose map tiles are answered locally, with axe-core loaded.

    Service workers are blocked unless a test asks for them (service_workers="allow"): the
    offline tests check them on their own server, and elsewhere each page would start
    saving the whole route in the background, which only slows the suite down.
    """
    options.setdefault("service_workers", "block")
    options.setdefault("locale", "nb-NO")
    if mobile:
        options.update(is_mobile=True, has_touch=True)
    context = browser.new_context(viewport=viewport, base_url=base_url, **options)
    context.route("https://tile.openstreetmap.org/**",
                  lambda route: route.fulfill(status=200, content_type="image/png",
                                              body=TILE_PNG))
    context.add_init_script(path=str(AXE))
    return context


@pytest.fixture
def phone(browser, live_server):
    """A phone-sized page that records what it does; tiles are answered locally."""
    context = new_context(browser, live_server["url"])
    page = context.new_page()
    page.recorder = PageRecorder(page, live_server["url"])
    yield page
    context.close()


@pytest.fixture
def desktop(browser, live_server):
    """A laptop-sized page (1280×800), for the layouts that phones never see."""
    context = new_context(browser, live_server["url"], viewport=LAPTOP, mobile=False)
    yield context.new_page()
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page and return its violations for WCAG 2.1 A and AA."""
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"id": v["id"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]
