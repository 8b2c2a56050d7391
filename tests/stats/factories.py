"""Factories for the statistics tests: studios with venues, counts by source, sales, history,
jury scores, event registrations, newsletters and subscribers."""

from datetime import date, datetime, timedelta

from kunstrute.applications.models import JuryScore
from kunstrute.counting.models import (
    CountSource,
    Sale,
    SaleSource,
    Venue,
    VisitCount,
)
from kunstrute.counting.venues import ensure_venues, exhibition_venue, venue_for
from kunstrute.extensions import db
from kunstrute.newsletter.models import (
    Newsletter,
    NewsletterStatus,
    Subscriber,
    SubscriberStatus,
)
from kunstrute.programme.models import Registration, RegistrationStatus
from kunstrute.stats.models import EditionHistory
from kunstrute.timeutil import utcnow
from tests.editions.factories import participant


def studio(edition, **kwargs) -> Venue:
    """Return the venue of a new accepted artist of the edition."""
    participation = participant(edition, **kwargs)
    ensure_venues(edition=edition)
    return venue_for(participation)


def exhibition(edition) -> Venue:
    ensure_venues(edition=edition)
    return exhibition_venue(edition)


def visits(venue: Venue, day: date, count: int,
           source: CountSource = CountSource.REPORTED) -> None:
    db.session.add(VisitCount(venue_id=venue.id, day=day, source=source, count=count))
    db.session.flush()


def sale(venue: Venue, day: date, amount: int, works: int = 1, *, participation=None,
         source: SaleSource = SaleSource.REPORTED) -> Sale:
    found = Sale(venue_id=venue.id, day=day, amount_nok=amount, works=works, source=source,
                 participation_id=participation.id if participation else venue.participation_id)
    db.session.add(found)
    db.session.flush()
    return found


def history(year: int, **figures) -> EditionHistory:
    row = EditionHistory(year=year, **figures)
    db.session.add(row)
    db.session.flush()
    return row


def score(application, juror, value: int | None = 4, *, abstained: bool = False) -> JuryScore:
    """Return a juror's score of an application (None with abstained: a conflict)."""
    found = JuryScore(application_id=application.id, juror_id=juror.id, score=value,
                      abstained=abstained)
    db.session.add(found)
    db.session.flush()
    return found


def registration(event, email: str, status: str = "confirmed", *, held: bool = False,
                 checked_in: bool = False) -> Registration:
    """Return a sign-up for an event; held: not yet confirmed from the e-mail."""
    now = utcnow()
    found = Registration(event_id=event.id, name=email.split("@")[0], email=email,
                         status=RegistrationStatus(status),
                         held_until=now + timedelta(hours=1) if held else None,
                         checked_in_at=now if checked_in else None)
    db.session.add(found)
    db.session.flush()
    return found


def sent_newsletter(sent_at: datetime | None, *, subject: str = "Nytt fra ruta") -> Newsletter:
    """Return a newsletter sent at sent_at (naive UTC), or a draft if None."""
    found = Newsletter(subject=subject, body_markdown="Hei!",
                       status=NewsletterStatus.SENT if sent_at else NewsletterStatus.DRAFT,
                       sent_at=sent_at)
    db.session.add(found)
    db.session.flush()
    return found


def subscriber(email: str, status: str = "confirmed", *,
               confirmed_at: datetime | None = None) -> Subscriber:
    found = Subscriber(email=email, status=SubscriberStatus(status), consent_text="ja",
                       confirmed_at=confirmed_at)
    db.session.add(found)
    db.session.flush()
    return found
