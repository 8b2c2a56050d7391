"""The printed catalogue's page on a phone and a laptop: reached from the organisers' home,
the empty state and the form, a build's progress followed by the page's script until the
download shows, with no axe violations. (The PDF is laid out in tests/stats.)"""

import re

import pytest
from pypdf import PdfWriter

from kunstrute.extensions import db
from kunstrute.stats.catalogue_build import catalogue_dir
from kunstrute.stats.models import CatalogueBuild, CatalogueFormat, CatalogueStatus
from tests.browser.conftest import axe_violations, demo_edition
from tests.browser.test_programme import sign_in_as_organiser


def _fits_and_passes_axe(page, width: int) -> bool:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    assert axe_violations(page) == [], page.url
    return True


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_build_is_followed_until_the_pdf_can_be_downloaded(device, request, live_server):
    page = request.getfixturevalue(device)
    width = page.viewport_size["width"]
    app = live_server["app"]
    sign_in_as_organiser(page)
    page.goto("/organiser/")
    page.get_by_role("link", name="Trykt katalog").click()
    assert page.locator("h1").inner_text().startswith("Trykt katalog:")
    assert page.get_by_label("Avis (280 × 400 mm)").count() == 1
    assert page.get_by_role("button", name="Lag katalogen").is_visible()
    assert _fits_and_passes_axe(page, width)

    with app.app_context():  # a build under way, as the worker leaves it between two parts
        build = CatalogueBuild(edition_id=demo_edition().id, status=CatalogueStatus.RUNNING,
                               page_format=CatalogueFormat.TABLOID, done=40, total=106)
        db.session.add(build)
        db.session.commit()
        build_id = build.id
    page.reload()
    status = page.locator("#catalogue-progress-text")
    assert status.inner_text() == "40 av 106 kunstnere er satt."
    assert page.get_by_role("button", name="Lag katalogen").count() == 0
    assert _fits_and_passes_axe(page, width)

    with app.app_context():  # the worker finishes: the script notices and reloads the page
        build = db.session.get(CatalogueBuild, build_id)
        path = catalogue_dir() / f"catalogue-test-{build_id}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        writer = PdfWriter()
        writer.add_blank_page(width=100, height=100)
        writer.write(path)
        build.status, build.done, build.pages = CatalogueStatus.DONE, 106, 12
        build.file_name, build.size_bytes = path.name, path.stat().st_size
        db.session.commit()
    status.wait_for(state="detached", timeout=15000)  # the script reloaded the page
    link = page.get_by_role("link", name=re.compile(r"^Last ned"))
    assert page.get_by_text("Ferdig: 12 sider.").count() >= 1
    assert page.get_by_role("button", name="Lag katalogen").is_visible()
    with page.expect_download() as download:
        link.first.click()
    assert download.value.suggested_filename == f"katalog-2027-{build_id}.pdf"
    assert _fits_and_passes_axe(page, width)
