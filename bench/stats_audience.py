"""The rest of the bench edition at 10x (bench/stats_data.py calls it): ~4,000 applications
with three jurors' scores, ~300 events with ~10,000 registrations, 24 newsletters and
~20,000 subscribers, and the artists' and the network's surveys with their answers.

Core executemany inserts, seeded: two runs give the same figures.
"""

from __future__ import annotations

import random
import secrets
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from kunstrute.applications.models import Application, ApplicationStatus, JuryScore
from kunstrute.auth.models import Role, User
from kunstrute.editions.models import Municipality, Participation, Studio, edition_hosts
from kunstrute.extensions import db
from kunstrute.newsletter.models import (
    Newsletter,
    NewsletterStatus,
    Subscriber,
    SubscriberStatus,
)
from kunstrute.programme.models import (
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
    VenueKind,
)
from kunstrute.surveys.models import (
    QuestionKind,
    ResponseStatus,
    Survey,
    SurveyAnswer,
    SurveyAudience,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
    SurveyStatus,
)

APPLICATIONS, EVENTS, REGISTRATIONS, SUBSCRIBERS, NEWSLETTERS = 4000, 300, 10_000, 20_000, 24
CHUNK = 5000
AGAIN = [{"key": k, "label_nb": k} for k in ("yes", "no", "unsure")]
SOLD = [{"key": k, "label_nb": k} for k in ("paintings", "ceramics", "prints", "glass")]


