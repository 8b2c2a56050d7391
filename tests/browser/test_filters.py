"""Filtering on a phone: the URL can be shared, the map and the list agree, axe is clean."""

import pytest

from tests.browser.conftest import axe_violations


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
    phone.wait_for_function("window.kunstrute && window.kunstrute.cluster")
    assert phone.evaluate("window.kunstrute.cluster.getLayers().length") == listed
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
    phone.wait_for_function("window.kunstrute && window.kunstrute.cluster")
    phone.locator(".map-filter-link").click()
    assert phone.locator("#filters").get_attribute("open") is not None
    assert phone.get_by_label("Kommune").is_visible()
