"""The sample edition's evaluation surveys: last year's artists' survey (closed, ~70 % answered),
this year's (open, ~60 % answered, reminders sent to those who had not answered) and the host
municipalities' network's (16 invitees, about 10 answers).

Answers are drawn from a seeded generator, so every run gives the same figures. Nothing is
e-mailed: the invitations and reminders are recorded as sent, as if the worker had sent them.
The artists' surveys are anonymous, the network's is not, so the demo shows both kinds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from kunstrute.editions.models import Edition, Municipality, Participation
from kunstrute.extensions import db
from kunstrute.surveys.invitations import hash_token, link_token
from kunstrute.surveys.models import (
    QuestionKind,
    ResponseStatus,
    Survey,
    SurveyAnswer,
    SurveyAudience,
    SurveyInvitation,
    SurveyResponse,
    SurveyStatus,
)
from kunstrute.surveys.services import QuestionData, add_question, create_survey
from kunstrute.text import slugify
from kunstrute.timeutil import to_oslo, to_utc

AGAIN = [("yes", "Ja", "Yes"), ("maybe", "Kanskje", "Maybe"), ("no", "Nei", "No")]
SOLD = [("paintings", "Malerier", "Paintings"), ("prints", "Grafikk", "Prints"),
        ("ceramics", "Keramikk", "Ceramics"), ("glass", "Glass", "Glass"),
        ("textiles", "Tekstil", "Textiles"), ("jewellery", "Smykker", "Jewellery"),
        ("cards", "Kort og småtrykk", "Cards and small prints"),
        ("nothing", "Solgte ingenting", "Sold nothing")]
COMMENTS = [
    "Veldig fin helg, mange gode samtaler med publikum.",
    "Skiltingen langs veien kunne vært tydeligere, flere fant ikke fram.",
    "Fellesutstillingen ga meg nye besøkende i atelieret.",
    "Søndagen var rolig – kanskje åpne fra klokka 12 i stedet?",
    "Kartet på mobilen fungerte godt, folk kom med telefonen i hånda.",
    "Ønsker flere omvisninger med buss fra togstasjonen.",
    "Savner et felles møte for kunstnerne før åpningen.",
    "Det var vanskelig å rapportere besøkstall på papir, bra med appen.",
    "Godt samarbeid med naboatelieret, vi delte parkering.",
    "Pressedekningen var bedre enn i fjor.",
    "Været holdt folk hjemme lørdag, men søndag var det fullt.",
    "Salget gikk bra, særlig mindre arbeider under 2 000 kroner.",
    "Kunne tenke meg en egen kveld for kjøpere og samlere.",
    "Takk for god organisering!",
]
NETWORK_COMMENTS = [
    "Godt samarbeid med arrangørene, ryddig informasjon i forkant.",
    "Vi ønsker oss flere arrangementer for barn og unge i kommunen.",
    "Kulturskolen vil gjerne bidra neste år.",
    "Biblioteket fikk mange spørsmål om runden; gjerne mer materiell dit.",
    "Vi kan låne ut rådhusets galleri til en satellittutstilling.",
    "Bussforbindelsen mellom atelierene bør forbedres.",
]


@dataclass
class SurveysReport:
    surveys: int = 0
    invitations: int = 0
    responses: int = 0


def _options(rows) -> list[dict]:
    return [{"key": k, "label_nb": nb, "label_en": en} for k, nb, en in rows]


def _artist_questions(year: int) -> list[QuestionData]:
    """Return the artists' questions; the marketing one was reworded in 2027 (not comparable)."""
    marketing = ("Hvor godt fungerte markedsføringen?", "How well did the marketing work?") \
        if year < 2027 else ("Hvor godt nådde markedsføringen ditt publikum?",
                             "How well did the marketing reach your audience?")
    return [
        QuestionData("overall_satisfaction", QuestionKind.SCALE,
                     "Hvor fornøyd er du med Kunstrunden alt i alt?",
                     "How satisfied are you with the route overall?", required=True),
        QuestionData("take_part_again", QuestionKind.SINGLE, "Vil du være med neste år?",
                     "Would you take part again next year?", _options(AGAIN)),
        QuestionData("sold_best", QuestionKind.MULTIPLE, "Hva solgte best hos deg?",
                     "What sold best in your studio?", _options(SOLD)),
        QuestionData("visitors_estimate", QuestionKind.NUMBER,
                     "Omtrent hvor mange besøkte atelieret ditt?",
                     "About how many visited your studio?"),
        QuestionData("marketing", QuestionKind.SCALE, *marketing, comparable=year < 2027),
        QuestionData("improvements", QuestionKind.TEXT, "Hva bør vi gjøre bedre neste år?",
                     "What should we do better next year?"),
    ]


