"""The demo's visitors and sales: the sample edition's figures, shaped like the 2014 report.

About 90 % of the studios reported (7 to 835 visitors each, 17,640 in all), QR check-ins as a
smaller share beside them (as counts, not millions of check-in rows), the exhibition's door
counter at about 336 a day over its 11 days, studio sales of about 950,000 NOK by about 68 %
of the artists, 8 works sold at the exhibition for 74,000 NOK, a personal report link for
every studio, and one artist's correction in the audit log. Seeded, so every run is alike.

The previous edition, 2026, is here too (load_previous_edition): the returning artists in
their studios and the artists who did not come back, with the visits per day its history
row adds up to (16,650 at the studios, 3,650 at the exhibition), so year over year has a
previous route to stand beside; it has no sales, check-ins or applications of its own.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from kunstrute.auth.models import User
from kunstrute.counting.models import (
    CountSource,
    Sale,
    SaleSource,
    Venue,
    VenueKind,
    VisitCount,
)
from kunstrute.counting.reporting import period_days, venue_days
from kunstrute.counting.services import set_visits
from kunstrute.counting.venues import ensure_venues, exhibition_venue
from kunstrute.editions.models import (
    Artist,
    Edition,
    Municipality,
    Participation,
    ParticipationStatus,
    Studio,
    address_key,
)
from kunstrute.editions.services import save_edition
from kunstrute.extensions import db
from kunstrute.text import slugify
from kunstrute.timeutil import utcnow

#: The 2014 report's figures the demo is shaped after.
STUDIO_VISITS, STUDIO_MIN, STUDIO_MAX = 17_640, 7, 835
REPORTED_SHARE, SELLING_SHARE = 0.9, 0.68
EXHIBITION_PER_DAY = 336
STUDIO_SALES_NOK = 950_000
EXHIBITION_SALES_NOK, EXHIBITION_WORKS = 74_000, 8
TITLES = ["Fjordlys", "Etter regnet", "Vinterhage", "Blå time", "Steinbrudd", "Lauvfall",
          "Kystlinje", "Morgentåke"]


@dataclass(frozen=True)
class CountsReport:
    reported: int
    studios: int
    studio_visits: int
    exhibition_visits: int
    studio_sales_nok: int
    exhibition_sales_nok: int


def shaped(rng: random.Random, n: int, low: int, high: int, total: int, *,
           step: int = 1) -> list[int]:
    """Return n whole numbers from low to high (both reached) that add up to total.

    Skewed like visitor counts: a few studios get many, most get some. The curve's bend is
    found by bisection so the sum comes out right; rounding is settled on a middle value.
    """
    if n == 1:
        return [total]
    raw = sorted(rng.lognormvariate(0, 1) for _ in range(n))
    spread = (raw[-1] - raw[0]) or 1.0
    units = [(w - raw[0]) / spread for w in raw]
    lo, hi = 0.05, 30.0
    for _ in range(60):
        bend = (lo + hi) / 2
        if sum(low + (high - low) * u ** bend for u in units) > total:
            lo = bend
        else:
            hi = bend
    values = [round((low + (high - low) * u ** bend) / step) * step for u in units]
    values[n // 2] += total - sum(values)
    rng.shuffle(values)
    return values


def split(rng: random.Random, total: int, parts: int) -> list[int]:
    """Return total split over parts at random, adding up exactly."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    shares = [int(total * w / sum(weights)) for w in weights]
    shares[-1] += total - sum(shares)
    return shares


def load_counts(*, edition: Edition, seed: int = 2027) -> CountsReport:
    """Fill the edition with the demo's counts, sales and report links; flush only."""
    rng = random.Random(seed)
    ensure_venues(edition=edition)
    studios = list(db.session.scalars(
        sa.select(Venue).join(Participation, Participation.id == Venue.participation_id)
        .where(Venue.edition_id == edition.id, Venue.kind == VenueKind.STUDIO)
        .order_by(Participation.catalogue_no)))
    reporting = sorted(rng.sample(studios, round(len(studios) * REPORTED_SHARE)),
                       key=lambda v: v.participation.catalogue_no)
    visits = _studio_visits(rng, studios, reporting)
    exhibition = exhibition_venue(edition)
    door = split(rng, EXHIBITION_PER_DAY * len(period_days(edition)), len(period_days(edition)))
    visits += [_count(exhibition, day, CountSource.DOOR_COUNTER, n)
               for day, n in zip(period_days(edition), door, strict=True)]
    studio_visits = sum(v["count"] for v in visits if v["source"] == CountSource.REPORTED)
    first = next(v for v in visits if v["venue_id"] == reporting[0].id
                 and v["source"] == CountSource.REPORTED)
    first["count"] += 4  # a tally sheet counted twice; the artist corrects it below
    db.session.execute(sa.insert(VisitCount), visits)
    sales = _studio_sales(rng, studios) + _exhibition_sales(rng, exhibition, studios)
    db.session.execute(sa.insert(Sale), sales)
    for venue in studios:
        venue.report_key = secrets.token_urlsafe(24)
    db.session.flush()
    _correction(reporting[0])
    return CountsReport(
        reported=len(reporting), studios=len(studios),
        studio_visits=studio_visits,
        exhibition_visits=sum(door),
        studio_sales_nok=sum(s["amount_nok"] for s in sales if s["source"] == SaleSource.REPORTED),
        exhibition_sales_nok=EXHIBITION_SALES_NOK)