def insert(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(sa.insert(model), rows[start:start + CHUNK])


def generate_audience(edition, rng: random.Random) -> dict:
    """Fill applications, scores, events, registrations, newsletters, subscribers, surveys."""
    towns = list(db.session.scalars(sa.select(Municipality.id).order_by(Municipality.id)))
    db.session.execute(sa.insert(edition_hosts), [
        {"edition_id": edition.id, "municipality_id": m} for m in towns[:2]])
    applications = _applications(edition, towns, rng)
    events, registrations = _programme(edition, rng)
    _newsletter(edition.year, rng)
    answers = _surveys(edition, rng)
    return {"applications": applications, "events": events, "registrations": registrations,
            "subscribers": SUBSCRIBERS, "answers": answers}


def _applications(edition, towns: list[int], rng) -> int:
    """One application per participation (accepted) and ~1,000 others, three jurors' scores."""
    insert(User, [{"email": f"a{i}@bench.example", "password_hash": "x", "role": Role.ARTIST}
                  for i in range(APPLICATIONS)])
    insert(User, [{"email": f"j{i}@bench.example", "password_hash": "x", "role": Role.JUROR}
                  for i in range(3)])
    users = {email: id_ for email, id_ in db.session.execute(sa.select(User.email, User.id))}
    participations = list(db.session.scalars(sa.select(Participation.id).where(
        Participation.edition_id == edition.id).order_by(Participation.id)))
    others = [ApplicationStatus.REJECTED] * 6 + [ApplicationStatus.WAITLISTED] * 2 + [
        ApplicationStatus.DRAFT] * 2 + [ApplicationStatus.WITHDRAWN]
    sent_at = datetime(edition.year, 3, 1, 12)
    rows = []
    for i in range(APPLICATIONS):
        accepted = i < len(participations)
        status = ApplicationStatus.ACCEPTED if accepted else rng.choice(others)
        rows.append({"edition_id": edition.id, "user_id": users[f"a{i}@bench.example"],
                     "status": status, "name": f"Søker {i}", "email": f"a{i}@bench.example",
                     "municipality_id": rng.choice(towns),
                     "participation_id": participations[i] if accepted else None,
                     "submitted_at": None if status == ApplicationStatus.DRAFT else sent_at})
    insert(Application, rows)
    jurors = [users[f"j{i}@bench.example"] for i in range(3)]
    sent = db.session.scalars(sa.select(Application.id).where(
        Application.edition_id == edition.id, Application.submitted_at.is_not(None)))
    insert(JuryScore, [{"application_id": a, "juror_id": j, "score": rng.randint(1, 5)}
                       for a in sent for j in jurors if rng.random() < 0.95])
    return APPLICATIONS


def _programme(edition, rng) -> tuple[int, int]:
    """Events over the period in studios, the exhibition and addresses; their sign-ups."""
    studios = list(db.session.scalars(sa.select(Studio.id).order_by(Studio.id).limit(500)))
    kinds = list(EventKind)
    rows = []
    for i in range(EVENTS):
        starts = datetime.combine(edition.starts_on + timedelta(i % 11), datetime.min.time())
        starts += timedelta(hours=9 + i % 8)
        venue = rng.choice([VenueKind.STUDIO, VenueKind.EXHIBITION, VenueKind.ADDRESS])
        rows.append({"edition_id": edition.id, "kind": rng.choice(kinds),
                     "title": f"Hendelse {i}", "starts_at": starts,
                     "ends_at": starts + timedelta(hours=1), "venue_kind": venue,
                     "studio_id": rng.choice(studios) if venue == VenueKind.STUDIO else None,
                     "address": f"Torget {i}" if venue == VenueKind.ADDRESS else None,
                     "postcode": "3400" if venue == VenueKind.ADDRESS else None,
                     "place": "Lier" if venue == VenueKind.ADDRESS else None,
                     "registration_required": True, "capacity": 60,
                     "status": EventStatus.CANCELLED if i % 50 == 7 else EventStatus.PUBLISHED,
                     "uid": f"bench-{i}@kunstrute"})
    insert(Event, rows)
    events = list(db.session.scalars(sa.select(Event.id).where(Event.edition_id == edition.id)))
    statuses = [RegistrationStatus.CONFIRMED] * 8 + [RegistrationStatus.WAITLISTED,
                                                      RegistrationStatus.CANCELLED]
    signed = datetime(edition.year, 8, 20, 12)
    registrations = []
    for i in range(REGISTRATIONS):
        status = rng.choice(statuses)
        registrations.append({
            "event_id": events[i % len(events)], "name": f"Gjest {i}",
            "email": f"g{i}@bench.example", "status": status, "token": secrets.token_hex(16),
            "created_at": signed,
            "checked_in_at": signed if status == RegistrationStatus.CONFIRMED
            and rng.random() < 0.7 else None})
    insert(Registration, registrations)
    return EVENTS, REGISTRATIONS


def _newsletter(year: int, rng) -> None:
    insert(Newsletter, [{"subject": f"Nytt {n}", "body_markdown": "Hei!",
                         "status": NewsletterStatus.SENT,
                         "sent_at": datetime(year - 1 + n // 12, 1 + n % 12, 5, 9)}
                        for n in range(NEWSLETTERS)])
    statuses = [SubscriberStatus.CONFIRMED] * 8 + [SubscriberStatus.PENDING,
                                                    SubscriberStatus.UNSUBSCRIBED]
    rows = []
    for i in range(SUBSCRIBERS):
        joined = datetime(year - 6, 1, 1) + timedelta(days=rng.randrange(7 * 365))
        status = rng.choice(statuses)
        rows.append({"email": f"n{i}@bench.example", "status": status, "consent_text": "ja",
                     "consent_at": joined,
                     "confirmed_at": None if status == SubscriberStatus.PENDING else joined})
    insert(Subscriber, rows)


def _surveys(edition, rng) -> int:
    """The artists' survey (3,000 invited, ~60 % answered) and the network's (16, 10)."""
    answers = 0
    for audience, invited, answered in ((SurveyAudience.ARTISTS, 3000, 1800),
                                        (SurveyAudience.NETWORK, 16, 10)):
        survey = Survey(year=edition.year, edition_id=edition.id, audience=audience,
                        title_nb=f"Evaluering {audience.value}", status=SurveyStatus.CLOSED,
                        questions=_questions())
        db.session.add(survey)
        db.session.flush()
        when = datetime(edition.year, 10, 1, 12)
        insert(SurveyInvitation, [
            {"survey_id": survey.id, "email": f"s{i}@{audience.value}.bench.example",
             "salt": secrets.token_hex(16), "sent_at": when,
             "answered_at": when if i < answered else None} for i in range(invited)])
        ids = [secrets.token_urlsafe(16) for _ in range(answered)]
        insert(SurveyResponse, [{"id": r, "survey_id": survey.id,
                                 "status": ResponseStatus.SUBMITTED,
                                 "submitted_on": date(edition.year, 10, 1)} for r in ids])
        rows = [row for r in ids for row in _answers(r, survey.questions, rng)]
        insert(SurveyAnswer, rows)
        answers += len(rows)
    return answers


def _questions() -> list[SurveyQuestion]:
    return [SurveyQuestion(position=0, key="overall_satisfaction", kind=QuestionKind.SCALE,
                           text_nb="Hvor fornøyd er du alt i alt?"),
            SurveyQuestion(position=1, key="take_part_again", kind=QuestionKind.SINGLE,
                           text_nb="Vil du være med igjen?", options=AGAIN),
            SurveyQuestion(position=2, key="sold_best", kind=QuestionKind.MULTIPLE,
                           text_nb="Hva solgte best?", options=SOLD),
            SurveyQuestion(position=3, key="visitors_estimate", kind=QuestionKind.NUMBER,
                           text_nb="Hvor mange besøkende hadde du?"),
            SurveyQuestion(position=4, key="comments", kind=QuestionKind.TEXT,
                           text_nb="Andre kommentarer?")]


def _answers(response_id: str, questions, rng) -> list[dict]:
    base = {"response_id": response_id, "value_int": None, "value_text": None,
            "value_keys": None}
    by_kind = {q.kind: q.id for q in questions}
    return [
        {**base, "question_id": by_kind[QuestionKind.SCALE], "value_int": rng.randint(2, 5)},
        {**base, "question_id": by_kind[QuestionKind.SINGLE],
         "value_text": rng.choice(["yes", "yes", "no", "unsure"])},
        {**base, "question_id": by_kind[QuestionKind.MULTIPLE],
         "value_keys": rng.sample([o["key"] for o in SOLD], rng.randint(1, 2))},
        {**base, "question_id": by_kind[QuestionKind.NUMBER],
         "value_int": rng.randint(10, 900)},
        {**base, "question_id": by_kind[QuestionKind.TEXT], "value_text": "Fint."}]
