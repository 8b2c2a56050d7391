"""Factories for the reporting tests: an edition open today (the suite's frozen Wednesday
18 November 2026), a studio venue with its artist, and the forms' field names."""

from datetime import date

from kunstrute.counting.links import make_report_key
from kunstrute.counting.venues import ensure_venues, exhibition_venue, venue_for
from kunstrute.extensions import db
from tests import factories

#: The frozen clock's day (tests/conftest.py) is an open day; so are the weekend before
#: and the one after.
TODAY = date(2026, 11, 18)
OPEN_DAYS = [date(2026, 11, 14), date(2026, 11, 15), TODAY, date(2026, 11, 21),
             date(2026, 11, 22)]


def open_edition(year: int = 2026):
    """Return an edition whose open days include today; its period is 14–22 November."""
    return factories.edition(year, starts_on=date(year, 11, 14), ends_on=date(year, 11, 22),
                             open_days=[d.replace(year=year) for d in OPEN_DAYS])


def studio(edition, *, user=None, key: bool = False, **kwargs):
    """Return the studio venue of a new participant (the user's, if given); a link if asked."""
    participation = factories.participant(edition, **kwargs)
    if user is not None:
        participation.artist.user_id = user.id
    ensure_venues(edition=edition)
    venue = venue_for(participation)
    if key:
        make_report_key(venue=venue, actor="test")
    db.session.commit()
    return venue


def exhibition(edition):
    ensure_venues(edition=edition)
    db.session.commit()
    return exhibition_venue(edition)


def field(day: date, name: str) -> str:
    """Return the report form's field name for a day: d20261118_visitors."""
    return f"d{day:%Y%m%d}_{name}"


def day_data(day: date, visitors="", amount="", works="", seen="") -> dict:
    return {field(day, "visitors"): visitors, field(day, "amount"): amount,
            field(day, "works"): works, field(day, "seen"): seen}
