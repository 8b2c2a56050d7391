"""The dashboards' tables: each one a view of the statistics document, never a second sum.

A Table is what a page shows as a data table (and, where people would rather look than
read, as a chart of the same rows), what a CSV download writes and what a workbook sheet
holds. `edition_tables(doc)` builds them all from one `edition_stats` document, so the
dashboard, the exports and the annual report cannot disagree.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _


class Kind(enum.StrEnum):
    """What a column holds: how it is formatted on a page and typed in a workbook."""

    TEXT = "text"
    DATE = "date"
    COUNT = "count"  # a whole number
    NUMBER = "number"  # a decimal, e.g. a mean
    NOK = "nok"
    SHARE = "share"  # 0..1, shown as percent


class ChartKind(enum.StrEnum):
    COLUMNS = "columns"  # vertical, along time: visits per day
    BARS = "bars"  # horizontal, one per label: municipalities, the funnel
    LINES = "lines"  # two or more series along a shared axis: year over year
    PROGRESS = "progress"  # a bar per goal up to its progress, a line at the target (100 %)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: Kind = Kind.TEXT


@dataclass
class Table:
    """One table of figures: rows of values in the columns' order."""

    #: The URL's name (…/tables/<slug>.csv) and the workbook sheet's.
    slug: str
    title: str
    columns: list[Column]
    rows: list[tuple]
    #: How the figures were derived (sources, coverage), shown under the table.
    note: str = ""
    chart: ChartKind | None = None
    #: The page with the rows behind the figures (an organiser page), if any.
    rows_url: str | None = None
    #: Extra keyword arguments for the chart (e.g. which columns are the series).
    chart_options: dict = field(default_factory=dict)

    @property
    def header(self) -> list[str]:
        return [column.label for column in self.columns]


def format_value(value, kind: Kind) -> str:
    """Return a value as the pages show it (Norwegian style: 21 604, 12,5 %, 950 000 kr)."""
    if value is None or value == "":
        return "–"
    if kind == Kind.SHARE:
        return f"{value * 100:.1f}".replace(".", ",") + " %"
    if kind == Kind.NUMBER:
        return f"{value:,.1f}".replace(",", " ").replace(".", ",")
    if kind in (Kind.COUNT, Kind.NOK):
        text = f"{value:,}".replace(",", " ")
        return f"{text} kr" if kind == Kind.NOK else text
    if kind == Kind.DATE and isinstance(value, date):
        return value.isoformat()
    return str(value)


def edition_tables(doc: dict) -> list[Table]:
    """Return every table of the edition's dashboard, in the order the page shows them."""
    return [visits_by_day(doc), visits_by_municipality(doc), sales(doc)]


def table_by_slug(doc: dict, slug: str) -> Table | None:
    tables = [*edition_tables(doc), *comparison.comparison_tables(doc)]
    return next((table for table in tables if table.slug == slug), None)


def _coverage(doc: dict) -> str:
    visits = doc["visits"]
    return _("%(reported)d of %(total)d studios reported their visitors; %(counted)d have a "
             "figure from some source.", reported=visits["studios_reported"],
             total=visits["studios_total"], counted=visits["studios_counted"])


def visits_by_day(doc: dict) -> Table:
    return Table(
        slug="visits-by-day", title=_("Visits per day"),
        columns=[Column("date", _("Day"), Kind.DATE), Column("count", _("Visits"), Kind.COUNT)],
        rows=[(date.fromisoformat(day["date"]), day["count"]) for day in doc["visits"]["by_day"]],
        note=_coverage(doc), chart=ChartKind.COLUMNS)


def visits_by_municipality(doc: dict) -> Table:
    rows = sorted(doc["visits"]["by_municipality"].items(), key=lambda item: -item[1])
    return Table(
        slug="visits-by-municipality", title=_("Studio visits per municipality"),
        columns=[Column("municipality", _("Municipality")),
                 Column("count", _("Visits"), Kind.COUNT)],
        rows=rows, note=_coverage(doc), chart=ChartKind.BARS)


def sales(doc: dict) -> Table:
    figures = doc["sales"]
    return Table(
        slug="sales", title=_("Sales"),
        columns=[Column("where", _("Where")), Column("nok", _("Sales"), Kind.NOK),
                 Column("works", _("Works sold"), Kind.COUNT)],
        rows=[(_("Studios"), figures["studios_nok"], figures["studios_works"]),
              (_("Exhibition"), figures["exhibition_nok"], figures["exhibition_works"])],
        chart=ChartKind.BARS)


from kunstrute.stats import comparison  # noqa: E402  (its tables import this module's names)
