"""The organisers' dashboard of the sample edition as `flask demo` makes it (the round, the
counts and sales, the surveys) on a phone and a laptop: from the home's headline figures to
the dashboard, its charts and data tables, nothing wider than the screen (wide tables scroll
in their own region), and no axe violations."""

import pytest

from kunstrute.demo_counts import load_counts
from kunstrute.demo_surveys import load_surveys
from kunstrute.editions.queries import current_edition
from kunstrute.extensions import db
from kunstrute.timeutil import utcnow
from tests.browser.applying import demo_email, sample_server, sign_in
from tests.browser.conftest import LAPTOP, PHONE, axe_violations, new_context


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """The sample edition with everything `flask demo` loads, on a server of its own."""
    with sample_server(tmp_path_factory, "dashboard", with_round=True) as (url, app):
        with app.app_context():
            load_counts(edition=current_edition())
            load_surveys(edition=current_edition(), now=utcnow())
            db.session.commit()
        yield url


@pytest.mark.parametrize(("viewport", "mobile"), [(PHONE, True), (LAPTOP, False)],
                         ids=["phone", "laptop"])
def test_the_dashboard_shows_the_editions_figures(browser, demo_server, viewport, mobile):
    context = new_context(browser, demo_server, viewport=viewport, mobile=mobile)
    page = context.new_page()
    sign_in(page, demo_email("organiser"))
    page.goto("/organiser/")
    home_total = page.locator('[data-key="visits.total"] .figure-value').inner_text()
    page.get_by_role("link", name="Hele oversikten").click()
    assert page.locator("h1").inner_text().startswith("Oversikt")
    # The same total as on the home page: the demo's 17,908 studio + 3,696 exhibition visits.
    total = page.locator('[data-key="visits.total"] .figure-value').inner_text()
    assert total == home_total == "21 604"
    assert page.locator("svg.chart").count() >= 10
    for title in ("Besøk per dag", "Fra søknad til ruta", "Arrangementer etter type",
                  "Svarprosent i undersøkelsene"):
        heading = page.get_by_role("heading", name=title, exact=True)
        block = page.locator("section.chart-block", has=heading)
        assert block.locator("svg.chart").is_visible(), title
        assert block.locator("table").count() == 1, title
    assert page.locator("#table-visits-by-day ~ .table-scroll tbody tr").count() == 11
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert axe_violations(page) == []
    context.close()
