"""Open now / open today: the open studios are listed, the closed ones left out with a word."""

from datetime import date, datetime, time

import pytest

from kunstrute.guide.mapview import map_cache
from kunstrute.timeutil import OSLO
from tests import factories

SATURDAY_NOON = datetime(2027, 9, 11, 12, 0)
SATURDAY_THREE = datetime(2027, 9, 11, 15, 0)
MONDAY = datetime(2027, 9, 13, 12, 0)  # between the two weekends


@pytest.fixture
def route(db):
    """Three studios: one keeps the edition's hours (11–17), one opens at 14, one only Sunday."""
    edition = factories.edition(open_days=[date(2027, 9, 11), date(2027, 9, 12),
                                           date(2027, 9, 18)])
    factories.participant(edition, name="Anne Vanlig", catalogue_no=1)
    factories.participant(edition, name="Bjørn Sein", catalogue_no=2, opens_at=time(14),
                          closes_at=time(18))
    factories.participant(edition, name="Cecilie Søndag", catalogue_no=3,
                          days=[date(2027, 9, 12)])
    db.session.commit()
    return edition


@pytest.fixture
def at(clock):
    """Set the time the pages think it is (Oslo wall-clock)."""
    def set_now(moment):
        clock.set(moment.replace(tzinfo=OSLO))
    return set_now


def names(html):
    return [n for n in ("Anne Vanlig", "Bjørn Sein", "Cecilie Søndag") if n in html]


def test_open_now_lists_only_the_open_studios_and_says_how_many_are_left_out(client, route, at):
    at(SATURDAY_NOON)
    html = client.get("/artists?open=now").get_data(as_text=True)
    assert names(html) == ["Anne Vanlig"]
    assert "1 av 3 kunstnere" in html
    assert "2 atelierer som er stengt akkurat nå, er utelatt." in html
    assert 'href="/artists?open=now&amp;closed=1"' in html  # one tap to see them too
    assert "Åpent til 17" in html and 'tag--alert">Stengt<' not in html


def test_open_today_keeps_studios_that_open_later_today(client, route, at):
    at(SATURDAY_NOON)
    html = client.get("/artists?open=today").get_data(as_text=True)
    assert names(html) == ["Anne Vanlig", "Bjørn Sein"] and "2 av 3 kunstnere" in html
    assert "Åpent til 17" in html and "Åpent i dag 14–18" in html
    assert "1 atelier som er stengt i dag, er utelatt." in html


def test_the_closed_ones_can_be_shown_too_marked_with_when_they_open(client, route, at):
    at(SATURDAY_NOON)
    html = client.get("/artists?open=now&closed=1").get_data(as_text=True)
    assert names(html) == ["Anne Vanlig", "Bjørn Sein", "Cecilie Søndag"]
    assert "3 av 3 kunstnere" in html and html.count('tag--alert">Stengt<') == 2
    assert "Åpner i dag kl. 14" in html and "Åpner søn. 12. sep. kl. 11" in html
    assert 'href="/artists?open=now"' in html  # and back to the open ones only
    assert 'name="closed" value="1"' in html  # a change of filter keeps the choice


def test_when_none_is_open_the_page_says_when_the_first_opens(client, route, at):
    at(MONDAY)
    html = client.get("/artists?open=today").get_data(as_text=True)
    assert names(html) == [] and "0 av 3 kunstnere" in html
    assert "Atelierene er ikke åpne i dag." in html and "lørdag 18. september" in html
    assert "3 atelierer som er stengt i dag, er utelatt." in html
    assert 'href="/artists?open=today&amp;closed=1"' in html


def map_rows(client, url):
    html = client.get(url).get_data(as_text=True)
    src = html.split('data-studios="')[1].split('"')[0].replace("&amp;", "&")
    return src, {r[2]["n"]: r[2] for r in client.get(src).get_json()}


def test_the_map_shows_the_open_studios_and_its_files_agree(client, route, at):
    at(SATURDAY_NOON)
    html = client.get("/map?open=now").get_data(as_text=True)
    assert names(html) == ["Anne Vanlig"]
    assert "2 atelierer som er stengt akkurat nå, er utelatt." in html
    src, rows = map_rows(client, "/map?open=now")
    assert list(rows) == [1] and rows[1]["until"] == "Åpent til 17"
    script = html.split('src="/map/studios.js?')[1].split('"')[0].replace("&amp;", "&")
    assert client.get(f"/map/studios.js?{script}").status_code == 200
    # Asked without the version (an old page), the data file filters the same way.
    plain = client.get("/map/studios.json?open=now").get_json()
    assert [r[2]["n"] for r in plain] == [1]
    _, everyone = map_rows(client, "/map?open=now&closed=1")
    assert everyone[2]["closed"] is True and everyone[2]["next"] == "Åpner i dag kl. 14"


def test_the_open_maps_data_follows_the_clock_and_the_cache_still_works(client, route, at):
    at(SATURDAY_NOON)
    noon, rows = map_rows(client, "/map?open=now")
    builds = map_cache.builds
    assert map_rows(client, "/map?open=now")[0] == noon and map_cache.builds == builds
    at(SATURDAY_THREE)
    three, later = map_rows(client, "/map?open=now")
    assert three != noon and sorted(later) == [1, 2] and map_cache.builds == builds + 1
    assert later[2]["until"] == "Åpent til 18"
    at(SATURDAY_NOON)
    assert map_rows(client, "/map?open=now")[0] == noon and map_cache.builds == builds + 1
