"""The sample edition's audience: sign-ups for the events that take them (most checked in at
the door, a waiting list where places ran out, a few cancelled), the newsletter's subscribers
over the years (most confirmed, some pending, some left) and the newsletters sent in the
edition's year with their deliveries. Seeded, so every run gives the same figures; nothing is
e-mailed: the sending is recorded as done, as if the worker had done it.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from kunstrute.editions.models import Edition
from kunstrute.extensions import db
from kunstrute.newsletter.models import (
    Newsletter,
    NewsletterDelivery,
    NewsletterStatus,
    Subscriber,
    SubscriberStatus,
)
from kunstrute.newsletter.services import consent_wording
from kunstrute.programme.models import Event, EventStatus, Registration, RegistrationStatus
from kunstrute.timeutil import to_utc

FIRST = ["Anne", "Bjørn", "Camilla", "Eirik", "Frida", "Geir", "Hanne", "Ivar", "Julie",
         "Knut", "Lene", "Magnus", "Nora", "Ola", "Pia", "Rune", "Siri", "Tor", "Vilde", "Åse"]
LAST = ["Andersen", "Berg", "Dahl", "Eide", "Fjeld", "Hansen", "Johansen", "Larsen", "Moen",
        "Nilsen", "Olsen", "Pedersen", "Strand", "Vik", "Aas"]
#: Subscribers over the years, and the share of them confirmed, still pending, and left.
SUBSCRIBERS, CONFIRMED_SHARE, PENDING_SHARE = 1_400, 0.86, 0.05
#: The newsletters of the edition's year: (month, day, subject); the last is a draft.
NEWSLETTERS = [(1, 20, "Søknadsfristen for {year} nærmer seg"),
               (3, 18, "Takk for alle søknadene"),
               (5, 6, "Kunstnerne i {year} er klare"),
               (8, 19, "Programmet for {year}: omvisninger, konserter og seminar"),
               (9, 2, "Én uke igjen: kartet og atelierbussen"),
               (9, 15, "Andre helg: dette skjer"),
               (10, 20, "Takk for i år – hvor mange kom?")]


@dataclass(frozen=True)
class AudienceReport:
    registrations: int
    checked_in: int
    subscribers: int
    newsletters: int


def load_audience(*, edition: Edition, seed: int = 14) -> AudienceReport:
    """Add the sign-ups, the subscribers and the newsletters; flush only."""
    rng = random.Random(seed)
    registrations, checked_in = _registrations(edition, rng)
    subscribers = _subscribers(edition.year, rng)
    sent = _newsletters(edition.year)
    db.session.flush()
    return AudienceReport(registrations=registrations, checked_in=checked_in,
                          subscribers=subscribers, newsletters=sent)


def _person(rng: random.Random, n: int) -> tuple[str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return f"{first} {last}", f"{first}.{last}.{n}@example.net".lower().replace(
        "å", "a").replace("ø", "o")


def _registrations(edition: Edition, rng: random.Random) -> tuple[int, int]:
    """Fill the events that take sign-ups: 50–100 % of the places, more for the popular."""
    events = db.session.scalars(
        sa.select(Event).where(Event.edition_id == edition.id, Event.registration_required,
                               Event.status == EventStatus.PUBLISHED).order_by(Event.id))
    rows, checked_in, n = [], 0, 0
    for event in events:
        capacity = event.capacity or 30
        confirmed = min(capacity, round(capacity * rng.uniform(0.5, 1.1)))
        waiting = rng.randint(2, 6) if confirmed == capacity else 0
        statuses = ([RegistrationStatus.CONFIRMED] * confirmed
                    + [RegistrationStatus.WAITLISTED] * waiting
                    + [RegistrationStatus.CANCELLED] * rng.randint(0, 2))
        for status in statuses:
            n += 1
            name, email = _person(rng, n)
            signed = event.starts_at - timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 9))
            came = status == RegistrationStatus.CONFIRMED and rng.random() < 0.85
            checked_in += came
            rows.append({"event_id": event.id, "name": name, "email": email, "status": status,
                         "language": "nb", "token": secrets.token_urlsafe(24),
                         "created_at": signed,
                         "confirmed_at": signed if status == RegistrationStatus.CONFIRMED
                         else None,
                         "cancelled_at": signed + timedelta(days=1)
                         if status == RegistrationStatus.CANCELLED else None,
                         "checked_in_at": event.starts_at if came else None})
        event.confirmed_count = confirmed
    if rows:
        db.session.execute(sa.insert(Registration), rows)
    return sum(r["status"] == RegistrationStatus.CONFIRMED for r in rows), checked_in


def _subscribers(year: int, rng: random.Random) -> int:
    """Subscribers who signed up from four years before the edition's to its autumn."""
    first = datetime(year - 4, 1, 1)
    span = (datetime(year, 9, 20) - first).days
    wording = consent_wording()
    rows = []
    for n in range(SUBSCRIBERS):
        joined = first + timedelta(days=rng.randrange(span), hours=rng.randint(7, 22))
        draw = rng.random()
        status = (SubscriberStatus.CONFIRMED if draw < CONFIRMED_SHARE else
                  SubscriberStatus.PENDING if draw < CONFIRMED_SHARE + PENDING_SHARE else
                  SubscriberStatus.UNSUBSCRIBED)
        confirmed = None if status == SubscriberStatus.PENDING else joined + timedelta(hours=1)
        rows.append({"email": f"leser{n + 1}@example.org", "name": None, "language": "nb",
                     "status": status, "consent_text": wording, "consent_at": joined,
                     "confirmed_at": confirmed, "created_at": joined,
                     "unsubscribed_at": confirmed + timedelta(days=200)
                     if status == SubscriberStatus.UNSUBSCRIBED else None})
    db.session.execute(sa.insert(Subscriber), rows)
    return SUBSCRIBERS


def _newsletters(year: int) -> int:
    """The year's newsletters, each delivered to those confirmed before it went out."""
    *sent, draft = NEWSLETTERS
    body = "Hei!\n\nHer er nytt fra Kunst rett vest. Se programmet og kartet på nettsidene."
    for month, day, subject in sent:
        at = to_utc(datetime(year, month, day, 9))
        newsletter = Newsletter(subject=subject.format(year=year), body_markdown=body,
                                status=NewsletterStatus.SENT, sent_at=at, created_at=at)
        db.session.add(newsletter)
        db.session.flush()
        readers = db.session.scalars(sa.select(Subscriber.id).where(
            Subscriber.confirmed_at < at, sa.or_(Subscriber.unsubscribed_at.is_(None),
                                                 Subscriber.unsubscribed_at > at))).all()
        if readers:
            db.session.execute(sa.insert(NewsletterDelivery), [
                {"newsletter_id": newsletter.id, "subscriber_id": s, "sent_at": at}
                for s in readers])
    db.session.add(Newsletter(subject=draft[2].format(year=year), body_markdown=body))
    return len(sent)
