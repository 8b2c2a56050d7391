"""An artist page with works in Chromium, at 390×844 and 1280×800: the images load at their
own shape without shifting the page, the popup shows the first work, and axe finds nothing."""

import threading

import pytest
from werkzeug.serving import make_server

from kunstrute.editions.models import Work
from kunstrute.extensions import db
from tests import factories
from tests.browser.conftest import HOSTILE, LAPTOP, PHONE, axe_violations, new_context
from tests.conftest import make_app
from tests.media.factories import stored_image

#: (title, width, height): portrait, landscape, square.
WORKS = [(HOSTILE, 600, 900), ("Fjordlys", 1200, 800), ("Stein", 700, 700)]


@pytest.fixture(scope="module")
def works_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("works")
    app = make_app(f"sqlite:///{folder / 'works.sqlite3'}", UPLOAD_FOLDER=str(folder / "up"))
    with app.app_context():
        db.create_all()
        factories.municipality("Lier")
        edition = factories.edition(2026)
        participation = factories.participant(edition, name="Åse Bildemaker", catalogue_no=1)
        for position, (title, width, height) in enumerate(WORKS):
            image = stored_image(width=width, height=height, public=True)
            db.session.add(Work(participation=participation, position=position, title=title,
                                year=2025, technique="Olje", size="60 × 80 cm", image=image))
        # One studio only: the map opens on it (fitting a single point once gave NaN).
        db.session.commit()
        slug = participation.artist.slug
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "slug": slug}
    server.shutdown()


@pytest.fixture(params=["phone", "laptop"])
def page(request, browser, works_server):
    size = PHONE if request.param == "phone" else LAPTOP
    context = new_context(browser, works_server["url"], viewport=size,
                          mobile=request.param == "phone")
    yield context.new_page()
    context.close()


def test_the_works_load_at_their_own_shape_and_the_page_passes_axe(page, works_server):
    page.add_init_script("""window.__shift = 0;
        new PerformanceObserver(list => list.getEntries().forEach(e => {
            if (!e.hadRecentInput) window.__shift += e.value; }))
        .observe({type: 'layout-shift', buffered: true});""")
    page.goto(f"/artists/{works_server['slug']}")
    images = page.locator(".works img")
    assert images.count() == 3
    for n in range(3):
        images.nth(n).scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.works img')].every(i => i.complete && "
        "i.naturalWidth > 0)")
    shapes = page.evaluate("""() => [...document.querySelectorAll('.works img')].map(i => {
        const r = i.getBoundingClientRect(); return [r.width / r.height, i.currentSrc]; })""")
    for (ratio, src), (_title, width, height) in zip(shapes, WORKS, strict=True):
        assert abs(ratio - width / height) < 0.02
        assert "/media/" in src
    assert page.evaluate("window.__shift") < 0.01
    assert page.evaluate("window.__xss") is None
    assert images.first.get_attribute("alt") == HOSTILE
    assert axe_violations(page) == []


def test_the_map_popup_shows_the_first_work(page, works_server):
    page.goto("/map#studio-1")
    page.wait_for_selector(".leaflet-popup .kr-popup__img")
    page.wait_for_function(
        "() => document.querySelector('.kr-popup__img').naturalWidth > 0")
    popup = page.locator(".kr-popup__img")
    assert popup.get_attribute("alt") == HOSTILE
    assert popup.get_attribute("width") == "600" and popup.get_attribute("height") == "900"
    assert page.evaluate("window.__xss") is None
