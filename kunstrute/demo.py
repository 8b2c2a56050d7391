"""The sample edition: municipalities, the edition and its artists from data/; demo accounts."""

import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import sqlalchemy as sa

from kunstrute.auth.models import Role, User
from kunstrute.auth.services import create_user
from kunstrute.demo_goals import load_goals
from kunstrute.editions.artist_rows import read_artists_csv
from kunstrute.editions.importer import ImportReport, import_artists
from kunstrute.editions.models import Edition
from kunstrute.editions.services import load_municipalities, publish_edition, save_edition
from kunstrute.extensions import db
from kunstrute.geocoding.services import GeocoderChain, GeocodeSummary, place
from kunstrute.programme.sample import load_programme
from kunstrute.stats.history import load_history_file
from kunstrute.timeutil import utcnow

#: The demo accounts' addresses: ROLE@DEMO_DOMAIN, at a domain reserved for examples.
DEMO_DOMAIN = "demo.kunstrute.example"


class NotEmpty(RuntimeError):
    """The database already holds an edition; the demo loads only into an empty one."""


@dataclass
class DemoReport:
    year: int
    municipalities: int
    artists: ImportReport
    geocoding: GeocodeSummary
    events: int = 0


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    #: Random, shown once; only its hash is stored.
    password: str


def load_demo(*, data_dir: Path, chain_factory, now: datetime | None = None) -> DemoReport:
    """Load the sample edition, published at `now`, into an empty database; flush only."""
    if db.session.scalar(sa.select(sa.func.count(Edition.id))):
        raise NotEmpty("The database already has an edition; the demo loads into an empty one.")
    created, _ = load_municipalities(data_dir / "municipalities.csv")
    settings = json.loads((data_dir / "edition.json").read_text(encoding="utf-8"))
    edition = save_edition(
        year=settings["year"], title=settings["title"],
        starts_on=date.fromisoformat(settings["starts_on"]),
        ends_on=date.fromisoformat(settings["ends_on"]),
        open_days=[date.fromisoformat(d) for d in settings["open_days"]],
        opens_at=time.fromisoformat(settings["opens_at"]),
        closes_at=time.fromisoformat(settings["closes_at"]),
        hosts=settings["hosts"],
        exhibition_venue=settings["exhibition_venue"],
        exhibition_address=settings["exhibition_address"],
        exhibition_lat=settings["exhibition_lat"], exhibition_lon=settings["exhibition_lon"],
        exhibition_hours=settings["exhibition_hours"],
        application_opens_on=date.fromisoformat(settings["application_opens_on"]),
        application_closes_on=date.fromisoformat(settings["application_closes_on"]),
    )
    publish_edition(edition=edition, now=now or utcnow())
    table = read_artists_csv((data_dir / "artists.csv").read_bytes())
    report = import_artists(rows=table.rows, edition=edition)
    chain: GeocoderChain = chain_factory()
    summary = place(report.unplaced, chain=chain)
    events = load_programme(
        edition=edition,
        data=json.loads((data_dir / "programme.json").read_text(encoding="utf-8")))
    place(events, chain=chain)
    load_history_file(data_dir / "history.csv")  # the earlier editions, 2007–2026
    load_goals(edition=edition)  # the 2014 report's goals, and two more
    return DemoReport(year=edition.year, municipalities=created, artists=report,
                      geocoding=summary, events=len(events))


#: The demo's sign-ins (local part → role): one per role, three jurors for the jury, and an
#: artist with no application yet, to try applying.
DEMO_SIGN_INS = {"admin": Role.ADMIN, "organiser": Role.ORGANISER, "juror": Role.JUROR,
                 "juror2": Role.JUROR, "juror3": Role.JUROR, "artist": Role.ARTIST,
                 "applicant": Role.ARTIST}


def create_demo_accounts(*, token=secrets.token_urlsafe) -> list[DemoAccount]:
    """Create the demo's sign-ins with random passwords, skipping existing ones; flush."""
    accounts = []
    for local, role in DEMO_SIGN_INS.items():
        email = f"{local}@{DEMO_DOMAIN}"
        if db.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
            continue
        password = token(16)
        create_user(email=email, password=password, role=role)
        accounts.append(DemoAccount(role=role.value, email=email, password=password))
    return accounts


def demo_user(local: str) -> User | None:
    """Return the demo sign-in with this local part (juror2 → juror2@…), if it exists."""
    return db.session.scalar(sa.select(User).where(User.email == f"{local}@{DEMO_DOMAIN}"))
