"""Generate an edition for the catalogue benchmark: N accepted artists in the 16 municipalities
of the sample region, each with a studio placed near its municipality's centre, one or two
disciplines, and one published work whose image is a generated JPEG stored as the media job
leaves it (a READY, public MediaFile with its clean master on disk); a programme of events.

Numbers are given by municipality, then name, as editions/numbers.py gives them. Seeded, so
two runs make the same route. Used by bench/catalogue_bench.py; run alone with

    .venv/bin/python bench/catalogue_data.py sqlite:////tmp/catalogue.sqlite3 /tmp/uploads
"""

from __future__ import annotations

import argparse
import io
import random
import secrets
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from kunstrute.editions.models import (  # noqa: E402
    Artist,
    ArtistDiscipline,
    Discipline,
    Municipality,
    Participation,
    ParticipationStatus,
    Studio,
    Work,
)
from kunstrute.editions.services import load_municipalities, save_edition  # noqa: E402
from kunstrute.extensions import db  # noqa: E402
from kunstrute.media.models import MediaFile, MediaKind, MediaStatus  # noqa: E402
from kunstrute.programme.models import Event, EventKind, EventStatus, VenueKind  # noqa: E402

YEAR = 2027
FIRST = ["Åse", "Bjørn", "Cecilie", "Dag", "Eirin", "Frode", "Gro", "Håkon", "Ingrid", "Jørgen",
         "Kari", "Lars", "Marte", "Nils", "Øystein", "Pål", "Randi", "Sigrid", "Tor", "Ulla"]
LAST = ["Aas", "Berg", "Dahl", "Eriksen", "Fossum", "Grønli", "Haugland", "Jensen", "Kjølstad",
        "Lie", "Moe", "Nilsen", "Olsen", "Rønning", "Sæther", "Tveten", "Vik", "Ødegård"]


def picture(rng: random.Random, size: tuple[int, int]) -> bytes:
    """Return a JPEG of coloured shapes on a ground, as the demo's drawn works look."""
    image = Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        r = rng.randrange(10, size[1] // 3)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def generate(*, artists: int, uploads: Path, data_dir: Path, seed: int = 14,
             image_size: tuple[int, int] = (900, 600)) -> dict:
    """Fill the empty, migrated database of the current app context; commit; return sizes."""
    rng = random.Random(seed)
    started = time.perf_counter()
    load_municipalities(data_dir / "municipalities.csv")
    edition = save_edition(year=YEAR, title=f"Kunst rett vest {YEAR}",
                           starts_on=date(YEAR, 9, 9), ends_on=date(YEAR, 9, 19),
                           hosts=["Svelvik", "Sande"], exhibition_venue="Fossekleiva kultursenter",
                           exhibition_address="Bergerveien 20, 3075 Berger",
                           exhibition_lat=59.6232, exhibition_lon=10.2552,
                           exhibition_hours="12–18")
    edition.published_at = datetime(YEAR, 1, 15)
    db.session.flush()
    towns = db.session.execute(sa.select(Municipality.id, Municipality.name, Municipality.lat,
                                         Municipality.lon).order_by(Municipality.name)).all()
    rows = sorted(((rng.choice(towns), f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}")
                   for i in range(1, artists + 1)), key=lambda r: (r[0][1], r[1]))
    pictures = 0
    for start in range(0, len(rows), 500):
        pictures += _insert(edition.id, rows[start:start + 500], start, rng, uploads, image_size)
        db.session.commit()
    _programme(edition, rng)
    db.session.commit()
    return {"artists": artists, "images": pictures,
            "seconds": round(time.perf_counter() - started, 1)}


def _insert(edition_id, rows, offset, rng, uploads: Path, image_size) -> int:
    """Insert one batch of artists with studio, participation, disciplines and work."""
    disciplines = [d.value for d in Discipline]
    for index, ((town_id, _, lat, lon), name) in enumerate(rows, start=offset + 1):
        key = secrets.token_urlsafe(24)
        folder = uploads / key
        folder.mkdir(parents=True)
        (folder / "master.jpg").write_bytes(picture(rng, image_size))
        image = MediaFile(key=key, kind=MediaKind.IMAGE, status=MediaStatus.READY,
                          detected_format="JPEG", size_bytes=0, width=image_size[0],
                          height=image_size[1], public=True)
        artist = Artist(name=name, slug=f"kunstner-{index}", email=f"k{index}@bench.example",
                        disciplines=[ArtistDiscipline(discipline=d, position=n) for n, d in
                                     enumerate(rng.sample(disciplines, rng.randint(1, 2)))])
        studio = Studio(name=f"Atelier {name}" if rng.random() < 0.6 else None,
                        address=f"Bakkeveien {index}", postcode="3400", place="Lier",
                        municipality_id=town_id, address_key=f"bakkeveien {index}|3400",
                        lat=lat + rng.uniform(-0.08, 0.08), lon=lon + rng.uniform(-0.15, 0.15),
                        wheelchair_access=rng.choice([True, False, None]),
                        parking=rng.choice([True, None]), card_payment=True)
        participation = Participation(artist=artist, edition_id=edition_id, studio=studio,
                                      status=ParticipationStatus.ACCEPTED, catalogue_no=index)
        db.session.add_all([image, artist, studio, participation])
        db.session.add(Work(participation=participation, image=image, title=f"Verk {index}"))
    db.session.flush()
    return len(rows)


def _programme(edition, rng: random.Random) -> None:
    """Add about fifty events over the period, at the exhibition."""
    kinds = list(EventKind)
    for n in range(50):
        day = edition.starts_on + timedelta(days=n % 11)
        starts = datetime.combine(day, datetime.min.time()) + timedelta(hours=9 + n % 7)
        db.session.add(Event(edition_id=edition.id, title=f"Arrangement {n + 1}",
                             kind=rng.choice(kinds), starts_at=starts,
                             ends_at=starts + timedelta(hours=1), status=EventStatus.PUBLISHED,
                             venue_kind=VenueKind.EXHIBITION))


def main() -> None:
    from kunstrute import create_app
    from kunstrute.config import REPO_DATA_DIR, Config

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", help="an empty database URL (migrated here)")
    parser.add_argument("uploads", type=Path, help="the upload folder for the images")
    parser.add_argument("--artists", type=int, default=3000)
    args = parser.parse_args()
    settings = {"SQLALCHEMY_DATABASE_URI": args.database, "UPLOAD_FOLDER": str(args.uploads),
                "SECRET_KEY": "bench"}
    app = create_app(type("BenchConfig", (Config,), settings))
    with app.app_context():
        db.create_all()
        print(generate(artists=args.artists, uploads=args.uploads,
                       data_dir=Path(app.config.get("DATA_DIR") or REPO_DATA_DIR)))


if __name__ == "__main__":
    main()
