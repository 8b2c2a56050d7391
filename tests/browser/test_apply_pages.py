"""The applicant's pages at 390×844 and 1280×800: each fits the screen (no sideways scroll)
and axe finds no WCAG 2.1 A/AA violation, from the anonymous /apply to the submitted status."""

import pytest

from tests.applications.helpers import pdf_bytes
from tests.browser.applying import (
    WHILE_OPEN,
    account,
    add_work,
    fill_details,
    fits_and_passes_axe,
    follow,
    nb,
    sample_server,
    server_clock,
    sign_in,
)
from tests.browser.conftest import LAPTOP, PHONE, new_context
from tests.media.factories import image_bytes


@pytest.fixture(scope="module")
def apply_server(tmp_path_factory):
    """The sample edition with its application window open, and one applicant per size."""
    with server_clock(WHILE_OPEN), sample_server(tmp_path_factory, "apply") as (url, app):
        with app.app_context():
            for size in ("phone", "laptop"):
                account(f"{size}@example.org", "artist", f"Kari {size.title()}")
        yield url


@pytest.mark.parametrize("size, viewport", [("phone", PHONE), ("laptop", LAPTOP)])
def test_the_applicants_pages_fit_and_pass_axe(browser, apply_server, size, viewport):
    context = new_context(browser, apply_server, viewport=viewport, mobile=size == "phone")
    page = context.new_page()
    email = f"{size}@example.org"

    page.goto("/apply")
    assert page.get_by_role("link", name=nb("Create an account")).is_visible()
    fits_and_passes_axe(page)

    sign_in(page, email)
    page.goto("/apply")
    start = page.get_by_role("button", name=nb("Start your application"))
    fits_and_passes_axe(page)
    follow(page, start)
    fits_and_passes_axe(page)

    # Submitting the empty draft: 400, each message at its field, what was typed kept.
    page.locator("#details").get_by_label(nb("Place"), exact=True).fill("Lierbyen")
    follow(page, page.get_by_role("button", name=nb("Submit application")))
    assert page.locator("#address-error").inner_text() == nb("Enter the studio's address.")
    assert page.locator("#address").get_attribute("aria-invalid") == "true"
    assert page.locator("#place").input_value() == "Lierbyen"
    assert page.locator(".app-problems").is_visible()
    fits_and_passes_axe(page)

    fill_details(page, name=f"Kari {size.title()}", email=email)
    follow(page, page.get_by_role("button", name=nb("Save draft")))
    page.goto("/apply")
    assert page.locator(".app-status__badge").inner_text().endswith(nb("Draft"))
    fits_and_passes_axe(page)

    follow(page, page.get_by_role("link", name=nb("Open the application")))
    page.get_by_label(nb("CV (PDF)")).set_input_files(
        files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}])
    follow(page, page.get_by_role("button", name=nb("Upload CV")))
    for n, (width, height) in enumerate([(1600, 1200), (900, 1600), (1200, 1200)], start=1):
        add_work(page, title=f"Verk {n}", name=f"IMG_{n:04d}.JPG", mime="image/jpeg",
                 data=image_bytes(width, height))
    images = page.locator(".app-work__image img")
    assert images.count() == 3
    for n in range(3):  # lazy: a phone loads each as it scrolls by
        images.nth(n).scroll_into_view_if_needed()
    page.wait_for_function("() => [...document.querySelectorAll('.app-work__image img')]"
                           ".every(i => i.complete && i.naturalWidth > 0)")
    fits_and_passes_axe(page)

    follow(page, page.get_by_role("link", name=nb("See what the jury sees")).first)
    assert f"Kari {size.title()}" not in page.locator("main").inner_text()
    fits_and_passes_axe(page)

    page.goto("/apply/form")
    follow(page, page.get_by_role("button", name=nb("Submit application")))
    assert page.locator(".app-status__badge").inner_text().endswith(nb("Submitted"))
    fits_and_passes_axe(page)

    follow(page, page.get_by_role("link", name=nb("Withdraw the application")))
    assert page.get_by_role("button", name=nb("Yes, withdraw it")).is_visible()
    fits_and_passes_axe(page)
    context.close()
