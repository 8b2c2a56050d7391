"""Near me: with permission the list sorts by distance and the map centres; nothing is sent."""

import pytest

from tests.browser.conftest import MAP_READY, PageRecorder, axe_violations, new_context

#: Drammen station: the nearest sample studios are in Drammen.
DRAMMEN = {"latitude": 59.7406, "longitude": 10.2045}


@pytest.fixture
def located(browser, live_server):
    """A phone that has allowed the site to know where it is."""
    context = new_context(browser, live_server["url"], geolocation=DRAMMEN,
                          permissions=["geolocation"])
    page = context.new_page()
    page.recorder = PageRecorder(page, live_server["url"])
    yield page
    context.close()


def test_near_me_sorts_the_list_without_sending_the_position(located):
    located.goto("/artists")
    located.wait_for_load_state("networkidle")
    requests = []
    located.on("request", lambda r: requests.append(r.url))
    located.get_by_role("button", name="Nær meg").click()
    located.get_by_text("Sortert etter avstand").wait_for()
    first = located.locator(".cards > li").first
    assert "Drammen" in first.inner_text()
    # textContent: cards far down the list are not rendered yet (content-visibility: auto).
    distances = located.locator(".card__distance:not([hidden])").all_text_contents()
    km = [float(d.split()[0].replace(",", ".")) for d in distances]
    assert km == sorted(km) and km[0] < 5
    assert requests == []  # the position stayed on the phone
    assert axe_violations(located) == []


def distances(page) -> list[float]:
    """Return the distances the cards show, in list order."""
    return [float(d.split()[0].replace(",", "."))
            for d in page.locator(".card__distance:not([hidden])").all_text_contents()]


def test_the_distance_order_stays_when_a_filter_changes(located):
    located.goto("/artists")
    located.get_by_role("button", name="Nær meg").click()
    located.get_by_text("Sortert etter avstand").wait_for()
    located.locator("#filters > summary").click()
    located.get_by_label("Kortbetaling", exact=False).check()
    located.get_by_role("button", name="Vis", exact=True).click()
    located.wait_for_url("**card=1*")
    assert "sort=near" in located.url  # the order is in the address: reload, share, go back
    located.get_by_text("Sortert etter avstand").wait_for()
    km = distances(located)
    assert len(km) == located.locator(".cards > li").count() > 1
    assert km == sorted(km) and km[0] < 5
    # The link to the same filter on the map keeps the order too.
    assert "sort=near" in located.get_by_role("link", name="Vis på kartet").get_attribute("href")
    assert axe_violations(located) == []


def test_near_me_centres_the_map_on_the_visitor(located):
    located.goto("/map")
    located.wait_for_function(MAP_READY)
    located.get_by_role("button", name="Nær meg").click()
    located.wait_for_function("() => window.kunstrute.here !== undefined")
    centre = located.evaluate("window.kunstrute.map.getCenter()")
    assert abs(centre["lat"] - DRAMMEN["latitude"]) < 0.01
    assert located.locator("#studio-list > li").first.get_attribute("data-lat") is not None


def test_a_refused_position_is_explained(phone):
    phone.context.clear_permissions()
    phone.goto("/artists")
    phone.get_by_role("button", name="Nær meg").click()
    phone.get_by_text("Vi fikk ikke posisjonen din").wait_for()
    assert phone.locator(".cards > li").first.get_attribute("id") == "nr-1"
