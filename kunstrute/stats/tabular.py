"""The dashboards' building blocks: a Table of figures, its columns and chart, a Section.

Plain data and formatting, nothing computed: the tables themselves are built from the
statistics document in tables.py (visits, sales) and tables_people.py (applications, the
programme, newsletters, surveys). tables.py re-exports these names, the ones other modules
import.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from flask import has_request_context, url_for


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


@dataclass
class Section:
    """A part of the dashboard: its tables, and whether the edition has these figures yet."""

    key: str
    title: str
    tables: list[Table]
    has_figures: bool
    #: What the organiser sees instead of the tables while has_figures is false.
    empty: str
    #: Where the figures come from (the organiser page to enter or check them).
    source_url: str | None = None


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


def link(endpoint: str, **values) -> str | None:
    """Return an organiser page's URL, or None outside a request (a job building a workbook)."""
    return url_for(endpoint, **values) if has_request_context() else None


def by_count(figures: dict) -> list[tuple]:
    """Return {label: number} as rows, the largest first (then by label)."""
    return sorted(figures.items(), key=lambda item: (-(item[1] or 0), item[0]))
