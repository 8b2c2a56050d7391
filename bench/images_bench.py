"""Time the media job on one 12-megapixel phone photo: the clean master and every copy.

Usage: .venv/bin/python bench/images_bench.py [--runs 5]

Makes a 4000×3000 JPEG as a phone writes it (camera noise, EXIF orientation "turn 90°", GPS and
camera tags, an embedded ICC profile) and, since pillow-heif can write one, the same photo as
HEIC; then runs `kunstrute.media.images.make_copies` on each (what the worker's job does:
decode, turn upright, convert to sRGB, drop metadata, write the master, the 1920 px jury copy
and the four guide copies) and prints the median of the runs against the issue's 1.5 s goal.
It also times the request-side check (`checks.check_image`) of the same photo and of a
30,000 × 30,000 decompression bomb. One process, one core: as one worker thread runs it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageCms

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kunstrute.media.checks import UploadError, check_image  # noqa: E402
from kunstrute.media.images import make_copies  # noqa: E402
from tests.media.factories import camera_exif, png_header_only  # noqa: E402

GOAL_SECONDS = 1.5
WIDTH, HEIGHT = 4000, 3000


def phone_photo() -> Image.Image:
    """Return a 12 MP picture with a photo's entropy: gradients plus sensor noise."""
    noise = Image.effect_noise((WIDTH, HEIGHT), 12)
    red = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    blue = red.transpose(Image.Transpose.ROTATE_90).resize((WIDTH, HEIGHT))
    green = Image.blend(noise, red, 0.5)
    return Image.merge("RGB", (Image.blend(red, noise, 0.3), green, Image.blend(blue, noise, 0.3)))


#: (format, quality, what it stands for): a phone's JPEG; a HEIC of the size phones write
#: (1.5–3 MB for 12 MP); and the same picture's HEIC at high quality, the worst case (HEVC
#: decoding time grows with the bits to decode).
INPUTS = [("JPEG", 92, "a phone's JPEG"), ("HEIF", 50, "a phone's HEIC"),
          ("HEIF", 85, "HEIC, worst case")]


def encode(image: Image.Image, fmt: str, quality: int) -> bytes:
    exif = camera_exif(orientation=6)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    if fmt == "HEIF":
        image.save(buffer, "HEIF", quality=quality, exif=exif.tobytes(), icc_profile=icc)
    else:
        image.save(buffer, "JPEG", quality=quality, exif=exif, icc_profile=icc)
    return buffer.getvalue()


def time_copies(data: bytes, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            raw = Path(folder) / "upload"
            raw.write_bytes(data)
            started = time.perf_counter()
            make_copies(raw, Path(folder))
            times.append(time.perf_counter() - started)
    return times


def time_check(data: bytes, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with contextlib.suppress(UploadError):  # the bomb is refused: that is the point
            check_image(data, max_pixels=50_000_000)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import pillow_heif

    print(f"Pillow {Image.__version__}, pillow-heif {pillow_heif.__version__}; "
          f"median of {args.runs} runs\n")
    photo = phone_photo()
    print("| input | size | re-encode + all copies (median) | min | ratio to 1.5 s | "
          "request-side check |")
    print("|---|---|---|---|---|---|")
    for fmt, quality, label in INPUTS:
        data = encode(photo, fmt, quality)
        times = time_copies(data, args.runs)
        median = statistics.median(times)
        check = time_check(data, args.runs)
        print(f"| {label}: 4000×3000 {fmt} q{quality}, EXIF orientation 6, ICC | "
              f"{len(data) / 1e6:.1f} MB | "
              f"{median:.2f} s | {min(times):.2f} s | {median / GOAL_SECONDS:.2f} | "
              f"{check * 1000:.0f} ms |")
    bomb = png_header_only(30_000, 30_000)
    print(f"\n30,000×30,000 PNG bomb ({len(bomb)} bytes) refused in "
          f"{time_check(bomb, args.runs) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
