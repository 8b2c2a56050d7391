"""Re-encoding: the clean master (upright, sRGB, no metadata) and the copies made from it.

Pure functions over files: no database, no Flask. `make_copies(raw, folder)` is what the job
runs; the bench times it.
"""

from __future__ import annotations

import io
import math
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from kunstrute.media.checks import IMAGE_FORMATS, QUARTER_TURNS, strict_decoding


@dataclass(frozen=True)
class Variant:
    #: The file name in the key's folder.
    filename: str
    mimetype: str
    #: Longest side for the jury copy; width for the guide's copies.
    bound: int
    by_width: bool


#: The longest side of any copy: the jury's (a portrait w1280 would otherwise be 2560 tall).
LONGEST = 1920
#: Every copy of an image. The jury copy is letterboxed by the page, so its long side is bound.
VARIANTS = {
    "jury": Variant("jury.jpg", "image/jpeg", 1920, by_width=False),
    "w320": Variant("w320.webp", "image/webp", 320, by_width=True),
    "w640": Variant("w640.webp", "image/webp", 640, by_width=True),
    "w1280": Variant("w1280.webp", "image/webp", 1280, by_width=True),
    "w640jpg": Variant("w640.jpg", "image/jpeg", 640, by_width=True),
}
#: The responsive set offered to browsers (srcset), smallest first.
SRCSET_VARIANTS = ("w320", "w640", "w1280")
MASTER_JPEG, MASTER_PNG = "master.jpg", "master.png"
#: The clean master's longest side: above every copy, and enough for a printed catalogue.
MASTER_LONGEST = 2048
JPEG_QUALITY, WEBP_QUALITY = 85, 80
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class Processed:
    width: int
    height: int
    master: str


def copy_size(variant: Variant, width: int, height: int) -> tuple[int, int]:
    """Return the copy's size for an image of this size: never larger than the image."""
    scale = min(1.0, LONGEST / max(width, height))
    if variant.by_width:
        scale = min(scale, variant.bound / width)
    else:
        scale = min(scale, variant.bound / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def clean(image: Image.Image, longest: int | None = None) -> Image.Image:
    """Return the picture upright, in sRGB RGB (RGBA if it has transparency), metadata gone.

    With `longest`, a larger picture is first scaled down to that long side, so the colour
    conversion works on the pixels that are kept, not on the camera's twelve million.
    """
    image = ImageOps.exif_transpose(image)
    icc = image.info.get("icc_profile")
    if longest and max(image.size) > longest:
        scale = longest / max(image.size)
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info)
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if alpha:
        image = image.convert("RGBA")
    elif image.mode not in ("RGB", "CMYK", "L"):
        image = image.convert("RGB")
    if icc:
        image = to_srgb(image, icc)
    target = "RGBA" if alpha else "RGB"
    if image.mode != target:
        image = image.convert(target)
    image.info = {}  # exif_transpose and convert return new images: this one is ours
    return image


def to_srgb(image: Image.Image, icc: bytes) -> Image.Image:
    """Convert from the embedded profile to sRGB; a broken or unfitting profile is ignored."""
    alpha = image.getchannel("A") if image.mode == "RGBA" else None
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if image.mode != "CMYK" and "srgb" in ImageCms.getProfileDescription(source).lower():
            return image  # already sRGB: the conversion would change nothing
        converted = ImageCms.profileToProfile(
            image.convert("RGB") if alpha else image, source, _SRGB, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # the numbers as they are are the best guess
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def flatten(image: Image.Image) -> Image.Image:
    """Return an RGB image, transparency on white (for JPEG)."""
    if image.mode != "RGBA":
        return image
    white = Image.new("RGB", image.size, "white")
    white.paste(image, mask=image.getchannel("A"))
    return white


def _save(image: Image.Image, path: Path, fmt: str, **options) -> None:
    """Write through a temporary name, so a reader never sees half a file."""
    partial = path.with_name(path.name + ".part")
    image.save(partial, fmt, **options)
    os.replace(partial, path)


def save_copy(image: Image.Image, variant: Variant, path: Path) -> None:
    if variant.mimetype == "image/jpeg":
        _save(flatten(image), path, "JPEG", quality=JPEG_QUALITY, optimize=False,
              progressive=True)
    else:
        _save(image, path, "WEBP", quality=WEBP_QUALITY, method=4)


def oriented_size(image: Image.Image) -> tuple[int, int]:
    """Return the picture's size as shown: EXIF quarter turns swap width and height."""
    turned = image.format != "HEIF" and image.getexif().get(0x0112, 1) in QUARTER_TURNS
    return (image.height, image.width) if turned else image.size


def make_copies(raw: Path, folder: Path) -> Processed:
    """Write the clean master and every copy of the upload at `raw` into `folder`.

    The master is bound to MASTER_LONGEST, the most the site will ever show; a JPEG is
    decoded at the smallest scale (1/2, 1/4, 1/8) that still covers the jury copy.
    """
    strict_decoding()
    with Image.open(raw, formats=IMAGE_FORMATS) as opened:
        width, height = oriented_size(opened)
        if opened.format == "JPEG" and max(opened.size) > LONGEST:
            scale = LONGEST / max(opened.size)
            opened.draft(opened.mode, (math.ceil(opened.width * scale),
                                       math.ceil(opened.height * scale)))
        image = clean(opened, MASTER_LONGEST)
    master = MASTER_PNG if image.mode == "RGBA" else MASTER_JPEG
    if master == MASTER_PNG:
        _save(image, folder / master, "PNG", compress_level=1)
    else:
        _save(image, folder / master, "JPEG", quality=92)
    jury = VARIANTS["jury"]
    # The copies come from the next larger one: the same quality, a fraction of the work.
    source = image.resize(copy_size(jury, width, height), Image.Resampling.LANCZOS)
    save_copy(source, jury, folder / jury.filename)
    for name in ("w1280", "w640", "w640jpg", "w320"):
        variant = VARIANTS[name]
        size = copy_size(variant, width, height)
        if size != source.size:
            smaller = source.resize(size, Image.Resampling.LANCZOS)
            if name != "w640jpg":
                source = smaller
        else:
            smaller = source
        save_copy(smaller, variant, folder / variant.filename)
    return Processed(width=width, height=height, master=master)
