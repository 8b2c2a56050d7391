"""The organisers build surveys: one per year and audience, from last year's questions, with
every kind of question; the questions freeze once someone has answered."""

import sqlalchemy as sa

from kunstrute.audit.models import AuditEntry
from kunstrute.surveys.models import QuestionKind, Survey, SurveyAudience, SurveyStatus
from kunstrute.surveys.services import make_key, parse_options
from tests.conftest import csrf_token, form_token
from tests.surveys import factories


def submit_form(client, url, data, action=None):
    page = client.get(url).get_data(as_text=True)
    token = form_token(page, action) if action else csrf_token(page)
    return client.post(action or url, data={**data, "csrf_token": token})


def only_survey(db, year, audience="artists") -> Survey:
    return db.session.scalar(sa.select(Survey).where(Survey.year == year,
                                                     Survey.audience == audience))


def test_a_new_survey_starts_from_last_years_questions(client, db, login_as):
    login_as("organiser")
    last = factories.survey(2026, status=SurveyStatus.CLOSED)
    last.questions[2].comparable = False
    db.session.commit()
    response = submit_form(client, "/organiser/surveys/new?audience=artists", {
        "year": "2027", "audience": "artists", "title_nb": "Evaluering 2027",
        "copy_previous": "y", "anonymous": "y"})
    assert response.status_code == 302
    survey = only_survey(db, 2027)
    assert survey.status == SurveyStatus.DRAFT and survey.anonymous
    assert [(q.key, q.comparable) for q in survey.questions] == [
        (q.key, q.comparable) for q in last.questions]
    assert survey.questions[1].options == last.questions[1].options
    assert db.session.scalar(sa.select(AuditEntry.id).where(AuditEntry.action == "survey.draft"))
    # One survey per year and audience.
    again = submit_form(client, "/organiser/surveys/new", {
        "year": "2027", "audience": "artists", "title_nb": "Igjen"})
    assert again.status_code == 400 and "allerede en undersøkelse" in again.get_data(as_text=True)
    # The network's survey of the same year is another one, and starts empty without a past.
    submit_form(client, "/organiser/surveys/new", {
        "year": "2027", "audience": "network", "title_nb": "Nettverket 2027",
        "copy_previous": "y"})
    assert only_survey(db, 2027, "network").questions == []


def test_every_kind_of_question_can_be_added_moved_and_removed(client, db, login_as):
    login_as("organiser")
    survey = factories.survey(with_questions=False, status=SurveyStatus.DRAFT)
    db.session.commit()
    url = f"/organiser/surveys/{survey.id}/questions/new"
    for kind in QuestionKind:
        data = {"text_nb": f"Spørsmål {kind.value}", "text_en": f"Question {kind.value}",
                "kind": kind.value, "comparable": "y"}
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            data["options"] = "Ja | Yes\nnei | Nei | No\n"
        assert submit_form(client, url, data).status_code == 302, kind
    db.session.refresh(survey)
    assert [q.kind for q in survey.questions] == list(QuestionKind)
    assert survey.questions[1].options == [
        {"key": "ja", "label_nb": "Ja", "label_en": "Yes"},
        {"key": "nei", "label_nb": "Nei", "label_en": "No"}]
    assert survey.questions[0].key == "question_scale"
    show = f"/organiser/surveys/{survey.id}"
    first, second = survey.questions[0], survey.questions[1]
    submit_form(client, show, {}, action=f"{show}/questions/{first.id}/down")
    db.session.expire_all()
    assert [q.id for q in survey.questions[:2]] == [second.id, first.id]
    submit_form(client, show, {}, action=f"{show}/questions/{second.id}/remove")
    db.session.expire_all()
    assert second.id not in [q.id for q in survey.questions]
    assert [q.position for q in survey.questions] == [0, 1, 2, 3]
    preview = client.get(f"{show}/preview")
    assert preview.status_code == 200 and "disabled" in preview.get_data(as_text=True)


