"""Favourites on the phone become a route in driving order, with a link for the maps app."""

import json

from tests.browser.conftest import axe_violations


def test_saved_studios_become_a_route_that_can_be_shared(phone, browser, live_server):
    phone.goto("/artists?municipality=Drammen")
    saves = phone.locator(".fav-toggle")
    for i in range(4):
        saves.nth(i).click()
    assert saves.first.get_attribute("aria-pressed") == "true"
    assert phone.locator(".route-link__count").inner_text() == "4"
    assert axe_violations(phone) == []
    phone.goto("/route")
    phone.wait_for_url("**/route?s=*")
    stops = phone.locator(".route-stops > li")
    assert stops.count() == 4
    google = phone.get_by_role("link", name="Åpne i Google Maps").get_attribute("href")
    assert google.startswith("https://www.google.com/maps/dir/?api=1") and "waypoints=" in google
    assert "km" in phone.locator(".lead").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(phone) == []
    shared = phone.locator("#share").input_value()
    friend = browser.new_page()
    friend.goto(shared)
    assert friend.locator(".route-stops > li").all_inner_texts() == stops.all_inner_texts()
    friend.close()


def test_stale_favourites_are_dropped_with_a_message(phone):
    phone.goto("/artists")
    phone.evaluate("localStorage.setItem('kunstrute.favourites.2027', '[\"1\", \"5000\", 7]')")
    phone.goto("/route")
    phone.wait_for_url("**/route?s=*")
    assert "5000" in phone.locator(".notice").inner_text()
    assert phone.locator(".route-stops > li").count() == 2
    saved = phone.evaluate("localStorage.getItem('kunstrute.favourites.2027')")
    assert "5000" not in saved
    assert axe_violations(phone) == []


def test_an_empty_route_explains_what_to_do(phone):
    phone.goto("/route")
    assert "Velg atelierene" in phone.locator(".empty").inner_text()
    assert axe_violations(phone) == []


def test_a_shared_link_with_too_many_stops_is_not_kept_and_a_full_route_refuses_more(phone):
    phone.goto("/route?s=" + ",".join(str(n) for n in range(1, 41)))
    assert "En rute tar høyst 30 atelierer" in phone.locator(".notice").first.inner_text()
    assert phone.locator(".route-stops > li").count() == 30
    assert phone.evaluate("localStorage.getItem('kunstrute.favourites.2027')") in (None, "[]")
    thirty = [str(n) for n in range(1, 31)]
    phone.evaluate(f"localStorage.setItem('kunstrute.favourites.2027', '{json.dumps(thirty)}')")
    phone.goto("/artists")
    spare = phone.locator(".fav-toggle[aria-pressed='false']").first
    spare.click()
    assert spare.get_attribute("aria-pressed") == "false"
    assert "det meste den tar" in phone.locator(".fav-toggle__note").first.inner_text()
    assert phone.locator(".route-link__count").inner_text() == "30"
    assert axe_violations(phone) == []
