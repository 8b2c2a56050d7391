"""The dashboards' tables and charts: the document's figures as rows, an SVG that the site's
stylesheet colours (no style attribute, no script), escaped labels, and the CSV download."""

import csv
import io
from datetime import date

from kunstrute.stats.charts import chart_svg
from kunstrute.stats.service import edition_stats
from kunstrute.stats.tables import ChartKind, Column, Kind, Table, edition_tables, format_value
from tests import factories
from tests.stats.factories import studio, visits

D = date(2027, 9, 11)


def hostile_edition():
    edition = factories.edition(2027)
    a = studio(edition, municipality_name='<script>x</script>"Lier')
    visits(a, D, 1234)
    b = studio(edition, municipality_name="=HYPERLINK(1)")
    visits(b, D, 5)
    return edition


def test_the_tables_hold_the_documents_figures(db):
    doc = edition_stats(hostile_edition())
    tables = {table.slug: table for table in edition_tables(doc)}
    by_day = dict(tables["visits-by-day"].rows)
    assert by_day[D] == 1239
    assert {"date": D.isoformat(), "count": 1239} in doc["visits"]["by_day"]
    assert dict(tables["visits-by-municipality"].rows)["=HYPERLINK(1)"] == 5


def test_a_chart_escapes_labels_and_has_no_style_or_script(db):
    doc = edition_stats(hostile_edition())
    table = next(t for t in edition_tables(doc) if t.slug == "visits-by-municipality")
    svg = str(chart_svg(table))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "style=" not in svg and "1 234" in svg


def test_every_chart_kind_draws_a_mark_per_value():
    table = Table("t", "T", [Column("day", "Day", Kind.DATE), Column("a", "A", Kind.COUNT),
                             Column("b", "B", Kind.COUNT)],
                  [(date(2027, 9, n), n, None) for n in (11, 12, 13)],
                  chart=ChartKind.LINES, chart_options={"series": (1, 2)})
    assert str(chart_svg(table)).count("<circle") == 3  # the missing values draw no dot
    table.chart, table.chart_options = ChartKind.COLUMNS, {}
    assert str(chart_svg(table)).count("<rect") == 3
    table.chart = ChartKind.BARS
    assert str(chart_svg(table)).count("<rect") == 3
    table.rows = []
    assert str(chart_svg(table)) == ""


def test_values_are_written_the_norwegian_way():
    assert format_value(21604, Kind.COUNT) == "21 604"
    assert format_value(950000, Kind.NOK) == "950 000 kr"
    assert format_value(0.683, Kind.SHARE) == "68,3 %"
    assert format_value(None, Kind.COUNT) == "–"


def test_a_table_downloads_as_formula_safe_csv(db, client, login_as):
    hostile_edition()
    db.session.commit()
    login_as("organiser")
    response = client.get("/organiser/editions/2027/tables/visits-by-municipality.csv")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["Kommune", "Besøk"] or rows[0] == ["Municipality", "Visits"]
    assert ["'=HYPERLINK(1)", "5"] in rows
    assert client.get("/organiser/editions/2027/tables/nothing.csv").status_code == 404
