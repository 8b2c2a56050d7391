"""The edition's goals: each status by the (frozen) Oslo date, the baselines, the 2014 report's
examples, the organisers' pages (bad input at the field, audit), and the goals in stats.json
and `flask stats --format csv`."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from flask import render_template

from kunstrute.applications.models import ApplicationStatus
from kunstrute.stats import goals as goals_module
from kunstrute.stats import service
from kunstrute.stats.charts import chart_svg
from kunstrute.stats.comparison import goals_table
from kunstrute.stats.goal_figures import KNOWN, figure_choices
from kunstrute.stats.goals import evaluate
from kunstrute.stats.models import GoalComparison, GoalUnit
from kunstrute.stats.service import edition_stats, flatten
from tests import factories
from tests.stats.factories import exhibition, history, sale, studio, visits
from tests.stats.goal_factories import START, at, exhibition_days, goal, hostile
from tests.stats.test_figures import programme_and_audience  # noqa: F401,F811  (a fixture)

AT_LEAST, AT_MOST = GoalComparison.AT_LEAST, GoalComparison.AT_MOST


def result(edition) -> dict:
    return edition_stats(edition)["goals"][0]


# --- Statuses by the date -------------------------------------------------------------------

def test_before_the_route(db, clock):
    edition = factories.edition(2027)
    goal(edition)
    at(clock, START - timedelta(1))
    assert result(edition)["status"] == "before"


@pytest.mark.parametrize(("per_day", "status"), [(250, "on_track"), (100, "behind")])
def test_during_the_route_a_total_is_held_against_the_pro_rated_target(db, clock, per_day,
                                                                      status):
    edition = factories.edition(2027)
    goal(edition)  # visitors per day at the exhibition ≥ 200: a figure over all 11 days
    exhibition_days(edition, per_day, 3)
    at(clock, START + timedelta(2))  # day 3 of 11: 3/11 of 200 a day is due
    found = result(edition)
    assert found["status"] == status
    assert found["value"] == round(per_day * 3 / 11, 1)
    assert found["progress"] == round(found["value"] / 200, 3)


def test_during_the_route_a_share_is_held_against_the_whole_target(db, clock):
    edition = factories.edition(2027)
    seller, _ = studio(edition), studio(edition)
    sale(seller, START, 1000)
    goal(edition, figure="sales.artists_with_sales_share", target=50, unit=GoalUnit.PERCENT)
    at(clock, START + timedelta(1))
    assert result(edition)["status"] == "on_track"  # 1 of 2 sold: 50 % ≥ 50 % on day 2
    assert result(edition)["progress"] == 1.0


@pytest.mark.parametrize(("per_day", "status"), [(220, "met"), (200, "met"), (150, "not_met")])
def test_after_the_route_met_or_not(db, clock, per_day, status):
    edition = factories.edition(2027)
    goal(edition)
    exhibition_days(edition, per_day, 11)
    at(clock, date(2027, 9, 20))
    assert result(edition)["status"] == status


def test_at_most(db, clock):
    edition = factories.edition(2027)
    goal(edition, figure="visits.exhibition", target=1000, comparison=AT_MOST)
    exhibition_days(edition, 50, 11)
    at(clock, date(2027, 10, 1))
    assert result(edition)["status"] == "met"


def test_no_data_says_so(db, clock):
    edition = factories.edition(2027)
    goal(edition, figure="visits.per_studio.median", target=100)  # no studio counted
    goal(edition, figure="programme.no_such_figure", target=1)  # gone from the document
    at(clock, date(2027, 10, 1))
    found = edition_stats(edition)["goals"]
    assert [g["status"] for g in found] == ["no_data", "no_data"]
    assert found[0]["value"] is None and found[0]["progress"] is None


def test_no_baseline_says_so(db, clock):
    edition = factories.edition(2027)
    goal(edition, figure="visits.total", target=10, unit=GoalUnit.CHANGE_PERCENT)
    found = result(edition)
    assert found["status"] == "no_baseline" and found["baseline"] is None
    assert found["progress"] is None


# --- Baselines ------------------------------------------------------------------------------

def test_baseline_from_the_goal(db, clock):
    edition = factories.edition(2027)
    exhibition_days(edition, 120, 11)
    history(2026, visits_total=100)  # the goal's own baseline wins
    goal(edition, figure="visits.total", target=50, unit=GoalUnit.CHANGE_PERCENT,
         baseline=1000)
    at(clock, date(2027, 9, 20))
    found = result(edition)
    assert (found["baseline"], found["baseline_from"]) == (1000, "goal")
    assert found["value"] == 1320 and found["change"] == 32.0
    assert found["progress"] == 0.64 and found["status"] == "not_met"


def test_baseline_from_the_previous_edition_here(db, clock):
    previous = factories.edition(2026, starts_on=date(2026, 9, 10), ends_on=date(2026, 9, 20))
    visits(exhibition(previous), date(2026, 9, 12), 800)
    history(2026, visits_total=5)  # the counted edition wins over its history row
    edition = factories.edition(2027)
    exhibition_days(edition, 100, 11)
    goal(edition, figure="visits.total", target=25, unit=GoalUnit.CHANGE_PERCENT)
    at(clock, date(2027, 9, 20))
    found = result(edition)
    assert (found["baseline"], found["baseline_from"], found["baseline_year"]) == (
        800, "edition", 2026)
    assert found["change"] == 37.5 and found["status"] == "met"


def test_baseline_from_the_history(db, clock):
    history(2025, visits_total=3000, applications=190)
    history(2026, visits_total=1000, applications=200)
    edition = factories.edition(2027)
    exhibition_days(edition, 100, 11)
    goal(edition, figure="visits.total", target=10, unit=GoalUnit.CHANGE_PERCENT)
    goal(edition, figure="sales.studios_works", target=10, unit=GoalUnit.CHANGE_PERCENT)
    at(clock, date(2027, 9, 20))
    visits_goal, works_goal = edition_stats(edition)["goals"]
    assert (visits_goal["baseline"], visits_goal["baseline_from"]) == (1000, "history")
    assert visits_goal["status"] == "met"  # 1 100 visits: +10 %
    assert works_goal["status"] == "no_baseline"  # the history has no such column
    assert works_goal["baseline_year"] == 2026


def test_an_edition_here_without_counts_falls_back_to_its_history_row(db, clock):
    factories.edition(2026, starts_on=date(2026, 9, 10), ends_on=date(2026, 9, 20))
    history(2026, visits_total=1000)
    edition = factories.edition(2027)
    goal(edition, figure="visits.total", target=10, unit=GoalUnit.CHANGE_PERCENT)
    assert (result(edition)["baseline"], result(edition)["baseline_from"]) == (1000, "history")


def test_the_previous_document_is_computed_only_for_a_change_goal(db, monkeypatch):
    factories.edition(2026, starts_on=date(2026, 9, 10), ends_on=date(2026, 9, 20))
    edition = factories.edition(2027)
    years = []
    real = service.edition_stats
    monkeypatch.setattr(service, "edition_stats",
                        lambda e: years.append(e.year) or real(e))
    goal(edition)
    edition_stats(edition)
    assert years == []
    goal(edition, figure="visits.total", target=5, unit=GoalUnit.CHANGE_PERCENT)
    goal(edition, figure="visits.studios", target=5, unit=GoalUnit.CHANGE_PERCENT)
    edition_stats(edition)
    assert years == [2026]  # once for both goals, and without 2026's own goals


# --- The 2014 report's goals ----------------------------------------------------------------

def test_2014_visitors_per_day_at_the_exhibition(db, clock):
    edition = factories.edition(2027)
    goal(edition, figure="visits.exhibition_per_day", target=200, unit=GoalUnit.COUNT)
    exhibition_days(edition, 336, 11)  # the 2014 report: 336 a day
    at(clock, date(2027, 9, 20))
    found = result(edition)
    assert found["value"] == 336.0 and found["progress"] == 1.68
    assert found["status"] == "met"


def test_2014_applicants_from_the_host_municipalities(db, clock):
    edition = factories.edition(2027)
    wanted = goal(edition, figure="applications.from_hosts", target=50,
                  unit=GoalUnit.CHANGE_PERCENT, baseline=20,
                  title="50 % flere søkere fra vertskommunene")
    doc = {"edition": 2027, "applications": {"from_hosts": 25}}  # as the document has it
    found = evaluate(edition, doc, [wanted], today=date(2027, 9, 20))[0]
    assert found["change"] == 25.0 and found["progress"] == 0.5
    assert found["status"] == "not_met"  # 25 of the 30 wanted
    doc["applications"]["from_hosts"] = 30
    assert evaluate(edition, doc, [wanted], today=date(2027, 9, 20))[0]["status"] == "met"
    # Before the route the applications are in already; the status waits for the route.
    assert evaluate(edition, doc, [wanted], today=date(2027, 4, 1))[0]["status"] == "before"


# --- The document, the command, the JSON ----------------------------------------------------

def test_the_goals_are_in_stats_json_and_the_csv(db, client, login_as, runner, clock):
    hostile(db)
    at(clock, date(2027, 9, 20))
    login_as("organiser")
    doc = json.loads(client.get("/organiser/editions/2027/stats.json").get_data(as_text=True))
    assert set(doc["goals"][0]) >= {"id", "title", "figure", "comparison", "target", "unit",
                                    "baseline", "value", "progress", "status"}
    assert doc["goals"][0]["status"] == "met" and doc["goals"][0]["target"] == 200
    lines = runner.invoke(args=["stats", "2027", "--format", "csv"]).output.splitlines()
    rows = dict(row for row in csv.reader(lines[1:]))
    assert rows["goals.0.status"] == "met"
    assert rows["goals.0.figure"] == "visits.exhibition_per_day"
    assert rows["goals.0.progress"] == "1.5"
    assert rows["goals.0.title"].startswith("'=HYPERLINK")  # formula-safe
    assert json.loads(runner.invoke(args=["stats", "2027"]).output)["goals"] == doc["goals"]


def test_the_goals_table_downloads_as_formula_safe_csv(db, client, login_as):
    hostile(db)
    login_as("organiser")
    response = client.get("/organiser/editions/2027/tables/goals.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[1][0].startswith("'=HYPERLINK") and rows[1][2] == "≥ 200"


def test_the_goals_chart_escapes_titles(db):
    edition = hostile(db)
    chart = str(chart_svg(goals_table(edition_stats(edition))))
    assert "&lt;script&gt;" in chart and "<script>" not in chart and "style=" not in chart
    assert 'class="chart-target"' in chart and "chart-status-before" in chart


def test_the_dashboard_partial_shows_the_goals(app, db):
    edition = hostile(db)
    doc = edition_stats(edition)
    with app.test_request_context("/"):
        html = render_template("stats/_goals.html", doc=doc, year=2027, edition=edition)
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    assert "/organiser/editions/2027/goals" in html and "/tables/goals.csv" in html
    assert html.count("<svg") == 1


def test_the_goals_key_is_left_out_of_a_baseline_document(db):
    previous = factories.edition(2026, starts_on=date(2026, 9, 10), ends_on=date(2026, 9, 20))
    goal(previous, figure="visits.total", target=5, unit=GoalUnit.CHANGE_PERCENT)
    token = goals_module._for_baseline.set(True)
    try:
        assert "goals" not in edition_stats(previous)
    finally:
        goals_module._for_baseline.reset(token)
    assert len(edition_stats(previous)["goals"]) == 1


# --- With the whole document ----------------------------------------------------------------

def test_2014_applicants_from_the_hosts_through_the_service(db, clock):
    svelvik = factories.municipality("Svelvik")
    edition = factories.edition(2027, hosts=["Svelvik"])
    for _ in range(3):
        factories.application(edition, status=ApplicationStatus.SUBMITTED, works=0, cv=False,
                              municipality=svelvik)
    goal(edition, figure="applications.from_hosts", target=50, unit=GoalUnit.CHANGE_PERCENT,
         baseline=2, title="50 % flere søkere fra vertskommunene")
    at(clock, date(2027, 9, 20))
    found = result(edition)
    assert (found["value"], found["change"], found["progress"]) == (3, 50.0, 1.0)
    assert found["status"] == "met"


def test_every_known_figure_is_in_the_document(programme_and_audience):  # noqa: F811
    doc = edition_stats(programme_and_audience)
    keys = {key for key, _ in flatten(doc)}
    # The change from last year is null without a last year: then its parts are missing.
    assert sorted(set(KNOWN) - keys) == ["visits.change_from_previous.absolute",
                                         "visits.change_from_previous.relative"]
    choices = figure_choices(doc, flatten(doc))
    offered = {key: label for pairs in choices.values() for key, label in pairs}
    assert not any(key.startswith(("goals.", "history.", "year_over_year.", "period."))
                   for key in offered)
    assert offered["applications.by_municipality.Svelvik"] == "Søknader fra Svelvik"
    survey = next(key for key in offered if key.endswith(".response_rate"))
    assert offered[survey].endswith(": svarprosent")
