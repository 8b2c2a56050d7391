"""A juror scores with the keyboard, on a laptop and on a phone, and the pages pass axe."""

import pytest

from kunstrute.applications.jury_services import round_for
from kunstrute.applications.models import JuryScore
from kunstrute.auth.services import create_user
from kunstrute.extensions import db
from tests.applications import jury_factories as jf
from tests.browser.conftest import LAPTOP, PHONE, axe_violations, demo_edition, new_context

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def jury(live_server):
    """Two jurors (one per viewport) in the demo edition's round, three applications."""
    with live_server["app"].app_context():
        edition = demo_edition()
        jury_round = round_for(edition=edition)
        jury_round.opens_on = jury_round.closes_on = None  # the browser runs on the real clock
        jurors = {}
        for name in ("laptop", "phone"):
            user = create_user(email=f"juror-{name}@example.org", password=PASSWORD,
                               role="juror")
            jf.join(jury_round, user)
            jurors[name] = user.id
        applications = [jf.application(edition, name=f"Blind Søker {i}", real_images=True,
                                       statement=f"Uttalelse nummer {i}.") for i in range(3)]
        db.session.commit()
        return {"jurors": jurors, "applications": [a.id for a in applications]}


def sign_in(page, email: str) -> None:
    page.goto("/auth/login")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()


def fits_and_passes_axe(page, width: int) -> None:
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    assert axe_violations(page) == [], page.url


@pytest.mark.parametrize("name, viewport", [("laptop", LAPTOP), ("phone", PHONE)])
def test_a_juror_scores_with_the_keyboard(browser, live_server, jury, name, viewport):
    context = new_context(browser, live_server["url"], viewport=viewport,
                          mobile=name == "phone")
    page = context.new_page()
    sign_in(page, f"juror-{name}@example.org")
    page.goto("/jury")
    fits_and_passes_axe(page, viewport["width"])
    page.locator("main a.button").first.click()
    page.wait_for_load_state()
    first = page.url
    assert "Blind Søker" not in page.content()
    assert page.locator(".stage img").first.evaluate("img => img.naturalWidth") > 0
    fits_and_passes_axe(page, viewport["width"])

    page.locator("body").press("s")
    assert page.locator("#statement").evaluate("d => d.open")
    page.keyboard.press("Escape")
    assert not page.locator("#statement").evaluate("d => d.open")
    page.keyboard.press("ArrowRight")
    page.wait_for_url(lambda url: url != first)
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(first)

    page.locator("body").press("4")
    assert page.locator('input[data-score="4"]').is_checked()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url != first)
    assert page.locator(".flash--success").count() == 1
    with live_server["app"].app_context():
        saved = db.session.scalars(db.select(JuryScore.score).where(
            JuryScore.juror_id == jury["jurors"][name])).all()
    assert saved == [4]
    context.close()
