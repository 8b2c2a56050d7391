"""Import the artists of an edition from CSV rows: validate every row, keep the good ones."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email

from kunstrute.csvfile import Table, read_table
from kunstrute.editions.models import (
    Artist,
    ArtistDiscipline,
    Edition,
    Municipality,
    Participation,
    ParticipationStatus,
    Studio,
)
from kunstrute.editions.opening import (
    OpeningError,
    edition_days,
    parse_days,
    parse_hours,
    set_opening,
)
from kunstrute.editions.vocabulary import parse_access, parse_discipline, parse_yes_no
from kunstrute.extensions import db
from kunstrute.geocoding.models import LocationSource
from kunstrute.geocoding.services import in_bounds
from kunstrute.text import ascii_fold, fold, normalise_email, slugify
from kunstrute.timeutil import utcnow
from kunstrute.urls import safe_http_url

COLUMNS = {
    "name", "email", "phone", "website", "disciplines", "bio", "studio_name", "address",
    "postcode", "place", "municipality", "lat", "lon", "wheelchair_access", "new_this_year",
    "catalogue_no", *("accessible_toilet", "parking", "card_payment"), *("hours", "days"),
}
#: Access columns beyond DESIGN.md's: optional, and left alone when a file does not have them.
EXTRA_ACCESS = ("accessible_toilet", "parking", "card_payment")
REQUIRED_COLUMNS = {"name", "email", "address", "municipality"}
#: Header names as organisers write them → the names of DESIGN.md.
ALIASES = {
    "navn": "name", "e-post": "email", "epost": "email", "e_post": "email", "e-mail": "email",
    "mail": "email", "telefon": "phone", "tlf": "phone", "mobil": "phone", "nettside": "website",
    "hjemmeside": "website", "web": "website", "fagfelt": "disciplines", "disiplin": "disciplines",
    "disipliner": "disciplines", "teknikk": "disciplines", "discipline": "disciplines",
    "biografi": "bio", "om": "bio", "atelier": "studio_name", "atelier_navn": "studio_name",
    "studio": "studio_name", "adresse": "address", "postnr": "postcode", "postnummer": "postcode",
    "poststed": "place", "sted": "place", "kommune": "municipality", "breddegrad": "lat",
    "latitude": "lat", "lengdegrad": "lon", "longitude": "lon", "lng": "lon",
    "rullestol": "wheelchair_access", "tilgjengelig": "wheelchair_access",
    "wheelchair": "wheelchair_access", "ny": "new_this_year", "ny_i_år": "new_this_year",
    "new": "new_this_year", "toalett": "accessible_toilet", "hc_toalett": "accessible_toilet",
    "parkering": "parking", "kortbetaling": "card_payment", "kort": "card_payment",
    "katalognummer": "catalogue_no", "katalognr": "catalogue_no",
    "nr": "catalogue_no", "catalogue_number": "catalogue_no",
    "åpningstid": "hours", "åpningstider": "hours", "apningstid": "hours",
    "opening_hours": "hours", "open_hours": "hours", "dager": "days", "åpne_dager": "days",
    "åpningsdager": "days", "open_days": "days",
}


MAX_LENGTHS = {"name": 160, "phone": 40, "website": 300, "bio": 4000, "studio_name": 160,
               "address": 200, "place": 80}


def read_artists_csv(data: bytes) -> Table:
    """Parse an artists file with this importer's columns and their Norwegian names."""
    return read_table(data, known=COLUMNS, required=REQUIRED_COLUMNS, aliases=ALIASES)


@dataclass
class ArtistRow:
    """One validated row."""

    line: int
    name: str
    email: str
    phone: str | None
    website: str | None
    disciplines: list[str]
    bio: str | None
    studio_name: str | None
    address: str
    postcode: str | None
    place: str | None
    municipality: Municipality
    lat: float | None
    lon: float | None
    #: True, False or None (not stated), like the access answers.
    wheelchair_access: bool | None
    new_this_year: bool
    catalogue_no: int | None
    #: Only the access columns the file has: {"parking": True, "card_payment": None, …}.
    access: dict[str, bool | None] = field(default_factory=dict)
    #: Only the opening columns the file has: {"hours": (opens, closes) or None (the
    #: edition's), "days": [dates kept] or None (every open day)}.
    opening: dict = field(default_factory=dict)

    @property
    def address_key(self) -> str:
        return f"{fold(self.address)}|{(self.postcode or '').strip()}"


