"""QR check-in at /c/<code>: one visit per visitor, venue and day; the visitor always lands."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from kunstrute.counting.jobs import delete_old_daily_keys
from kunstrute.counting.models import CheckIn, CountingSettings, CountSource, DailyKey, VisitCount
from kunstrute.counting.visitors import forget_keys
from kunstrute.timeutil import utcnow
from tests.counting.factories import day, running_edition, venue

PHONE = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/131.0 Mobile Safari/537.36")
IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
          "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1")


@pytest.fixture(autouse=True)
def no_keys_in_memory():
    """Start with no day key held in memory: the rolled-back database holds none either."""
    forget_keys()
    yield
    forget_keys()


def scan(client, code, *, agent=PHONE, address="203.0.113.5", method="GET", **headers):
    return client.open(f"/c/{code}", method=method, headers={"User-Agent": agent, **headers},
                       environ_base={"REMOTE_ADDR": address})


def checkins(db, place) -> int:
    return db.session.scalar(sa.select(sa.func.count(CheckIn.id))
                             .where(CheckIn.venue_id == place.id))


def qr_count(db, place, when=None) -> int:
    query = sa.select(sa.func.coalesce(sa.func.sum(VisitCount.count), 0)).where(
        VisitCount.venue_id == place.id, VisitCount.source == CountSource.QR_CHECKIN)
    if when is not None:
        query = query.where(VisitCount.day == when)
    return db.session.scalar(query)


def test_a_scan_counts_once_and_lands_on_the_artists_page(client, db):
    place = venue(name="Åse Bjørnstad")
    slug = place.participation.artist.slug
    db.session.commit()
    first = scan(client, place.code)
    again = scan(client, place.code)
    assert first.status_code == again.status_code == 303
    assert first.headers["Location"].endswith(f"/artists/{slug}")
    assert checkins(db, place) == 1
    assert qr_count(db, place, day()) == 1


def test_the_code_is_forgiven_case(client, db):
    place = venue()
    db.session.commit()
    assert scan(client, place.code.upper()).status_code == 303
    assert checkins(db, place) == 1


def test_no_cookie_no_session_and_not_stored(client, db):
    place = venue()
    db.session.commit()
    response = scan(client, place.code)
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
    assert client.get_cookie("session") is None
    unknown = scan(client, "zzzzzz")
    assert "Set-Cookie" not in unknown.headers
    assert unknown.headers["Cache-Control"] == "no-store"


def test_nothing_about_the_visitor_is_stored_but_a_hash(client, db):
    place = venue()
    db.session.commit()
    scan(client, place.code, address="198.51.100.77")
    stored = db.session.scalar(sa.select(CheckIn.visitor))
    assert len(stored) == 32 and "198.51.100.77" not in stored
    assert int(stored, 16) >= 0  # hex only


def test_another_visitor_and_another_venue_count(client, db):
    place = venue()
    other = venue(edition=place.edition)
    db.session.commit()
    scan(client, place.code)
    scan(client, place.code, agent=IPHONE)  # a second phone on the same network
    scan(client, place.code, address="192.0.2.9")
    scan(client, other.code)  # the first visitor at the next studio
    assert checkins(db, place) == 3 and qr_count(db, place) == 3
    assert checkins(db, other) == 1 and qr_count(db, other) == 1


def test_the_same_visitor_counts_again_the_next_day(client, db, clock):
    place = venue()
    db.session.commit()
    scan(client, place.code)
    clock.advance(timedelta(days=1))
    scan(client, place.code)
    scan(client, place.code)
    assert qr_count(db, place, day(-1)) == 1
    assert qr_count(db, place, day()) == 1
    hashes = db.session.scalars(sa.select(CheckIn.visitor)).all()
    assert len(set(hashes)) == 2  # a new day's key: the two days cannot be linked


def test_the_exhibition_poster_lands_on_the_front_pages_exhibition(client, db):
    place = venue(exhibition=True)
    db.session.commit()
    response = scan(client, place.code)
    assert response.headers["Location"].endswith("/#exhibition")
    assert qr_count(db, place) == 1


@pytest.mark.parametrize("agent", [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "WhatsApp/2.23.20.0 A",
    "TelegramBot (like TwitterBot)",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/131.0.0.0 Safari/537.36",
    "curl/8.5.0",
    "python-requests/2.32.3",
    "",
])
def test_bots_and_previews_land_but_do_not_count(client, db, agent):
    place = venue()
    db.session.commit()
    response = scan(client, place.code, agent=agent)
    assert response.status_code == 303
    assert checkins(db, place) == 0


def test_a_cubot_phone_is_a_person(client, db):
    place = venue()
    db.session.commit()
    scan(client, place.code, agent="Mozilla/5.0 (Linux; Android 12; CUBOT X50) AppleWebKit/"
                                   "537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36")
    assert checkins(db, place) == 1


@pytest.mark.parametrize("headers", [{"Sec-Purpose": "prefetch"},
                                     {"Sec-Purpose": "prefetch;prerender"},
                                     {"Purpose": "prefetch"}])
def test_prefetches_do_not_count(client, db, headers):
    place = venue()
    db.session.commit()
    assert scan(client, place.code, **headers).status_code == 303
    assert checkins(db, place) == 0


def test_a_head_request_does_not_count(client, db):
    place = venue()
    db.session.commit()
    assert scan(client, place.code, method="HEAD").status_code == 303
    assert checkins(db, place) == 0


@pytest.mark.parametrize("offset", [-4, 8])
def test_outside_the_period_it_lands_but_does_not_count(client, db, offset):
    edition = running_edition(starts_on=day(offset), ends_on=day(offset),
                              open_days=[day(offset)])
    place = venue(edition=edition)
    db.session.commit()
    assert scan(client, place.code).status_code == 303
    assert checkins(db, place) == 0


def test_a_locked_edition_does_not_count(client, db):
    place = venue()
    db.session.add(CountingSettings(edition_id=place.edition_id, locked_at=utcnow()))
    db.session.commit()
    assert scan(client, place.code).status_code == 303
    assert checkins(db, place) == 0


def test_an_unknown_code_says_so_with_a_way_on(client, db):
    response = scan(client, "nosuch")
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Ukjent plakatkode" in page
    assert 'href="/artists"' in page and 'href="/"' in page
    long = scan(client, "x" * 40)
    assert long.status_code == 404


def test_keys_older_than_yesterday_are_deleted(client, db, clock):
    place = venue()
    for offset in (-5, -2, -1):
        db.session.add(DailyKey(day=day(offset), key=b"k" * 32))
    db.session.commit()
    scan(client, place.code)  # today's key is made: the old ones go
    assert sorted(db.session.scalars(sa.select(DailyKey.day))) == [day(-1), day()]
    clock.advance(timedelta(days=1))
    assert delete_old_daily_keys.call_local() == 1  # the hourly job, on a day with no scans
    assert list(db.session.scalars(sa.select(DailyKey.day))) == [day(-1)]


def test_every_worker_uses_the_days_one_key(client, db):
    place = venue()
    db.session.commit()
    scan(client, place.code)
    forget_keys()  # as another worker, which holds no key yet
    scan(client, place.code)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DailyKey)) == 1
    assert checkins(db, place) == 1


def test_the_limit_counts_only_new_check_ins_and_still_lands(app, client, db, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_CHECKIN_PER_VENUE", "3 per hour")
    monkeypatch.setitem(app.config, "RATELIMIT_CHECKIN_PER_ADDRESS", "5 per hour")
    place = venue()
    other = venue(edition=place.edition)
    db.session.commit()
    for _ in range(10):  # reloads are no new check-ins: they do not use the limit up
        scan(client, place.code)
    agents = [f"{PHONE} visitor/{n}" for n in range(6)]
    for agent in agents:
        assert scan(client, place.code, agent=agent).status_code == 303
    assert checkins(db, place) == 3  # the limit per studio
    for agent in agents:
        assert scan(client, other.code, agent=agent).status_code == 303
    assert checkins(db, other) == 2  # the limit per address over all studios
    assert scan(client, place.code, address="192.0.2.1").status_code == 303
    assert checkins(db, place) == 4  # another address has its own count
