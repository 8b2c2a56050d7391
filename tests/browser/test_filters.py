"""Filtering on a phone: the URL can be shared, the map and the list agree, axe is clean."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import MAP_READY, STUDIO_MARKERS, axe_violations


def test_filter_then_share_the_url(phone, browser, live_server):
    phone.goto("/artists")
    phone.locator("#filters > summary").click()  # folded on a phone until asked for
    phone.get_by_label("Kommune").select_option("Lier")
    phone.get_by_label("Trinnfri inngang", exact=False).check()
    phone.get_by_role("button", name="Vis", exact=True).click()
    phone.wait_for_url("**/artists?*")
    shared = phone.url
    listed = phone.locator(".cards > li").count()
    assert "municipality=Lier" in shared and "wheelchair=1" in shared
    assert axe_violations(phone) == []
    phone.goto(phone.get_by_role("link", name="Vis på kartet").get_attribute("href"))
    phone.wait_for_function(MAP_READY)
    assert phone.evaluate(STUDIO_MARKERS) == listed
    assert phone.locator("#studio-list > li").count() == listed
    friend = browser.new_page(base_url=live_server["url"])  # someone the link was sent to
    friend.goto(shared)
    assert friend.locator(".cards > li").count() == listed
    friend.close()


@pytest.mark.parametrize("url", ["/artists?open=now&parking=1", "/map?open=today&new=1",
                                 "/artists?open=never&parking=yes", "/artists?card=1&toilet=1"])
def test_filtered_states_pass_axe_and_fit_the_phone(phone, url):
    phone.goto(url)
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(phone) == []


def test_the_filter_button_on_the_map_opens_the_filters(phone):
    phone.goto("/map")
    phone.wait_for_function(MAP_READY)
    phone.locator(".map-filter-link").click()
    assert phone.locator("#filters").get_attribute("open") is not None
    assert phone.get_by_label("Kommune").is_visible()


def test_closed_studios_say_when_they_open_by_their_own_hours(phone):
    # The sample edition is in September 2027, so today every studio is closed: asked to
    # show them, each card says when that studio opens, in its own hours (no. 33 keeps only
    # the second weekend).
    phone.goto("/artists?open=today&closed=1")
    first = phone.locator("#nr-1")
    assert first.locator(".tag--alert").inner_text() == "Stengt"
    assert first.locator(".card__next").inner_text() == "Åpner lør. 11. sep. kl. 11"
    own = phone.locator("#nr-33")
    own.scroll_into_view_if_needed()  # cards far down are drawn once near the screen
    expect(own.locator(".card__hours")).to_have_text(
        "Åpent 10–16 · bare lør. 18. sep., søn. 19. sep.")
    expect(own.locator(".card__next")).to_have_text("Åpner lør. 18. sep. kl. 10")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(phone) == []


def test_the_organisers_hours_form_keeps_what_was_typed_on_a_phone(phone):
    from tests.browser.test_programme import sign_in_as_organiser

    sign_in_as_organiser(phone)
    phone.goto("/artists/rune-overby")
    phone.get_by_role("link", name="Endre åpningstid og tilgjengelighet (arrangør)").click()
    phone.get_by_label("Åpningstider", exact=True).fill("17-11")
    phone.get_by_role("group", name="Parkering").get_by_label("Ja", exact=True).check()
    phone.get_by_role("button", name="Lagre", exact=True).click()
    phone.wait_for_load_state("networkidle")
    assert phone.locator("#hours-error").inner_text() == "Stengetiden må være etter åpningstiden."
    assert phone.get_by_label("Åpningstider", exact=True).input_value() == "17-11"
    parking = phone.get_by_role("group", name="Parkering")
    assert parking.get_by_label("Ja", exact=True).is_checked()
    assert not parking.get_by_label("Ikke oppgitt", exact=True).is_checked()
    assert phone.get_by_label("lørdag 18. september").is_checked()
    assert not phone.get_by_label("lørdag 11. september").is_checked()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(phone) == []


def test_the_map_marks_a_closed_studio_as_the_list_does(phone):
    """Out of season (the sample route is in September 2027) every studio is closed today."""
    phone.goto("/map?open=today&closed=1#studio-1")
    phone.wait_for_selector(".leaflet-popup .kr-popup__name a")
    card = phone.locator("#nr-1")
    closed = phone.locator(".leaflet-popup .kr-popup__closed")
    if "card--closed" in card.get_attribute("class"):
        assert closed.inner_text() == "Stengt · " + card.locator(".card__next").text_content()
        assert phone.locator(".kr-pin--closed").count() >= 1
    else:  # on an open day of the route
        assert closed.count() == 0
    assert axe_violations(phone) == []


@pytest.mark.parametrize("view", ["phone", "desktop"])
@pytest.mark.parametrize("path", ["/artists", "/map"])
def test_open_today_lists_the_open_ones_and_one_tap_shows_the_closed_too(request, view, path):
    """Whatever the date: the count is the list, the left-out ones are named, one tap adds them."""
    page = request.getfixturevalue(view)
    page.goto(path + "?open=today")
    cards = page.locator(".cards > li.card[id^='nr-']")
    shown, total = map(int, re.search(r"(\d+) av (\d+) kunstnere",
                                      page.locator(".result-count").inner_text()).groups())
    assert cards.count() == shown and page.locator(".card--closed").count() == 0
    left = page.locator(".closed-note")
    if shown < total:  # out of season (the sample route is in September 2027) or a weekday
        said = int(re.match(r"(\d+) ateliere?r? som er stengt i dag", left.inner_text()).group(1))
        assert shown + said == total
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert axe_violations(page) == []
    if shown < total:
        left.get_by_role("link", name="Vis de stengte også").click()
        page.wait_for_url("**closed=1*")
        assert cards.count() == total
        assert page.locator(".card--closed").count() == total - shown
        assert f"av {total} kunstnere" in page.locator(".result-count").inner_text()
        assert axe_violations(page) == []