@dataclass
class RowError:
    line: int
    reason: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RowError] = field(default_factory=list)
    #: Studios that still need coordinates after the import.
    unplaced: list[Studio] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


def import_artists(*, rows: Iterable[tuple[int, dict]], edition: Edition,
                   progress=lambda items: items) -> ImportReport:
    """Validate rows, then create or update artists, studios and participations; flush only.

    progress wraps the valid rows as they are written (the CLI passes a progress bar).
    """
    report = ImportReport()
    municipalities = {fold(m.name): m for m in db.session.scalars(sa.select(Municipality))}
    valid = _validate_all(rows, municipalities, edition, report)
    studios: dict[str, Studio] = {}
    for row in progress(valid):
        studio = studios.get(row.address_key) or _upsert_studio(row)
        studios[row.address_key] = studio
        changed, created = _upsert_artist_and_participation(row, studio, edition)
        if created:
            report.created += 1
        elif changed:
            report.updated += 1
        else:
            report.unchanged += 1
    _number_the_unnumbered(edition)
    db.session.flush()
    report.unplaced = [s for s in studios.values() if not s.is_placed]
    report.rejected.sort(key=lambda e: e.line)
    return report


def _validate_all(rows, municipalities, edition, report) -> list[ArtistRow]:
    """Return the valid rows; record every other one in the report with its reasons."""
    seen_email: dict[str, int] = {}
    seen_number: dict[int, int] = {}
    taken = _numbers_taken(edition)
    open_days = edition_days(edition)
    valid = []
    for line, values in rows:
        row, errors = parse_row(line, values, municipalities, year=edition.year,
                                open_days=open_days)
        if row is not None:
            if row.email in seen_email:
                errors.append(f"duplicate: the e-mail {row.email} is also on line "
                              f"{seen_email[row.email]}")
            elif row.catalogue_no is not None and row.catalogue_no in seen_number:
                errors.append(f"catalogue number {row.catalogue_no} is also on line "
                              f"{seen_number[row.catalogue_no]}")
            elif taken.get(row.catalogue_no, row.email) != row.email:
                errors.append(f"catalogue number {row.catalogue_no} already belongs to "
                              f"{taken[row.catalogue_no]} in {edition.year}")
        if errors:
            report.rejected.append(RowError(line, "; ".join(errors)))
            continue
        seen_email[row.email] = line
        if row.catalogue_no is not None:
            seen_number[row.catalogue_no] = line
        valid.append(row)
    return valid


def _numbers_taken(edition: Edition) -> dict[int, str]:
    if edition.id is None:
        return {}
    query = (sa.select(Participation.catalogue_no, Artist.email).join(Artist)
             .where(Participation.edition_id == edition.id,
                    Participation.catalogue_no.is_not(None)))
    return {number: email for number, email in db.session.execute(query)}


def parse_row(line: int, values: dict, municipalities: dict[str, Municipality], *,
              year: int, open_days: tuple[date, ...]):
    """Return (ArtistRow or None, [reasons]) for one CSV record of the edition of `year`.

    The days in `days` must be among its open days (`open_days`, looked up once per file).
    """
    errors: list[str] = []
    get = lambda key: (values.get(key) or "").strip()  # noqa: E731
    for key, limit in MAX_LENGTHS.items():
        if len(get(key)) > limit:
            errors.append(f"{key} is longer than {limit} characters")
    name = " ".join(get("name").split())
    if not name:
        errors.append("name is missing")
    email = _email(get("email"), errors)
    website = _website(get("website"), errors)
    phone = get("phone") or None
    if phone and not re.fullmatch(r"[0-9 +()./-]{5,40}", phone):
        errors.append(f"phone {phone!r} has characters a phone number does not have")
    disciplines = _disciplines(get("disciplines"), errors)
    if not get("address"):
        errors.append("address is missing")
    postcode = get("postcode") or None
    if postcode and not re.fullmatch(r"\d{4}", postcode):
        errors.append(f"postcode {postcode!r} is not four digits")
    municipality = municipalities.get(fold(get("municipality")))
    if municipality is None:
        errors.append(_unknown_municipality(get("municipality"), municipalities))
    lat, lon = _coordinates(get("lat"), get("lon"), errors)
    flags = _flags(values, get, errors)
    number = _catalogue_no(get("catalogue_no"), errors)
    opening = _opening(values, get, year, open_days, errors)
    if errors:
        return None, errors
    return ArtistRow(
        line=line, name=name, email=email, phone=phone, website=website,
        disciplines=disciplines, bio=get("bio") or None, studio_name=get("studio_name") or None,
        address=" ".join(get("address").split()), postcode=postcode,
        place=get("place") or None, municipality=municipality, lat=lat, lon=lon,
        wheelchair_access=flags["wheelchair_access"], new_this_year=flags["new_this_year"],
        catalogue_no=number, access={k: flags[k] for k in EXTRA_ACCESS if k in flags},
        opening=opening,
    ), []


