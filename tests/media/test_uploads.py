"""Uploads are judged by their content: what is refused, with which message, and nothing kept."""

import pytest
import sqlalchemy as sa

from kunstrute.media.models import MediaFile, MediaKind, MediaStatus
from kunstrute.media.services import UploadError, queue_processing, store_image, store_pdf
from tests.media.factories import image_bytes, pdf_bytes, png_header_only, upload

ACCEPTED = "JPEG, PNG, WebP og HEIC"


def refused(store, data: bytes, **kwargs) -> str:
    with pytest.raises(UploadError) as caught:
        store(upload=upload(data, **kwargs))
    return str(caught.value)


@pytest.fixture
def nothing_kept(db, upload_folder):
    """Check, after the test, that no refused upload left a row or a file behind."""
    yield
    assert db.session.scalar(sa.select(sa.func.count(MediaFile.id))) == 0
    assert not upload_folder.exists() or not any(upload_folder.iterdir())


@pytest.mark.parametrize("data, kind", [
    (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "program"),
    (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)'
     b"</script></svg>", "SVG"),
    (b"<svg onload=alert(1)></svg>", "SVG"),
    (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML"),
    (image_bytes(64, 64, "GIF"), "GIF"),
    (image_bytes(64, 64, "TIFF"), "TIFF"),
    (image_bytes(64, 64, "BMP"), "BMP"),
    (pdf_bytes(), "PDF"),
], ids=["exe", "svg-xml", "svg", "html", "gif", "tiff", "bmp", "pdf"])
def test_files_that_are_not_accepted_images_are_refused_whatever_their_name(
        data, kind, nothing_kept):
    message = refused(store_image, data, name="work.jpg", content_type="image/jpeg")
    assert kind in message
    assert ACCEPTED in message


def test_an_image_of_30000_by_30000_pixels_in_a_small_file_is_refused_from_its_header(
        nothing_kept):
    data = png_header_only(30_000, 30_000)
    assert len(data) < 1000
    assert "for mange piksler" in refused(store_image, data, name="bomb.png")


def test_an_image_just_over_the_configured_pixel_limit_is_refused(app, nothing_kept,
                                                                   monkeypatch):
    monkeypatch.setitem(app.config, "MEDIA_MAX_PIXELS", 100 * 100)
    assert "for mange piksler" in refused(store_image, image_bytes(101, 100))


def test_a_truncated_jpeg_is_refused(nothing_kept):
    whole = image_bytes(1200, 900, quality=95)
    message = refused(store_image, whole[: len(whole) * 2 // 3])
    assert "skadet eller ufullstendig" in message


def test_a_truncated_png_is_refused(nothing_kept):
    whole = image_bytes(600, 400, "PNG")
    assert "skadet eller ufullstendig" in refused(store_image, whole[:-200], name="a.png")


def test_a_file_over_the_size_limit_is_refused_with_the_limit(app, nothing_kept, monkeypatch):
    monkeypatch.setitem(app.config, "MEDIA_MAX_IMAGE_BYTES", 3 * 1024 * 1024)
    data = image_bytes(64, 64) + b"\x00" * (3 * 1024 * 1024)
    assert "større enn 3 MB" in refused(store_image, data)


def test_an_empty_file_is_refused(nothing_kept):
    assert "tom." in refused(store_image, b"")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "HEIF"])
def test_accepted_formats_are_stored_privately_under_a_random_name(db, upload_folder, fmt):
    file = store_image(upload=upload(image_bytes(300, 200, fmt), name="../../Kari Nordmann.jpg"))
    assert file.kind == MediaKind.IMAGE and file.status == MediaStatus.PENDING
    assert file.detected_format == fmt
    assert (file.width, file.height) == (300, 200)
    assert file.original_name == "Kari Nordmann.jpg"
    assert not file.public
    stored = [p.relative_to(upload_folder).as_posix() for p in upload_folder.rglob("*")
              if p.is_file()]
    assert stored == [f"{file.key}/upload"]
    assert len(file.key) >= 32


def test_a_heic_photo_from_a_phone_is_accepted_and_processed(db):
    file = store_image(upload=upload(image_bytes(400, 300, "HEIF"), name="IMG_0001.HEIC",
                                     content_type="image/heic"))
    db.session.commit()
    queue_processing([file])
    assert file.status == MediaStatus.READY
    assert file.detected_format == "HEIF"


def test_a_real_pdf_is_stored_ready(db, upload_folder):
    file = store_pdf(upload=upload(pdf_bytes(2), name="CV.pdf", content_type="application/pdf"))
    assert file.kind == MediaKind.PDF and file.status == MediaStatus.READY
    assert (upload_folder / file.key / "document.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("data", [
    b"<!DOCTYPE html><html>CV</html>",
    image_bytes(64, 64),
    b"%PDF-1.7\n" + b"garbage " * 100 + b"\n%%EOF\n",
    pdf_bytes(3)[:400],
], ids=["html", "jpeg", "header-only", "truncated"])
def test_a_pdf_that_is_not_one_is_refused(data, nothing_kept):
    message = refused(store_pdf, data, name="cv.pdf", content_type="application/pdf")
    assert "ikke en PDF" in message


def test_a_pdf_over_its_limit_is_refused(app, nothing_kept, monkeypatch):
    monkeypatch.setitem(app.config, "MEDIA_MAX_PDF_BYTES", 1024)
    assert "større enn" in refused(store_pdf, pdf_bytes() + b"\n" * 2048)


def test_the_message_is_in_english_for_who_chose_english(app, nothing_kept):
    with app.test_request_context(headers={"Cookie": "lang=en"}):
        message = refused(store_image, b"<svg onload=alert(1)></svg>")
    assert message == ("This is a file of type SVG, not an image we accept. "
                       "Accepted are JPEG, PNG, WebP and HEIC (photos from a phone).")
