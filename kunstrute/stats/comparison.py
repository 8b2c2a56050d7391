"""The year-over-year, since-the-start and goals tables: views of the statistics document.

Like tables.py, each Table here only reads the document (doc["year_over_year"],
doc["history"], doc["since_start"], doc["goals"]), so the dashboard, the CSV downloads and
the workbook show the same figures. `comparison_tables(doc)` lists them for edition_tables.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kunstrute.stats.goal_figures import NOK, SHARE, figure_kind, figure_label
from kunstrute.stats.tables import ChartKind, Column, Kind, Table, format_value


def comparison_tables(doc: dict) -> list[Table]:
    """Return the year-over-year, since-the-start and goals tables, in the page's order."""
    return [year_over_year_table(doc), since_start_table(doc), goals_table(doc)]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def year_over_year_table(doc: dict) -> Table:
    """Visits per route day, this edition beside the previous one (day 0: first Saturday)."""
    figures = doc.get("year_over_year") or {}
    this, previous = doc["edition"], figures.get("previous_year")
    rows = [(day["day"], _day(day.get("date")), day.get("count"),
             _day(day.get("previous_date")), day.get("previous_count"))
            for day in figures.get("days") or []]
    note = _("Day 0 is the first Saturday of the route; days before it count down. Each row "
             "puts the previous edition's day with the same number beside this year's.")
    if previous is None:
        note += " " + _("There is no previous edition with daily counts here; the history of "
                        "earlier editions has only their totals.")
    return Table(
        slug="year-over-year",
        title=_("Visits per route day, %(year)s against %(previous)s", year=this,
                previous=previous) if previous else _("Visits per route day, %(year)s",
                                                     year=this),
        columns=[Column("day", _("Route day")),
                 Column("date", _("Date %(year)s", year=this), Kind.DATE),
                 Column("count", _("Visits %(year)s", year=this), Kind.COUNT),
                 Column("previous_date", _("Date %(year)s", year=previous or "–"), Kind.DATE),
                 Column("previous_count", _("Visits %(year)s", year=previous or "–"),
                        Kind.COUNT)],
        rows=rows, note=note, chart=ChartKind.LINES,
        chart_options={"series": (2, 4) if previous else (2,)})


def since_start_sentence(doc: dict) -> str:
    """Return e.g. "116 000 visits since 2007, 289 artists." (empty without a first year)."""
    figures = doc.get("since_start") or {}
    if not figures.get("first_year"):
        return ""
    return _("%(visits)s visits since %(year)s, %(artists)s artists.",
             visits=format_value(figures.get("visits") or 0, Kind.COUNT),
             year=figures["first_year"],
             artists=format_value(figures.get("artists") or 0, Kind.COUNT))


def since_start_table(doc: dict) -> Table:
    """Visits and artists of every year up to this edition (edition here, or history)."""
    origin = {"edition": _("counted here"), "history": _("history")}
    rows = [(year["year"], year.get("visits_total"), year.get("artists"),
             str(origin.get(year.get("from"), year.get("from") or "")))
            for year in doc.get("history") or []]
    return Table(
        slug="since-start", title=_("Visits per year since the first edition"),
        columns=[Column("year", _("Year")), Column("visits", _("Visits"), Kind.COUNT),
                 Column("artists", _("Artists"), Kind.COUNT),
                 Column("from", _("From"))],
        rows=rows, note=_("Each year's visits are counted here where the edition was run here, "
                          "else taken from the history of earlier editions. The artists since "
                          "the start add up each year's new artists."),
        chart=ChartKind.BARS,
        chart_options={"series": (1,)})


STATUS_LABELS = {
    "before": _l("Before the route"),
    "on_track": _l("On track"),
    "behind": _l("Behind"),
    "met": _l("Met"),
    "not_met": _l("Not met"),
    "no_data": _l("No figure yet"),
    "no_baseline": _l("No baseline: give one on the goal, or import last year's figures"),
}


def status_label(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


def _number(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return format_value(value, Kind.NUMBER)
    return format_value(int(value), Kind.COUNT)


def figure_text(value, key: str) -> str:
    """Return a figure as the pages write it: 336,4 · 21 400 · 950 000 kr · 68,3 %."""
    if value is None:
        return "–"
    kind = figure_kind(key)
    if kind == SHARE:
        return format_value(value, Kind.SHARE)
    text = _number(value)
    return f"{text} kr" if kind == NOK else text


def _signed(percent: float) -> str:
    text = _number(percent) + " %"
    return text if percent < 0 else "+" + text


def value_text(goal: dict) -> str:
    """Return the goal's figure now; for a change, with the change on the baseline."""
    text = figure_text(goal["value"], goal["figure"])
    if goal["unit"] == "change_percent" and goal.get("change") is not None:
        text += f" ({_signed(goal['change'])})"
    return text


def target_text(goal: dict) -> str:
    """Return the target as a sentence part: ≥ 200 · ≤ 10 % · ≥ +50 % on 20."""
    sign = "≤" if goal["comparison"] == "at_most" else "≥"
    target, unit = goal["target"], goal["unit"]
    if unit == "percent":
        return f"{sign} {_number(target)} %"
    if unit == "nok":
        return f"{sign} {_number(target)} kr"
    if unit == "change_percent":
        text = f"{sign} {_signed(target)}"
        if goal.get("baseline") is not None:
            text += " " + _("on %(baseline)s", baseline=figure_text(goal["baseline"],
                                                                   goal["figure"]))
        return text
    return f"{sign} {_number(target)}"


def baseline_text(goal: dict) -> str:
    """Return where a change goal's baseline comes from, in words (empty for other goals)."""
    if goal["unit"] != "change_percent":
        return ""
    source, year = goal.get("baseline_from"), goal.get("baseline_year")
    if source == "goal":
        return _("the baseline given on the goal")
    if source == "edition":
        return _("the %(year)s edition's figure", year=year)
    if source == "history":
        return _("the %(year)s figure from the history", year=year)
    if year:
        return _("no baseline: %(year)s has no such figure here", year=year)
    return _("no baseline: there is no earlier edition")


def goal_rows(doc: dict) -> list[dict]:
    """Return the goals with their texts, for the pages (value, target, status in words)."""
    return [dict(goal, value_text=value_text(goal), target_text=target_text(goal),
                 status_text=status_label(goal["status"]), baseline_text=baseline_text(goal),
                 figure_label=figure_label(goal["figure"], doc))
            for goal in doc.get("goals") or []]


def goals_table(doc: dict) -> Table:
    """The edition's goals: the figure now, the target, the progress and the status."""
    goals = goal_rows(doc)
    return Table(
        slug="goals", title=_("Goals of %(year)s", year=doc["edition"]),
        columns=[Column("goal", _("Goal")), Column("value", _("Now")),
                 Column("target", _("Target")), Column("progress", _("Progress"), Kind.SHARE),
                 Column("status", _("Status"))],
        rows=[(g["title"], g["value_text"], g["target_text"], g["progress"], g["status_text"])
              for g in goals],
        note=_("Progress is the share of the target reached. During the route, visit and sales "
               "totals are held against the target pro-rated by the days passed; other "
               "figures against the whole target."),
        chart=ChartKind.PROGRESS,
        chart_options={"statuses": tuple(g["status"] for g in goals)})
