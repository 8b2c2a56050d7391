"""Text resized to 200 % (WCAG 2.1, 1.4.4): nothing is cut off, overlapped or out of reach.

Browsers' text-only zoom scales the root font size; every length in site.css is in rem or
em, so doubling the root font size is the same test.
"""

import pytest

from tests.browser.conftest import LAPTOP, PHONE, axe_violations, new_context
from tests.browser.test_public_pages import phone_slug

#: Set through the CSSOM: the Content-Security-Policy refuses an injected <style>.
DOUBLE_TEXT = "document.documentElement.style.fontSize = '200%'"

#: For every visible element that hides its overflow, whether its text no longer fits;
#: and for the header, whether anything of it spills over what follows.
CLIPPED = """() => {
  const cut = [];
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    // Form fields scroll their own text, the map's panes clip by design, and skip links
    // are clipped until focused (checked on their own below).
    if (el.closest('.visually-hidden, .leaflet-container, [hidden], input, select, textarea')
        || (el.matches('.skip-link, .skip-map') && el !== document.activeElement))
      continue;
    if (!el.offsetParent && style.position !== 'fixed') continue;
    const hides = [style.overflowX, style.overflowY].some(v => v === 'hidden' || v === 'clip');
    if (hides && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
      cut.push(el.tagName.toLowerCase() + '.' + el.className);
  }
  const header = document.querySelector('.site-header').getBoundingClientRect();
  for (const a of document.querySelectorAll('.site-header a')) {
    const box = a.getBoundingClientRect();
    if (box.bottom > header.bottom + 1 || box.right > header.right + 1)
      cut.push('header link ' + a.textContent.trim());
  }
  return cut;
}"""


@pytest.fixture(params=[PHONE, LAPTOP], ids=["phone", "laptop"])
def big_text(request, browser, live_server):
    viewport = request.param
    context = new_context(browser, live_server["url"], viewport=viewport,
                          mobile=viewport == PHONE)
    page = context.new_page()
    page.viewport = viewport
    yield page
    context.close()


@pytest.mark.parametrize("url", ["/", "/map", "/artists?open=today", "/artists/{slug}",
                                 "/programme", "/route?s=1,2,3", "/newsletter",
                                 "/accessibility", "/offline"])
def test_pages_keep_all_text_at_200_percent(big_text, url):
    page = big_text
    page.goto(url.format(slug=phone_slug(page)))
    page.evaluate(DOUBLE_TEXT)
    page.wait_for_timeout(100)  # let the layout settle
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == 32
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport["width"]
    assert page.evaluate(CLIPPED) == []
    assert axe_violations(page) == []
    page.keyboard.press("Tab")  # the skip link shows whole, inside the screen
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box["width"] > 100 and box["x"] + box["width"] <= page.viewport["width"]
    assert page.evaluate(CLIPPED) == []
