"""Writing an edition's goals: add, change, remove, reorder; each change in the audit log."""

from __future__ import annotations

import sqlalchemy as sa

from kunstrute.audit.services import record
from kunstrute.editions.models import Edition
from kunstrute.extensions import db
from kunstrute.stats.goals import edition_goals
from kunstrute.stats.models import EditionGoal, GoalComparison, GoalUnit

FIELDS = ("title", "figure", "comparison", "target", "unit", "baseline")


def describe(goal: EditionGoal) -> str:
    """Return the goal in one line for the audit log: figure, comparison, target, unit."""
    baseline = "" if goal.baseline is None else f" on {goal.baseline:g}"
    sign = "≤" if goal.comparison == GoalComparison.AT_MOST else "≥"
    return f"{goal.figure} {sign} {goal.target:g} {goal.unit.value}{baseline}: {goal.title}"


def save_goal(*, edition: Edition, goal: EditionGoal | None = None, title: str, figure: str,
              comparison: GoalComparison, target: float, unit: GoalUnit,
              baseline: float | None = None, actor=None) -> EditionGoal:
    """Create a goal (last in the order) or change one; record what changed; flush."""
    values = {"title": title.strip(), "figure": figure, "comparison": comparison,
              "target": float(target), "unit": unit,
              "baseline": None if baseline is None else float(baseline)}
    if goal is None:
        position = db.session.scalar(sa.select(sa.func.max(EditionGoal.position))
                                     .where(EditionGoal.edition_id == edition.id))
        goal = EditionGoal(edition=edition, position=(position or 0) + 1, **values)
        db.session.add(goal)
        db.session.flush()
        record(actor=actor, action="goal.created", obj=goal, detail=describe(goal))
        return goal
    changed = [name for name in FIELDS if getattr(goal, name) != values[name]]
    for name in changed:
        setattr(goal, name, values[name])
    db.session.flush()
    if changed:
        record(actor=actor, action="goal.updated", obj=goal,
               detail=f"{', '.join(changed)} → {describe(goal)}")
    return goal


def delete_goal(*, goal: EditionGoal, actor=None) -> None:
    """Remove a goal, keeping in the audit log what it was; flush."""
    record(actor=actor, action="goal.deleted", obj=goal, detail=describe(goal))
    edition = goal.edition
    db.session.delete(goal)
    db.session.flush()
    _renumber(edition_goals(edition))


def move_goal(*, goal: EditionGoal, step: int, actor=None) -> None:
    """Move a goal one place up (-1) or down (+1) in the edition's order; flush."""
    goals = edition_goals(goal.edition)
    index = goals.index(goal)
    other = index + step
    if 0 <= other < len(goals):
        goals[index], goals[other] = goals[other], goals[index]
        _renumber(goals)
        record(actor=actor, action="goal.moved", obj=goal,
               detail=f"to place {other + 1} of {len(goals)}: {goal.title}")


def _renumber(goals: list[EditionGoal]) -> None:
    for position, goal in enumerate(goals, start=1):
        goal.position = position
    db.session.flush()
