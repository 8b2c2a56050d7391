"""Accounts in a browser, on a phone and a laptop: sign up, confirm from the e-mail, sign in,
and ask for a new password; every page accessible and no wider than the screen."""

import re
from urllib.parse import urlsplit

import pytest

from kunstrute.auth.services import create_user
from kunstrute.extensions import db
from kunstrute.mail import outbox_messages
from tests.browser.conftest import LAPTOP, PHONE, axe_violations, new_context


def last_link(live_server, to: str) -> str:
    """Return the path of the link in the newest e-mail to this address."""
    mails = [m for m in outbox_messages(live_server["outbox"]) if m["To"] == to]
    text = mails[-1].get_body(("plain",)).get_content()
    return urlsplit(re.search(r"https?://\S+", text).group(0)).path


def check(page, width: int) -> None:
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.fixture(params=[PHONE, LAPTOP], ids=["phone", "laptop"])
def page(request, browser, live_server):
    viewport = request.param
    context = new_context(browser, live_server["url"], viewport=viewport,
                          mobile=viewport is PHONE)
    page = context.new_page()
    page.width = viewport["width"]
    yield page
    context.close()


def test_sign_up_confirm_and_sign_in(page, live_server):
    email = f"ny-kunstner-{page.width}@example.no"
    page.goto("/")
    account = page.get_by_role("navigation", name="Konto")
    if page.width == PHONE["width"]:  # the menu keeps to two rows: sign-up is on sign-in
        account.get_by_role("link", name="Logg inn").click()
        page.get_by_role("link", name="Ny her? Lag en konto for å søke").click()
    else:
        account.get_by_role("link", name="Registrer deg").click()
    assert page.locator("h1").inner_text() == "Lag en konto"
    check(page, page.width)
    page.get_by_role("button", name="Lag kontoen").click()  # nothing filled in
    assert page.get_by_label("Navn").get_attribute("aria-invalid") == "true"
    check(page, page.width)
    page.get_by_label("Navn").fill("Ny Kunstner")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Nytt passord", exact=True).fill("et langt passord")
    page.get_by_label("Nytt passord en gang til").fill("et langt passord")
    page.get_by_role("button", name="Lag kontoen").click()
    assert "Sjekk innboksen" in page.locator("h1").inner_text()
    check(page, page.width)

    page.goto(last_link(live_server, email))
    check(page, page.width)
    page.get_by_role("button", name="Bekreft adressen min").click()
    assert "bekreftet" in page.locator("h1").inner_text()
    page.get_by_role("main").get_by_role("link", name="Logg inn").click()
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill("et langt passord")
    page.get_by_role("button", name="Logg inn").click()
    assert page.locator("h1").inner_text() == "Min konto"
    assert account.get_by_role("link", name="Konto").is_visible()
    check(page, page.width)


def test_ask_for_a_new_password_and_set_it(page, live_server):
    email = f"glemsk-{page.width}@example.no"
    with live_server["app"].app_context():
        create_user(email=email, password="det gamle passordet", role="artist")
        db.session.commit()
    page.goto("/auth/login")
    page.get_by_role("link", name="Glemt passordet?").click()
    check(page, page.width)
    page.get_by_label("E-post").fill(email)
    page.get_by_role("button", name="Send lenken").click()
    assert "Sjekk innboksen" in page.locator("h1").inner_text()

    page.goto(last_link(live_server, email))
    assert page.locator("h1").inner_text() == "Velg nytt passord"
    check(page, page.width)
    page.get_by_label("Nytt passord", exact=True).fill("kort")
    page.get_by_label("Nytt passord en gang til").fill("kort")
    page.get_by_role("button", name="Lagre passordet").click()
    assert "minst 10 tegn" in page.locator(".field--error").first.inner_text()
    check(page, page.width)
    page.get_by_label("Nytt passord", exact=True).fill("det nye passordet")
    page.get_by_label("Nytt passord en gang til").fill("det nye passordet")
    page.get_by_role("button", name="Lagre passordet").click()
    assert "Det nye passordet er lagret" in page.locator(".flashes").inner_text()
