"""Import visitor counts and sales from CSV rows (import-counts, import-sales, the upload page).

Pure functions over the rows of csvfile.read_table: every row is checked, the bad ones are
reported with their line number and reason, the good ones are written (as import-artists does:
exit 1 "some rejected, the good ones kept"); a rejected line writes nothing. Both imports are
idempotent. Counts are SET per venue, day and source (counting.services.set_visits, audited),
so a second import changes nothing. Sales replace the IMPORTED sales of each venue and day in
the file with one row: the sum of the file's lines for that venue and day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa

from kunstrute.audit.services import record
from kunstrute.counting.models import CountSource, Sale, SaleSource, Venue, VisitCount
from kunstrute.counting.services import CountingLocked, is_locked, set_visits
from kunstrute.counting.venues import ensure_venues, exhibition_venue, settings_for
from kunstrute.csvfile import Table, UnusableInput, read_table
from kunstrute.editions.models import Edition, Participation, ParticipationStatus
from kunstrute.extensions import db

COUNT_COLUMNS = ("date", "venue", "visitors", "source")
SALE_COLUMNS = ("date", "venue", "amount_nok", "works")
ALIASES = {"dato": "date", "day": "date", "dag": "date", "sted": "venue",
           "catalogue_no": "venue", "katalognummer": "venue", "nr": "venue",
           "besøkende": "visitors", "visits": "visitors", "kilde": "source",
           "amount": "amount_nok", "beløp": "amount_nok", "kroner": "amount_nok",
           "verk": "works", "antall_verk": "works"}
#: What people write for the shared exhibition in the venue column.
EXHIBITION_NAMES = {"exhibition", "utstilling", "fellesutstilling", "utstillingen"}
#: What people write in the source column (besides the names themselves).
SOURCE_NAMES = {"reported": CountSource.REPORTED, "rapportert": CountSource.REPORTED,
                "qr_checkin": CountSource.QR_CHECKIN, "qr": CountSource.QR_CHECKIN,
                "door_counter": CountSource.DOOR_COUNTER, "door": CountSource.DOOR_COUNTER,
                "dørteller": CountSource.DOOR_COUNTER}
#: Bounds far above any real day (the busiest studio of 2014 had 835 visitors in 11 days):
#: a value above them is a slipped digit or a wrong column, and is refused.
MAX_VISITORS = 100_000
MAX_AMOUNT_NOK = 10_000_000
MAX_WORKS = 1_000


@dataclass
class LineNote:
    line: int
    reason: str


@dataclass
class CountingImport:
    """What an import did: rows (counts) or venue-days (sales) new, changed, unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[LineNote] = field(default_factory=list)
    #: Imported, but above the edition's "are you sure?" threshold: worth a second look.
    warnings: list[LineNote] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


def read_counts_csv(data: bytes) -> Table:
    """Parse a counts file; raise UnusableInput when its header cannot be used."""
    return read_table(data, known=set(COUNT_COLUMNS), required=set(COUNT_COLUMNS),
                      aliases=ALIASES)


def read_sales_csv(data: bytes) -> Table:
    """Parse a sales file; raise UnusableInput when its header cannot be used."""
    return read_table(data, known=set(SALE_COLUMNS), required=set(SALE_COLUMNS),
                      aliases=ALIASES)


def parse_day(text: str) -> date:
    """Return a date written 2027-09-11 or 11.09.2027 (as a Norwegian Excel saves it)."""
    text = text.strip()
    for form in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date (write YYYY-MM-DD)" if text else "missing")


def whole_number(text: str, *, bound: int, money: bool = False) -> int:
    """Return a count typed by a person ("1 200"; money may end in ",00"); raise ValueError."""
    cleaned = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if money:
        cleaned = cleaned.removesuffix(",-").removesuffix(",00").removesuffix(".00")
    if not cleaned:
        raise ValueError("missing")
    if cleaned.startswith("-") and cleaned[1:].isdigit():
        raise ValueError(f"{text} is negative")
    if not cleaned.isdigit():
        raise ValueError(f"{text!r} is not a whole number")
    if int(cleaned) > bound:
        raise ValueError(f"{int(cleaned)} is more than {bound} (a slipped digit?)")
    return int(cleaned)


