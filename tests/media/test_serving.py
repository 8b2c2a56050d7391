"""Serving: public copies to anyone with long caching; private ones only through a domain."""

import io
import re

import pytest
from flask import render_template_string

from kunstrute.media.services import make_private, send_variant, store_pdf
from tests.media.factories import pdf_bytes, stored_image, upload

VARIANT_TYPES = {"jury": "image/jpeg", "w320": "image/webp", "w640": "image/webp",
                 "w1280": "image/webp", "w640jpg": "image/jpeg"}


@pytest.mark.parametrize("variant, mimetype", VARIANT_TYPES.items())
def test_a_public_image_is_served_to_anyone_with_long_caching(client, variant, mimetype):
    file = stored_image(public=True)
    response = client.get(f"/media/{file.key}/{variant}")
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["ETag"]
    assert "Set-Cookie" not in response.headers


def test_a_public_image_answers_304_to_a_browser_that_has_it(client):
    file = stored_image(public=True)
    first = client.get(f"/media/{file.key}/w640")
    again = client.get(f"/media/{file.key}/w640", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_private_pending_unknown_and_made_private_files_all_answer_the_same_404(client, db):
    private = stored_image()
    pending = stored_image(public=True, process=False)
    withdrawn = stored_image(public=True)
    make_private(withdrawn)
    db.session.commit()
    bodies = set()
    for key in (private.key, pending.key, withdrawn.key, "x" * 32):
        response = client.get(f"/media/{key}/w640")
        assert response.status_code == 404, key
        page = response.get_data(as_text=True).replace(key, "KEY")
        bodies.add(re.sub(r'data-rendered="[^"]*"', "", page))  # when, to the second
    assert len(bodies) == 1


@pytest.mark.parametrize("path", ["master", "upload", "w640.webp", "..%2Fupload", "w9999"])
def test_only_named_copies_are_served_never_the_master_or_the_upload(client, path):
    file = stored_image(public=True)
    assert client.get(f"/media/{file.key}/{path}").status_code == 404


def test_an_overlong_key_is_refused_without_a_lookup(client):
    assert client.get(f"/media/{'k' * 200}/w640").status_code == 404


def test_send_variant_answers_privately_and_never_to_be_stored(app, db):
    file = stored_image()
    with app.test_request_context():
        response = send_variant(file, "jury")
        assert response.status_code == 200 and response.mimetype == "image/jpeg"
        assert response.headers["Cache-Control"] == "private, no-store"
        for missing in ("nope", "pdf", "master"):
            with pytest.raises(Exception) as caught:
                send_variant(file, missing)
            assert getattr(caught.value, "code", None) == 404


def test_send_variant_serves_a_pdf_under_a_neutral_name(app, db):
    file = store_pdf(upload=upload(pdf_bytes(), name="Kari Nordmann CV.pdf"))
    with app.test_request_context():
        response = send_variant(file, "pdf")
        assert response.mimetype == "application/pdf"
        assert "Kari" not in response.headers["Content-Disposition"]
        assert response.headers["Cache-Control"] == "private, no-store"


def test_the_picture_macro_gives_srcset_sizes_and_dimensions(app, db):
    file = stored_image(width=1500, height=3000, public=True)
    with app.test_request_context():
        html = render_template_string(
            '{% from "_macros.html" import picture %}'
            '{{ picture(file, alt, sizes="(min-width: 40em) 50vw, 100vw", class="work") }}',
            file=file, alt='Fjord "blå" <3')
    assert f"/media/{file.key}/w320 320w, /media/{file.key}/w640 640w, " \
           f"/media/{file.key}/w1280 960w" in html
    assert 'sizes="(min-width: 40em) 50vw, 100vw"' in html
    assert 'width="1500" height="3000"' in html
    assert 'loading="lazy"' in html and 'decoding="async"' in html
    assert f'src="/media/{file.key}/w640jpg"' in html
    assert 'alt="Fjord &#34;blå&#34; &lt;3"' in html and 'class="work"' in html


def test_the_picture_macro_shows_nothing_for_an_image_not_yet_ready(app, db):
    file = stored_image(process=False)
    with app.test_request_context():
        html = render_template_string(
            '{% from "_macros.html" import picture %}{{ picture(file, "x") }}', file=file)
    assert "<img" not in html


def post_huge(client, **headers):
    """Declare a 200 MB body: the server must refuse it from its length, before reading it."""
    body = io.BytesIO(b"--x\r\n" + b"\0" * 4096)
    return client.post("/auth/login", input_stream=body,
                       content_type="multipart/form-data; boundary=x", headers=headers,
                       environ_overrides={"CONTENT_LENGTH": str(200 * 1024 * 1024)})


def test_a_200_mb_upload_is_refused_with_a_page_naming_the_limit(client):
    response = post_huge(client)
    assert response.status_code == 413
    text = re.sub(r"\s+", " ", response.get_data(as_text=True))
    assert "Opplastingen er for stor" in text and "30 MB" in text


def test_a_200_mb_upload_from_a_script_gets_json(client):
    response = post_huge(client, Accept="application/json")
    assert response.status_code == 413
    assert response.json["limit_bytes"] == 30 * 1024 * 1024
    assert "30 MB" in response.json["error"]
