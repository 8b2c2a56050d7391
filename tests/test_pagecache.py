"""The public pages' cache (kunstrute/pagecache.py): shared by anonymous visitors, fresh after
every write, never fed by or served to a signed-in organiser.

Run on the in-process cache and, when KUNSTRUTE_TEST_REDIS_URL names a Redis database (CI:
redis://127.0.0.1:6379/3), on Redis too, under a key prefix of this run's own.
"""

import gzip
import os
import secrets
from datetime import timedelta

import pytest
import sqlalchemy as sa

from kunstrute.extensions import cache
from kunstrute.timeutil import to_oslo, utcnow
from tests import factories
from tests.conftest import csrf_token

REDIS_URL = os.environ.get("KUNSTRUTE_TEST_REDIS_URL")


@pytest.fixture(params=["simple", "redis"])
def backend(request, app, db):
    """The page cache on each backend; Redis only when a test database is named."""
    if request.param == "redis":
        if not REDIS_URL:
            pytest.skip("KUNSTRUTE_TEST_REDIS_URL is not set")
        saved = app.extensions["cache"][cache]
        cache.init_app(app, config={"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": REDIS_URL,
                                    "CACHE_KEY_PREFIX": f"kunstrute-test-{secrets.token_hex(4)}:"})
        yield request.param
        cache.clear()
        app.extensions["cache"][cache] = saved
    else:
        yield request.param


@pytest.fixture
def visitor(app, client):
    """A browser of its own: no session cookie, never signed in (`client` gives each request
    a fresh `g`, as production does)."""
    return app.test_client()


def upcoming_event(title="Atelierbuss"):
    edition = factories.edition()
    factories.participant(edition)
    return factories.event(edition, title=title, starts_at=utcnow() + timedelta(days=2),
                           registration_required=True, capacity=10)


def rename_behind_the_apps_back(db, event, title):
    """Change a title the way no code of the app writes (raw SQL), so the version stays."""
    db.session.execute(sa.text("UPDATE events SET title = :title WHERE id = :id"),
                       {"title": title, "id": event.id})
    db.session.commit()


def test_a_visitor_is_served_the_page_made_for_the_first_visitor(backend, visitor, db):
    event = upcoming_event("Atelierbuss")
    db.session.commit()
    assert "Atelierbuss" in visitor.get(f"/programme/{event.id}").get_data(as_text=True)
    rename_behind_the_apps_back(db, event, "Kunstbuss")
    again = visitor.get(f"/programme/{event.id}").get_data(as_text=True)
    assert "Atelierbuss" in again and "Kunstbuss" not in again  # the stored copy


def test_the_programme_shows_an_organisers_change_at_once(backend, visitor, client, db,
                                                          login_as):
    event = upcoming_event("Atelierbuss")
    db.session.commit()
    for page in ("/programme", f"/programme/{event.id}", "/programme.ics"):
        assert "Atelierbuss" in visitor.get(page).get_data(as_text=True)
    login_as("organiser")
    url = f"/organiser/programme/{event.id}/edit"
    page = client.get(url).get_data(as_text=True)
    local = to_oslo(event.starts_at)
    saved = client.post(url, data={
        "kind": "guided_tour", "title": "Kunstbuss til Sigdal", "description": "",
        "day": local.date().isoformat(), "starts": f"{local:%H:%M}", "ends": "23:00",
        "venue_kind": "exhibition", "studio_id": "0", "language": "nb", "capacity": "10",
        "registration_required": "y", "series": "", "csrf_token": csrf_token(page)})
    assert saved.status_code == 302
    for page in ("/programme", f"/programme/{event.id}", "/programme.ics",
                 f"/programme/{event.id}.ics"):
        html = visitor.get(page).get_data(as_text=True)
        assert "Kunstbuss til Sigdal" in html and "Atelierbuss" not in html, page


def test_a_signed_in_organiser_never_gets_the_public_copy(backend, visitor, client, db,
                                                         login_as):
    event = upcoming_event("Atelierbuss")
    db.session.commit()
    visitor.get(f"/programme/{event.id}")
    login_as("organiser")
    rename_behind_the_apps_back(db, event, "Kunstbuss")
    mine = client.get(f"/programme/{event.id}").get_data(as_text=True)
    assert "Kunstbuss" in mine and "Arrangør" in mine  # made for them, with their menu


def test_a_signed_in_organisers_page_never_reaches_a_visitor(backend, visitor, client, db,
                                                            login_as):
    event = upcoming_event()
    db.session.commit()
    login_as("organiser")
    for page in ("/", "/artists", f"/programme/{event.id}"):
        assert "Logg ut" in client.get(page).get_data(as_text=True)
        seen = visitor.get(page).get_data(as_text=True)
        assert "Logg ut" not in seen and "Arrangør" not in seen, page


def test_each_language_gets_its_own_copy(backend, visitor, app, client, db):
    upcoming_event()
    db.session.commit()
    assert "Hopp til innholdet" in visitor.get("/programme").get_data(as_text=True)
    english = app.test_client()
    english.set_cookie("lang", "en")
    html = english.get("/programme").get_data(as_text=True)
    assert "Skip to content" in html and "Hopp til innholdet" not in html
    assert "Hopp til innholdet" in visitor.get("/programme").get_data(as_text=True)


def test_a_browser_that_has_the_page_gets_not_modified(backend, visitor, db):
    event = upcoming_event("Atelierbuss")
    db.session.commit()
    first = visitor.get("/programme")
    etag = first.headers["ETag"]
    again = visitor.get("/programme", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == etag
    event.title = "Kunstbuss"
    db.session.commit()
    changed = visitor.get("/programme", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "Kunstbuss" in changed.get_data(as_text=True)
    assert changed.headers["ETag"] != etag


def test_a_cached_page_is_gzipped_once_and_reads_the_same(backend, visitor, db):
    upcoming_event()
    db.session.commit()
    plain = visitor.get("/artists")
    zipped = visitor.get("/artists", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.get_data()) == plain.get_data()
    assert zipped.headers["ETag"] != plain.headers["ETag"]  # another representation
    again = visitor.get("/artists", headers={"Accept-Encoding": "gzip",
                                             "If-None-Match": zipped.headers["ETag"]})
    assert again.status_code == 304


def test_the_order_of_filters_in_the_address_does_not_matter(backend, visitor, db):
    upcoming_event()
    db.session.commit()
    one = visitor.get("/artists?municipality=Lier&wheelchair=1")
    other = visitor.get("/artists?wheelchair=1&municipality=Lier")
    assert one.headers["ETag"] == other.headers["ETag"]
    assert one.headers["ETag"] != visitor.get("/artists").headers["ETag"]


def test_a_page_that_depends_on_now_follows_the_clock(backend, visitor, db, clock):
    event = upcoming_event("Atelierbuss")
    db.session.commit()
    assert 'name="email"' in visitor.get(f"/programme/{event.id}").get_data(as_text=True)
    clock.advance(timedelta(days=3))  # the event is over: no more sign-ups
    assert 'name="email"' not in visitor.get(f"/programme/{event.id}").get_data(as_text=True)


def test_pages_still_answer_when_the_cache_is_down(app, visitor, db):
    upcoming_event("Atelierbuss")
    db.session.commit()
    saved = app.extensions["cache"][cache]
    cache.init_app(app, config={"CACHE_TYPE": "RedisCache",
                                "CACHE_REDIS_URL": "redis://127.0.0.1:1/0"})  # nobody there
    try:
        page = visitor.get("/programme")
    finally:
        app.extensions["cache"][cache] = saved
    assert page.status_code == 200 and "Atelierbuss" in page.get_data(as_text=True)
