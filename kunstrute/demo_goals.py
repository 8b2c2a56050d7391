"""The sample edition's goals, shaped after the 2014 annual report's.

"200 visitors every day at the exhibition" and "50 % more applicants from the host
municipalities" (on last year's figure, which the organiser typed: the history of earlier
editions has no such column), and two more: more visits than last year (its baseline from
the history, 2026) and two artists in three selling something.
"""

from __future__ import annotations

from kunstrute.editions.models import Edition
from kunstrute.stats.goal_services import save_goal
from kunstrute.stats.models import EditionGoal, GoalComparison, GoalUnit

#: The host municipalities' applicants the year before (the demo's own invented figure).
HOST_APPLICANTS_LAST_YEAR = 14

GOALS = [
    ("200 besøkende hver dag på fellesutstillingen", "visits.exhibition_per_day",
     GoalComparison.AT_LEAST, 200, GoalUnit.COUNT, None),
    ("50 % flere søkere fra vertskommunene", "applications.from_hosts",
     GoalComparison.AT_LEAST, 50, GoalUnit.CHANGE_PERCENT, HOST_APPLICANTS_LAST_YEAR),
    ("Flere besøk enn i fjor: +5 %", "visits.total",
     GoalComparison.AT_LEAST, 5, GoalUnit.CHANGE_PERCENT, None),
    ("To av tre kunstnere selger noe", "sales.artists_with_sales_share",
     GoalComparison.AT_LEAST, 66.7, GoalUnit.PERCENT, None),
]


def load_goals(*, edition: Edition) -> list[EditionGoal]:
    """Give the sample edition its goals (recorded as the system's); flush."""
    return [save_goal(edition=edition, title=title, figure=figure, comparison=comparison,
                      target=target, unit=unit, baseline=baseline, actor="system")
            for title, figure, comparison, target, unit, baseline in GOALS]