def edition_of_file(rows: list[tuple[int, dict]], editions: list[Edition]) -> Edition:
    """Return the one edition whose period holds the file's dates; raise UnusableInput."""
    found: dict[int, list[int]] = defaultdict(list)
    for line, values in rows:
        try:
            day = parse_day(values.get("date", ""))
        except ValueError:
            continue
        for edition in editions:
            if edition.starts_on <= day <= edition.ends_on:
                found[edition.year].append(line)
    if not found:
        raise UnusableInput("No edition's period holds the dates of this file: give the "
                            "edition (--edition YEAR) or correct the dates.")
    if len(found) > 1:
        spans = "; ".join(f"{year}: lines {lines[0]}–{lines[-1]}"
                          for year, lines in sorted(found.items()))
        raise UnusableInput(f"The file spans several editions ({spans}); import each "
                            "edition's lines as a file of its own.")
    year = next(iter(found))
    return next(e for e in editions if e.year == year)


class _Venues:
    """The edition's venues by what the venue column says, and why a value names none."""

    def __init__(self, edition: Edition):
        ensure_venues(edition=edition)
        self.edition = edition
        self.exhibition = exhibition_venue(edition)
        rows = db.session.execute(
            sa.select(Participation.catalogue_no, Participation.status, Venue)
            .outerjoin(Venue, Venue.participation_id == Participation.id)
            .where(Participation.edition_id == edition.id,
                   Participation.catalogue_no.is_not(None)))
        self.by_number = {number: (status, venue) for number, status, venue in rows}

    def find(self, text: str) -> Venue:
        if text.strip().lower() in EXHIBITION_NAMES:
            return self.exhibition
        try:
            number = int(text.strip())
        except ValueError:
            raise ValueError(f"{text!r} is neither a catalogue number nor "
                             "'exhibition'" if text.strip() else "missing") from None
        status, venue = self.by_number.get(number, (None, None))
        if status is None:
            raise ValueError(f"no artist has catalogue number {number} in {self.edition.year}")
        if status != ParticipationStatus.ACCEPTED or venue is None:
            raise ValueError(f"catalogue number {number} is not on the route in "
                             f"{self.edition.year} ({status.value})")
        return venue


def _check_open(edition: Edition) -> None:
    if is_locked(edition.id):
        raise CountingLocked(f"The counts and sales of {edition.year} are locked: unlock them "
                             "under /organiser/counting first, then import again.")


def _field(errors: list[str], name: str, parse, text: str):
    try:
        return parse(text)
    except ValueError as exc:
        errors.append(f"{name}: {exc}")
        return None


def _parse_date(errors: list[str], text: str, edition: Edition) -> date | None:
    day = _field(errors, "date", parse_day, text)
    if day is not None and not edition.starts_on <= day <= edition.ends_on:
        errors.append(f"date: {day.isoformat()} is outside the edition {edition.year} "
                      f"({edition.starts_on.isoformat()} – {edition.ends_on.isoformat()})")
        return None
    return day


def _parse_source(text: str) -> CountSource:
    key = "_".join(text.strip().lower().replace("-", " ").split())
    if key not in SOURCE_NAMES:
        raise ValueError(f"{text!r} is not one of reported, qr_checkin, door_counter"
                         if text.strip() else "missing")
    return SOURCE_NAMES[key]


def import_counts(*, rows: Iterable[tuple[int, dict]], edition: Edition,
                  actor=None) -> CountingImport:
    """Check every row, then set the good rows' counts; flush only. Raise CountingLocked."""
    _check_open(edition)
    report, venues = CountingImport(), _Venues(edition)
    limit = settings_for(edition).warn_visitors_above
    good: dict[tuple, list] = defaultdict(list)
    for line, values in rows:
        errors: list[str] = []
        day = _parse_date(errors, values.get("date", ""), edition)
        venue = _field(errors, "venue", venues.find, values.get("venue", ""))
        count = _field(errors, "visitors",
                       lambda t: whole_number(t, bound=MAX_VISITORS), values.get("visitors", ""))
        source = _field(errors, "source", _parse_source, values.get("source", ""))
        if errors:
            report.rejected.append(LineNote(line, "; ".join(errors)))
            continue
        good[(venue.id, day, source)].append((line, venue, count))
    existing = _existing_counts(edition)
    for (_, day, source), lines in good.items():
        if len(lines) > 1:  # which one is right cannot be told: neither is imported
            numbers = ", ".join(str(n) for n, _, _ in lines)
            for line, _, _ in lines:
                report.rejected.append(LineNote(line, f"lines {numbers} give visitors for the "
                                                      "same venue, day and source"))
            continue
        line, venue, count = lines[0]
        if count > limit:
            report.warnings.append(LineNote(line, f"{count} visitors in a day is more than "
                                                  f"{limit}; check it"))
        old = existing.get((venue.id, day, source))
        if old == count:
            report.unchanged += 1
            continue
        set_visits(venue=venue, day=day, source=source, count=count, actor=actor,
                   detail=f"import line {line}")
        if old is None:
            report.created += 1
        else:
            report.updated += 1
    report.rejected.sort(key=lambda note: note.line)
    db.session.flush()
    return report


