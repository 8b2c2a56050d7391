"""The statistics service: the one place an edition's figures are computed.

`edition_stats(edition)` returns the whole document that `flask stats YEAR` and
GET /organiser/editions/<year>/stats.json give (and the dashboards read). Every figure comes
from SQL aggregates in the feature domains' queries.py (counting, applications, programme,
newsletter, surveys), the core's editions.queries and the history; Python only shapes the
result (the median of the ≤ 3,000 studio totals, the zero days, the bands, the rounding).
The sections are built in stats/sections.py, the comparisons across years in stats/years.py.

The document is nested JSON: DESIGN.md's dotted names are paths into it (visits.total is
doc["visits"]["total"]). See docs/ARCHITECTURE.md, "Statistics service and imports".
"""

from __future__ import annotations

import csv
import io
import json

from kunstrute.csvfile import safe_cell
from kunstrute.editions.models import Edition
from kunstrute.stats import goals, sections
from kunstrute.stats.years import comparisons, known_totals

__all__ = ["edition_stats", "flatten", "known_totals", "stats_csv", "stats_json"]


def edition_stats(edition: Edition) -> dict:
    """Return every figure of the edition as one JSON-ready document."""
    visits = sections.visits(edition)
    return goals.with_goals(edition, {
        "edition": edition.year,
        "period": {"starts_on": edition.starts_on.isoformat(),
                   "ends_on": edition.ends_on.isoformat(),
                   "days": sections.period_days(edition)},
        "visits": visits,
        "sales": sections.sales(edition, studios=visits["studios_total"]),
        "applications": sections.applications(edition),
        "artists": sections.artists(edition),
        "programme": sections.programme(edition),
        "newsletter": sections.newsletter(edition),
        "surveys": sections.surveys(edition),
        **comparisons(edition, visits),
    })


def flatten(document, prefix: str = "") -> list[tuple[str, object]]:
    """Return (dotted key, value) pairs: a list's items become key.<index>[.<field>], except
    the days of visits.by_day, which become visits.by_day.<date>."""
    pairs = []
    items = document.items() if isinstance(document, dict) else enumerate(document)
    for key, value in items:
        path = f"{prefix}{key}"
        if path == "visits.by_day":
            pairs += [(f"{path}.{item['date']}", item["count"]) for item in value]
        elif isinstance(value, dict | list):
            pairs += flatten(value, f"{path}.")
        else:
            pairs.append((path, value))
    return pairs


def stats_json(document: dict) -> str:
    """Return the document as the one JSON text the command and the URL both give."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def stats_csv(document: dict) -> str:
    """Return the document as two columns, key and value (no BOM: a command's output).

    Numbers are written as they are (a negative change stays a number); text, such as a
    municipality's name in a key or an artist's name, is made formula-safe.
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
