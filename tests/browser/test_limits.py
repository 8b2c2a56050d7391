"""The page a visitor gets after too many attempts is the site's own and accessible."""

from tests.browser.conftest import axe_violations


def test_the_too_many_attempts_page_is_readable_on_a_phone(phone):
    phone.goto("/auth/login")
    for attempt in range(11):  # the default allows ten wrong passwords per account
        phone.locator("#email").fill("guesser-target@example.org")
        phone.locator("#password").fill(f"guess number {attempt}")
        phone.locator("form.form button[type=submit]").click()
        phone.wait_for_load_state()
        if "For mange forsøk" in phone.locator("h1").inner_text():
            break
    assert phone.locator("h1").inner_text() == "For mange forsøk"
    assert "Vent 15 minutter" in phone.locator("main").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(phone) == []
