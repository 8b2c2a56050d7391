"""Who is invited, the invitation e-mails (once each), and the reminders: only to those who have
not answered, at most the survey's number, days apart, and only while it is open."""

import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa

from kunstrute.surveys.answering import Answers, submit
from kunstrute.surveys.invitations import add_artists, add_pasted, parse_addresses
from kunstrute.surveys.jobs import daily_survey_reminders, send_invitations_job
from kunstrute.surveys.models import SurveyAudience, SurveyInvitation, SurveyStatus
from tests import factories as core
from tests.conftest import form_token
from tests.surveys import factories


def invitees(db, survey):
    return db.session.scalars(sa.select(SurveyInvitation).where(
        SurveyInvitation.survey_id == survey.id).order_by(SurveyInvitation.email)).all()


def link_in(message) -> str:
    text = message.get_body(("plain",)).get_content()
    return urlsplit(re.search(r"https?://\S+", text).group(0)).path


def test_a_pasted_list_takes_names_skips_duplicates_and_numbers_bad_lines(db):
    survey = factories.survey(audience=SurveyAudience.NETWORK)
    bad = add_pasted(survey=survey, text="kari@lier.kommune.no\nnot an address\n\nola@\n")
    assert [line for line, _, _ in bad.errors] == [2, 4] and bad.added == 0
    assert invitees(db, survey) == []  # nothing half-added
    report = add_pasted(survey=survey, text="Kari Nord <Kari@Lier.kommune.no>\n"
                                            "ola@hole.kommune.no,\nkari@lier.kommune.no\n")
    assert (report.added, report.duplicates, report.errors) == (2, 1, [])
    again = add_pasted(survey=survey, text="ola@hole.kommune.no")
    assert (again.added, again.duplicates) == (0, 1)
    assert [(i.email, i.name) for i in invitees(db, survey)] == [
        ("kari@lier.kommune.no", "Kari Nord"), ("ola@hole.kommune.no", None)]


def test_parse_addresses_bounds_the_paste():
    found, report = parse_addresses("\n".join(f"a{n}@example.no" for n in range(2001)))
    assert found == [] and report.errors


def test_the_artists_are_the_accepted_participations_of_the_edition(db):
    edition = core.edition(2027)
    first = core.participant(edition, name="Åse", email="ase@example.org")
    core.participant(edition, name="Bjørn", email="bjorn@example.org")
    survey = factories.survey(edition_id=edition.id)
    assert add_artists(survey=survey) == 2
    assert add_artists(survey=survey) == 0  # once each
    emails = [(i.email, i.participation_id) for i in invitees(db, survey)]
    assert emails[0] == ("ase@example.org", first.id)


def test_sending_e_mails_each_once_with_a_working_personal_link(client, db, outbox, login_as):
    login_as("organiser")
    survey = factories.survey(title_nb="Evaluering <2027>")
    add_pasted(survey=survey, text="kari@example.no\nOla <ola@example.no>")
    db.session.commit()
    page = client.get(f"/organiser/surveys/{survey.id}/invitations").get_data(as_text=True)
    action = f"/organiser/surveys/{survey.id}/send"
    response = client.post(action, data={"csrf_token": form_token(page, action)})
    assert response.status_code == 302
    messages = outbox()
    assert sorted(m["To"] for m in messages) == ["kari@example.no", "ola@example.no"]
    text = messages[0].get_body(("plain",)).get_content()
    assert "Evaluering <2027>" in text and "-- English --" in text  # text only: nothing runs
    assert messages[0].get_body(("html",)) is None
    link = link_in(messages[0])
    assert client.get(link).status_code == 200
    # The hash, not the link, is stored.
    stored = {i.token_hash for i in invitees(db, survey)}
    assert link.rsplit("/", 1)[1] not in stored and None not in stored
    # A second press, or the job run again, sends nothing more.
    client.post(action, data={"csrf_token": form_token(page, action)})
    send_invitations_job(survey.id)
    assert len(outbox()) == 2


def test_a_reminder_carries_the_same_personal_link(db, outbox, clock):
    survey = factories.survey()
    add_pasted(survey=survey, text="kari@example.no")
    send_invitations_job(survey.id)
    clock.advance(timedelta(days=4))
    daily_survey_reminders()
    invitation, reminder = outbox()
    assert link_in(reminder) == link_in(invitation)
    assert "En påminnelse" in reminder.get_body(("plain",)).get_content()


def test_nothing_is_sent_for_a_survey_that_is_not_open(db, outbox):
    survey = factories.survey(status=SurveyStatus.DRAFT)
    factories.invitation(survey, sent=False)
    send_invitations_job(survey.id)
    assert outbox() == []


def _answer(survey, invitation):
    key = {q.key: q.id for q in survey.questions}["overall_satisfaction"]
    submit(invitation=invitation, answers=Answers(values={key: 5}))


def test_reminders_go_only_to_those_who_have_not_answered_days_apart_at_most_three(
        db, outbox, clock):
    survey = factories.survey(reminder_max=3, reminder_gap_days=4)
    quiet, _ = factories.invitation(survey, "quiet@example.no")
    keen, _ = factories.invitation(survey, "keen@example.no")
    factories.invitation(survey, "unsent@example.no", sent=False)
    _answer(survey, keen)
    sent_per_day = []
    for _day in range(20):
        before = len(outbox())
        daily_survey_reminders()
        sent_per_day.append(len(outbox()) - before)
        clock.advance(timedelta(days=1))
    # Day 0 is the invitation's: reminders on days 4, 8 and 12, then no more.
    assert [day for day, n in enumerate(sent_per_day) if n] == [4, 8, 12]
    assert {m["To"] for m in outbox()} == {"quiet@example.no"}
    assert all(m["Subject"].startswith("Påminnelse") for m in outbox())
    assert quiet.reminders_sent == 3 and keen.reminders_sent == 0


def test_no_reminder_after_the_survey_closes(db, outbox, clock):
    survey = factories.survey(closes_on=date(2026, 11, 25))
    invitation, _ = factories.invitation(survey)
    clock.advance(timedelta(days=4))
    daily_survey_reminders()
    assert len(outbox()) == 1
    clock.advance(timedelta(days=4))  # 26 November: past the closing day
    daily_survey_reminders()
    survey.status = SurveyStatus.CLOSED
    survey.closes_on = None
    clock.advance(timedelta(days=4))
    daily_survey_reminders()
    assert len(outbox()) == 1 and invitation.reminders_sent == 1


def test_the_reminder_button_follows_the_same_rules(client, db, outbox, clock, login_as):
    login_as("organiser")
    survey = factories.survey(reminder_gap_days=4)
    factories.invitation(survey)
    db.session.commit()
    action = f"/organiser/surveys/{survey.id}/remind"

    def press():
        page = client.get(f"/organiser/surveys/{survey.id}/invitations").get_data(as_text=True)
        return client.post(action, data={"csrf_token": form_token(page, action)})

    assert press().status_code == 302 and outbox() == []  # too soon after the invitation
    clock.advance(timedelta(days=4))
    press()
    press()  # the same day again: nothing more
    assert len(outbox()) == 1


def test_the_mail_buttons_are_rate_limited(client, db, outbox, login_as):
    login_as("organiser")
    survey = factories.survey()
    db.session.commit()
    page = client.get(f"/organiser/surveys/{survey.id}/invitations").get_data(as_text=True)
    action = f"/organiser/surveys/{survey.id}/remind"
    answers = [client.post(action, data={"csrf_token": form_token(page, action)}).status_code
               for _ in range(8)]
    assert answers[:6] == [302] * 6 and answers[-1] == 429
