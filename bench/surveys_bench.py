"""Time a survey's results at 10× scale: 3,000 invited artists, ~60 % answering 6 questions,
beside last year's survey of the same size, on a scratch SQLite database (or --database URL).

Usage: .venv/bin/python bench/surveys_bench.py [--invitees 3000] [--requests 20]

Prints the medians of `headline_results` (the SQL aggregates the statistics readers use),
`response_rates`, the results page and the CSV, through Flask's test client.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kunstrute import create_app  # noqa: E402
from kunstrute.auth.services import create_user  # noqa: E402
from kunstrute.config import TestConfig  # noqa: E402
from kunstrute.extensions import db  # noqa: E402
from kunstrute.surveys.models import (  # noqa: E402
    ResponseStatus,
    Survey,
    SurveyAnswer,
    SurveyAudience,
    SurveyInvitation,
    SurveyResponse,
    SurveyStatus,
)
from kunstrute.surveys.queries import headline_results, response_rates  # noqa: E402
from tests.surveys.factories import questions  # noqa: E402

PASSWORD = "correct horse battery staple"
WORDS = ["fin", "helg", "mange", "besøkende", "skilting", "kart", "salg", "buss", "omvisning",
         "pressen", "været"]


def seed_survey(year: int, invitees: int, rnd: random.Random) -> int:
    """Add one survey with its invitations and answers; return its id."""
    survey = Survey(year=year, audience=SurveyAudience.ARTISTS, title_nb=f"Evaluering {year}",
                    status=SurveyStatus.CLOSED, anonymous=True, questions=questions())
    db.session.add(survey)
    db.session.flush()
    by_key = {q.key: q.id for q in survey.questions}
    sent = datetime(year, 9, 25, 9)
    invitations = [SurveyInvitation(survey_id=survey.id, email=f"a{n}@example.org",
                                    sent_at=sent) for n in range(invitees)]
    db.session.add_all(invitations)
    for invitation in invitations:
        if rnd.random() < 0.6:
            invitation.answered_at = sent
            response = SurveyResponse(survey_id=survey.id, status=ResponseStatus.SUBMITTED,
                                      submitted_on=date(year, 9, 26))
            response.answers = [
                SurveyAnswer(question_id=by_key["overall_satisfaction"],
                             value_int=rnd.randint(1, 5)),
                SurveyAnswer(question_id=by_key["take_part_again"],
                             value_text=rnd.choice(["yes", "no", "unsure"])),
                SurveyAnswer(question_id=by_key["sold_best"], value_keys=rnd.sample(
                    ["paintings", "ceramics", "prints"], rnd.randint(1, 3))),
                SurveyAnswer(question_id=by_key["visitors_estimate"],
                             value_int=rnd.randint(5, 800)),
                SurveyAnswer(question_id=by_key["comments"],
                             value_text=" ".join(rnd.choices(WORDS, k=12))),
            ]
            db.session.add(response)
    db.session.commit()
    return survey.id


def median_ms(action, requests: int) -> float:
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--invitees", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--database", help="a database URL (default: a scratch SQLite file)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="surveys-bench-")
    uri = args.database or f"sqlite:///{folder}/bench.sqlite3"
    app = create_app(type("BenchConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": uri}))
    with app.app_context():
        db.drop_all()
        db.create_all()
        rnd = random.Random(13)
        seed_survey(2026, args.invitees, rnd)
        survey_id = seed_survey(2027, args.invitees, rnd)
        create_user(email="organiser@example.org", password=PASSWORD, role="organiser")
        db.session.commit()
        survey = db.session.get(Survey, survey_id)
        rows = {
            "headline_results (5 questions)": median_ms(lambda: headline_results(survey),
                                                        args.requests),
            "response_rates(2027)": median_ms(lambda: response_rates(2027), args.requests),
        }
        client = app.test_client()
        page = client.get("/auth/login").get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        client.post("/auth/login", data={"email": "organiser@example.org",
                                         "password": PASSWORD, "csrf_token": token})
        for label, url in (("the results page (with last year)", "results"),
                           ("the CSV export", "results.csv")):
            full = f"/organiser/surveys/{survey_id}/{url}"
            assert client.get(full).status_code == 200
            rows[label] = median_ms(lambda full=full: client.get(full), args.requests)
        print(f"{args.invitees} invited a year, ~60 % answered; {uri.split(':')[0]}")
        for label, value in rows.items():
            print(f"  {label:40} {value:8.1f} ms")
        db.drop_all()


if __name__ == "__main__":
    main()
