"""One artists file's format and the check of each row: columns, their Norwegian names,
and the reasons a row is refused (named by line and column, as organisers read them)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date

from email_validator import EmailNotValidError, validate_email

from kunstrute.csvfile import Table, read_table
from kunstrute.editions.models import Municipality, address_key
from kunstrute.editions.opening import OpeningError, parse_days, parse_hours
from kunstrute.editions.vocabulary import parse_access, parse_discipline, parse_yes_no
from kunstrute.geocoding.services import in_bounds
from kunstrute.text import ascii_fold, fold, normalise_email
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
        return address_key(self.address, self.postcode)


@dataclass
class RowError:
    line: int
    reason: str


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
