"""Factories of uploaded files: image bytes made on the spot, and stored (processed) images."""

import io
import struct
import zlib

from PIL import Image, ImageCms
from pypdf import PdfWriter
from werkzeug.datastructures import FileStorage

from kunstrute.media.services import make_public, queue_processing, store_image

#: EXIF tags a phone or camera writes that must never reach a juror or the public.
ARTIST, MAKE, MODEL, GPS_IFD = 0x013B, 0x010F, 0x0110, 0x8825
ORIENTATION = 0x0112


def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def camera_exif(*, orientation: int | None = None, artist: str = "Kari Nordmann") -> Image.Exif:
    """Return EXIF as a phone writes it: camera, the photographer's name and GPS position."""
    exif = Image.Exif()
    exif[ARTIST], exif[MAKE], exif[MODEL] = artist, "Canon", "EOS R6"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (59.0, 47.0, 12.5), 3: "E", 4: (10.0, 14.0, 3.0)})
    if orientation:
        exif[ORIENTATION] = orientation
    return exif


def picture(width: int, height: int, mode: str = "RGB") -> Image.Image:
    """Return a picture whose left half is red and right half blue (to see turns)."""
    image = Image.new("RGB", (width, height), (220, 20, 20))
    image.paste((20, 20, 220), (width // 2, 0, width, height))
    if mode == "RGBA":
        image.putalpha(Image.linear_gradient("L").resize((width, height)))
    elif mode != "RGB":
        image = image.convert(mode)
    return image


def image_bytes(width: int = 640, height: int = 480, fmt: str = "JPEG", *,
                exif: Image.Exif | None = None, icc: bytes | None = None,
                mode: str = "RGB", **options) -> bytes:
    """Return an encoded image ("JPEG", "PNG", "WEBP", "HEIF", or any Pillow writes)."""
    buffer = io.BytesIO()
    if exif is not None:
        options["exif"] = exif.tobytes() if fmt == "HEIF" else exif
    if icc is not None:
        options["icc_profile"] = icc
    picture(width, height, mode).save(buffer, fmt, **options)
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """Return a small PNG that claims to be `width`×`height` (a decompression bomb's header)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 4096)) + chunk(b"IEND", b""))


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    """Return the upload as Flask hands it to a view: a name and type the client chose."""
    return FileStorage(stream=io.BytesIO(data), filename=name, content_type=content_type)


def pdf_bytes(pages: int = 1) -> bytes:
    """Return a real PDF of blank A4 pages."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def stored_image(*, owner=None, width: int = 800, height: int = 600, fmt: str = "JPEG",
                 public: bool = False, process: bool = True, data: bytes | None = None):
    """Return a stored image: processed (READY) unless `process=False`, public if asked."""
    file = store_image(upload=data or image_bytes(width, height, fmt), owner=owner)
    if process:
        queue_processing([file])  # jobs run at once in tests
    if public:
        make_public(file)
    return file
