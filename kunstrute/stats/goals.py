"""The edition's goals held against its statistics document: value, progress and status.

`with_goals(edition, doc)` is called once, at the end of `edition_stats`, and adds
doc["goals"]: one entry per goal {id, title, figure, comparison, target, unit, baseline,
baseline_from, baseline_year, value, change, progress, status}, so stats.json, `flask stats`,
the dashboard and the workbook all carry the same results.

- value: the figure as the document has it (flatten(doc)[figure]); a share stays 0..1.
- target: as the organiser typed it, in the goal's unit (a percent for percent and
  change_percent goals: 68 is 68 %, 50 is +50 %).
- baseline (change_percent only): the goal's own, else the previous edition's same figure:
  its document when the edition was run here (computed only when such a goal needs it), else
  its history row for the figures a history row has (HISTORY_KEYS). change: the change on
  the baseline in percent.
- progress: the share of the target reached (value / target; for a change, the change
  reached / the change wanted); 1.0 is the target, never below 0.
- status, by the Oslo date (timeutil, never the wall clock directly):
  before the route (before its first day) → "before"; during it (first to last day)
  "on_track" or "behind"; after its last day "met" or "not_met". A figure that adds up day
  by day over the route (visit and sales totals, visitors per day at the exhibition, which
  divides by all the route's days, and check-ins: goal_figures.grows_over_the_route) is held,
  on day d of n, against d/n of its target (day 1 counts as a whole day); every other figure
  (shares, the median, applications, subscribers, survey results) is held against the
  target as it is. "no_baseline" (a change goal without a baseline, or a baseline of 0) and
  "no_data" (the document has no value for the figure) say so plainly.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import date

import sqlalchemy as sa

from kunstrute import timeutil
from kunstrute.editions.models import Edition
from kunstrute.extensions import db
from kunstrute.stats import service
from kunstrute.stats.goal_figures import grows_over_the_route, is_number
from kunstrute.stats.models import EditionGoal, EditionHistory, GoalComparison, GoalUnit

BEFORE, ON_TRACK, BEHIND = "before", "on_track", "behind"
MET, NOT_MET, NO_DATA, NO_BASELINE = "met", "not_met", "no_data", "no_baseline"
STATUSES = (BEFORE, ON_TRACK, BEHIND, MET, NOT_MET, NO_DATA, NO_BASELINE)

#: The document's figures a history row (import-history) also has, and its column.
HISTORY_KEYS = {
    "visits.total": "visits_total", "visits.studios": "visits_studios",
    "visits.exhibition": "visits_exhibition", "applications.received": "applications",
    "sales.studios_nok": "sales_studios_nok", "sales.exhibition_nok": "sales_exhibition_nok",
}

#: Set while a previous edition's document is computed for a baseline: its own goals are
#: not evaluated (they are not asked for, and that would walk back through every year).
_for_baseline: ContextVar[bool] = ContextVar("kunstrute_goals_for_baseline", default=False)


def with_goals(edition: Edition, doc: dict) -> dict:
    """Add doc["goals"], the edition's goals against the document, and return the document."""
    if _for_baseline.get():
        return doc
    doc["goals"] = evaluate(edition, doc, edition_goals(edition), today=timeutil.oslo_today())
    return doc


def edition_goals(edition: Edition) -> list[EditionGoal]:
    """Return the edition's goals in their order."""
    return list(db.session.scalars(
        sa.select(EditionGoal).where(EditionGoal.edition_id == edition.id)
        .order_by(EditionGoal.position, EditionGoal.id)))


def evaluate(edition: Edition, doc: dict, goals: list[EditionGoal], *, today: date) -> list[dict]:
    """Return each goal's result against the document on `today` (an Oslo date)."""
    figures = dict(service.flatten(doc))
    previous = Previous(edition)
    return [_result(goal, figures, previous, edition, today) for goal in goals]


def _result(goal: EditionGoal, figures: dict, previous: Previous, edition: Edition,
            today: date) -> dict:
    value = figures.get(goal.figure)
    value = value if is_number(value) else None
    baseline, origin, year = None, None, None
    if goal.unit == GoalUnit.CHANGE_PERCENT:
        if goal.baseline is not None:
            baseline, origin = goal.baseline, "goal"
        else:
            baseline, origin, year = previous.figure(goal.figure)
    wanted = target_value(goal, baseline)
    change = None
    if goal.unit == GoalUnit.CHANGE_PERCENT and value is not None and baseline:
        change = round((value - baseline) / baseline * 100, 1)
    return {
        "id": goal.id, "title": goal.title, "figure": goal.figure,
        "comparison": goal.comparison.value, "target": _plain(goal.target),
        "unit": goal.unit.value, "baseline": _plain(baseline), "baseline_from": origin,
        "baseline_year": year, "value": value, "change": change,
        "progress": _progress(goal, value, baseline),
        "status": status(goal, value=value, wanted=wanted, edition=edition, today=today),
    }


