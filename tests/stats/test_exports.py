"""The exports: the edition's workbook (read back with openpyxl) holds every figure of the
statistics document, as edition_stats, stats.json and `flask stats` give it, and a sheet per
table with the table's rows; no text ever becomes a formula; every CSV download is
formula-safe."""

import csv
import io
import json
import re
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from kunstrute.counting.models import CountSource
from kunstrute.stats import workbook as workbook_module
from kunstrute.stats.exports import XLSX
from kunstrute.stats.goal_services import save_goal
from kunstrute.stats.models import GoalComparison, GoalUnit
from kunstrute.stats.service import edition_stats, flatten
from kunstrute.stats.tables import Column, Kind, Table
from kunstrute.stats.workbook import sheet_name, workbook_tables, write_workbook
from tests.stats.factories import exhibition, history, sale, studio, visits
from tests.stats.test_figures import programme_and_audience  # noqa: F401  (the fixture)

D, D2 = date(2027, 9, 11), date(2027, 9, 12)
URL = "/organiser/editions/2027/figures.xlsx"
#: Text a spreadsheet would run as a formula if it were not written as text.
FORMULA_NAME = '=HYPERLINK("http://x","y")'
PHONE_NAME = "+47 123"
MINUS_NAME = "-2+3"
GOAL_TITLE = "@SUM(A1) besøk"


@pytest.fixture
def full(programme_and_audience, db):  # noqa: F811
    """2027 with every section (programme_and_audience), visits and sales in a municipality
    whose name is a formula, artists whose names look like formulas, history and a goal."""
    edition = programme_and_audience
    a = studio(edition, municipality_name=FORMULA_NAME, name=PHONE_NAME)
    visits(a, D, 40)
    visits(a, D2, 60)
    sale(a, D, 12000, 3)
    b = studio(edition, municipality_name="Lier", name=MINUS_NAME)
    visits(b, D2, 7, CountSource.QR_CHECKIN)
    hall = exhibition(edition)
    visits(hall, D, 100, CountSource.DOOR_COUNTER)
    sale(hall, D2, 8000, 1, participation=b.participation)
    history(2026, visits_total=150, artists=5, new_artists=3)
    save_goal(edition=edition, title=GOAL_TITLE, figure="visits.exhibition_per_day",
              comparison=GoalComparison.AT_LEAST, target=200, unit=GoalUnit.COUNT)
    db.session.commit()
    return edition


