"""The statistics document's comparisons across years: previous, since_start, year_over_year
and history.

- previous / since_start: see known_totals (a counted edition here wins over its history row).
- year_over_year: day 0 is the first Saturday on or after the period's start (the first open
  Saturday of a route); every day of this edition's period has its day number (negative
  before day 0). The previous edition is the latest Edition here before this year with
  counts; its day with the same number (from its own first Saturday) stands beside:
  previous_date and previous_count are null where that day is outside its period, or when
  there is no previous edition (previous_year null). A history row has no days: it is never
  the previous edition here.
- history: every year up to this edition that has a known visits total, a history row or an
  edition here with accepted artists: {year, visits_total (null if unknown), artists (the
  edition's accepted artists, else the history row's, else null), from ("edition" where the
  visits come from the edition's counts, or the year has no visits total but an edition
  here; else "history")}. Its visits add up to since_start.visits.
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from kunstrute.counting import queries as counting
from kunstrute.editions.models import Edition, Participation, ParticipationStatus
from kunstrute.extensions import db
from kunstrute.stats.history import history_up_to

SATURDAY = 5


def day_zero(starts_on: date) -> date:
    """Return the first Saturday on or after the period's start."""
    return starts_on + timedelta((SATURDAY - starts_on.weekday()) % 7)


def comparisons(edition: Edition, visits: dict) -> dict:
    """Return previous, since_start, year_over_year and history; set the visits' change."""
    earlier = counting.earlier_visits(before_year=edition.year)
    rows = history_up_to(edition.year)
    totals, origin = known_totals(edition.year, earlier=earlier, rows=rows)
    if visits["has_counts"]:  # this edition's own total, computed once by the caller
        totals[edition.year], origin[edition.year] = visits["total"], "edition"
    before = [year for year in totals if year < edition.year]
    previous = {"year": None, "visits_total": None, "from": None}
    change = None
    if before:
        year = max(before)
        previous = {"year": year, "visits_total": totals[year], "from": origin[year]}
        if visits["has_counts"]:
            absolute = visits["total"] - totals[year]
            change = {"absolute": absolute,
                      "relative": round(absolute / totals[year], 3) if totals[year] else None}
    visits["change_from_previous"] = change
    here = _artists_here(edition.year)
    years = sorted(totals)
    return {"previous": previous,
            "since_start": {"first_year": years[0] if years else None,
                            "years": len(years),
                            "visits": sum(totals.values()),
                            "artists": _artists_since_start(here, rows)},
            "year_over_year": year_over_year(edition, visits, earlier),
            "history": _history(edition.year, totals, origin, here, rows)}


def known_totals(up_to_year: int, *, earlier=None, rows=None
                 ) -> tuple[dict[int, int], dict[int, str]]:
    """Return ({year: visits}, {year: "edition" | "history"}) for every earlier year with a total.

    A year with an edition here that has counts uses them; any other year uses its history
    row (import-history) when the row gives visits_total. The year up_to_year itself comes
    from its history row only: the caller adds the edition's own counted total. `earlier`
    (counting.earlier_visits) and `rows` (history_up_to) are read if not given.
    """
    if earlier is None:
        earlier = counting.earlier_visits(before_year=up_to_year)
    if rows is None:
        rows = history_up_to(up_to_year)
    counted = {year: found.total for year, found in earlier.items()}
    totals, origin = {}, {}
    for year, row in rows.items():
        if row.visits_total is not None and year not in counted:
            totals[year], origin[year] = row.visits_total, "history"
    for year, total in counted.items():
        totals[year], origin[year] = total, "edition"
    return totals, origin


def _artists_here(up_to_year: int) -> dict[int, tuple[int, int]]:
    """Return {year: (accepted artists, of them new this year)} of the editions here."""
    rows = db.session.execute(
        sa.select(Edition.year, sa.func.count(),
                  sa.func.count(sa.case((Participation.new_this_year.is_(True), 1))))
        .join(Participation, Participation.edition_id == Edition.id)
        .where(Edition.year <= up_to_year,
               Participation.status == ParticipationStatus.ACCEPTED)
        .group_by(Edition.year))
    return {year: (artists, new) for year, artists, new in rows}


def _artists_since_start(here: dict, rows: dict) -> int:
    """Return the distinct artists since the first year: the sum of each year's new artists.

    An edition here gives its accepted artists new this year; a year without one gives its
    history row's new_artists. The very first year's artists are all new.
    """
    history = {year: row for year, row in rows.items() if year not in here}
    first = min([*here, *history], default=None)
    total = 0
    for year, (artists, new) in here.items():
        total += artists if year == first else new
    for year, row in history.items():
        new = row.new_artists
        if new is None and year == first:
            new = row.artists
        total += new or 0
    return total


def year_over_year(edition: Edition, visits: dict, earlier: dict) -> dict:
    """Return {previous_year, days[]}: this period's days beside the previous edition's."""
    zero = day_zero(edition.starts_on)
    year = max(earlier, default=None)
    previous = earlier.get(year)
    days = []
    for item in visits["by_day"]:
        day = date.fromisoformat(item["date"])
        number = (day - zero).days
        row = {"day": number, "date": item["date"], "count": item["count"],
               "previous_date": None, "previous_count": None}
        if previous is not None:
            then = day_zero(previous.starts_on) + timedelta(number)
            if previous.starts_on <= then <= previous.ends_on:
                row["previous_date"] = then.isoformat()
                row["previous_count"] = previous.by_day.get(then, 0)
        days.append(row)
    return {"previous_year": year, "days": days}


def _history(year: int, totals: dict, origin: dict, here: dict, rows: dict) -> list[dict]:
    """Return one row per year up to this one: visits, artists and where they come from."""
    years = sorted({*totals, *rows, *(y for y in here if y <= year), year})
    found = []
    for each in years:
        row = rows.get(each)
        artists = here[each][0] if each in here else (row.artists if row else None)
        if artists is None and each == year:
            artists = 0  # this edition here, with no accepted artist yet
        source = origin.get(each) or ("edition" if each in here or each == year else "history")
        found.append({"year": each, "visits_total": totals.get(each), "artists": artists,
                      "from": source})
    return found
