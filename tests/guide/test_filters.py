"""One filter for the list and the map: access, new, open today/now, shareable as a URL."""

import json
from datetime import date, datetime, time

from kunstrute.editions.opening import open_state
from kunstrute.timeutil import OSLO
from tests import factories


def route_with_three(db):
    edition = factories.edition()
    factories.participant(edition, name="Anne Rullestol", wheelchair_access=True,
                          catalogue_no=1)
    p = factories.participant(edition, name="Bjørn Parkering", catalogue_no=2,
                              new_this_year=True)
    p.studio.parking = True
    p.studio.card_payment = True
    factories.participant(edition, name="Cecilie Trapp", catalogue_no=3)
    db.session.commit()
    return edition


def names(html):
    return [n for n in ("Anne Rullestol", "Bjørn Parkering", "Cecilie Trapp") if n in html]


def test_access_and_new_filters_with_counts(client, db):
    route_with_three(db)
    html = client.get("/artists?wheelchair=1").get_data(as_text=True)
    assert names(html) == ["Anne Rullestol"] and "1 av 3 kunstnere" in html
    # Each count is what ticking it would give with the other choices kept.
    assert "Trinnfri inngang (1)" in html and "Parkering (0)" in html
    both = client.get("/artists?parking=1&card=1&new=1").get_data(as_text=True)
    assert names(both) == ["Bjørn Parkering"]
    none = client.get("/artists?parking=1&wheelchair=1").get_data(as_text=True)
    assert names(none) == [] and "Ingen kunstnere passer" in none


def test_the_map_shows_the_same_filtered_studios_and_links_both_ways(client, db):
    route_with_three(db)
    html = client.get("/map?wheelchair=1").get_data(as_text=True)
    assert names(html) == ["Anne Rullestol"]
    script_url = html.split('src="/map/studios.js?')[1].split('"')[0].replace("&amp;", "&")
    assert "wheelchair=1" in script_url
    data = client.get(f"/map/studios.json?{script_url}").get_data(as_text=True)
    assert "Anne Rullestol" in data and "Cecilie Trapp" not in data
    assert f'data-studios="/map/studios.json?{script_url.replace("&", "&amp;")}"' in html
    assert 'href="/artists?wheelchair=1"' in html  # the same filter as a list
    listing = client.get("/artists?wheelchair=1").get_data(as_text=True)
    assert 'href="/map?wheelchair=1"' in listing


def test_unknown_filter_values_are_named_not_fatal(client, db):
    route_with_three(db)
    response = client.get("/artists?open=sometimes&wheelchair=maybe&discipline=<b>")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and len(names(html)) == 3
    assert "sometimes" in html and "&lt;b&gt;" in html and "<b>" not in html.split("<main")[1]


def test_closed_studios_are_listed_as_closed_when_asked_for(client, db, clock):
    route_with_three(db)
    clock.set(datetime(2027, 9, 13, 12, 0).replace(tzinfo=OSLO))  # a Monday
    html = client.get("/artists?open=today&closed=1").get_data(as_text=True)
    assert len(names(html)) == 3 and html.count('tag--alert">Stengt<') == 3
    assert "ikke åpne i dag" in html and "lørdag 18. september" in html
    clock.set(datetime(2027, 9, 11, 12, 0).replace(tzinfo=OSLO))  # open
    html = client.get("/artists?open=now").get_data(as_text=True)
    assert 'tag--alert">Stengt<' not in html and "stengt akkurat nå" not in html