def _count(venue: Venue, day: date, source: CountSource, count: int) -> dict:
    return {"venue_id": venue.id, "day": day, "source": source, "count": count,
            "updated_at": utcnow()}


def _studio_visits(rng, studios, reporting) -> list[dict]:
    """Return the reported counts and, for every studio, its QR check-ins (a sample)."""
    totals = dict(zip((v.id for v in reporting),
                      shaped(rng, len(reporting), STUDIO_MIN, STUDIO_MAX, STUDIO_VISITS),
                      strict=True))
    rows = []
    for venue in studios:
        days = venue_days(venue)
        total = totals.get(venue.id)
        per_day = split(rng, total if total is not None else rng.randint(20, 300), len(days))
        share = rng.uniform(0.06, 0.22)
        for day, n in zip(days, per_day, strict=True):
            if total is not None:
                rows.append(_count(venue, day, CountSource.REPORTED, n))
            if round(n * share):
                rows.append(_count(venue, day, CountSource.QR_CHECKIN, round(n * share)))
    return rows


def _studio_sales(rng, studios) -> list[dict]:
    """Return one reported sale per (studio, day) for about 68 % of the artists."""
    sellers = rng.sample(studios, round(len(studios) * SELLING_SHARE))
    amounts = shaped(rng, len(sellers), 600, 60_000, STUDIO_SALES_NOK, step=100)
    rows = []
    for venue, amount in zip(sellers, amounts, strict=True):
        days = rng.sample(venue_days(venue), min(2, len(venue_days(venue))))
        works = max(len(days), round(amount / rng.uniform(3_000, 9_000)))
        for day, part, n in zip(days, split(rng, amount, len(days)),
                                split(rng, works, len(days)), strict=True):
            rows.append({"venue_id": venue.id, "participation_id": venue.participation_id,
                         "day": day, "source": SaleSource.REPORTED, "amount_nok": part,
                         "works": max(n, 1), "updated_at": utcnow()})
    return rows


def _exhibition_sales(rng, exhibition: Venue, studios) -> list[dict]:
    prices = shaped(rng, EXHIBITION_WORKS, 4_000, 16_000, EXHIBITION_SALES_NOK, step=500)
    days = period_days(exhibition.edition)
    return [{"venue_id": exhibition.id, "participation_id": venue.participation_id,
             "day": rng.choice(days), "source": SaleSource.DESK, "amount_nok": price,
             "works": 1, "title": title, "updated_at": utcnow()}
            for venue, price, title in zip(rng.sample(studios, EXHIBITION_WORKS), prices,
                                           TITLES, strict=True)]


def _correction(venue: Venue) -> None:
    """One artist corrects a day: a tally sheet counted twice (the audit log shows it)."""
    day = venue_days(venue)[0]
    old = db.session.scalar(sa.select(VisitCount.count).where(
        VisitCount.venue_id == venue.id, VisitCount.day == day,
        VisitCount.source == CountSource.REPORTED))
    user_id = venue.participation.artist.user_id
    actor = (db.session.get(User, user_id) if user_id
             else f"demo artist no. {venue.participation.catalogue_no}")
    set_visits(venue=venue, day=day, source=CountSource.REPORTED, count=old - 4,
               actor=actor, detail="correction: one tally sheet was counted twice")


