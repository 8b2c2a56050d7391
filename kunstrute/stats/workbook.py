"""The edition's workbook: every figure of the statistics document and every table, as .xlsx.

The first sheet, "Figures", holds each dotted key of the document (flatten(doc)) and its
value; then one sheet per table, named by its slug (the CSV download's name), the header
bold and the rows as the dashboard shows them. Numbers stay numbers with a format (NOK,
percent, whole or decimal), dates are dates, and every text is written as a string cell
explicitly: a municipality called =HYPERLINK("http://x","y") stays text and never becomes
a formula. openpyxl is imported when a workbook is made, not when the app starts.

The tables are small (16 municipalities, a route's days, the years since the first
edition); MAX_ROWS only guards a sheet against a document gone wrong.
"""

from __future__ import annotations

import io
import re
from datetime import date

from kunstrute.stats.comparison import comparison_tables
from kunstrute.stats.goal_figures import NOK, SHARE, figure_kind
from kunstrute.stats.service import flatten
from kunstrute.stats.tables import Kind, Table, edition_tables

#: Rows per sheet, the header included; a longer sheet is cut with a last row saying so.
MAX_ROWS = 10_000
#: Excel's limit on a cell's text.
MAX_TEXT = 32_767
#: Excel's limit on a sheet's name, and the characters it refuses in one.
MAX_SHEET_NAME = 31
SHEET_NAME_REFUSED = re.compile(r"[\[\]:*?/\\]")
FIGURES_SHEET = "Figures"

FORMATS = {
    Kind.COUNT: "#,##0",
    Kind.NUMBER: "#,##0.0",
    Kind.NOK: '#,##0 "kr"',
    Kind.SHARE: "0.0%",
    Kind.DATE: "yyyy-mm-dd",
}
#: The last part of a dotted key whose value is an ISO date ("2027-09-11").
DATE_KEYS = ("date", "previous_date", "starts_on", "ends_on")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def workbook_tables(doc: dict) -> list[Table]:
    """Return every table of the workbook: the dashboard's, then the comparisons and goals."""
    return [*edition_tables(doc), *comparison_tables(doc)]


def edition_workbook(doc: dict) -> bytes:
    """Return the edition's workbook (.xlsx bytes): the document's figures, every table."""
    return write_workbook(doc, workbook_tables(doc))


def write_workbook(doc: dict, tables: list[Table]) -> bytes:
    """Return a workbook of one statistics document and these tables."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    figures = book.active
    figures.title = FIGURES_SHEET
    bold = Font(bold=True)
    _write_rows(figures, ["key", "value"], _figure_rows(doc), bold)
    figures.column_dimensions["A"].width = 48
    names = {FIGURES_SHEET.lower()}
    for table in tables:
        sheet = book.create_sheet(sheet_name(table.slug, names))
        rows = ([(value, column.kind) for value, column in zip(row, table.columns, strict=False)]
                for row in table.rows)
        _write_rows(sheet, table.header, rows, bold)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_name(wanted: str, taken: set[str]) -> str:
    """Return a sheet name Excel accepts (≤ 31 characters, none of []:*?/\\), not yet taken.

    `taken` holds the names given so far, lower case (Excel compares them so); it is updated.
    """
    base = SHEET_NAME_REFUSED.sub("-", wanted).strip("'") or "table"
    name, n = base[:MAX_SHEET_NAME], 1
    while name.lower() in taken:
        n += 1
        suffix = f"-{n}"
        name = base[:MAX_SHEET_NAME - len(suffix)] + suffix
    taken.add(name.lower())
    return name


def _figure_rows(doc: dict):
    """Yield (key, kind), (value, kind) pairs for the Figures sheet."""
    for key, value in flatten(doc):
        yield [(key, Kind.TEXT), _typed_figure(key, value)]


def _typed_figure(key: str, value) -> tuple[object, Kind | None]:
    """Return the value as the sheet holds it, with its kind (None: a plain number).

    Counts stay plain here: the document's numbers include years and ids, which a
    thousands separator would make read 2,027.
    """
    last = key.rsplit(".", 1)[-1]
    if isinstance(value, str) and last in DATE_KEYS and ISO_DATE.fullmatch(value):
        return date.fromisoformat(value), Kind.DATE
    if not _is_number(value):
        return value, Kind.TEXT
    kind = figure_kind(key)
    if kind == SHARE or last == "progress":
        return value, Kind.SHARE
    if kind == NOK:
        return value, Kind.NOK
    return value, None


def _write_rows(sheet, header: list[str], rows, bold) -> None:
    """Write the bold header and up to MAX_ROWS - 1 rows of (value, kind) cells."""
    for column, label in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=column)
        _text(cell, label)
        cell.font = bold
    sheet.freeze_panes = "A2"
    number = 1
    for number, row in enumerate(rows, start=2):
        if number > MAX_ROWS:
            _text(sheet.cell(row=number, column=1),
                  f"… cut at {MAX_ROWS - 1} rows: see stats.json for the rest")
            break
        for column, (value, kind) in enumerate(row, start=1):
            _value(sheet.cell(row=number, column=column), value, kind)


def _value(cell, value, kind: Kind | None) -> None:
    """Write one value: a number or date with its kind's format, anything else as text.

    A number in a text column (a year, a route day) keeps Excel's general format.
    """
    if value is None:
        return
    if isinstance(value, bool):
        cell.value = value
    elif _is_number(value):
        cell.value = value
        if kind in FORMATS and kind != Kind.DATE:
            cell.number_format = FORMATS[kind]
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = FORMATS[Kind.DATE]
    else:
        _text(cell, value)


def _text(cell, value) -> None:
    """Write a string cell, whatever the text looks like (=, +, - and @ stay text)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_TEXT]
    cell.data_type = "s"  # openpyxl would make "=…" a formula: it is the name as typed


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
