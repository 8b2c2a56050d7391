"""The statistics service: the one place an edition's figures are computed.

`edition_stats(edition)` returns the whole document that `flask stats YEAR` and
GET /organiser/editions/<year>/stats.json give (and the dashboards read). Every figure comes
from SQL aggregates (counting.queries, applications.queries and the history); Python only
shapes the result (the median of the ≤ 3,000 studio totals, the zero days, the rounding).

The document is nested JSON: DESIGN.md's dotted names are paths into it (visits.total is
doc["visits"]["total"]). See docs/ARCHITECTURE.md, "Statistics service and imports".
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from datetime import timedelta

import sqlalchemy as sa

from kunstrute.applications.queries import application_figures
from kunstrute.counting import queries as counting
from kunstrute.counting.models import VenueKind
from kunstrute.csvfile import safe_cell
from kunstrute.editions.models import Edition, Participation, ParticipationStatus
from kunstrute.extensions import db
from kunstrute.stats import goals
from kunstrute.stats.history import history_up_to


def edition_stats(edition: Edition) -> dict:
    """Return every figure of the edition as one JSON-ready document."""
    visits = _visits(edition)
    return goals.with_goals(edition, {
        "edition": edition.year,
        "period": {"starts_on": edition.starts_on.isoformat(),
                   "ends_on": edition.ends_on.isoformat(), "days": _days(edition)},
        "visits": visits,
        "sales": _sales(edition),
        "applications": application_figures(edition),
        **_comparisons(edition, visits),
    })


def _days(edition: Edition) -> int:
    return (edition.ends_on - edition.starts_on).days + 1


def _visits(edition: Edition) -> dict:
    figures = counting.visit_figures(edition)
    venues = figures.venues
    studios = [v for v in venues if v.kind == VenueKind.STUDIO]
    exhibition = sum(v.total for v in venues if v.kind == VenueKind.EXHIBITION)
    totals = sorted(v.total for v in studios)
    by_day = figures.by_day
    used = {source.value: 0 for source in counting.SOURCE_ORDER}
    by_municipality: dict[str, int] = {}
    for venue in venues:
        used[venue.source.value] += 1
    for venue in studios:
        if venue.municipality is not None:
            by_municipality[venue.municipality] = (
                by_municipality.get(venue.municipality, 0) + venue.total)
    return {
        "total": sum(totals) + exhibition,
        "studios": sum(totals),
        "exhibition": exhibition,
        "exhibition_per_day": round(exhibition / _days(edition), 1),
        "per_studio": {"min": totals[0] if totals else None,
                       "median": _number(statistics.median(totals)) if totals else None,
                       "max": totals[-1] if totals else None},
        "by_day": [{"date": day.isoformat(), "count": by_day.get(day, 0)}
                   for day in (edition.starts_on + timedelta(n)
                               for n in range(_days(edition)))],
        "by_municipality": dict(sorted(by_municipality.items())),
        "by_source": figures.by_source,
        "sources_used": used,
        #: Studios with a figure from any source, and those whose artist reported.
        "studios_counted": len(totals),
        "studios_reported": counting.studios_reported(edition),
        "studios_total": counting.studios_total(edition),
        "has_counts": bool(venues),
    }


def _number(value):
    """Return an int where the value is whole (a median of an even count may not be)."""
    return int(value) if float(value).is_integer() else round(float(value), 1)


def _sales(edition: Edition) -> dict:
    sales = counting.sales_summary(edition)
    artists = counting.studios_total(edition)
    sellers = counting.artists_with_sales(edition)
    return {
        "studios_nok": sales[VenueKind.STUDIO]["nok"],
        "studios_works": sales[VenueKind.STUDIO]["works"],
        "exhibition_nok": sales[VenueKind.EXHIBITION]["nok"],
        "exhibition_works": sales[VenueKind.EXHIBITION]["works"],
        "artists_with_sales": sellers,
        "artists_with_sales_share": round(sellers / artists, 3) if artists else None,
    }


def _comparisons(edition: Edition, visits: dict) -> dict:
    """Return previous, the change from it, and since_start (see known_totals)."""
    totals, origin = known_totals(edition.year)
    if visits["has_counts"]:  # this edition's own total, computed once above
        totals[edition.year], origin[edition.year] = visits["total"], "edition"
    earlier = [year for year in totals if year < edition.year]
    previous = {"year": None, "visits_total": None, "from": None}
    change = None
    if earlier:
        year = max(earlier)
        previous = {"year": year, "visits_total": totals[year], "from": origin[year]}
        if visits["has_counts"]:
            absolute = visits["total"] - totals[year]
            change = {"absolute": absolute,
                      "relative": round(absolute / totals[year], 3) if totals[year] else None}
    visits["change_from_previous"] = change
    years = sorted(totals)
    return {"previous": previous,
            "since_start": {"first_year": years[0] if years else None,
                            "years": len(years),
                            "visits": sum(totals.values()),
                            "artists": _artists_since_start(edition.year)}}


def known_totals(up_to_year: int) -> tuple[dict[int, int], dict[int, str]]:
    """Return ({year: visits}, {year: "edition" | "history"}) for every earlier year with a total.

    A year with an edition here that has counts uses them; any other year uses its history
    row (import-history) when the row gives visits_total. The year up_to_year itself comes
    from its history row only: the caller adds the edition's own counted total.
    """
    counted = counting.edition_visit_totals(before_year=up_to_year)
    totals, origin = {}, {}
    for year, row in history_up_to(up_to_year).items():
        if row.visits_total is not None and year not in counted:
            totals[year], origin[year] = row.visits_total, "history"
    for year, total in counted.items():
        totals[year], origin[year] = total, "edition"
    return totals, origin


def _artists_since_start(up_to_year: int) -> int:
    """Return the distinct artists since the first year: the sum of each year's new artists.

    An edition here gives its accepted artists new this year; a year without one gives its
    history row's new_artists. The very first year's artists are all new.
    """
    rows = db.session.execute(
        sa.select(Edition.year, sa.func.count(),
                  sa.func.count(sa.case((Participation.new_this_year.is_(True), 1))))
        .join(Participation, Participation.edition_id == Edition.id)
        .where(Edition.year <= up_to_year,
               Participation.status == ParticipationStatus.ACCEPTED)
        .group_by(Edition.year))
    here = {year: (artists, new) for year, artists, new in rows}
    history = {year: row for year, row in history_up_to(up_to_year).items() if year not in here}
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


def flatten(document: dict, prefix: str = "") -> list[tuple[str, object]]:
    """Return (dotted key, value) pairs; by_day becomes visits.by_day.<date>."""
    pairs = []
    for key, value in document.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            pairs += flatten(value, f"{path}.")
        elif isinstance(value, list) and path == "visits.by_day":
            pairs += [(f"{path}.{item['date']}", item["count"]) for item in value]
        elif isinstance(value, list):  # goals.<index>.<field> (until "figures" lands)
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    pairs += flatten(item, f"{path}.{index}.")
                else:
                    pairs.append((f"{path}.{index}", item))
        else:
            pairs.append((path, value))
    return pairs


def stats_json(document: dict) -> str:
    """Return the document as the one JSON text the command and the URL both give."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def stats_csv(document: dict) -> str:
    """Return the document as two columns, key and value (no BOM: a command's output).

    Numbers are written as they are (a negative change stays a number); text, such as a
    municipality's name in a key, is made formula-safe.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["key", "value"])
    for key, value in flatten(document):
        if value is None:
            value = ""
        elif isinstance(value, bool):
            value = str(value).lower()
        elif not isinstance(value, int | float):
            value = safe_cell(value)
        writer.writerow([safe_cell(key), value])
    return out.getvalue()
