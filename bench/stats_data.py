"""Generate a 10x edition for the statistics benchmark: 3,000 studios, 11 days, 2,000,000 QR
check-ins with their qr_checkin VisitCount rollups, reported counts for ~80 % of the studios,
door counts and sales for the exhibition, studio sales for ~68 % of the artists; ~4,000
applications with scores, ~300 events with ~10,000 registrations, 24 newsletters, ~20,000
subscribers and two surveys' answers (bench/stats_audience.py); the previous edition (2026,
the same studios, per-day counts, no check-in rows) and the history 2007–2026.

Bulk inserts: executemany of Core inserts for the small tables; the check-ins with COPY on
PostgreSQL and executemany inside one transaction on SQLite. Deterministic (seeded), so two
runs give the same figures. Used by bench/stats_bench.py; run alone with

    .venv/bin/python bench/stats_data.py sqlite:////tmp/stats.sqlite3 [--checkins 2000000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from bench.stats_audience import generate_audience  # noqa: E402
from kunstrute.counting.models import (  # noqa: E402
    CheckIn,
    CountSource,
    Sale,
    SaleSource,
    Venue,
    VenueKind,
    VisitCount,
)
from kunstrute.editions.models import (  # noqa: E402
    Artist,
    Municipality,
    Participation,
    ParticipationStatus,
    Studio,
)
from kunstrute.editions.services import load_municipalities, save_edition  # noqa: E402
from kunstrute.extensions import db  # noqa: E402
from kunstrute.stats.history import load_history_file  # noqa: E402

YEAR = 2027
STARTS = date(YEAR, 9, 9)
DAYS = [STARTS + timedelta(n) for n in range(11)]
#: The previous edition's period: 2026-09-10 is a Thursday, as 2027-09-09 is.
PREVIOUS = [date(YEAR - 1, 9, 10) + timedelta(n) for n in range(11)]
#: Weekends draw most visitors; the weekdays between only the exhibition's and a few.
DAY_WEIGHTS = [1, 1, 6, 5, 1, 1, 1, 1, 1, 6, 5]
CHUNK = 50_000


def generate(*, studios: int = 3000, checkins: int = 2_000_000, seed: int = 13,
             data_dir: Path) -> dict:
    """Fill the (empty, migrated) database of the current app context; commit; return sizes."""
    rng = random.Random(seed)
    started = time.perf_counter()
    load_municipalities(data_dir / "municipalities.csv")
    edition = save_edition(year=YEAR, title=f"Bench {YEAR}", starts_on=DAYS[0],
                           ends_on=DAYS[-1])
    db.session.flush()
    venue_ids = _artists_and_venues(edition.id, studios, rng)
    per_venue = _spread(checkins, len(venue_ids), rng)
    rollups = _checkins(venue_ids, per_venue, rng)
    _counts_and_sales(edition.id, venue_ids, rollups, rng)
    sizes = generate_audience(edition, rng)
    _previous_edition(rng)
    load_history_file(data_dir / "history.csv")  # 2007–2026; 2026 is counted here too
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    return {"studios": studios, "checkins": sum(per_venue), **sizes,
            "seconds": round(time.perf_counter() - started, 1)}


def _artists_and_venues(edition_id: int, n: int, rng: random.Random) -> list[int]:
    """Insert n artists, studios, accepted participations and venues; return venue ids."""
    towns = list(db.session.scalars(sa.select(Municipality.id).order_by(Municipality.id)))
    db.session.execute(sa.insert(Artist), [
        {"slug": f"bench-{i}", "name": f"Kunstner {i}", "email": f"k{i}@bench.example"}
        for i in range(1, n + 1)])
    db.session.execute(sa.insert(Studio), [
        {"address": f"Benkveien {i}", "address_key": f"benkveien {i}|3400",
         "municipality_id": rng.choice(towns), "location_source": "missing"}
        for i in range(1, n + 1)])
    artists = {k: v for k, v in db.session.execute(sa.select(Artist.slug, Artist.id))}
    studios = {k: v for k, v in db.session.execute(sa.select(Studio.address_key, Studio.id))}
    db.session.execute(sa.insert(Participation), [
        {"artist_id": artists[f"bench-{i}"], "edition_id": edition_id,
         "studio_id": studios[f"benkveien {i}|3400"], "status": ParticipationStatus.ACCEPTED,
         "new_this_year": rng.random() < 0.2, "catalogue_no": i}
        for i in range(1, n + 1)])
    participations = list(db.session.scalars(
        sa.select(Participation.id).where(Participation.edition_id == edition_id)
        .order_by(Participation.catalogue_no)))
    db.session.execute(sa.insert(Venue), [
        {"edition_id": edition_id, "kind": VenueKind.STUDIO, "participation_id": p,
         "code": f"b{i:05d}"} for i, p in enumerate(participations)])
    db.session.execute(sa.insert(Venue), [{"edition_id": edition_id,
                                           "kind": VenueKind.EXHIBITION, "code": "bexhib"}])
    return list(db.session.scalars(sa.select(Venue.id).where(Venue.edition_id == edition_id)
                                   .order_by(Venue.id)))


def _spread(total: int, venues: int, rng: random.Random) -> list[int]:
    """Return check-ins per venue: skewed (a few studios draw many), summing to total."""
    weights = [rng.lognormvariate(0, 0.9) for _ in range(venues)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    counts[-1] += total - sum(counts)  # the exhibition (last venue) takes the rounding
    return counts


def _checkins(venue_ids: list[int], per_venue: list[int], rng) -> dict[tuple, int]:
    """Insert the check-ins in chunks; return their rollups {(venue_id, day): count}."""
    rollups: dict[tuple, int] = {}
    postgres = db.engine.dialect.name == "postgresql"
    raw = db.session.connection().connection.driver_connection
    buffer: list[tuple] = []
    serial = 0
    for venue_id, n in zip(venue_ids, per_venue, strict=True):
        for day, count in Counter(rng.choices(DAYS, DAY_WEIGHTS, k=n)).items():
            rollups[(venue_id, day)] = count
            buffer.extend((venue_id, day, f"{serial + k:032x}") for k in range(count))
            serial += count
        if len(buffer) >= CHUNK:
            _flush_checkins(raw, buffer, postgres)
            buffer = []
    _flush_checkins(raw, buffer, postgres)
    return rollups


def _flush_checkins(raw, rows: list[tuple], postgres: bool) -> None:
    if not rows:
        return
    if postgres:
        with raw.cursor() as cursor, cursor.copy(
                "COPY check_ins (venue_id, day, visitor) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        db.session.execute(sa.insert(CheckIn), [
            {"venue_id": v, "day": d, "visitor": h} for v, d, h in rows])


def _counts_and_sales(edition_id: int, venue_ids: list[int], rollups: dict, rng) -> None:
    """Insert the QR rollups, reported and door counts, and sales."""
    exhibition = venue_ids[-1]
    counts = [{"venue_id": v, "day": d, "source": CountSource.QR_CHECKIN, "count": c}
              for (v, d), c in rollups.items()]
    reporting = [v for v in venue_ids[:-1] if rng.random() < 0.8]
    by_venue: dict[int, list] = {}
    for (v, d), c in rollups.items():
        by_venue.setdefault(v, []).append((d, c))
    for venue_id in reporting:  # a QR count is a sample: about a third of the visitors scan
        counts += [{"venue_id": venue_id, "day": d, "source": CountSource.REPORTED,
                    "count": int(c * rng.uniform(2.5, 3.5))} for d, c in by_venue.get(venue_id, [])]
    counts += [{"venue_id": exhibition, "day": d, "source": CountSource.DOOR_COUNTER,
                "count": int(c * 1.4)} for d, c in by_venue.get(exhibition, [])]
    for start in range(0, len(counts), CHUNK):
        db.session.execute(sa.insert(VisitCount), counts[start:start + CHUNK])
    participation_of = {v: p for v, p in db.session.execute(
        sa.select(Venue.id, Venue.participation_id).where(Venue.edition_id == edition_id))}
    sales = [{"venue_id": v, "participation_id": participation_of[v], "day": rng.choice(DAYS),
              "source": SaleSource.REPORTED, "amount_nok": rng.randrange(500, 40_000, 100),
              "works": rng.randint(1, 4)}
             for v in venue_ids[:-1] if rng.random() < 0.68 for _ in range(rng.randint(1, 3))]
    studios = list(participation_of.values())
    sales += [{"venue_id": exhibition, "participation_id": rng.choice([p for p in studios if p]),
               "day": rng.choice(DAYS), "source": SaleSource.DESK,
               "amount_nok": rng.randrange(3000, 25_000, 500), "works": 1} for _ in range(80)]
    db.session.execute(sa.insert(Sale), sales)


def _previous_edition(rng: random.Random) -> None:
    """Add 2026 with the same studios and per-day counts (no check-in rows): the previous
    edition of year over year, as a real database has it."""
    edition = save_edition(year=YEAR - 1, title=f"Bench {YEAR - 1}", starts_on=PREVIOUS[0],
                           ends_on=PREVIOUS[-1])
    db.session.flush()
    rows = db.session.execute(sa.select(Participation.artist_id, Participation.studio_id,
                                        Participation.catalogue_no)
                              .order_by(Participation.catalogue_no)).all()
    db.session.execute(sa.insert(Participation), [
        {"artist_id": a, "edition_id": edition.id, "studio_id": s,
         "status": ParticipationStatus.ACCEPTED, "catalogue_no": n} for a, s, n in rows])
    participations = list(db.session.scalars(sa.select(Participation.id).where(
        Participation.edition_id == edition.id).order_by(Participation.catalogue_no)))
    db.session.execute(sa.insert(Venue), [
        {"edition_id": edition.id, "kind": VenueKind.STUDIO, "participation_id": p,
         "code": f"p{i:05d}"} for i, p in enumerate(participations)])
    venues = list(db.session.scalars(sa.select(Venue.id).where(Venue.edition_id == edition.id)))
    counts = [{"venue_id": v, "day": d, "source": CountSource.REPORTED,
               "count": int(rng.lognormvariate(3, 0.9) * w)}
              for v in venues if rng.random() < 0.8
              for d, w in zip(PREVIOUS, DAY_WEIGHTS, strict=True)]
    for start in range(0, len(counts), CHUNK):
        db.session.execute(sa.insert(VisitCount), counts[start:start + CHUNK])


def main() -> None:
    from kunstrute import create_app
    from kunstrute.config import REPO_DATA_DIR

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="an empty database's URL (the schema is created)")
    parser.add_argument("--checkins", type=int, default=2_000_000)
    parser.add_argument("--studios", type=int, default=3000)
    args = parser.parse_args()
    app = create_app({"SQLALCHEMY_DATABASE_URI": args.url, "SECRET_KEY": "bench"})
    with app.app_context():
        db.create_all()
        print(generate(studios=args.studios, checkins=args.checkins, data_dir=REPO_DATA_DIR))


if __name__ == "__main__":
    main()
