"""Factories for the goals' tests: a goal, the exhibition's visits day by day, a frozen day."""

from datetime import UTC, date, datetime, timedelta

from kunstrute.stats.goal_services import save_goal
from kunstrute.stats.models import EditionGoal, GoalComparison, GoalUnit
from tests import factories
from tests.stats.factories import exhibition, visits

START = date(2027, 9, 9)  # the factory's edition: 9 to 19 September 2027, 11 days


def at(clock, day: date, hour: int = 12) -> None:
    """Make "now" noon (Oslo summer time) on a day."""
    clock.set(datetime(day.year, day.month, day.day, hour - 2, tzinfo=UTC))


def goal(edition, figure="visits.exhibition_per_day", target=200, unit=GoalUnit.COUNT,
         comparison=GoalComparison.AT_LEAST, baseline=None,
         title="200 besøkende hver dag") -> EditionGoal:
    """Return a goal of the edition (by default the 2014 report's 200 a day)."""
    return save_goal(edition=edition, title=title, figure=figure, comparison=comparison,
                     target=target, unit=unit, baseline=baseline, actor="system")


def exhibition_days(edition, per_day: int, days: int) -> None:
    venue = exhibition(edition)
    for n in range(days):
        visits(venue, START + timedelta(n), per_day)


def hostile(db):
    """Return the 2027 edition with a goal whose title is a formula and a script, committed."""
    edition = factories.edition(2027)
    goal(edition, title='=HYPERLINK("x")<script>alert(1)</script>')
    exhibition_days(edition, 300, 11)
    db.session.commit()
    return edition
