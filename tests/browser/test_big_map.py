"""A route ten times the usual size: the map draws the server's clusters, the list is capped."""

import random
import threading

import pytest
from werkzeug.serving import make_server

from kunstrute.extensions import db
from tests import factories
from tests.browser.conftest import MAP_READY, STUDIO_MARKERS, axe_violations, new_context
from tests.conftest import make_app

STUDIOS = 700


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    app = make_app(f"sqlite:///{tmp_path_factory.mktemp('big') / 'big.sqlite3'}")
    with app.app_context():
        db.create_all()
        edition = factories.edition()
        spot = random.Random(7)
        for n in range(1, STUDIOS + 1):
            factories.participant(edition, name=f"Kunstner {n}", catalogue_no=n,
                                  lat=59.55 + spot.random() * 0.5, lon=9.7 + spot.random() * 0.8)
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def phone_on_big(browser, big_site):
    context = new_context(browser, big_site)
    yield context.new_page()
    context.close()


def test_every_studio_reaches_the_map_and_a_deep_link_opens_one(phone_on_big):
    page = phone_on_big
    page.goto("/map#studio-650")
    page.wait_for_function(MAP_READY)
    count = page.evaluate(STUDIO_MARKERS)
    assert count == STUDIOS
    page.wait_for_selector(".leaflet-popup .kr-popup__name a")
    assert "Kunstner 650" in page.locator(".leaflet-popup").inner_text()


def test_the_list_under_the_map_is_capped_and_links_to_the_full_list(phone_on_big):
    page = phone_on_big
    page.goto("/map")
    assert page.locator("#studio-list > li").count() == 150
    more = page.locator(".more-link a")
    assert more.get_attribute("href") == "/artists"
    assert axe_violations(page) == []
