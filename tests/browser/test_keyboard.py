"""Keyboard only: skip links, a visible focus everywhere, and no trap in the map."""

from tests.browser.test_public_pages import open_map

ACTIVE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), id: el.id, cls: String(el.className),
          inMap: !!el.closest('.leaflet-container'), inList: !!el.closest('#studio-list'),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
}"""


def tab(page, times: int = 1, shift: bool = False) -> dict:
    for _ in range(times):
        page.keyboard.press("Shift+Tab" if shift else "Tab")
    return page.evaluate(ACTIVE)


def test_the_skip_link_comes_first_and_moves_focus_to_the_content(desktop):
    desktop.goto("/artists")
    first = tab(desktop)
    assert first["cls"] == "skip-link" and first["outline"]
    desktop.keyboard.press("Enter")
    assert desktop.evaluate(ACTIVE)["id"] == "main"


def test_every_stop_on_the_list_page_shows_where_the_focus_is(phone):
    phone.goto("/artists")
    for _ in range(25):
        stop = tab(phone)
        assert stop["outline"], stop


def test_the_map_can_be_skipped_and_left_with_the_keyboard(desktop):
    open_map(desktop)
    for _ in range(15):  # skip link, menu, language, then the map's own skip link
        stop = tab(desktop)
        if stop["cls"] == "skip-map":
            break
    assert stop["cls"] == "skip-map" and stop["outline"]
    desktop.keyboard.press("Enter")
    assert desktop.evaluate(ACTIVE)["id"] == "studio-list"

    desktop.locator("#map_studios").focus()  # into the map, then on through its markers
    stops = [tab(desktop)]
    while stops[-1]["inMap"] and len(stops) < 400:
        stops.append(tab(desktop))
    assert not stops[-1]["inMap"], f"still in the map after {len(stops)} presses of Tab"
    back = tab(desktop, shift=True)
    assert back["inMap"]  # and Shift+Tab goes back into it
