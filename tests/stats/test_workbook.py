"""The edition's workbook: read back with openpyxl, it holds the same figures as
edition_stats, stats.json and `flask stats --format json`, each table's rows as the page's,
numbers as numbers and no formula anywhere; and every table's CSV download is formula-safe."""

import csv
import io
import json
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from kunstrute.csvfile import FORMULA_STARTS
from kunstrute.stats import workbook
from kunstrute.stats.service import edition_stats, flatten
from kunstrute.stats.tables import edition_tables
from kunstrute.stats.workbook import SHEET_NAME_MAX, XLSX_MIMETYPE, sheet_name
from tests.stats.export_factories import ARTIST, FORMULA, PHONE, TOWN, reported_edition

URL = "/organiser/editions/2027/figures.xlsx"


@pytest.fixture
def edition(db):
    found = reported_edition()
    db.session.commit()
    return found


def read(data: bytes):
    return load_workbook(io.BytesIO(data))


def cell_value(value):
    """Return a cell's value as the document has it (openpyxl reads a date as a datetime)."""
    return value.date() if isinstance(value, datetime) else value


def sheet_rows(sheet) -> list[tuple]:
    return [tuple(cell_value(c.value) for c in row) for row in sheet.iter_rows(min_row=2)]


def test_the_workbook_holds_every_figure_of_the_document(app, client, login_as, runner,
                                                         edition):
    login_as("organiser")
    response = client.get(URL)
    assert response.status_code == 200
    assert response.mimetype == XLSX_MIMETYPE
    assert "kunstrute-2027.xlsx" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"
    book = read(response.data)
    assert book.sheetnames[0] == "Figures"
    figures = sheet_rows(book["Figures"])
    expected = [(key, value) for key, value in flatten(edition_stats(edition))]
    assert figures == expected
    assert ("visits.by_municipality." + TOWN, 7) in figures
    assert any(key.startswith("goals.0.") for key, _ in figures)
    from_json = flatten(json.loads(client.get("/organiser/editions/2027/stats.json").data))
    result = runner.invoke(args=["stats", "2027", "--format", "json"])
    assert result.exit_code == 0
    assert figures == from_json == flatten(json.loads(result.output))


def test_every_table_has_its_sheet_with_the_pages_rows(app, client, login_as, edition):
    login_as("organiser")
    book = read(client.get(URL).data)
    with app.test_request_context():
        tables = edition_tables(edition_stats(edition))
    assert len(book.sheetnames) == 1 + len(tables)
    for name, table in zip(book.sheetnames[1:], tables, strict=True):
        sheet = book[name]
        assert len(name) <= SHEET_NAME_MAX
        assert [c.value for c in sheet[1]] == table.header
        assert all(c.font.b for c in sheet[1])
        assert sheet_rows(sheet) == [tuple(row) for row in table.rows], table.slug
    by_municipality = book[book.sheetnames[1 + [t.slug for t in tables].index(
        "sales-by-municipality")]]
    amounts = {row[0].value: row[1] for row in by_municipality.iter_rows(min_row=2)}
    assert amounts["Lier"].value == 12500 and amounts["Lier"].data_type == "n"
    assert "kr" in amounts["Lier"].number_format
    by_day = book[book.sheetnames[1 + [t.slug for t in tables].index("visits-by-day")]]
    assert by_day["A2"].is_date and cell_value(by_day["A2"].value) == date(2027, 9, 9)


def test_no_cell_is_a_formula_whatever_a_name_holds(client, login_as, edition):
    login_as("organiser")
    book = read(client.get(URL).data)
    texts = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.add(cell.value)
    assert {FORMULA, PHONE, ARTIST, TOWN} <= texts
    assert "visits.by_municipality." + TOWN in texts


def test_sheet_names_are_what_excel_accepts():
    taken = {"figures"}
    assert sheet_name("Figures", taken) == "Figures (2)"
    long = sheet_name("Visits per route day, 2027 against 2026: [a/b]*?\\", taken)
    assert len(long) <= SHEET_NAME_MAX and not set("[]:*?/\\") & set(long)
    again = sheet_name("Visits per route day, 2027 against 2026: [a/b]*?\\", taken)
    assert again != long and len(again) <= SHEET_NAME_MAX
    assert sheet_name("''", taken) == "Table"


def test_flask_stats_writes_the_workbook(runner, edition, tmp_path):
    refused = runner.invoke(args=["stats", "2027", "--format", "xlsx"])
    assert refused.exit_code == 2 and "--output" in refused.output
    target = tmp_path / "figures.xlsx"
    result = runner.invoke(args=["stats", "2027", "--format", "xlsx", "--output", str(target)])
    assert result.exit_code == 0, result.output
    figures = sheet_rows(read(target.read_bytes())["Figures"])
    assert figures == list(flatten(edition_stats(edition)))


def test_an_unknown_edition_has_no_workbook(client, login_as, db):
    login_as("organiser")
    assert client.get("/organiser/editions/1999/figures.xlsx").status_code == 404


def test_every_tables_csv_download_is_formula_safe(app, client, login_as, edition):
    login_as("organiser")
    with app.test_request_context():
        tables = edition_tables(edition_stats(edition))
    seen = set()
    for table in tables:
        response = client.get(f"/organiser/editions/2027/tables/{table.slug}.csv")
        assert response.status_code == 200, table.slug
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
        assert rows[0] == table.header and len(rows) == 1 + len(table.rows), table.slug
        for cell in (cell for row in rows for cell in row):
            seen.add(cell)
            if cell.startswith(FORMULA_STARTS):
                float(cell)  # only a number may start so (a negative one)
    assert "'" + FORMULA in seen and "'" + PHONE in seen


def test_a_sheet_stops_at_its_row_limit_and_a_cell_at_excels(app, edition, monkeypatch):
    """The sheets are small; a document gone wrong still gives a workbook Excel opens."""
    monkeypatch.setattr(workbook, "MAX_ROWS", 5)
    monkeypatch.setattr(workbook, "MAX_TEXT", 40)
    with app.test_request_context():
        doc = edition_stats(edition)
        book = read(workbook.edition_workbook(doc))
        slugs = [table.slug for table in edition_tables(doc)]
    pairs = flatten(doc)
    figures = list(book["Figures"].iter_rows(values_only=True))
    assert figures[1:5] == [(key[:40], value) for key, value in pairs[:4]]
    assert len(figures) == 6
    assert figures[5][0].startswith(f"… {len(pairs) - 4} more rows left out")
    by_day = list(book.worksheets[1 + slugs.index("visits-by-day")].iter_rows(
        values_only=True))  # 11 days
    assert len(by_day) == 6 and by_day[5][0].startswith("… 7 more rows left out")
    texts = [cell.value for sheet in book.worksheets for row in sheet.iter_rows()
             for cell in row if isinstance(cell.value, str)]
    assert max(map(len, texts)) == 40


def test_the_figures_sheet_formats_shares_and_kroner(client, login_as, edition):
    login_as("organiser")
    book = read(client.get(URL).data)
    cells = {row[0].value: row[1] for row in book["Figures"].iter_rows(min_row=2)}
    for key in ("visits.reporting_share", "sales.artists_with_sales_share",
                "visits.change_from_previous.relative", "goals.0.progress"):
        assert isinstance(cells[key].value, float), key
        assert cells[key].number_format == "0.0%", key
    for key in ("sales.studios_nok", "sales.by_municipality.Lier"):
        assert "kr" in cells[key].number_format, key
    for key in ("edition", "visits.total", "goals.0.target"):  # a year must not read 2,027
        assert cells[key].number_format == "General", key
