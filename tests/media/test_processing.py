"""The job's clean master and copies: upright, sRGB, no metadata, the right sizes, run twice."""

import io

import pytest
from PIL import Image

from kunstrute.media.jobs import process_images
from kunstrute.media.models import MediaStatus
from kunstrute.media.services import queue_processing, store_image
from tests.media.factories import (
    ARTIST,
    GPS_IFD,
    MAKE,
    camera_exif,
    image_bytes,
    srgb_profile,
    stored_image,
)

RED, BLUE = (220, 20, 20), (20, 20, 220)


def copies(folder, file) -> dict[str, Image.Image]:
    """Open every file in the key's folder, by name."""
    return {path.name: Image.open(path) for path in sorted((folder / file.key).iterdir())}


def near(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def test_exif_orientation_is_applied_and_every_copy_stands_upright(db, upload_folder):
    # Stored lying on its side (red left, blue right), tagged "turn 90° clockwise to view".
    data = image_bytes(1600, 1000, exif=camera_exif(orientation=6))
    file = stored_image(data=data)
    assert file.status == MediaStatus.READY
    assert (file.width, file.height) == (1000, 1600)
    for name, image in copies(upload_folder, file).items():
        assert image.height > image.width, name
        image = image.convert("RGB")
        assert near(image.getpixel((image.width // 2, 5)), RED), name
        assert near(image.getpixel((image.width // 2, image.height - 5)), BLUE), name


def test_gps_camera_and_artist_tags_comments_and_profiles_are_gone(db, upload_folder):
    data = image_bytes(1200, 800, exif=camera_exif(), icc=srgb_profile(),
                       comment=b"Kari Nordmann 2026")
    source = Image.open(io.BytesIO(data))
    assert source.getexif()[ARTIST] == "Kari Nordmann" and "icc_profile" in source.info
    file = stored_image(data=data)
    for name, image in copies(upload_folder, file).items():
        exif = image.getexif()
        assert ARTIST not in exif and MAKE not in exif and not exif.get_ifd(GPS_IFD), name
        assert not {"exif", "icc_profile", "comment", "xmp", "XML:com.adobe.xmp"} & set(
            image.info), f"{name}: {image.info.keys()}"
        raw = (upload_folder / file.key / name).read_bytes()
        assert b"Kari Nordmann" not in raw and b"Canon" not in raw, name


def test_a_heic_photo_keeps_no_metadata(db, upload_folder):
    file = stored_image(data=image_bytes(800, 600, "HEIF", exif=camera_exif()))
    assert file.status == MediaStatus.READY
    for name in ("jury.jpg", "w640.webp"):
        raw = (upload_folder / file.key / name).read_bytes()
        assert b"Kari Nordmann" not in raw and b"Canon" not in raw


@pytest.mark.parametrize("size, expected", [
    ((4000, 3000), {"jury.jpg": (1920, 1440), "w1280.webp": (1280, 960),
                    "w640.webp": (640, 480), "w640.jpg": (640, 480), "w320.webp": (320, 240)}),
    ((1500, 3000), {"jury.jpg": (960, 1920), "w1280.webp": (960, 1920),
                    "w640.webp": (640, 1280), "w640.jpg": (640, 1280), "w320.webp": (320, 640)}),
    ((500, 400), {"jury.jpg": (500, 400), "w1280.webp": (500, 400),
                  "w640.webp": (500, 400), "w640.jpg": (500, 400), "w320.webp": (320, 256)}),
], ids=["landscape", "portrait", "small"])
def test_copies_have_the_right_sizes_and_are_never_enlarged(db, upload_folder, size, expected):
    file = stored_image(width=size[0], height=size[1])
    found = {name: image.size for name, image in copies(upload_folder, file).items()
             if not name.startswith("master")}
    assert found == expected
    formats = {name: image.format for name, image in copies(upload_folder, file).items()}
    assert formats["jury.jpg"] == "JPEG" and formats["w640.webp"] == "WEBP"


def test_the_raw_upload_is_deleted_once_the_clean_master_exists(db, upload_folder):
    file = stored_image(process=False)
    assert (upload_folder / file.key / "upload").is_file()
    queue_processing([file])
    assert not (upload_folder / file.key / "upload").exists()
    assert (upload_folder / file.key / "master.jpg").is_file()


@pytest.mark.parametrize("mode, fmt", [("CMYK", "JPEG"), ("P", "PNG"), ("RGBA", "PNG"),
                                       ("L", "JPEG"), ("I;16", "PNG"), ("LA", "PNG"),
                                       ("RGBA", "WEBP")])
def test_unusual_colour_modes_become_plain_srgb_copies(db, upload_folder, mode, fmt):
    options = {"transparency": 0} if mode == "P" else {}
    file = stored_image(data=image_bytes(700, 500, fmt, mode=mode, **options))
    assert file.status == MediaStatus.READY, file.error
    images = copies(upload_folder, file)
    assert images["jury.jpg"].mode == "RGB"
    assert images["w640.webp"].mode in ("RGB", "RGBA")
    if mode == "CMYK":
        jury = images["jury.jpg"].convert("RGB")
        assert near(jury.getpixel((10, 250)), RED, 60) and near(jury.getpixel((690, 250)), BLUE, 60)


def test_transparency_is_kept_in_webp_and_laid_on_white_in_jpeg(db, upload_folder):
    file = stored_image(data=image_bytes(600, 400, "PNG", mode="RGBA"))
    images = copies(upload_folder, file)
    assert images["w640.webp"].mode == "RGBA"
    assert "master.png" in images
    # The top row is fully transparent in the factory's picture: white in the JPEG.
    assert near(images["w640.jpg"].convert("RGB").getpixel((10, 1)), (255, 255, 255), 30)


def test_the_job_is_safe_to_run_twice(db, upload_folder):
    file = stored_image()
    before = {p.name: p.stat().st_mtime_ns for p in (upload_folder / file.key).iterdir()}
    assert process_images.call_local([file.id]) == {"ready": 0, "failed": 0, "skipped": 1}
    after = {p.name: p.stat().st_mtime_ns for p in (upload_folder / file.key).iterdir()}
    assert after == before
    assert file.status == MediaStatus.READY


def test_an_image_the_job_cannot_read_is_marked_failed_with_a_reason(db, upload_folder):
    file = store_image(upload=image_bytes(300, 200))
    (upload_folder / file.key / "upload").write_bytes(b"not an image any more")
    db.session.commit()
    queue_processing([file])
    assert file.status == MediaStatus.FAILED
    assert file.error and len(file.error) <= 200
    assert process_images.call_local([file.id])["skipped"] == 1


def test_a_cut_off_heic_is_accepted_at_upload_and_marked_failed_by_the_job(db):
    # A HEIC is decoded by the job only (too slow for the request): the job finds the cut.
    whole = image_bytes(800, 600, "HEIF")
    file = stored_image(data=whole[: len(whole) // 2])
    assert file.status == MediaStatus.FAILED and file.error