def _plain(number):
    """Return a whole float as an int (200.0 → 200), so the document reads as typed."""
    if isinstance(number, float) and number.is_integer():
        return int(number)
    return number


def target_value(goal: EditionGoal, baseline: float | None) -> float | None:
    """Return the target in the figure's own terms (a share 0..1 for percent), or None."""
    if goal.unit == GoalUnit.PERCENT:
        return goal.target / 100
    if goal.unit == GoalUnit.CHANGE_PERCENT:
        return baseline * (1 + goal.target / 100) if baseline else None
    return goal.target


def _progress(goal: EditionGoal, value, baseline) -> float | None:
    """Return the share of the target reached (0 and up, 1.0 = the target), or None."""
    if value is None or not goal.target:
        return None
    if goal.unit == GoalUnit.CHANGE_PERCENT:
        if not baseline:
            return None
        reached = (value - baseline) / baseline * 100 / goal.target
    elif goal.unit == GoalUnit.PERCENT:
        reached = value * 100 / goal.target
    else:
        reached = value / goal.target
    return round(max(reached, 0.0), 3)


def route_day(edition: Edition, today: date) -> tuple[int, int]:
    """Return (day of the route today, the route's days): 0 before it, days after it."""
    days = (edition.ends_on - edition.starts_on).days + 1
    return min(max((today - edition.starts_on).days + 1, 0), days), days


def status(goal: EditionGoal, *, value, wanted, edition: Edition, today: date) -> str:
    """Return the goal's status on `today` (see the module's rule)."""
    if goal.unit == GoalUnit.CHANGE_PERCENT and wanted is None:
        return NO_BASELINE
    if today < edition.starts_on:
        return BEFORE
    if value is None:
        return NO_DATA
    if today > edition.ends_on:
        return MET if _reaches(goal.comparison, value, wanted) else NOT_MET
    if grows_over_the_route(goal.figure):
        day, days = route_day(edition, today)
        wanted = wanted * day / days
    return ON_TRACK if _reaches(goal.comparison, value, wanted) else BEHIND


def _reaches(comparison: GoalComparison, value: float, wanted: float) -> bool:
    # A hair of slack: 0.68 as a share and 68 % / 100 must compare as equal.
    if comparison == GoalComparison.AT_MOST:
        return value <= wanted + 1e-9
    return value >= wanted - 1e-9


class Previous:
    """The previous edition's figures, looked up only when a goal needs a baseline.

    The previous edition is the latest earlier year that was run here or has a history row.
    Run here, its own document is computed once (without its goals); a figure it lacks (a
    visit figure of an edition without counts) falls back to that year's history row.
    """

    def __init__(self, edition: Edition):
        self.edition = edition
        self._loaded = False
        self.year: int | None = None
        self._figures: dict = {}
        self._history: EditionHistory | None = None

    def figure(self, key: str) -> tuple[float | None, str | None, int | None]:
        """Return (baseline, "edition" | "history" | None, its year) for a dotted key."""
        self._load()
        value = self._figures.get(key)
        if is_number(value):
            return value, "edition", self.year
        column = HISTORY_KEYS.get(key)
        if self._history is not None and column is not None:
            value = getattr(self._history, column)
            if value is not None:
                return value, "history", self.year
        return None, None, self.year

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        year = self.edition.year
        here = db.session.scalar(sa.select(sa.func.max(Edition.year)).where(Edition.year < year))
        history = db.session.scalar(sa.select(sa.func.max(EditionHistory.year))
                                    .where(EditionHistory.year < year))
        self.year = max([y for y in (here, history) if y is not None], default=None)
        if self.year is None:
            return
        self._history = db.session.get(EditionHistory, self.year)
        if here == self.year:
            self._figures = _figures_of(db.session.scalar(
                sa.select(Edition).where(Edition.year == here)))


def _figures_of(edition: Edition) -> dict:
    """Return an edition's flattened document, without its goals; visit figures only when
    it has counts (an edition without any would give 0, not its real visits)."""
    token = _for_baseline.set(True)
    try:
        doc = service.edition_stats(edition)
    finally:
        _for_baseline.reset(token)
    figures = dict(service.flatten(doc))
    if not doc["visits"].get("has_counts"):
        figures = {k: v for k, v in figures.items() if not k.startswith("visits.")}
    return figures
