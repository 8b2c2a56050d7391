"""Time a juror's application page and the organisers' results with 200 applications × 5
images × 3 jurors, on a scratch SQLite database, through Flask's test client.

Usage: .venv/bin/python bench/jury_bench.py [--requests 60]

The works are rows of READY images (the page only links their juror copies at
/jury/files/<id>/jury; the bytes are fetched by the browser afterwards), so the numbers are
the page's own Python and SQL. Prints the medians against the 50 ms goal.
"""

from __future__ import annotations

import argparse
import random
import re
import secrets
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kunstrute import create_app  # noqa: E402
from kunstrute.applications.models import (  # noqa: E402
    Application,
    ApplicationStatus,
    Artwork,
    JuryMember,
    JuryRound,
    JuryScore,
)
from kunstrute.auth.models import User  # noqa: E402
from kunstrute.auth.services import create_user  # noqa: E402
from kunstrute.config import TestConfig  # noqa: E402
from kunstrute.editions.models import Municipality  # noqa: E402
from kunstrute.editions.services import save_edition  # noqa: E402
from kunstrute.extensions import db  # noqa: E402
from kunstrute.media.models import MediaFile, MediaKind, MediaStatus  # noqa: E402

GOAL_MS = 50
PASSWORD = "correct horse battery staple"
DISCIPLINES = ["painting", "ceramics", "textile", "photography", "sculpture", "glass"]


def seed(applications: int = 200, works: int = 5) -> tuple[list[int], list[str]]:
    """Fill the database; return the application ids and the jurors' e-mails."""
    rnd = random.Random(12)
    edition = save_edition(year=2027, title="Kunst rett vest 2027",
                           starts_on=date(2027, 9, 9), ends_on=date(2027, 9, 19))
    places = [Municipality(name=n, lat=59.8, lon=10.2) for n in ("Lier", "Modum", "Asker")]
    db.session.add_all(places)
    jurors = [create_user(email=f"juror{i}@example.org", password=PASSWORD, role="juror")
              for i in range(3)]
    create_user(email="organiser@example.org", password=PASSWORD, role="organiser")
    db.session.add(JuryRound(edition=edition, members=[
        JuryMember(user=j, order_seed=secrets.token_hex(16)) for j in jurors]))
    ids = []
    for n in range(applications):
        artist = User(email=f"artist{n}@example.org", role="artist", password_hash="!")
        application = Application(
            edition=edition, user=artist, status=ApplicationStatus.UNDER_REVIEW,
            name=f"Søker {n}", email=artist.email, municipality=rnd.choice(places),
            disciplines=rnd.sample(DISCIPLINES, 2), statement="Tekst om arbeidet. " * 40,
            is_new=rnd.random() < 0.2)
        application.artworks = [Artwork(position=i, title=f"Verk {i}", year=2025,
                                        technique="Olje på lerret", size="60 × 80 cm",
                                        image=_image(rnd)) for i in range(works)]
        db.session.add(application)
        db.session.flush()
        ids.append(application.id)
        for bias, juror in zip((0, -1, 1), jurors, strict=True):
            db.session.add(JuryScore(application_id=application.id, juror_id=juror.id,
                                     score=min(5, max(1, rnd.randint(1, 5) + bias))))
    db.session.commit()
    return ids, [j.email for j in jurors]


def _image(rnd) -> MediaFile:
    portrait = rnd.random() < 0.5
    return MediaFile(key=secrets.token_hex(16), kind=MediaKind.IMAGE,
                     status=MediaStatus.READY, detected_format="JPEG", size_bytes=300_000,
                     width=1440 if portrait else 1920, height=1920 if portrait else 1440)


def sign_in(client, email: str) -> None:
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/auth/login", data={"email": email, "password": PASSWORD,
                                                 "csrf_token": token})
    assert response.status_code == 302, response.status_code


def median_ms(client, urls: list[str]) -> float:
    times = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="jury-bench-")
    config = type("BenchConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3",
        "UPLOAD_FOLDER": folder, "MAIL_OUTBOX": f"{folder}/outbox"})
    app = create_app(config)
    with app.app_context():
        db.create_all()
        ids, jurors = seed()
    juror, organiser = app.test_client(), app.test_client()
    sign_in(juror, jurors[0])
    sign_in(organiser, "organiser@example.org")
    pages = [f"/jury/{i}" for i in random.Random(1).choices(ids, k=args.requests)]
    median_ms(juror, pages[:5])  # warm up templates and caches
    rows = [
        ("juror's application page", median_ms(juror, pages)),
        ("juror's home (progress, own scores)", median_ms(juror, ["/jury"] * 20)),
        ("results page (200 rows, ranked)", median_ms(organiser,
                                                      ["/organiser/applications"] * 20)),
        ("results as CSV", median_ms(organiser, ["/organiser/applications/export.csv"] * 10)),
    ]
    print(f"200 applications × 5 images × 3 jurors, SQLite, test client (median, ms; "
          f"goal {GOAL_MS} ms for the juror's page)")
    for label, ms in rows:
        print(f"  {label:40} {ms:7.1f}  {'ok' if ms < GOAL_MS else 'over'}")


if __name__ == "__main__":
    main()
