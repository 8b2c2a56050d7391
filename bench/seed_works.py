"""Give the sample edition's artists works with images, for the guide's benchmarks.

Usage (with the benchmark's DATABASE_URL and KUNSTRUTE_UPLOAD_FOLDER in the environment):
    .venv/bin/python bench/seed_works.py [--per-artist 3] [--limit 150]

Until `flask demo` makes works itself, the Lighthouse run needs pages with art on them. Each
image is drawn here (coloured bands at varied sizes and orientations), stored and processed
through the media API exactly as an upload is, made public, and shown as a Work.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from kunstrute import create_app  # noqa: E402
from kunstrute.editions.models import Participation, Work  # noqa: E402
from kunstrute.editions.queries import current_edition, participating  # noqa: E402
from kunstrute.extensions import db  # noqa: E402
from kunstrute.media.jobs import process_images  # noqa: E402
from kunstrute.media.services import make_public, store_image  # noqa: E402

#: (width, height): portrait, landscape and square works, as phones photograph them.
SHAPES = [(1200, 1600), (1600, 1200), (1400, 1400), (1000, 1500), (1800, 1000)]


def drawn(rng: random.Random, width: int, height: int) -> bytes:
    """Return a JPEG of a few coloured bands and circles: art drawn by the program."""
    image = Image.new("RGB", (width, height), tuple(rng.randrange(40, 230) for _ in range(3)))
    pen = ImageDraw.Draw(image)
    for _ in range(6):
        colour = tuple(rng.randrange(0, 255) for _ in range(3))
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(width // 10, width // 3)
        pen.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-artist", type=int, default=3)
    parser.add_argument("--limit", type=int, default=150, help="artists given works")
    args = parser.parse_args()
    rng = random.Random(12)
    app = create_app()
    with app.app_context():
        edition = current_edition()
        participations = db.session.scalars(
            sa.select(Participation).where(participating(edition))
            .order_by(Participation.catalogue_no).limit(args.limit)).all()
        ids = []
        for participation in participations:
            if participation.works:
                continue
            for position in range(args.per_artist):
                width, height = rng.choice(SHAPES)
                image = store_image(upload=drawn(rng, width, height))
                make_public(image)
                participation.works.append(Work(position=position, image=image,
                                                title=f"Verk {position + 1}", year=2025,
                                                technique="Akryl", size="60 × 80 cm"))
                ids.append(image.id)
        db.session.commit()
        outcome = process_images.call_local(ids)
        print(f"works: {len(ids)} images, {outcome}")


if __name__ == "__main__":
    main()
