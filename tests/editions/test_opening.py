"""Each studio's own hours and days: open today, open now, next opening, on list, map and route."""

from datetime import UTC, date, datetime, time

import pytest

from kunstrute.editions.opening import (
    OpeningError,
    open_state,
    parse_days,
    parse_hours,
    set_opening,
)
from kunstrute.timeutil import OSLO
from tests import factories

SAT, SUN, SAT2, SUN2 = date(2027, 9, 11), date(2027, 9, 12), date(2027, 9, 18), date(2027, 9, 19)


def test_own_hours_are_open_from_the_opening_minute_up_to_the_closing_minute(db):
    edition = factories.edition()
    p = factories.participant(edition, opens_at=time(12, 30), closes_at=time(16))
    state = lambda h, m: open_state(edition, datetime(2027, 9, 11, h, m), participation=p)  # noqa: E731
    assert (state(12, 29).today, state(12, 29).now) == (True, False)
    assert state(12, 30).now and state(15, 59).now
    assert not state(16, 0).now
    assert state(16, 0).next_day == SUN  # today is over
    assert state(12, 0).next_day == SAT and state(12, 0).next_is_today
    assert (state(12, 0).opens_at, state(12, 0).closes_at) == (time(12, 30), time(16))
    # The edition's own state is unchanged: 11–17.
    assert open_state(edition, datetime(2027, 9, 11, 11, 0)).now


def test_a_day_the_artist_does_not_keep_is_closed_all_day(db):
    edition = factories.edition()
    p = factories.participant(edition, days=[SAT2, SUN2])
    saturday = open_state(edition, datetime(2027, 9, 11, 13), participation=p)
    assert (saturday.today, saturday.now, saturday.next_day) == (False, False, SAT2)
    assert open_state(edition, datetime(2027, 9, 18, 13), participation=p).now
    last = open_state(edition, datetime(2027, 9, 19, 17), participation=p)
    assert (last.now, last.next_day) == (False, None)


def test_the_time_is_read_in_oslo_whatever_zone_it_comes_in(db):
    edition = factories.edition()
    p = factories.participant(edition, opens_at=time(12), closes_at=time(16))
    # 10:30 UTC is 12:30 in Oslo in September (summer time, UTC+2).
    assert open_state(edition, datetime(2027, 9, 11, 10, 30, tzinfo=UTC), participation=p).now
    # 14:30 UTC is 16:30 in Oslo: closed, though it is before 16 in UTC.
    assert not open_state(edition, datetime(2027, 9, 11, 14, 30, tzinfo=UTC),
                          participation=p).now


def test_set_opening_stores_only_what_differs_and_refuses_wrong_values(db):
    edition = factories.edition()
    p = factories.participant(edition)
    assert set_opening(participation=p, opens_at=time(11), closes_at=time(17),
                       days=[SAT, SUN, SAT2, SUN2]) is False  # the edition's: nothing stored
    assert (p.opens_at, p.kept_days) == (None, [])
    before = p.updated_at
    assert set_opening(participation=p, opens_at=None, closes_at=None, days=[SUN])
    assert p.updated_at > before  # the offline copy's data version follows kept days too
    assert set_opening(participation=p, opens_at=time(12), closes_at=time(16), days=[SUN])
    assert [k.day for k in p.kept_days] == [SUN] and p.has_own_opening
    assert not set_opening(participation=p, opens_at=time(12), closes_at=time(16), days=[SUN])
    with pytest.raises(OpeningError, match="not an open day"):
        set_opening(participation=p, opens_at=None, closes_at=None, days=[date(2027, 9, 13)])
    with pytest.raises(OpeningError, match="not after"):
        set_opening(participation=p, opens_at=time(16), closes_at=time(12), days=None)
    with pytest.raises(OpeningError, match="both"):
        set_opening(participation=p, opens_at=time(16), closes_at=None, days=None)


@pytest.mark.parametrize("text, expected", [
    ("11-17", (time(11), time(17))), ("11:00-17:00", (time(11), time(17))),
    ("12.00–16.00", (time(12), time(16))), (" kl. 9.30 - 15 ", (time(9, 30), time(15))),
    ("", None),
])
def test_hours_are_read_as_people_write_them(text, expected):
    assert parse_hours(text) == expected


@pytest.mark.parametrize("text, code", [("11", "format"), ("elleve til fem", "format"),
                                        ("25-17", "range"), ("11:75-17", "range"),
                                        ("17-11", "order"), ("12-12", "order")])
