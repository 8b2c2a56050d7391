"""The application form's markup, where the whole-path browser test found faults."""

import re

import pytest

from tests.applications import factories
from tests.applications.helpers import sign_in_applicant, token


@pytest.fixture
def form_page(client, db) -> str:
    factories.open_edition()
    db.session.commit()
    sign_in_applicant(client, db)
    client.post("/apply/start", data={"csrf_token": token(client)})
    return client.get("/apply/form").get_data(as_text=True)


def test_the_cv_label_names_the_file_input(form_page):
    """Screen readers and a click on "CV (PDF)" reach the file input, not the section."""
    assert form_page.count('id="cv"') == 1
    assert re.search(r'<label for="cv">[^<]*</label>', form_page)
    assert re.search(r'<input[^>]*id="cv"[^>]*type="file"|<input[^>]*type="file"[^>]*id="cv"',
                     form_page)


def test_a_laptops_file_picker_offers_photos_from_a_phone(form_page):
    """Desktop pickers know no MIME type for .heic files: the accept list names the suffixes."""
    accepts = re.findall(r'<input[^>]*id="new-image"[^>]*accept="([^"]*)"|'
                         r'<input[^>]*accept="([^"]*)"[^>]*id="new-image"', form_page)
    accepted = {part for match in accepts for group in match for part in group.split(",")}
    assert {".heic", ".heif", "image/heic", "image/jpeg"} <= accepted
