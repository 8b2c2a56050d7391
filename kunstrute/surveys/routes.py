"""Answering a survey by the personal link: /survey/<token>, no account needed."""

from flask import render_template, request

from kunstrute.extensions import csrf, db
from kunstrute.surveys import bp
from kunstrute.surveys.answering import (
    AlreadyAnswered,
    draft_for,
    read_answers,
    save_draft,
    saved_values,
    submit,
)
from kunstrute.surveys.forms import AnswerForm
from kunstrute.surveys.invitations import invitation_for
from kunstrute.surveys.models import SurveyStatus
from kunstrute.timeutil import oslo_today


@bp.route("/survey/<token>", methods=["GET", "POST"])
@csrf.exempt  # a PublicForm: its own token and origin check, no session (security.py)
def answer(token: str):
    invitation = invitation_for(token)
    if invitation is None:
        return render_template("surveys/unknown.html"), 404
    survey = invitation.survey
    if invitation.answered_at is not None:
        status = 409 if request.method == "POST" else 200
        return render_template("surveys/answered.html", survey=survey, again=status == 409), \
            status
    today = oslo_today()
    if not survey.is_answerable(today):
        not_yet = survey.status == SurveyStatus.DRAFT or bool(
            survey.opens_on and today < survey.opens_on)
        # Gone for good once closed; not open yet is a page to come back to (a post: refused).
        status = 410 if not not_yet else (409 if request.method == "POST" else 200)
        return render_template("surveys/closed.html", survey=survey, not_yet=not_yet), status
    form = AnswerForm()
    values, errors = saved_values(draft_for(invitation)), {}
    if form.validate_on_submit():
        submitting = request.form.get("action") == "submit"
        answers = read_answers(survey, request.form, check_required=submitting)
        values = {**answers.values, **_raw_of_errors(survey, answers.errors)}
        errors = answers.errors
        if not errors:
            return _store(invitation, answers, submitting)
    return render_template("surveys/answer.html", survey=survey, values=values, errors=errors,
                           form=form, preview=False,
                           draft=draft_for(invitation) is not None), \
        400 if errors or form.errors else 200


def _raw_of_errors(survey, errors: dict) -> dict:
    """Return what was typed into the refused answers, so the page shows it again."""
    raw = {}
    for question in survey.questions:
        if question.id in errors:
            name = f"q-{question.key}"
            many = request.form.getlist(name)
            raw[question.id] = many if len(many) > 1 else request.form.get(name, "")
    return raw


def _store(invitation, answers, submitting: bool):
    survey = invitation.survey
    try:
        if submitting:
            submit(invitation=invitation, answers=answers)
        else:
            save_draft(invitation=invitation, answers=answers)
    except AlreadyAnswered:
        db.session.rollback()
        return render_template("surveys/answered.html", survey=survey, again=True), 409
    db.session.commit()
    if submitting:
        return render_template("surveys/thanks.html", survey=survey)
    return render_template("surveys/saved.html", survey=survey, link=request.path)
