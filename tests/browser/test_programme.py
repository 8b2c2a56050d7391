"""The programme on a phone: readable, accessible, and a visitor can sign up and cancel."""

import re
from pathlib import Path

import pytest

from kunstrute.mail import outbox_messages
from tests.browser.conftest import axe_violations


def first_tour_url(page) -> str:
    page.goto("/programme?kind=guided_tour")
    return page.locator(".event__title a").first.get_attribute("href")


@pytest.mark.parametrize("url", ["/programme", "/programme?kind=concert", "{tour}"])
def test_programme_pages_fit_the_phone_and_pass_axe(phone, url):
    phone.goto(url.format(tour=first_tour_url(phone)))
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(phone) == []
    assert phone.recorder.outside == []
    assert [e for e in phone.recorder.console_errors if "Content Security Policy" in e] == []


def link_mailed_to(outbox: str, address: str) -> str:
    """Return the path of the registration link in the newest e-mail to the address."""
    mails = [m for m in outbox_messages(Path(outbox)) if m["To"] == address]
    return re.search(r"/programme/registrations/[\w-]+", mails[-1].get_content()).group(0)


def test_a_visitor_signs_up_confirms_from_the_mail_and_cancels_on_the_phone(phone,
                                                                           live_server):
    phone.goto(first_tour_url(phone))
    phone.get_by_label("Navn").fill("Kari Nordmann")
    phone.get_by_label("E-post").fill("kari.browser@example.no")
    phone.get_by_role("button", name=re.compile("Meld deg på|Sett meg på ventelisten")).click()
    phone.wait_for_load_state()
    assert "Sjekk e-posten" in phone.locator("main").inner_text()
    assert "/programme/registrations/" not in phone.url
    phone.goto(link_mailed_to(live_server["outbox"], "kari.browser@example.no"))
    assert axe_violations(phone) == []
    phone.get_by_role("button", name="Bekreft påmeldingen").click()
    phone.wait_for_load_state()
    assert re.search("Du har plass|ventelisten", phone.locator(".state").inner_text())
    assert axe_violations(phone) == []
    phone.get_by_role("button", name="Meld meg av").click()
    phone.wait_for_load_state()
    assert "avmeldt" in phone.locator(".state").inner_text()


def test_a_bad_email_is_announced_at_the_field(phone):
    phone.goto(first_tour_url(phone))
    phone.get_by_label("Navn").fill("Ola")
    phone.get_by_label("E-post").fill("ola-at-example")
    phone.get_by_role("button", name=re.compile("Meld deg på")).click()
    field = phone.get_by_label("E-post")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.input_value() == "ola-at-example"
    assert phone.get_by_label("Navn").input_value() == "Ola"
    assert axe_violations(phone) == []


def sign_in_as_organiser(page):
    from tests.browser.conftest import ORGANISER

    page.goto("/auth/login")
    page.get_by_label("E-post").fill(ORGANISER[0])
    page.get_by_label("Passord").fill(ORGANISER[1])
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/organiser/**")


def test_organiser_programme_pages_work_on_a_phone(phone):
    sign_in_as_organiser(phone)
    phone.goto("/organiser/programme/")
    registrations = phone.get_by_role("link", name="Påmeldinger").first.get_attribute("href")
    edit = phone.locator(".admin-event .card__title a").first.get_attribute("href")
    for url in ["/organiser/programme/", "/organiser/programme/new", edit, registrations]:
        phone.goto(url)
        phone.wait_for_load_state("networkidle")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, url
        assert axe_violations(phone) == [], url