def test_bad_hours_say_what_is_wrong(text, code):
    with pytest.raises(OpeningError) as error:
        parse_hours(text)
    assert error.value.code == code


def test_days_are_iso_or_norwegian_dates():
    assert parse_days("2027-09-11|12.9.| 18.09.2027 ,19.09", year=2027) == [SAT, SUN, SAT2, SUN2]
    assert parse_days("", year=2027) == []
    with pytest.raises(OpeningError, match="'31.9.' is not a date"):
        parse_days("11.9.|31.9.", year=2027)


def three_studios(db):
    edition = factories.edition()
    factories.participant(edition, name="Anne Vanlig", catalogue_no=1)
    factories.participant(edition, name="Bjørn Sein", catalogue_no=2, opens_at=time(13),
                          closes_at=time(18))
    factories.participant(edition, name="Cecilie Søndag", catalogue_no=3, days=[SUN, SUN2])
    db.session.commit()
    return edition


def card(html: str, number: int) -> str:
    return html.split(f'id="nr-{number}"')[1].split("</li>")[0]


def test_the_filter_marks_each_studio_by_its_own_hours_and_days(client, db, clock):
    three_studios(db)
    clock.set(datetime(2027, 9, 11, 12, 0).replace(tzinfo=OSLO))  # Saturday
    html = client.get("/artists?open=now&closed=1").get_data(as_text=True)
    assert "Stengt" not in card(html, 1)
    assert 'tag--alert">Stengt<' in card(html, 2) and "Åpner i dag kl. 13" in card(html, 2)
    assert 'tag--alert">Stengt<' in card(html, 3) and "Åpner søn. 12. sep. kl. 11" in card(html, 3)
    assert "2 av disse atelierene er stengt akkurat nå" in html
    today = client.get("/artists?open=today&closed=1").get_data(as_text=True)
    assert "Stengt" not in card(today, 2) and 'tag--alert">Stengt<' in card(today, 3)
    # Evening: only the late studio is still open; asked for, the closed ones are shown too.
    clock.set(datetime(2027, 9, 11, 17, 30).replace(tzinfo=OSLO))
    evening = client.get("/map?open=now&closed=1").get_data(as_text=True)
    assert "Stengt" not in card(evening, 2) and 'tag--alert">Stengt<' in card(evening, 1)
    assert all(f'id="nr-{n}"' in evening for n in (1, 2, 3))


def test_when_every_studio_is_closed_the_notice_names_the_first_to_open(client, db, clock):
    three_studios(db)
    clock.set(datetime(2027, 9, 11, 18, 30).replace(tzinfo=OSLO))
    html = client.get("/artists?open=now&closed=1").get_data(as_text=True)
    assert html.count('tag--alert">Stengt<') == 3
    assert "stengt akkurat nå" in html and "søndag 12. september kl. 11" in html


def test_cards_show_own_hours_and_days_only_when_they_differ(client, db):
    three_studios(db)
    html = client.get("/artists").get_data(as_text=True)
    assert "card__hours" not in card(html, 1)
    assert "Åpent 13–18" in card(html, 2)
    assert "bare søn. 12. sep., søn. 19. sep." in card(html, 3)
    assert "Stengt" not in html  # no "open" filter, no marks


def test_the_artist_page_lists_only_the_kept_days_in_own_hours(client, db):
    edition = factories.edition()
    p = factories.participant(edition, opens_at=time(11, 30), closes_at=time(16), days=[SUN2])
    db.session.commit()
    html = client.get(f"/artists/{p.artist.slug}").get_data(as_text=True)
    hours = html.split('id="hours-title"')[1].split("</section>")[0]
    assert "søndag 19. september" in hours and "11.30–16" in hours
    assert "lørdag 11. september" not in hours
    assert "egne åpningstider" in hours and "11–17" in hours
    client.get("/lang/en")
    assert "11:30–16:00" in client.get(f"/artists/{p.artist.slug}").get_data(as_text=True)


def test_the_route_flags_a_studio_closed_on_the_chosen_day(client, db):
    three_studios(db)
    html = client.get("/route?s=1,2,3&day=2027-09-11").get_data(as_text=True)
    assert "1 av atelierene dine er stengt lørdag 11. september" in html
    stops = html.split('class="cards route-stops"')[1]
    assert "Stengt lør. 11. sep." in stops.split("Cecilie Søndag")[1].split("</li>")[0]
    sunday = client.get("/route?s=1,2,3&day=2027-09-12").get_data(as_text=True)
    assert "er stengt" not in sunday and "Stengt søn." not in sunday