def download(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response


def read_book(data: bytes):
    return load_workbook(io.BytesIO(data))


def figures_of(book) -> dict:
    """Return the Figures sheet as {key: value}, as a reader of the workbook finds it."""
    rows = list(book["Figures"].iter_rows(values_only=True))
    assert rows[0] == ("key", "value")
    found = {key: value for key, value in rows[1:]}
    assert len(found) == len(rows) - 1, "a key is written twice"
    return found


def as_document(value):
    """Return a workbook's value as the document writes it (a date cell is an ISO date)."""
    return value.date().isoformat() if isinstance(value, datetime) else value


def test_the_workbook_holds_every_figure_of_the_document(full, client, login_as, runner,
                                                         tmp_path):
    login_as("organiser")
    response = download(client)
    assert response.mimetype == XLSX
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="kunstrute-2027-figures.xlsx"'
    book = read_book(response.data)
    assert book.sheetnames[0] == "Figures"
    in_book = {key: as_document(value) for key, value in figures_of(book).items()}
    from_service = dict(flatten(edition_stats(full)))
    from_json = dict(flatten(json.loads(download(
        client, "/organiser/editions/2027/stats.json").get_data(as_text=True))))
    assert in_book == from_service == from_json
    assert in_book["visits.total"] == 207 and in_book["sales.studios_nok"] == 12000
    assert in_book[f"visits.by_municipality.{FORMULA_NAME}"] == 100

    output = tmp_path / "figures.xlsx"
    result = runner.invoke(args=["stats", "2027", "--format", "xlsx", "--output", str(output)])
    assert result.exit_code == 0, result.output
    from_command = {key: as_document(value)
                    for key, value in figures_of(read_book(output.read_bytes())).items()}
    assert from_command == in_book


def test_every_table_has_a_sheet_with_its_rows(full, app, client, login_as):
    login_as("organiser")
    book = read_book(download(client).data)
    with app.test_request_context():  # the labels in the request's language, as the view
        tables = workbook_tables(edition_stats(full))
    assert book.sheetnames == ["Figures", *(table.slug for table in tables)]
    assert {"visits-by-municipality", "sales", "applications-funnel", "events-by-kind",
            "survey-results", "year-over-year", "since-start", "goals"} <= set(book.sheetnames)
    for table in tables:
        rows = list(book[table.slug].iter_rows(values_only=True))
        assert rows[0] == tuple(table.header), table.slug
        written = [tuple(v.date() if isinstance(v, datetime) else v for v in row)
                   for row in rows[1:]]
        assert written == [tuple(row) for row in table.rows], table.slug
        assert all(cell.font.bold for cell in book[table.slug][1]), table.slug


def test_no_text_in_the_workbook_is_a_formula(full, client, login_as):
    login_as("organiser")
    book = read_book(download(client).data)
    texts = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.add(cell.value)
    # Each is in the workbook as the text it is, not run and not prefixed.
    assert {FORMULA_NAME, PHONE_NAME, MINUS_NAME, GOAL_TITLE} <= texts
    assert f"visits.by_municipality.{FORMULA_NAME}" in texts


def test_numbers_are_numbers_with_their_format(full, client, login_as):
    login_as("organiser")
    book = read_book(download(client).data)
    sales = {row[0].value: row for row in book["sales"].iter_rows(min_row=2)}
    nok = next(iter(sales.values()))[1]
    assert isinstance(nok.value, int) and "kr" in nok.number_format
    day = book["visits-by-day"]["A2"]
    assert day.is_date and day.value.date() == date(2027, 9, 9)
    assert book["visits-by-day"]["B2"].number_format == "#,##0"
    share = book["survey-responses"]["E2"]
    assert isinstance(share.value, float) and share.number_format == "0.0%"
    figures = {row[0].value: row[1] for row in book["Figures"].iter_rows(min_row=2)}
    assert figures["visits.reporting_share"].number_format == "0.0%"
    assert "kr" in figures["sales.exhibition_nok"].number_format
    assert figures["period.starts_on"].is_date
    assert figures["edition"].value == 2027 and figures["edition"].number_format == "General"


def test_sheet_names_are_ones_excel_accepts():
    taken = {"figures"}
    assert sheet_name("visits-by-day", taken) == "visits-by-day"
    assert sheet_name("Visits-By-Day", taken) == "Visits-By-Day-2"  # Excel ignores case
    long = sheet_name("a" * 40, taken)
    assert long == "a" * 31
    assert sheet_name("a" * 40, taken) == "a" * 29 + "-2"
    assert sheet_name("x[]:*?/\\y", taken) == "x-------y"
    assert sheet_name("figures", taken) == "figures-2"
    assert sheet_name("''", taken) == "table"


def test_a_sheet_stops_at_its_row_limit(monkeypatch):
    monkeypatch.setattr(workbook_module, "MAX_ROWS", 5)
    table = Table("many", "Many", [Column("n", "N", Kind.COUNT)], [(n,) for n in range(10)])
    book = read_book(write_workbook({"edition": 2027}, [table]))
    rows = list(book["many"].iter_rows(values_only=True))
    assert rows[:5] == [("N",), (0,), (1,), (2,), (3,)]
    assert len(rows) == 6 and rows[5][0].startswith("… cut at 4 rows")


#: A cell a spreadsheet would run: =, +, - or @ first (a plain number such as -5 is fine).
RUNS = re.compile(r"[=+\-@]")
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def test_every_csv_download_is_formula_safe(full, app, client, login_as):
    login_as("organiser")
    with app.test_request_context():
        slugs = [table.slug for table in workbook_tables(edition_stats(full))]
    cells = []
    for slug in slugs:
        response = download(client, f"/organiser/editions/2027/tables/{slug}.csv")
        assert response.mimetype == "text/csv"
        assert f'filename="kunstrute-2027-{slug}.csv"' in response.headers["Content-Disposition"]
        text = response.get_data(as_text=True).lstrip("\ufeff")
        cells += [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    running = [cell for cell in cells if RUNS.match(cell) and not NUMBER.fullmatch(cell)]
    assert running == []
    assert {"'" + FORMULA_NAME, "'" + PHONE_NAME, "'" + MINUS_NAME, "'" + GOAL_TITLE} <= set(cells)


def test_the_command_wants_a_file_for_a_workbook(full, runner):
    result = runner.invoke(args=["stats", "2027", "--format", "xlsx"])
    assert result.exit_code == 2 and "--output" in result.output
    assert runner.invoke(args=["stats", "1999", "--format", "xlsx", "--output", "x.xlsx"]
                         ).exit_code == 1


def test_an_unknown_edition_has_no_workbook(db, client, login_as):
    login_as("organiser")
    assert client.get("/organiser/editions/1999/figures.xlsx").status_code == 404
