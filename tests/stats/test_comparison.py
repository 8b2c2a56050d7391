"""Year over year (aligned by the route's day), since the start, and the goals' table and
chart: views of the statistics document, drawn on the server, downloadable as CSV."""

import csv
import io
from datetime import date

from flask import render_template

from kunstrute.stats.charts import chart_svg
from kunstrute.stats.comparison import (
    comparison_tables,
    goals_table,
    since_start_sentence,
    since_start_table,
    year_over_year_table,
)
from kunstrute.stats.service import edition_stats
from kunstrute.stats.tables import ChartKind, table_by_slug
from tests import factories
from tests.stats.factories import exhibition, history, studio, visits


def rows_by_day(table) -> dict:
    return {row[0]: row[1:] for row in table.rows}


# --- Year over year -------------------------------------------------------------------------

def test_the_first_saturday_lines_up_with_the_first_saturday(db):
    # 2026: Thursday 10 to Sunday 20 September (first Saturday the 12th);
    # 2027: Thursday 9 to Sunday 19 September (first Saturday the 11th).
    previous = factories.edition(2026, starts_on=date(2026, 9, 10), ends_on=date(2026, 9, 20))
    visits(exhibition(previous), date(2026, 9, 12), 300)
    visits(exhibition(previous), date(2026, 9, 10), 40)
    edition = factories.edition(2027)
    visits(exhibition(edition), date(2027, 9, 11), 350)
    table = year_over_year_table(edition_stats(edition))
    days = rows_by_day(table)
    assert days[0] == (date(2027, 9, 11), 350, date(2026, 9, 12), 300)
    assert days[-2] == (date(2027, 9, 9), 0, date(2026, 9, 10), 40)
    assert min(days) == -2 and max(days) == 8
    assert table.chart == ChartKind.LINES and table.chart_options["series"] == (2, 4)
    assert [c.label for c in table.columns][2:5:2] == ["Visits 2027", "Visits 2026"] or \
        [c.label for c in table.columns][2:5:2] == ["Besøk 2027", "Besøk 2026"]
    svg = str(chart_svg(table))
    assert svg.count("<polyline") == 2 and "style=" not in svg


def test_an_edition_starting_on_a_friday(db):
    previous = factories.edition(2026, starts_on=date(2026, 9, 10), ends_on=date(2026, 9, 20))
    visits(exhibition(previous), date(2026, 9, 11), 90)  # a Friday: day -1
    edition = factories.edition(2027, starts_on=date(2027, 9, 10), ends_on=date(2027, 9, 19))
    visits(exhibition(edition), date(2027, 9, 10), 100)
    days = rows_by_day(year_over_year_table(edition_stats(edition)))
    assert min(days) == -1
    assert days[-1] == (date(2027, 9, 10), 100, date(2026, 9, 11), 90)
    assert days[0][0] == date(2027, 9, 11) and days[0][2] == date(2026, 9, 12)


def test_a_previous_edition_with_fewer_days(db):
    previous = factories.edition(2026, starts_on=date(2026, 9, 12), ends_on=date(2026, 9, 13))
    visits(exhibition(previous), date(2026, 9, 13), 70)
    edition = factories.edition(2027)
    visits(exhibition(edition), date(2027, 9, 12), 80)
    days = rows_by_day(year_over_year_table(edition_stats(edition)))
    assert days[1] == (date(2027, 9, 12), 80, date(2026, 9, 13), 70)
    assert days[-2][2:] == (None, None)  # 2026 had no Thursday before its first Saturday
    assert days[7][2:] == (None, None)  # nor a second weekend
    assert len(days) == 11


def test_without_a_previous_edition_the_table_says_so(db):
    history(2026, visits_total=20_300)  # a history row has no days
    edition = factories.edition(2027)
    visits(exhibition(edition), date(2027, 9, 11), 10)
    table = year_over_year_table(edition_stats(edition))
    assert all(row[3] is None and row[4] is None for row in table.rows)
    assert table.chart_options["series"] == (2,)
    assert "history" in table.note or "historikken" in table.note
    assert str(chart_svg(table)).count("<polyline") == 1


# --- Since the start ------------------------------------------------------------------------