def _flags(values: dict, get, errors: list[str]) -> dict[str, bool | None]:
    """Return new_this_year (empty = no) and the access answers (empty = not stated)."""
    flags: dict[str, bool | None] = {"new_this_year": parse_yes_no(get("new_this_year"))}
    if flags["new_this_year"] is None:
        errors.append(f"new_this_year {get('new_this_year')!r} is not yes or no (ja/nei, x "
                      "or empty)")
    for key in ("wheelchair_access", *(k for k in EXTRA_ACCESS if k in values)):
        try:
            flags[key] = parse_access(get(key))
        except ValueError:
            errors.append(f"{key} {get(key)!r} is not yes or no (ja/nei, x, or empty when "
                          "not stated)")
    return flags


def _unknown_municipality(given: str, municipalities: dict[str, Municipality]) -> str:
    """Return why the municipality is not accepted, naming the closest known one if any."""
    if not given:
        return "municipality is missing"
    spelled = {ascii_fold(key): m.name for key, m in municipalities.items()}
    close = difflib.get_close_matches(ascii_fold(fold(given)), spelled, n=1, cutoff=0.6)
    hint = f" — did you mean {spelled[close[0]]}?" if close else ""
    return f"unknown municipality {given!r}{hint}"


def _opening(values: dict, get, year: int, open_days: tuple[date, ...],
             errors: list[str]) -> dict:
    """Return the row's own hours and days, for the opening columns the file has."""
    opening: dict = {}
    if "hours" in values:
        try:
            opening["hours"] = parse_hours(get("hours"))
        except OpeningError as error:
            errors.append(f"hours: {error}")
    if "days" in values:
        try:
            days = parse_days(get("days"), year=year)
        except OpeningError as error:
            errors.append(f"days: {error}")
            return opening
        outside = [d for d in days if d not in open_days]
        if outside:
            listed = ", ".join(d.isoformat() for d in open_days) or "none"
            errors.append(f"days: {', '.join(d.isoformat() for d in outside)} is not an open "
                          f"day of {year} (the open days are {listed})")
        opening["days"] = sorted(set(days)) or None
    return opening


def _email(text: str, errors: list[str]) -> str:
    if not text:
        errors.append("e-mail is missing")
        return ""
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        errors.append(f"e-mail {text!r} is not a valid address")
        return ""
    return normalise_email(text)


def _website(text: str, errors: list[str]) -> str | None:
    if not text:
        return None
    if "://" not in text and re.fullmatch(r"[\w.-]+\.[a-z]{2,}(/\S*)?", text, re.IGNORECASE):
        text = "https://" + text  # "www.atelier.no", as people write it
    url = safe_http_url(text)
    if url is None or re.search(r"\s", url):
        errors.append(f"website {text!r} is not an http(s) address")
    return url


def _disciplines(text: str, errors: list[str]) -> list[str]:
    keys: list[str] = []
    for word in filter(None, (w.strip() for w in re.split(r"[|,/]", text))):
        key = parse_discipline(word)
        if key is None:
            errors.append(f"unknown discipline {word!r}")
        elif key not in keys:
            keys.append(key)
    if not keys and not errors:
        errors.append("disciplines are missing")
    return keys


