"""Content checks for uploads: what a file is comes from its bytes, never its name or type.

Images open with Pillow restricted to an allow-list of formats; the pixel limit is checked
from the header, before any decoding, so a decompression bomb costs milliseconds. A PDF must
start like one, end like one and open with pypdf.
"""

from __future__ import annotations

import io
import struct
import warnings
from dataclasses import dataclass

import pillow_heif
from flask_babel import gettext as _
from PIL import Image, ImageFile, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

pillow_heif.register_heif_opener()

#: Pillow's names of the image formats we accept; HEIF covers the HEIC photos of phones.
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
#: EXIF orientations that turn the picture a quarter, so width and height swap.
QUARTER_TURNS = {5, 6, 7, 8}
#: Formats whose EXIF orientation Pillow reads from the header, without decoding.
ORIENTED = {"JPEG", "WEBP"}

#: Recognisable starts of files we refuse, to name them in the message.
KNOWN_OTHERS = (
    (b"GIF8", "GIF"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"BM", "BMP"),
    (b"MZ", "program"), (b"\x7fELF", "program"), (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP"),
)


class UploadError(ValueError):
    """An upload we refuse; str() is the translated message to show next to the field."""


@dataclass(frozen=True)
class ImageInfo:
    format: str
    #: As shown: after the EXIF orientation is applied.
    width: int
    height: int


def megabytes(limit: int) -> str:
    return f"{limit / (1024 * 1024):.3g}"


def read_limited(upload, limit: int) -> bytes:
    """Return the upload's bytes (a FileStorage, a file or bytes); refuse more than `limit`."""
    if isinstance(upload, bytes | bytearray):
        data = bytes(upload)
    else:
        stream = getattr(upload, "stream", upload)
        data = stream.read(limit + 1)
    if not data:
        raise UploadError(_("The file is empty. Choose the file again."))
    if len(data) > limit:
        raise UploadError(_("The file is larger than %(mb)s MB. Choose a smaller one.",
                            mb=megabytes(limit)))
    return data


def _what_else(data: bytes) -> str | None:
    """Name a kind of file we refuse, if its first bytes tell."""
    head = data[:512].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:4096].lower()):
        return "SVG"
    if head.startswith((b"<!doctype html", b"<html", b"<script", b"<")):
        return "HTML"
    return next((name for magic, name in KNOWN_OTHERS if data.startswith(magic)), None)


def not_an_image(data: bytes) -> UploadError:
    kind = _what_else(data)
    accepted = _("Accepted are JPEG, PNG, WebP and HEIC (photos from a phone).")
    if kind == "program":
        return UploadError(_("This file is a program, not an image.") + " " + accepted)
    if kind:
        return UploadError(_("This is a file of type %(kind)s, not an image we accept.", kind=kind)
                           + " " + accepted)
    return UploadError(_("This file is not an image we can read.") + " " + accepted)


def strict_decoding() -> None:
    """Make Pillow refuse a cut-off image again, whatever a library in this process set.

    WeasyPrint sets ImageFile.LOAD_TRUNCATED_IMAGES = True for the whole process when it is
    imported (a worker that made a PDF would then pass half an upload as whole).
    """
    ImageFile.LOAD_TRUNCATED_IMAGES = False


def check_image(data: bytes, *, max_pixels: int) -> ImageInfo:
    """Return the image's format and size, or raise UploadError; decodes only a small draft."""
    strict_decoding()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=IMAGE_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(max_pixels) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise not_an_image(data) from None
    with image:
        width, height = image.size
        if width * height > max_pixels:
            raise _too_many_pixels(max_pixels)
        # Read from the header; pillow-heif turns HEIF itself, a PNG's tag the job applies.
        orientation = image.getexif().get(0x0112, 1) if image.format in ORIENTED else 1
        _prove_whole(image)
    if orientation in QUARTER_TURNS:
        width, height = height, width
    return ImageInfo(format=image.format, width=width, height=height)


def _too_many_pixels(max_pixels: int) -> UploadError:
    return UploadError(_("The image has too many pixels: at most %(mp)s megapixels. "
                         "Export a smaller version and try again.",
                         mp=f"{max_pixels / 1_000_000:.3g}"))


def _prove_whole(image: Image.Image) -> None:
    """Decode the image (a JPEG at 1/8 size, a PNG's checksums only) to prove it is complete."""
    try:
        if image.format == "PNG":
            image.verify()
        else:
            if image.format == "JPEG":
                image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            if image.format != "HEIF":  # libheif has read the whole container by now;
                image.load()            # decoding waits for the job (FAILED if it cannot)
    except (OSError, ValueError, SyntaxError, EOFError, struct.error, IndexError):
        raise UploadError(_("The image is damaged or incomplete (perhaps the upload was cut "
                            "off). Choose the file again.")) from None


def check_pdf(data: bytes) -> int:
    """Return the PDF's number of pages, or raise UploadError if it is not a readable PDF."""
    refused = UploadError(_("This file is not a PDF. Save or export the CV as PDF and try "
                            "again."))
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise refused
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UploadError(_("The PDF is protected by a password. Save it without one "
                                "and try again."))
        pages = len(reader.pages)
    except UploadError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError):
        raise refused from None
    if pages < 1:
        raise refused
    return pages