#: The previous edition's figures, as its row of data/history.csv says.
PREVIOUS_STUDIO_VISITS, PREVIOUS_EXHIBITION_VISITS = 16_650, 3_650
PREVIOUS_ARTISTS, PREVIOUS_NEW_ARTISTS = 105, 21
#: The artists of 2026 who did not come back in 2027 (invented, as every demo artist).
FORMER = ["Anne Grete Hovland", "Bjørn Eriksrud", "Cecilie Moe", "Dag Kristoffersen",
          "Eline Haugstad", "Frode Nyhus", "Gunn Berit Lie", "Håkon Strand", "Ingrid Solum",
          "Jon Arne Brekke", "Kjersti Tangen", "Lars Øverby", "Marte Fossum", "Nils Vik",
          "Oda Rustad", "Per Inge Holm", "Ragnhild Sæther", "Sverre Aas", "Tone Bakken",
          "Unni Lund", "Vidar Engen", "Wenche Dahl", "Åsmund Berg", "Øystein Hagen"]


@dataclass(frozen=True)
class PreviousReport:
    year: int
    artists: int
    visits: int


def load_previous_edition(*, edition: Edition, seed: int = 2026) -> PreviousReport:
    """Add the edition before `edition` with its artists and visits per day; flush only."""
    rng = random.Random(seed)
    year = edition.year - 1
    shift = timedelta(days=_same_weekday_shift(edition.starts_on, year))
    previous = save_edition(
        year=year, title=edition.title.replace(str(edition.year), str(year)),
        starts_on=edition.starts_on - shift, ends_on=edition.ends_on - shift,
        open_days=[d.day - shift for d in edition.open_days],
        exhibition_venue=edition.exhibition_venue,
        exhibition_address=edition.exhibition_address)
    previous.published_at = datetime(year, 1, 20, 9)  # long since public, never the current
    _previous_artists(edition, previous, rng)
    ensure_venues(edition=previous)
    studios = list(db.session.scalars(
        sa.select(Venue).join(Participation, Participation.id == Venue.participation_id)
        .where(Venue.edition_id == previous.id).order_by(Participation.catalogue_no)))
    reporting = rng.sample(studios, round(len(studios) * REPORTED_SHARE))
    rows = []
    for venue, total in zip(reporting, shaped(rng, len(reporting), STUDIO_MIN, STUDIO_MAX,
                                               PREVIOUS_STUDIO_VISITS), strict=True):
        days = venue_days(venue)
        rows += [_count(venue, day, CountSource.REPORTED, n)
                 for day, n in zip(days, split(rng, total, len(days)), strict=True)]
    days = period_days(previous)
    rows += [_count(exhibition_venue(previous), day, CountSource.DOOR_COUNTER, n)
             for day, n in zip(days, split(rng, PREVIOUS_EXHIBITION_VISITS, len(days)),
                               strict=True)]
    db.session.execute(sa.insert(VisitCount), rows)
    db.session.flush()
    return PreviousReport(year=year, artists=len(studios),
                          visits=PREVIOUS_STUDIO_VISITS + PREVIOUS_EXHIBITION_VISITS)


def _same_weekday_shift(starts_on: date, year: int) -> int:
    """Return the days from the same weekday a year earlier to starts_on (364 or 371)."""
    shift = 364
    while (starts_on - timedelta(days=shift)).year > year:
        shift += 7
    return shift


def _previous_artists(edition: Edition, previous: Edition, rng: random.Random) -> None:
    """Put the returning artists, then the former ones, on the previous route."""
    returning = list(db.session.scalars(
        sa.select(Participation).where(Participation.edition_id == edition.id,
                                       Participation.status == ParticipationStatus.ACCEPTED,
                                       Participation.new_this_year.is_(False))
        .order_by(Participation.catalogue_no)))
    former = [_former_artist(name, n, rng) for n, name in
              enumerate(FORMER[:max(PREVIOUS_ARTISTS - len(returning), 0)])]
    people = [(p.artist, p.studio) for p in returning] + former
    new = set(rng.sample(range(len(people)), min(PREVIOUS_NEW_ARTISTS, len(people))))
    for number, (artist, studio) in enumerate(people, start=1):
        db.session.add(Participation(artist=artist, edition=previous, studio=studio,
                                     status=ParticipationStatus.ACCEPTED,
                                     new_this_year=number - 1 in new, catalogue_no=number))
    db.session.flush()


def _former_artist(name: str, n: int, rng: random.Random) -> tuple[Artist, Studio]:
    """Return an artist of 2026 only, with a studio in one of the region's municipalities."""
    slug = slugify(name)
    municipality = rng.choice(list(db.session.scalars(
        sa.select(Municipality).order_by(Municipality.name))))
    street = f"{rng.choice(['Bakkeveien', 'Skogveien', 'Fjordveien', 'Løkkeveien'])} {n + 2}"
    studio = Studio(address=street, place=municipality.name, municipality=municipality,
                    address_key=address_key(street, None))
    return Artist(name=name, slug=f"{slug}-2026", email=f"{slug}@example.com"), studio
