"""Earlier editions' totals: the history CSV (import-history), checked row by row, upserted by
year, and the reads the statistics service compares with.

Columns (DESIGN.md): year, visits_total, visits_studios, visits_exhibition, artists,
applications, sales_studios_nok, sales_exhibition_nok; an empty cell is "unknown". An optional
column new_artists gives the artists on the route for the first time that year: the sum of
new artists over the years is the number of distinct artists since the start
(since_start.artists), which no other column can give (the same artist comes back).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa

from kunstrute.audit.services import record
from kunstrute.csvfile import Table, read_table
from kunstrute.extensions import db
from kunstrute.stats.models import EditionHistory

FIGURES = ("visits_total", "visits_studios", "visits_exhibition", "artists", "applications",
           "sales_studios_nok", "sales_exhibition_nok")
OPTIONAL = ("new_artists",)
COLUMNS = ("year", *FIGURES, *OPTIONAL)
ALIASES = {"år": "year", "aar": "year", "nye_kunstnere": "new_artists"}
#: Bounds far above any route's year (100x the 2014 report), so a slipped digit is caught.
BOUNDS = {"visits_total": 10_000_000, "visits_studios": 10_000_000,
          "visits_exhibition": 10_000_000, "artists": 100_000, "applications": 100_000,
          "new_artists": 100_000, "sales_studios_nok": 1_000_000_000,
          "sales_exhibition_nok": 1_000_000_000}
FIRST_YEAR, LAST_YEAR = 1950, 2100


@dataclass
class RowError:
    line: int
    reason: str


@dataclass
class HistoryReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RowError] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


def read_history_csv(data: bytes) -> Table:
    """Parse a history file; raise csvfile.UnusableInput when its header cannot be used."""
    return read_table(data, known=set(COLUMNS), required={"year", *FIGURES}, aliases=ALIASES)


def whole_number(text: str, *, bound: int) -> int:
    """Return a count typed by a person ("21 400", "21400"); raise ValueError saying why."""
    cleaned = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if cleaned.startswith("-") and cleaned[1:].isdigit():
        raise ValueError("is negative")
    if not cleaned.isdigit():
        raise ValueError(f"{text!r} is not a whole number")
    value = int(cleaned)
    if value > bound:
        raise ValueError(f"{value} is more than {bound:,}".replace(",", " "))
    return value


def parse_history_row(values: dict[str, str]) -> tuple[dict | None, list[str]]:
    """Return ({column: value or None}, []) or (None, [reasons])."""
    errors, row = [], {}
    try:
        row["year"] = whole_number(values.get("year", ""), bound=LAST_YEAR)
        if row["year"] < FIRST_YEAR:
            errors.append(f"year: {row['year']} is before {FIRST_YEAR}")
    except ValueError as exc:
        errors.append(f"year: {exc}" if values.get("year") else "year: missing")
    for name in (*FIGURES, *(c for c in OPTIONAL if c in values)):
        text = values.get(name, "")
        try:
            row[name] = whole_number(text, bound=BOUNDS[name]) if text else None
        except ValueError as exc:
            errors.append(f"{name}: {exc}")
    if not errors:
        errors += _inconsistencies(row)
    return (None, errors) if errors else (row, [])


def _inconsistencies(row: dict) -> list[str]:
    errors = []
    parts = [row[k] for k in ("visits_studios", "visits_exhibition") if row[k] is not None]
    if row["visits_total"] is not None and sum(parts) > row["visits_total"]:
        errors.append("visits_studios and visits_exhibition add up to more than visits_total")
    if (row.get("new_artists") is not None and row["artists"] is not None
            and row["new_artists"] > row["artists"]):
        errors.append("new_artists is more than artists")
    return errors


def import_history(*, rows: Iterable[tuple[int, dict]], actor=None) -> HistoryReport:
    """Check every row, then create or update each good year's totals; flush only.

    Idempotent: a year whose figures are the same is left as it is. A year given on two
    lines is rejected on both (which one is right cannot be told).
    """
    report = HistoryReport()
    rows = list(rows)
    parsed = []
    for line, values in rows:
        row, errors = parse_history_row(values)
        if errors:
            report.rejected.append(RowError(line, "; ".join(errors)))
        else:
            parsed.append((line, row))
    years = Counter(row["year"] for _, row in parsed)
    for line, row in parsed:
        if years[row["year"]] > 1:
            others = [str(n) for n, r in parsed if r["year"] == row["year"] and n != line]
            report.rejected.append(RowError(
                line, f"year {row['year']} is also on line {', '.join(others)}"))
            continue
        _upsert(row, report, actor)
    report.rejected.sort(key=lambda e: e.line)
    db.session.flush()
    return report


def _upsert(row: dict, report: HistoryReport, actor) -> None:
    found = db.session.get(EditionHistory, row["year"])
    if found is None:
        found = EditionHistory(**row)
        db.session.add(found)
        report.created += 1
        record(actor=actor, action="history.created", obj=found, detail=_describe(row))
        return
    changed = {k: v for k, v in row.items() if getattr(found, k) != v}
    if not changed:
        report.unchanged += 1
        return
    for name, value in changed.items():
        setattr(found, name, value)
    report.updated += 1
    record(actor=actor, action="history.updated", obj=found, detail=_describe(changed))


def _describe(values: dict) -> str:
    return ", ".join(f"{k}={'' if v is None else v}" for k, v in values.items() if k != "year")


def history_years() -> list[EditionHistory]:
    """Return every history row, the newest year first."""
    return list(db.session.scalars(sa.select(EditionHistory)
                                   .order_by(EditionHistory.year.desc())))


def history_up_to(year: int) -> dict[int, EditionHistory]:
    """Return {year: row} for the history rows up to and including `year`."""
    return {row.year: row for row in db.session.scalars(
        sa.select(EditionHistory).where(EditionHistory.year <= year))}


def load_history_file(path) -> HistoryReport:
    """Import a history CSV from disk as the system (the demo's earlier editions); flush."""
    return import_history(rows=read_history_csv(path.read_bytes()).rows, actor="system")
