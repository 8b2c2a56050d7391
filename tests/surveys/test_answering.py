"""Answering by the personal link: a draft to come back to, required answers, one response per
invitee, and for an anonymous survey no way back from the answers to the person."""

from datetime import date

import sqlalchemy as sa

from kunstrute.surveys.models import (
    ResponseStatus,
    SurveyAnswer,
    SurveyResponse,
    SurveyStatus,
)
from tests.conftest import csrf_token
from tests.surveys import factories


def post(client, token, data, action="submit"):
    page = client.get(f"/survey/{token}").get_data(as_text=True)
    return client.post(f"/survey/{token}", data={**data, "action": action,
                                                  "csrf_token": csrf_token(page)})


FULL = {"q-overall_satisfaction": "4", "q-take_part_again": "yes",
        "q-sold_best": ["paintings", "prints"], "q-visitors_estimate": "1 250",
        "q-comments": "Fin helg."}


def responses(db):
    return db.session.scalars(sa.select(SurveyResponse)).all()


def test_the_page_shows_every_kind_of_question_accessibly(client, db):
    survey = factories.survey()
    _, token = factories.invitation(survey)
    page = client.get(f"/survey/{token}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Evaluering 2027" in html
    assert html.count("<fieldset") == 3 and html.count("<legend") == 3  # scale, single, multiple
    assert 'type="radio" name="q-overall_satisfaction"' in html
    assert 'type="checkbox" name="q-sold_best"' in html
    assert '<label for="q-visitors_estimate">' in html and '<label for="q-comments">' in html
    assert "anonym" in html  # it says beforehand what is recorded
    assert "Set-Cookie" not in page.headers  # a public form: no session


def test_a_draft_is_kept_and_resumed_from_the_same_link(client, db):
    survey = factories.survey()
    invitation, token = factories.invitation(survey)
    saved = post(client, token, {"q-visitors_estimate": "80", "q-comments": "Halvveis"},
                 action="save")
    assert saved.status_code == 200
    (draft,) = responses(db)
    assert draft.status == ResponseStatus.DRAFT and draft.invitation_id == invitation.id
    assert invitation.answered_at is None
    again = client.get(f"/survey/{token}").get_data(as_text=True)
    assert 'value="80"' in again and "Halvveis</textarea>" in again
    # Saving again replaces the draft's answers; still one response.
    post(client, token, {"q-visitors_estimate": "90"}, action="save")
    db.session.expire_all()
    (draft,) = responses(db)
    assert [a.value_int for a in draft.answers] == [90]


def test_submitting_checks_required_answers_at_the_field_and_keeps_what_was_typed(client, db):
    survey = factories.survey()
    invitation, token = factories.invitation(survey)
    response = post(client, token, {"q-comments": "Mye folk", "q-visitors_estimate": "mange",
                                    "q-take_part_again": "yes"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="q-overall_satisfaction-error"' in html and 'id="q-visitors_estimate-error"' in html
    assert "Mye folk</textarea>" in html and 'value="mange"' in html
    assert 'value="yes" checked' in html
    assert responses(db) == [] and invitation.answered_at is None  # nothing half-saved


def test_submitting_locks_the_response_and_a_second_answer_is_refused(client, db):
    survey = factories.survey(anonymous=False)
    invitation, token = factories.invitation(survey)
    page = client.get(f"/survey/{token}").get_data(as_text=True)
    done = client.post(f"/survey/{token}", data={**FULL, "action": "submit",
                                                 "csrf_token": csrf_token(page)})
    assert done.status_code == 200
    (response,) = responses(db)
    assert response.status == ResponseStatus.SUBMITTED and response.invitation_id == invitation.id
    values = {a.question.key: (a.value_int, a.value_text, a.value_keys) for a in response.answers}
    assert values["overall_satisfaction"][0] == 4 and values["visitors_estimate"][0] == 1250
    assert values["take_part_again"][1] == "yes"
    assert values["sold_best"][2] == ["paintings", "prints"]
    assert invitation.answered_at is not None and response.submitted_at is not None
    # The link now says it was answered; the same form posted again is refused, not stored.
    assert client.get(f"/survey/{token}").status_code == 200
    twice = client.post(f"/survey/{token}", data={**FULL, "action": "submit",
                                                  "csrf_token": csrf_token(page)})
    assert twice.status_code == 409
    assert len(responses(db)) == 1


def test_an_anonymous_response_leaves_no_path_back_to_the_invitation(client, db):
    survey = factories.survey(anonymous=True)
    invitation, token = factories.invitation(survey, "ola@example.no")
    post(client, token, {"q-overall_satisfaction": "2"}, action="save")
    post(client, token, {**FULL, "q-comments": "Ærlig talt"})
    (response,) = responses(db)
    assert response.status == ResponseStatus.SUBMITTED
    assert response.invitation_id is None and response.submitted_at is None
    assert response.submitted_on == date(2026, 11, 18)  # the day only
    assert invitation.answered_at is not None  # that someone answered, for the reminders
    # No column anywhere in the survey tables holds the invitation's id or address now.
    for table in ("survey_responses", "survey_answers"):
        rows = db.session.execute(sa.text(f"SELECT * FROM {table}")).mappings().all()
        for row in rows:
            assert "ola@example.no" not in map(str, row.values())
            assert all(not (k.endswith("invitation_id") and v is not None) for k, v in row.items())
    assert not response.id.isdigit()  # a random id, no running number
    answer_columns = {c["name"] for c in sa.inspect(db.engine).get_columns("survey_answers")}
    assert "id" not in answer_columns
    if db.session.bind.dialect.name == "sqlite":  # no hidden running number either
        for table in ("survey_responses", "survey_answers"):
            sql = db.session.execute(sa.text("SELECT sql FROM sqlite_master WHERE name = :t"),
                                     {"t": table}).scalar()
            assert "WITHOUT ROWID" in sql


def test_unknown_links_and_closed_surveys_say_so(client, db):
    assert client.get("/survey/no-such-token").status_code == 404
    survey = factories.survey(status=SurveyStatus.CLOSED)
    _, token = factories.invitation(survey)
    closed = client.get(f"/survey/{token}")
    assert closed.status_code == 410
    refused = client.post(f"/survey/{token}", data={**FULL, "action": "submit"})
    assert refused.status_code == 410 and responses(db) == []


def test_a_survey_past_its_closing_day_is_closed(client, db, clock):
    survey = factories.survey(closes_on=date(2026, 11, 17))
    _, token = factories.invitation(survey)
    assert client.get(f"/survey/{token}").status_code == 410


def test_a_post_from_another_site_is_refused(client, db):
    survey = factories.survey()
    _, token = factories.invitation(survey)
    page = client.get(f"/survey/{token}").get_data(as_text=True)
    response = client.post(f"/survey/{token}", data={**FULL, "action": "submit",
                                                      "csrf_token": csrf_token(page)},
                           headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 400 and responses(db) == []


def test_answers_outside_the_options_are_refused(client, db):
    survey = factories.survey()
    _, token = factories.invitation(survey)
    response = post(client, token, {**FULL, "q-sold_best": ["paintings", "cars"],
                                    "q-overall_satisfaction": "9"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="q-sold_best-error"' in html and 'id="q-overall_satisfaction-error"' in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SurveyAnswer)) == 0


def test_a_survey_not_open_yet_says_so_and_takes_no_answer(client, db):
    survey = factories.survey(status=SurveyStatus.DRAFT)
    _, token = factories.invitation(survey)
    page = client.get(f"/survey/{token}")
    assert page.status_code == 200 and "ikke åpnet ennå" in page.get_data(as_text=True)
    assert client.post(f"/survey/{token}", data=FULL).status_code == 409
    assert responses(db) == []


def test_an_english_reader_gets_the_english_wording(client, db):
    survey = factories.survey()
    _, token = factories.invitation(survey)
    client.set_cookie("lang", "en")
    html = client.get(f"/survey/{token}").get_data(as_text=True)
    assert "Evaluation 2027" in html and "How satisfied overall?" in html
    assert "Paintings" in html and "Save and continue later" in html