def _coordinates(lat_text: str, lon_text: str, errors: list[str]):
    if not lat_text and not lon_text:
        return None, None
    if not lat_text or not lon_text:
        errors.append("give both lat and lon, or neither")
        return None, None
    try:
        lat, lon = float(lat_text.replace(",", ".")), float(lon_text.replace(",", "."))
    except ValueError:
        errors.append(f"coordinates {lat_text!r}, {lon_text!r} are not numbers")
        return None, None
    if not in_bounds(lat, lon):
        hint = " (lat and lon swapped?)" if in_bounds(lon, lat) else ""
        errors.append(f"coordinates {lat}, {lon} are outside Norway{hint}")
        return None, None
    return lat, lon


def _catalogue_no(text: str, errors: list[str]) -> int | None:
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 9999:
        errors.append(f"catalogue_no {text!r} is not a whole number from 1 to 9999")
        return None
    return int(text)


def assign(obj, **values) -> bool:
    """Set the attributes that differ; return whether any did (so timestamps stay put)."""
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def _upsert_studio(row: ArtistRow) -> Studio:
    studio = db.session.scalar(sa.select(Studio).where(Studio.address_key == row.address_key))
    if studio is None:
        studio = Studio(address_key=row.address_key, location_source=LocationSource.MISSING)
        db.session.add(studio)
    assign(studio, name=row.studio_name, address=row.address, postcode=row.postcode,
           place=row.place, municipality=row.municipality,
           wheelchair_access=row.wheelchair_access, **row.access)
    if row.lat is not None:
        assign(studio, lat=row.lat, lon=row.lon, location_source=LocationSource.FILE)
    return studio


def _upsert_artist_and_participation(row: ArtistRow, studio: Studio, edition: Edition):
    """Return (changed, created) for the artist of this row."""
    artist = db.session.scalar(sa.select(Artist).where(Artist.email == row.email))
    created = artist is None
    if created:
        artist = Artist(email=row.email, slug=_unique_slug(row.name))
        db.session.add(artist)
    changed = assign(artist, name=row.name, phone=row.phone, website=row.website, bio=row.bio)
    if artist.discipline_keys != row.disciplines:
        artist.disciplines = [ArtistDiscipline(discipline=key, position=i)
                              for i, key in enumerate(row.disciplines)]
        artist.updated_at = utcnow()  # a child-row change does not touch the artist row
        changed = True
    db.session.flush()
    participation = db.session.scalar(sa.select(Participation).where(
        Participation.artist_id == artist.id, Participation.edition_id == edition.id))
    if participation is None:
        participation = Participation(artist=artist, edition=edition,
                                      status=ParticipationStatus.ACCEPTED)
        db.session.add(participation)
        changed = True
    changed |= assign(participation, studio=studio, new_this_year=row.new_this_year)
    if row.catalogue_no is not None:
        changed |= assign(participation, catalogue_no=row.catalogue_no)
    if row.opening:
        changed |= _apply_opening(row, participation, edition)
    return changed, created


def _apply_opening(row: ArtistRow, participation: Participation, edition: Edition) -> bool:
    """Set the hours and days the file gives; keep what the file has no column for."""
    if "hours" in row.opening:
        opens_at, closes_at = row.opening["hours"] or (None, None)
    else:
        opens_at, closes_at = participation.opens_at, participation.closes_at
    if "days" in row.opening:
        days = row.opening["days"]
    else:  # kept days that are no longer open days (the edition moved) count for nothing
        open_days = edition_days(edition)
        days = [k.day for k in participation.kept_days if k.day in open_days] or None
    return set_opening(participation=participation, opens_at=opens_at, closes_at=closes_at,
                       days=days)


def _unique_slug(name: str) -> str:
    base = slugify(name)
    slug, n = base, 2
    while db.session.scalar(sa.select(Artist.id).where(Artist.slug == slug)) is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _number_the_unnumbered(edition: Edition) -> None:
    """Give participations without a catalogue number the next free ones, in id order."""
    db.session.flush()
    unnumbered = db.session.scalars(sa.select(Participation).where(
        Participation.edition_id == edition.id, Participation.catalogue_no.is_(None)
    ).order_by(Participation.id)).all()
    if not unnumbered:
        return
    highest = db.session.scalar(sa.select(sa.func.max(Participation.catalogue_no))
                                .where(Participation.edition_id == edition.id)) or 0
    for offset, participation in enumerate(unnumbered, start=1):
        participation.catalogue_no = highest + offset