def test_since_the_start_from_the_history(db, runner):
    assert runner.invoke(args=["import-history", "data/history.csv"]).exit_code in (0, 1)
    edition = factories.edition(2027)
    visits(studio(edition, new_this_year=True), date(2027, 9, 11), 21_000)
    doc = edition_stats(edition)
    table = since_start_table(doc)
    years = {row[0]: row for row in table.rows}
    assert years[2014][1:3] == (21_400, 105)
    assert years[2027][1:3] == (21_000, 1)
    assert len(table.rows) == 21 and table.chart == ChartKind.BARS
    assert sum(row[1] or 0 for row in table.rows) == doc["since_start"]["visits"]
    assert "2007" in since_start_sentence(doc)
    assert str(chart_svg(table)).count("<rect") == 21


def test_the_sentence_reads_like_the_2014_report(app):
    doc = {"since_start": {"visits": 116_000, "first_year": 2007, "artists": 289}}
    with app.test_request_context("/", headers={"Cookie": "lang=en"}):
        assert since_start_sentence(doc) == "116 000 visits since 2007, 289 artists."
    with app.test_request_context("/"):
        assert since_start_sentence(doc) == "116 000 besøk siden 2007, 289 kunstnere."
    assert since_start_sentence({"since_start": {"first_year": None}}) == ""


# --- The goals' table and chart -------------------------------------------------------------

GOALS_DOC = {"edition": 2027, "goals": [
    {"id": 1, "title": "<b>200</b> om dagen", "figure": "visits.exhibition_per_day",
     "comparison": "at_least", "target": 200, "unit": "count", "baseline": None,
     "baseline_from": None, "baseline_year": None, "value": 336.4, "change": None,
     "progress": 1.682, "status": "met"},
    {"id": 2, "title": "Søkere fra vertskommunene", "figure": "applications.from_hosts",
     "comparison": "at_least", "target": 50, "unit": "change_percent", "baseline": 20,
     "baseline_from": "goal", "baseline_year": None, "value": 25, "change": 25.0,
     "progress": 0.5, "status": "not_met"},
    {"id": 3, "title": "Solgte", "figure": "sales.artists_with_sales_share",
     "comparison": "at_most", "target": 68, "unit": "percent", "baseline": None,
     "baseline_from": None, "baseline_year": None, "value": None, "change": None,
     "progress": None, "status": "no_data"},
]}


def test_the_goals_table_writes_each_goal_in_its_unit(app):
    with app.test_request_context("/", headers={"Cookie": "lang=en"}):
        table = goals_table(GOALS_DOC)
    assert table.rows[0] == ("<b>200</b> om dagen", "336,4", "≥ 200", 1.682, "Met")
    assert table.rows[1] == ("Søkere fra vertskommunene", "25 (+25 %)", "≥ +50 % on 20",
                             0.5, "Not met")
    assert table.rows[2] == ("Solgte", "–", "≤ 68 %", None, "No figure yet")


def test_the_progress_chart_draws_a_bar_per_goal_and_the_target(app):
    with app.test_request_context("/"):
        svg = str(chart_svg(goals_table(GOALS_DOC)))
    assert svg.count('class="chart-bar chart-progress') == 3
    assert "chart-status-met" in svg and "chart-status-not_met" in svg
    assert svg.count('class="chart-target"') == 1 and "100 %" in svg
    assert "&lt;b&gt;200&lt;/b&gt;" in svg and "<b>" not in svg and "style=" not in svg
    assert "168,2 %" in svg  # the value is written even where the bar is cut


def test_the_tables_download_as_csv(db, client, login_as):
    edition = factories.edition(2027)
    visits(exhibition(edition), date(2027, 9, 11), 10)
    db.session.commit()
    login_as("organiser")
    for slug in ("year-over-year", "since-start", "goals"):
        response = client.get(f"/organiser/editions/2027/tables/{slug}.csv")
        assert response.status_code == 200, slug
    text = client.get("/organiser/editions/2027/tables/year-over-year.csv").get_data(
        as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert ["0", "2027-09-11", "10", "", ""] in rows
    doc = edition_stats(edition)
    assert [t.slug for t in comparison_tables(doc)] == ["year-over-year", "since-start",
                                                       "goals"]
    assert table_by_slug(doc, "since-start") is not None


def test_the_year_over_year_partial(app, db):
    history(2007, visits_total=9_800, artists=62, new_artists=62)
    edition = factories.edition(2027)
    visits(exhibition(edition), date(2027, 9, 11), 10)
    doc = edition_stats(edition)
    with app.test_request_context("/"):
        html = render_template("stats/_year_over_year.html", doc=doc, year=2027,
                               edition=edition)
    assert html.count("<svg") == 2 and 'class="since-start"' in html
    assert "9 810 besøk siden 2007" in html
    assert "/tables/year-over-year.csv" in html and "/tables/since-start.csv" in html
