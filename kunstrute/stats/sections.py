"""The statistics document's sections of one edition: visits, sales, applications, artists,
programme, newsletter and surveys. Each is SQL aggregates from the feature domains' queries
(counting, applications, programme, newsletter, surveys, editions); Python only shapes.

Definitions (see docs/ARCHITECTURE.md, "Statistics service and imports"):

- visits.per_studio.top / bottom: the 5 studios with the most / the fewest visits among those
  with a figure (from the chosen source), {catalogue_no, name (the artist), municipality,
  count, source}; top from the highest down, bottom from the lowest up, ties by catalogue
  number.
- visits.per_studio.histogram: {from, to, studios} bands of equal width over the studios with
  a figure, both ends included, from 0 to the highest total; the width is 1, 2 or 5 × 10^k,
  the smallest giving at most 10 bands; empty bands are kept (the chart is continuous).
- visits.reporting_share: studios_reported / studios_total, 3 decimals; null without studios.
- sales.by_municipality: the accepted studios' own sales (NOK) by studio municipality.
- applications.by_municipality: applications sent in by the applicant's municipality;
  from_hosts: of those, from the edition's host municipalities (hosts, by name).
- artists.by_municipality: accepted artists with a studio, by the studio's municipality.
"""

from __future__ import annotations

import statistics
from datetime import timedelta

from kunstrute.applications.queries import application_figures, applications_by_municipality
from kunstrute.counting import queries as counting
from kunstrute.counting.models import VenueKind
from kunstrute.editions.models import Edition
from kunstrute.editions.queries import artists_by_municipality, host_names
from kunstrute.newsletter.queries import newsletter_figures
from kunstrute.programme.queries import programme_figures
from kunstrute.surveys.queries import year_headlines

#: Studios listed at each end of the per-studio distribution.
ENDS = 5
#: The histogram has at most this many bands.
MAX_BANDS = 10


def period_days(edition: Edition) -> int:
    return (edition.ends_on - edition.starts_on).days + 1


def visits(edition: Edition) -> dict:
    """Return the visits section: totals, per studio, per day, municipality and source."""
    figures = counting.visit_figures(edition)
    venues = figures.venues
    studios = [v for v in venues if v.kind == VenueKind.STUDIO]
    exhibition = sum(v.total for v in venues if v.kind == VenueKind.EXHIBITION)
    totals = sorted(v.total for v in studios)
    days = period_days(edition)
    used = {source.value: 0 for source in counting.SOURCE_ORDER}
    by_municipality: dict[str, int] = {}
    for venue in venues:
        used[venue.source.value] += 1
    for venue in studios:
        if venue.municipality is not None:
            by_municipality[venue.municipality] = (
                by_municipality.get(venue.municipality, 0) + venue.total)
    reported, total = figures.reported, figures.studios
    return {
        "total": sum(totals) + exhibition,
        "studios": sum(totals),
        "exhibition": exhibition,
        "exhibition_per_day": round(exhibition / days, 1),
        "per_studio": {"min": totals[0] if totals else None,
                       "median": _number(statistics.median(totals)) if totals else None,
                       "max": totals[-1] if totals else None,
                       **_ends(studios), "histogram": histogram(totals)},
        "by_day": [{"date": day.isoformat(), "count": figures.by_day.get(day, 0)}
                   for day in (edition.starts_on + timedelta(n) for n in range(days))],
        "by_municipality": dict(sorted(by_municipality.items())),
        "by_source": figures.by_source,
        "sources_used": used,
        #: Studios with a figure from any source, and those whose artist reported.
        "studios_counted": len(totals),
        "studios_reported": reported,
        "studios_total": total,
        "reporting_share": round(reported / total, 3) if total else None,
        "has_counts": bool(venues),
    }


def _number(value):
    """Return an int where the value is whole (a median of an even count may not be)."""
    return int(value) if float(value).is_integer() else round(float(value), 1)


def _ends(studios: list) -> dict:
    """Return the top and bottom studios by visits (ties by catalogue number)."""
    def row(venue) -> dict:
        return {"catalogue_no": venue.catalogue_no, "name": venue.name,
                "municipality": venue.municipality, "count": venue.total,
                "source": venue.source.value}

    def number(venue) -> int:
        return venue.catalogue_no if venue.catalogue_no is not None else 1 << 30

    top = sorted(studios, key=lambda v: (-v.total, number(v)))[:ENDS]
    bottom = sorted(studios, key=lambda v: (v.total, number(v)))[:ENDS]
    return {"top": [row(v) for v in top], "bottom": [row(v) for v in bottom]}


def band_width(highest: int) -> int:
    """Return the smallest width of 1, 2 or 5 × 10^k giving at most MAX_BANDS from 0."""
    width = 1
    while (highest // width) + 1 > MAX_BANDS:
        for factor in (2, 5 / 2, 2):  # 1 → 2 → 5 → 10 → 20 …
            width = int(width * factor)
            if (highest // width) + 1 <= MAX_BANDS:
                break
    return width


def histogram(totals: list[int]) -> list[dict]:
    """Return [{from, to, studios}] over sorted studio totals: equal bands from 0."""
    if not totals:
        return []
    width = band_width(totals[-1])
    counts = [0] * (totals[-1] // width + 1)
    for total in totals:
        counts[total // width] += 1
    return [{"from": n * width, "to": (n + 1) * width - 1, "studios": studios}
            for n, studios in enumerate(counts)]


def sales(edition: Edition, *, studios: int) -> dict:
    """Return the sales section; studios: the edition's accepted artists (studios_total)."""
    figures = counting.sales_figures(edition)
    studio, hall = figures.by_kind[VenueKind.STUDIO], figures.by_kind[VenueKind.EXHIBITION]
    return {
        "studios_nok": studio["nok"],
        "studios_works": studio["works"],
        "exhibition_nok": hall["nok"],
        "exhibition_works": hall["works"],
        "artists_with_sales": figures.sellers,
        "artists_with_sales_share": round(figures.sellers / studios, 3) if studios else None,
        "by_municipality": figures.by_municipality,
    }


def applications(edition: Edition) -> dict:
    by_municipality = applications_by_municipality(edition)
    hosts = host_names(edition)
    return {**application_figures(edition),
            "by_municipality": by_municipality,
            "from_hosts": sum(by_municipality.get(name, 0) for name in hosts),
            "hosts": hosts}


def artists(edition: Edition) -> dict:
    return {"by_municipality": artists_by_municipality(edition)}


def programme(edition: Edition) -> dict:
    return programme_figures(edition)


def newsletter(edition: Edition) -> dict:
    return newsletter_figures(edition.year)


def surveys(edition: Edition) -> dict:
    return year_headlines(edition.year)