def test_the_map_marks_studios_closed_then_and_says_when_they_open(client, db, clock):
    edition = factories.edition(open_days=[date(2027, 9, 11), date(2027, 9, 12)])
    early = factories.participant(edition, name="Tidlig Ute")
    late = factories.participant(edition, name="Sein Start", opens_at=time(14),
                                 closes_at=time(18))
    db.session.commit()
    clock.set(datetime(2027, 9, 11, 12, 0).replace(tzinfo=OSLO))
    html = client.get("/map?open=now&closed=1").get_data(as_text=True)
    src = html.split('data-studios="')[1].split('"')[0].replace("&amp;", "&")
    rows = {r[2]["n"]: r[2] for r in client.get(src).get_json()}
    assert not rows[early.catalogue_no].get("closed")  # open now: shown as usual
    assert rows[late.catalogue_no]["closed"] is True  # shown, marked, not hidden
    assert rows[late.catalogue_no]["next"] == "Åpner i dag kl. 14"
    assert "Åpner i dag kl. 14" in html  # the list under the map says the same

    clock.set(datetime(2027, 9, 11, 15, 0).replace(tzinfo=OSLO))
    later = client.get("/map?open=now&closed=1").get_data(as_text=True)
    assert later.split('data-studios="')[1].split('"')[0] != src.replace("&", "&amp;")


def test_open_state_follows_the_open_days_and_hours(db):
    edition = factories.edition(open_days=[date(2027, 9, 11), date(2027, 9, 12)],
                                opens_at=time(11), closes_at=time(17))
    saturday_morning = open_state(edition, datetime(2027, 9, 11, 9, 30))
    assert (saturday_morning.today, saturday_morning.now) == (True, False)
    assert saturday_morning.next_day == date(2027, 9, 11)
    assert open_state(edition, datetime(2027, 9, 11, 16, 59)).now
    evening = open_state(edition, datetime(2027, 9, 11, 17, 0))
    assert not evening.now and evening.next_day == date(2027, 9, 12)
    after = open_state(edition, datetime(2027, 9, 13, 12))
    assert (after.today, after.next_day) == (False, None)


def test_the_artist_page_shows_access_information(client, db):
    route_with_three(db)
    slug = client.get("/artists?parking=1").get_data(as_text=True).split('href="/artists/')[1]
    html = client.get("/artists/" + slug.split('"')[0]).get_data(as_text=True)
    assert "Parkering: ja" in html and "Kortbetaling: ja" in html
    assert "Tilgjengelig toalett: ikke oppgitt" in html


def test_the_exhibition_and_programme_venues_are_on_the_map(client, db):
    from kunstrute.timeutil import utcnow

    edition = factories.edition(exhibition_venue="Fossekleiva", exhibition_lat=59.62,
                                exhibition_lon=10.25, exhibition_address="Bergerveien 20")
    factories.participant(edition, name="Anne", catalogue_no=1)
    factories.event(edition, title="Åpning </script><b>", starts_at=utcnow())
    factories.event(edition, title="Vandring", venue_kind="address", address="Torget 1",
                    venue_name="Svelvik torg", lat=59.61, lon=10.41)
    factories.event(edition, title="Uten posisjon", venue_kind="address", address="Ukjent 1")
    db.session.commit()
    html = client.get("/map").get_data(as_text=True)
    assert "Fossekleiva" in html and "Svelvik torg" in html and "Uten posisjon" not in html
    src = html.split('data-studios="')[1].split('"')[0].replace("&amp;", "&")
    body = client.get(src).get_data(as_text=True)
    assert "</script>" not in body  # < and > are escaped in the file
    data = [props for _, _, props in json.loads(body) if "kind" in props]
    assert [p["kind"] for p in data] == ["exhibition", "venue"]
    assert data[0]["events"][0]["title"] == "Åpning </script><b>"  # data, never markup
    assert data[0]["events"][0]["url"].startswith("/programme/")


def test_the_near_me_order_is_kept_by_the_form_and_the_links(client, db):
    route_with_three(db)
    html = client.get("/artists?parking=1&sort=near").get_data(as_text=True)
    assert '<input type="hidden" name="sort" value="near">' in html  # a filter change keeps it
    assert 'href="/map?parking=1&amp;sort=near"' in html
    assert 'class="notice"' not in html  # not named as an unknown filter value
    assert 'href="/artists?sort=near"' in html  # clearing the filters keeps the order
    assert "sort=near" not in client.get("/artists?sort=far").get_data(as_text=True)