def test_bad_question_input_comes_back_at_the_field(client, db, login_as):
    login_as("organiser")
    survey = factories.survey(status=SurveyStatus.DRAFT)
    db.session.commit()
    url = f"/organiser/surveys/{survey.id}/questions/new"
    response = submit_form(client, url, {"text_nb": "Hva solgte du?", "kind": "multiple",
                                         "options": "Bare ett", "key": "Solgt!"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Hva solgte du?" in html
    assert "Gi fra 2 til 20 svar" in html and "Bare små bokstaver" in html
    taken = submit_form(client, url, {"text_nb": "Igjen?", "kind": "scale",
                                      "key": "overall_satisfaction"})
    assert taken.status_code == 400 and "har denne nøkkelen" in taken.get_data(as_text=True)


def test_rewording_a_question_ends_its_comparability_unless_the_meaning_is_kept(
        client, db, login_as):
    login_as("organiser")
    survey = factories.survey(status=SurveyStatus.DRAFT)
    db.session.commit()
    scale, single = survey.questions[0], survey.questions[1]
    url = f"/organiser/surveys/{survey.id}/questions/{scale.id}/edit"
    unchanged = {"text_nb": scale.text_nb, "text_en": scale.text_en, "kind": "scale",
                 "key": scale.key, "required": "y", "comparable": "y"}
    submit_form(client, url, unchanged)
    assert scale.comparable  # saved as it was: still comparable
    reworded = submit_form(client, url, {**unchanged, "text_nb": "Hvor godt likte du runden?"})
    assert reworded.status_code == 302 and not scale.comparable
    # A typo fixed in an option, with the meaning kept: the organiser decides.
    url = f"/organiser/surveys/{survey.id}/questions/{single.id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert "yes | Ja | Yes" in page  # the options with their keys, as the form edits them
    submit_form(client, url, {"text_nb": single.text_nb, "text_en": single.text_en,
                              "kind": "single", "key": single.key, "comparable": "y",
                              "same_meaning": "y",
                              "options": "yes | Ja | Yes\nno | Nei | No\nunsure | Vet ikkje | ?"})
    assert single.comparable and single.options[2]["label_nb"] == "Vet ikkje"


def test_questions_freeze_once_someone_has_answered(client, db, login_as):
    login_as("organiser")
    survey = factories.survey()
    factories.answered(survey, "kari@example.no", {"overall_satisfaction": 4})
    db.session.commit()
    question = survey.questions[0]
    edit = client.get(f"/organiser/surveys/{survey.id}/questions/{question.id}/edit")
    assert edit.status_code == 302
    show = client.get(f"/organiser/surveys/{survey.id}").get_data(as_text=True)
    assert "kan ikke endres lenger" in show
    assert f"/questions/{question.id}/remove" not in show
    page_token = csrf_token(show)
    client.post(f"/organiser/surveys/{survey.id}/questions/{question.id}/remove",
                data={"csrf_token": page_token})
    db.session.expire_all()
    assert len(survey.questions) == 5


def test_opening_and_closing_are_recorded(client, db, login_as):
    login_as("organiser")
    survey = factories.survey(status=SurveyStatus.DRAFT)
    db.session.commit()
    show = f"/organiser/surveys/{survey.id}"
    submit_form(client, show, {"status": "open"}, action=f"{show}/status")
    assert survey.status == SurveyStatus.OPEN
    submit_form(client, show, {"status": "closed"}, action=f"{show}/status")
    assert survey.status == SurveyStatus.CLOSED
    actions = db.session.scalars(sa.select(AuditEntry.action).where(
        AuditEntry.object_type == "survey")).all()
    assert {"survey.open", "survey.closed"} <= set(actions)


def test_the_list_groups_surveys_by_year_and_audience(client, db, login_as):
    login_as("organiser")
    factories.survey(2026, status=SurveyStatus.CLOSED)
    factories.survey(2027, audience=SurveyAudience.NETWORK, title_nb="Nettverket <b>2027</b>")
    db.session.commit()
    html = client.get("/organiser/surveys").get_data(as_text=True)
    assert html.index("<h2>2027</h2>") < html.index("<h2>2026</h2>")
    assert "Nettverket &lt;b&gt;2027&lt;/b&gt;" in html and "Nettverket i vertskommunene" in html


def test_keys_and_options_are_made_from_what_organisers_type():
    assert make_key("Hva solgte best?") == "hva_solgte_best"
    assert make_key("2027: fornøyd?") == "q_2027_fornoyd"
    options, errors = parse_options("Malerier | Paintings\nmalerier | Malerier\na | b | c | d")
    assert [o["key"] for o in options] == ["malerier"] and errors == ["2", "3"]


def test_settings_change_but_anonymity_stays_once_answered(client, db, login_as):
    login_as("organiser")
    survey = factories.survey()
    db.session.commit()
    url = f"/organiser/surveys/{survey.id}/settings"
    settings = {"title_nb": "Ny tittel", "anonymous": "y", "reminder_max": "2",
                "reminder_gap_days": "5", "closes_on": "2026-12-01"}
    assert submit_form(client, url, settings).status_code == 302
    assert (survey.title_nb, survey.reminder_max, survey.reminder_gap_days) == (
        "Ny tittel", 2, 5)
    too_many = submit_form(client, url, {**settings, "reminder_max": "4"})
    assert too_many.status_code == 400 and survey.reminder_max == 2
    factories.answered(survey, "kari@example.no", {"overall_satisfaction": 4})
    db.session.commit()
    named = submit_form(client, url, {k: v for k, v in settings.items() if k != "anonymous"})
    assert named.status_code == 400 and survey.anonymous