def _network_questions() -> list[QuestionData]:
    return [
        QuestionData("cooperation", QuestionKind.SCALE,
                     "Hvor fornøyd er kommunen med samarbeidet?",
                     "How satisfied is the municipality with the cooperation?", required=True),
        QuestionData("host_again", QuestionKind.SINGLE,
                     "Vil kommunen være vertskommune igjen?",
                     "Would the municipality host the route again?", _options(AGAIN)),
        QuestionData("own_events", QuestionKind.NUMBER,
                     "Hvor mange egne arrangementer hadde kommunen under runden?",
                     "How many events of its own did the municipality hold?"),
        QuestionData("ideas", QuestionKind.TEXT, "Innspill til neste års runde",
                     "Ideas for next year's route"),
    ]


def _survey(year: int, audience: SurveyAudience, title: tuple[str, str], questions,
            *, anonymous: bool, edition: Edition | None, opens: date, closes: date) -> Survey:
    survey = create_survey(year=year, audience=audience, title_nb=title[0], title_en=title[1],
                           intro_nb="Svarene hjelper oss å gjøre neste runde bedre. "
                                    "Det tar om lag fem minutter.",
                           intro_en="Your answers help us make the next route better. "
                                    "It takes about five minutes.",
                           anonymous=anonymous, edition=edition, opens_on=opens,
                           closes_on=closes, actor="cli")
    for data in questions:
        add_question(survey=survey, data=data, actor="cli")
    survey.change_status(SurveyStatus.OPEN, actor="cli")
    return survey


def _invite(survey: Survey, people, sent_at: datetime) -> list[SurveyInvitation]:
    invitations = [SurveyInvitation(survey_id=survey.id, email=email, name=name,
                                    participation_id=pid, sent_at=sent_at)
                   for email, name, pid in people]
    db.session.add_all(invitations)
    db.session.flush()
    for invitation in invitations:
        invitation.token_hash = hash_token(link_token(invitation))
    return invitations


def _respond(survey: Survey, invitation: SurveyInvitation, values: dict, when: datetime) -> None:
    """Record a submitted response as answering.submit would, at `when` (UTC)."""
    invitation.answered_at = when
    response = SurveyResponse(
        survey_id=survey.id, status=ResponseStatus.SUBMITTED,
        invitation_id=None if survey.anonymous else invitation.id,
        submitted_on=to_oslo(when).date(), submitted_at=None if survey.anonymous else when)
    by_key = {q.key: q for q in survey.questions}
    for key, value in values.items():
        answer = SurveyAnswer(question_id=by_key[key].id)
        if isinstance(value, list):
            answer.value_keys = value
        elif isinstance(value, int):
            answer.value_int = value
        else:
            answer.value_text = value
        response.answers.append(answer)
    db.session.add(response)


def _scale(rng: random.Random, centre: float) -> int:
    return max(1, min(5, round(rng.gauss(centre, 0.9))))


def _artist_answers(rng: random.Random, year: int) -> dict:
    values = {"overall_satisfaction": _scale(rng, 3.7 if year < 2027 else 4.1),
              "take_part_again": rng.choices(["yes", "maybe", "no"], [7, 2, 1])[0],
              "marketing": _scale(rng, 3.2 if year < 2027 else 3.6)}
    sold = [k for k, *_ in SOLD[:-1] if rng.random() < 0.28]
    values["sold_best"] = sold or ["nothing"]
    if rng.random() < 0.85:
        values["visitors_estimate"] = int(rng.lognormvariate(5.0, 0.7))
    if rng.random() < 0.4:
        values["improvements"] = rng.choice(COMMENTS)
    return values


def _artists(edition: Edition, *, returning_only: bool) -> list[tuple[str, str, int]]:
    participations = db.session.scalars(
        sa.select(Participation).where(Participation.edition_id == edition.id)
        .order_by(Participation.catalogue_no)).all()
    return [(p.artist.email, p.artist.name, p.id) for p in participations
            if not (returning_only and p.new_this_year)]


