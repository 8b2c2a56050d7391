"""The edition's workbook (.xlsx): every figure of the statistics document and every table.

The first sheet, "Figures", holds each dotted key of the document with its value (the same
pairs as `flask stats YEAR --format csv`); then one sheet per table of edition_tables(doc),
the rows the dashboard shows. Numbers stay numbers (kroner and shares with a number format,
dates as dates). Every text cell is written as a string explicitly: openpyxl would otherwise
store a name such as '=HYPERLINK("http://x","y")' as a formula that Excel runs.

The sheets are small: the document has a few hundred keys, and the largest table has a row
per municipality, day of the route or year since the first edition. MAX_ROWS only guards
against a document gone wrong: a longer sheet stops there and its last row says so.
"""

from __future__ import annotations

import io
import re
from datetime import date

from kunstrute.stats.goal_figures import NOK, SHARE, figure_kind
from kunstrute.stats.service import flatten
from kunstrute.stats.tables import Kind, Table, edition_tables

#: Excel's limit on a sheet's name, and the characters it refuses in one.
SHEET_NAME_MAX = 31
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
#: Number formats by column kind (Excel's built-in codes, shown in the reader's locale).
NUMBER_FORMATS = {Kind.COUNT: "#,##0", Kind.NUMBER: "#,##0.0", Kind.NOK: '#,##0 "kr"',
                  Kind.SHARE: "0.0%", Kind.DATE: "yyyy-mm-dd"}
#: Rows a sheet holds at most, its header included (and one more that says the rest is
#: left out).
MAX_ROWS = 10_000
#: Excel's limit on the text of a cell: a longer one makes Excel "repair" the file.
MAX_TEXT = 32_767
#: Column widths in characters: at least the header's, at most this.
MAX_WIDTH = 60
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def edition_workbook(doc: dict) -> bytes:
    """Return the edition's workbook: the Figures sheet, then a sheet per table."""
    # Imported here: only the workbook's request and command need openpyxl.
    from openpyxl import Workbook

    book = Workbook()
    figures = book.active
    figures.title = "Figures"
    _figures_sheet(figures, doc)
    names = {figures.title.lower()}
    for table in edition_tables(doc):
        sheet = book.create_sheet(sheet_name(table.title or table.slug, names))
        _table_sheet(sheet, table)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_name(title: str, taken: set[str]) -> str:
    """Return a sheet name Excel accepts, unique among taken (compared case-blind); add it."""
    base = re.sub(r"\s+", " ", _NOT_IN_SHEET_NAMES.sub(" ", title)).strip(" '") or "Table"
    name, n = _shortened(base, SHEET_NAME_MAX), 1
    while name.lower() in taken:
        n += 1
        suffix = f" ({n})"
        name = _shortened(base, SHEET_NAME_MAX - len(suffix)) + suffix
    taken.add(name.lower())
    return name


def _shortened(text: str, limit: int) -> str:
    """Return text within limit characters, cut after a whole word with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,.;-–'") + "…"


def _figures_sheet(sheet, doc: dict) -> None:
    _header(sheet, ["key", "value"])
    pairs = flatten(doc)
    for key, value in pairs[:MAX_ROWS - 1]:
        sheet.append([None, None])
        row = sheet.max_row
        _text(sheet.cell(row=row, column=1), key)
        _value(sheet.cell(row=row, column=2), value, _kind_of_key(key))
    _left_out(sheet, len(pairs))
    _widths(sheet, [Kind.TEXT, Kind.TEXT])


def _kind_of_key(key: str) -> Kind | None:
    """Return the number format a document key wants (None: as it is).

    The goals' rule for what a figure is (goal_figures.figure_kind: a share such as
    visits.change_from_previous.relative, kroner), and a goal's progress, a share of its
    target.
    """
    kind = figure_kind(key)
    if kind == SHARE or key.rsplit(".", 1)[-1] == "progress":
        return Kind.SHARE
    return Kind.NOK if kind == NOK else None


def _table_sheet(sheet, table: Table) -> None:
    _header(sheet, table.header)
    for values in table.rows[:MAX_ROWS - 1]:
        sheet.append([None] * len(table.columns))
        row = sheet.max_row
        for index, column in enumerate(table.columns):
            _value(sheet.cell(row=row, column=index + 1), values[index], column.kind)
    _left_out(sheet, len(table.rows))
    _widths(sheet, [column.kind for column in table.columns])


def _left_out(sheet, rows: int) -> None:
    """Say in a last row how many rows past MAX_ROWS were left out, if any."""
    if rows > MAX_ROWS - 1:
        sheet.append([None])
        _text(sheet.cell(row=sheet.max_row, column=1),
              f"… {rows - (MAX_ROWS - 1)} more rows left out (at most {MAX_ROWS} a sheet); "
              "stats.json has every figure.")


def _header(sheet, labels: list[str]) -> None:
    from openpyxl.styles import Font

    bold = Font(bold=True)
    for index, label in enumerate(labels, start=1):
        cell = sheet.cell(row=1, column=index)
        _text(cell, label)
        cell.font = bold
    sheet.freeze_panes = "A2"


def _text(cell, value) -> None:
    """Write value as text, never as a formula, whatever it begins with."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))[:MAX_TEXT]
    cell.data_type = "s"


def _value(cell, value, kind: Kind | None) -> None:
    """Write a number as a number (with the kind's format), a date as a date, else text."""
    if value is None or value == "":
        return
    if isinstance(value, bool):
        cell.value = value
    elif isinstance(value, int | float):
        cell.value = value
        if kind in NUMBER_FORMATS and kind != Kind.DATE:
            cell.number_format = NUMBER_FORMATS[kind]
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = NUMBER_FORMATS[Kind.DATE]
    else:
        _text(cell, value)


def _widths(sheet, kinds: list[Kind]) -> None:
    """Size each column to its longest cell's text, within MAX_WIDTH."""
    from openpyxl.utils import get_column_letter

    for index, kind in enumerate(kinds, start=1):
        longest = max((len(_shown(cell.value, kind)) for (cell,) in
                       sheet.iter_rows(min_col=index, max_col=index)), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(longest + 2, MAX_WIDTH)


def _shown(value, kind: Kind) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return "2027-09-05"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,.1f}" if isinstance(value, float) else f"{value:,} kr"
    return str(value)
