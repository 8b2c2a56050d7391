"""Subscribing on a phone: the form, its errors and its answer are accessible."""

from tests.browser.conftest import axe_violations


def test_subscribe_on_a_phone(phone):
    phone.goto("/newsletter")
    assert axe_violations(phone) == []
    phone.get_by_role("button", name="Abonner").click()  # nothing filled in
    assert phone.get_by_role("textbox", name="E-post").get_attribute("aria-invalid") == "true"
    assert axe_violations(phone) == []
    phone.get_by_role("textbox", name="E-post").fill("leser@example.no")
    phone.get_by_label("Ja, send meg nyhetsbrevet", exact=False).check()
    phone.get_by_role("button", name="Abonner").click()
    assert "Sjekk innboksen" in phone.locator("h1").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(phone) == []