def load_surveys(*, edition: Edition, now: datetime, seed: int = 13) -> SurveysReport:
    """Create the demo's three surveys with their invitations and answers; flush only."""
    rng, report = random.Random(seed), SurveysReport()
    report_last = _last_year(edition, rng)
    report_this = _this_year(edition, now, rng)
    report_network = _network(edition, now, rng)
    for part in (report_last, report_this, report_network):
        report.surveys += 1
        report.invitations += part[0]
        report.responses += part[1]
    db.session.flush()
    return report


def _last_year(edition: Edition, rng: random.Random) -> tuple[int, int]:
    year = edition.year - 1
    opens, closes = date(year, 9, 27), date(year, 10, 25)
    survey = _survey(year, SurveyAudience.ARTISTS,
                     (f"Evaluering for kunstnerne {year}", f"Artists' evaluation {year}"),
                     _artist_questions(year), anonymous=True, edition=None,
                     opens=opens, closes=closes)
    sent = to_utc(datetime.combine(opens, time(9)))
    invitations = _invite(survey, _artists(edition, returning_only=True), sent)
    answered = 0
    for invitation in invitations:
        if rng.random() < 0.7:
            when = sent + timedelta(days=rng.randint(0, 20), hours=rng.randint(1, 12))
            _respond(survey, invitation, _artist_answers(rng, year), when)
            answered += 1
        else:
            invitation.reminders_sent = 2
            invitation.last_reminded_at = sent + timedelta(days=8)
    survey.change_status(SurveyStatus.CLOSED, actor="cli")
    return len(invitations), answered


def _this_year(edition: Edition, now: datetime, rng: random.Random) -> tuple[int, int]:
    sent = now - timedelta(days=10)
    survey = _survey(edition.year, SurveyAudience.ARTISTS,
                     (f"Evaluering for kunstnerne {edition.year}",
                      f"Artists' evaluation {edition.year}"),
                     _artist_questions(edition.year), anonymous=True, edition=edition,
                     opens=to_oslo(sent).date(), closes=to_oslo(now + timedelta(days=20)).date())
    invitations = _invite(survey, _artists(edition, returning_only=False), sent)
    answered = 0
    for invitation in invitations:
        draw = rng.random()
        if draw < 0.45:  # answered the invitation
            when = sent + timedelta(days=rng.randint(0, 3), hours=rng.randint(1, 10))
        elif draw < 0.6:  # answered after the first reminder
            invitation.reminders_sent, invitation.last_reminded_at = 1, sent + timedelta(days=4)
            when = sent + timedelta(days=rng.randint(4, 7), hours=rng.randint(1, 10))
        else:  # two reminders, no answer yet
            invitation.reminders_sent, invitation.last_reminded_at = 2, sent + timedelta(days=8)
            continue
        _respond(survey, invitation, _artist_answers(rng, edition.year), min(when, now))
        answered += 1
    return len(invitations), answered


def _network(edition: Edition, now: datetime, rng: random.Random) -> tuple[int, int]:
    sent = now - timedelta(days=10)
    survey = _survey(edition.year, SurveyAudience.NETWORK,
                     (f"Evaluering for vertskommunene {edition.year}",
                      f"Host municipalities' evaluation {edition.year}"),
                     _network_questions(), anonymous=False, edition=edition,
                     opens=to_oslo(sent).date(), closes=to_oslo(now + timedelta(days=20)).date())
    municipalities = db.session.scalars(sa.select(Municipality).order_by(Municipality.name))
    people = [(f"kultur@{slugify(m.name)}.kommune.example", f"Kulturkontoret i {m.name}", None)
              for m in municipalities.all()[:16]]
    invitations = _invite(survey, people, sent)
    answering = set(rng.sample(range(len(invitations)), k=min(10, len(invitations))))
    for index, invitation in enumerate(invitations):
        if index not in answering:
            invitation.reminders_sent, invitation.last_reminded_at = 2, sent + timedelta(days=8)
            continue
        values = {"cooperation": _scale(rng, 4.2),
                  "host_again": rng.choices(["yes", "maybe", "no"], [6, 3, 1])[0],
                  "own_events": rng.randint(0, 6)}
        if rng.random() < 0.6:
            values["ideas"] = rng.choice(NETWORK_COMMENTS)
        when = sent + timedelta(days=rng.randint(0, 6), hours=rng.randint(1, 8))
        _respond(survey, invitation, values, min(when, now))
    return len(invitations), len(answering)

