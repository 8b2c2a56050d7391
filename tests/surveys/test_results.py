"""Results: the response rate beside every figure, distributions and means, free text (escaped,
nameless when anonymous), this year beside last year for comparable questions, and the CSV."""

import csv
import io

from kunstrute.surveys.answering import Answers, save_draft
from kunstrute.surveys.models import SurveyAudience, SurveyStatus
from kunstrute.surveys.queries import comparison, headline_results, response_rates
from tests.surveys import factories


def answered_survey(year=2027, *, anonymous=True, people=None):
    survey = factories.survey(year, anonymous=anonymous,
                              status=SurveyStatus.OPEN if year == 2027 else SurveyStatus.CLOSED)
    for n, values in enumerate(people or []):
        factories.answered(survey, f"p{n}@example.no", values)
    factories.invitation(survey, "silent@example.no")  # invited, never answers
    return survey


THIS_YEAR = [
    {"overall_satisfaction": 5, "take_part_again": "yes", "sold_best": ["paintings", "prints"],
     "visitors_estimate": 300, "comments": "<script>alert(1)</script> Flott!"},
    {"overall_satisfaction": 4, "take_part_again": "yes", "sold_best": ["prints"],
     "visitors_estimate": 100},
    {"overall_satisfaction": 2, "take_part_again": "no", "comments": "=HYPERLINK(\"x\")"},
]


def test_rates_distributions_and_means_come_from_sql(db):
    survey = answered_survey(people=THIS_YEAR)
    results = {r["key"]: r for r in headline_results(survey)}
    scale = results["overall_satisfaction"]
    assert scale["rate"] == {"answered": 3, "invited": 4, "percent": 75}
    assert scale["mean"] == 3.67
    assert [(b["value"], b["count"], b["percent"]) for b in scale["distribution"]] == [
        (1, 0, 0), (2, 1, 33), (3, 0, 0), (4, 1, 33), (5, 1, 33)]
    assert [(b["value"], b["count"]) for b in results["take_part_again"]["distribution"]] == [
        ("yes", 2), ("no", 1), ("unsure", 0)]
    multiple = results["sold_best"]
    assert [(b["value"], b["count"], b["percent"]) for b in multiple["distribution"]] == [
        ("paintings", 1, 50), ("ceramics", 0, 0), ("prints", 2, 100)]
    assert multiple["rate"]["answered"] == 2
    assert results["visitors_estimate"]["mean"] == 200.0
    (rate,) = response_rates(2027)
    assert (rate["audience"], rate["answered"], rate["invited"], rate["percent"]) == (
        "artists", 3, 4, 75)


def test_drafts_and_unsent_invitations_do_not_count(db):
    survey = answered_survey(people=THIS_YEAR[:1])
    factories.invitation(survey, "later@example.no", sent=False)
    draft, _ = factories.invitation(survey, "draft@example.no")

    save_draft(invitation=draft, answers=Answers(values={survey.questions[0].id: 1}))
    (scale, *_) = headline_results(survey)
    assert scale["count"] == 1 and scale["rate"]["invited"] == 3


def test_last_year_stands_beside_only_the_comparable_questions(db):
    last = answered_survey(2026, people=[{"overall_satisfaction": 3, "take_part_again": "no"}])
    last.questions[1].comparable = False  # reworded last year
    this = answered_survey(2027, people=THIS_YEAR)
    this.questions[3].comparable = False
    factories.survey(2026, audience=SurveyAudience.NETWORK)  # another audience: never compared
    previous, earlier = comparison(this)
    assert previous.id == last.id
    assert set(earlier) == {"overall_satisfaction", "sold_best", "comments"}
    assert earlier["overall_satisfaction"]["mean"] == 3.0
    assert earlier["overall_satisfaction"]["rate"] == {"answered": 1, "invited": 2, "percent": 50}


def test_the_results_page_escapes_free_text_and_names_nobody_when_anonymous(
        client, db, login_as):
    login_as("organiser")
    answered_survey(2026, people=[{"overall_satisfaction": 3}])
    survey = answered_survey(people=THIS_YEAR)
    db.session.commit()
    page = client.get(f"/organiser/surveys/{survey.id}/results")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; Flott!" in html
    assert "p0@example.no" not in html and "– p0" not in html
    assert "3 av 4 har svart (75 %)" in html  # the rate at the top …
    assert "besvart av 3 av 4 inviterte (75 %)" in html  # … and beside each figure
    assert "2026: 1 av 2" in html  # last year's beside it
    assert 'value="33"' in html  # a distribution's bar


def test_a_named_surveys_results_say_who_wrote_what(client, db, login_as):
    login_as("organiser")
    survey = answered_survey(anonymous=False, people=THIS_YEAR)
    db.session.commit()
    html = client.get(f"/organiser/surveys/{survey.id}/results").get_data(as_text=True)
    assert "– p0" in html


def read_csv(response) -> list[dict]:
    text = response.get_data(as_text=True).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_has_a_row_per_response_a_column_per_key_and_no_formulas(client, db, login_as):
    login_as("organiser")
    survey = answered_survey(people=THIS_YEAR)
    db.session.commit()
    response = client.get(f"/organiser/surveys/{survey.id}/results.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = read_csv(response)
    assert len(rows) == 3
    assert list(rows[0]) == ["submitted_on", "overall_satisfaction", "take_part_again",
                             "sold_best", "visitors_estimate", "comments"]
    assert {r["sold_best"] for r in rows} == {"paintings|prints", "prints", ""}
    assert "'=HYPERLINK(\"x\")" in {r["comments"] for r in rows}
    body = response.get_data(as_text=True)
    assert "@example.no" not in body and "p0" not in body  # anonymous: nobody named


def test_a_named_surveys_csv_has_names_and_addresses(client, db, login_as):
    login_as("organiser")
    survey = answered_survey(anonymous=False, people=THIS_YEAR[:1])
    db.session.commit()
    (row,) = read_csv(client.get(f"/organiser/surveys/{survey.id}/results.csv"))
    assert (row["name"], row["email"]) == ("p0", "p0@example.no") and row["submitted_at"]
