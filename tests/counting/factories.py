"""Factories of the counting domain: editions open for counting today, and venues."""

from datetime import date, timedelta

from kunstrute.counting.models import Venue, VenueKind
from kunstrute.counting.venues import exhibition_venue, new_code
from kunstrute.editions.models import Edition, Participation
from kunstrute.extensions import db
from kunstrute.timeutil import oslo_today
from tests.editions.factories import edition as make_edition
from tests.editions.factories import participant


def running_edition(year: int | None = None, **kwargs) -> Edition:
    """Return a published edition whose period runs from three days ago to a week ahead."""
    today = oslo_today()
    kwargs.setdefault("starts_on", today - timedelta(days=3))
    kwargs.setdefault("ends_on", today + timedelta(days=7))
    return make_edition(year or today.year, **kwargs)


def venue(participation: Participation | None = None, *, edition: Edition | None = None,
          exhibition: bool = False, code: str | None = None, **participant_kwargs) -> Venue:
    """Return a studio venue (of the participation, or of a new participant) or the exhibition.

    Without an edition, one that is running today is made (see running_edition).
    """
    if participation is not None:
        edition = participation.edition
    edition = edition or running_edition()
    if exhibition:
        found = exhibition_venue(edition)
        if found is None:
            found = Venue(edition_id=edition.id, kind=VenueKind.EXHIBITION,
                          code=code or new_code())
            db.session.add(found)
            db.session.flush()
        return found
    if participation is None:
        participation = participant(edition, **participant_kwargs)
    made = Venue(edition_id=edition.id, kind=VenueKind.STUDIO, participation_id=participation.id,
                 code=code or new_code())
    db.session.add(made)
    db.session.flush()
    return made


def day(offset: int = 0) -> date:
    """Return today in Oslo plus offset days."""
    return oslo_today() + timedelta(days=offset)