def _existing_counts(edition: Edition) -> dict[tuple, int]:
    rows = db.session.execute(
        sa.select(VisitCount.venue_id, VisitCount.day, VisitCount.source, VisitCount.count)
        .join(Venue, Venue.id == VisitCount.venue_id).where(Venue.edition_id == edition.id))
    return {(venue_id, day, CountSource(source)): count for venue_id, day, source, count in rows}


def import_sales(*, rows: Iterable[tuple[int, dict]], edition: Edition,
                 actor=None) -> CountingImport:
    """Check every row, then replace the imported sales of each venue and day; flush only.

    The lines of one venue and day are added together; if one of them is rejected, the
    venue's day is not imported at all (half of a day's sales would be a wrong figure).
    """
    _check_open(edition)
    report, venues = CountingImport(), _Venues(edition)
    limit = settings_for(edition).warn_sales_above_nok
    groups: dict[tuple, list] = defaultdict(list)
    bad_groups: dict[tuple, int] = {}
    for line, values in rows:
        errors: list[str] = []
        day = _parse_date(errors, values.get("date", ""), edition)
        venue = _field(errors, "venue", venues.find, values.get("venue", ""))
        amount = _field(errors, "amount_nok", lambda t: whole_number(
            t, bound=MAX_AMOUNT_NOK, money=True), values.get("amount_nok", ""))
        works = _field(errors, "works", lambda t: whole_number(t, bound=MAX_WORKS),
                       values.get("works", ""))
        if errors:
            report.rejected.append(LineNote(line, "; ".join(errors)))
            if venue is not None and day is not None:
                bad_groups.setdefault((venue.id, day), line)
            continue
        groups[(venue.id, day)].append((line, venue, amount, works))
    for (venue_id, day), lines in groups.items():
        if (venue_id, day) in bad_groups:
            for line, *_ in lines:
                report.rejected.append(LineNote(line, (
                    f"line {bad_groups[(venue_id, day)]}, for the same venue and day, was "
                    "rejected, so none of that day's sales are imported")))
            continue
        _replace_sales(lines, day, report, actor, limit)
    report.rejected.sort(key=lambda note: note.line)
    db.session.flush()
    return report


def _replace_sales(lines: list, day: date, report: CountingImport, actor, limit: int) -> None:
    venue = lines[0][1]
    amount = sum(a for _, _, a, _ in lines)
    works = sum(w for _, _, _, w in lines)
    if amount > limit:
        report.warnings.append(LineNote(lines[0][0], f"{amount} NOK in a day is more than "
                                                     f"{limit}; check it"))
    old = list(db.session.scalars(sa.select(Sale).where(
        Sale.venue_id == venue.id, Sale.day == day, Sale.source == SaleSource.IMPORTED)))
    if len(old) == 1 and (old[0].amount_nok, old[0].works) == (amount, works):
        report.unchanged += 1
        return
    before = (f"{sum(s.amount_nok for s in old)} NOK, {sum(s.works for s in old)} works"
              if old else "–")
    for sale in old:
        db.session.delete(sale)
    db.session.add(Sale(venue_id=venue.id, participation_id=venue.participation_id, day=day,
                        source=SaleSource.IMPORTED, amount_nok=amount, works=works))
    record(actor=actor, action="sales.imported", obj=venue,
           detail=f"{day.isoformat()}: {before} → {amount} NOK, {works} works")
    if old:
        report.updated += 1
    else:
        report.created += 1
