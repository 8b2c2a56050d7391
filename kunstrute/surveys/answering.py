"""Answering a survey: read the posted answers, keep a draft, submit once.

A draft stays linked to its invitation so the same link resumes it. Submitting claims the
invitation (answered_at) with one conditional UPDATE, so a second submission, even a
simultaneous one, is refused; for an anonymous survey the response then loses its link to
the invitation and keeps only the day.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from kunstrute.audit.services import record
from kunstrute.extensions import db
from kunstrute.surveys.models import (
    QuestionKind,
    ResponseStatus,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)
from kunstrute.timeutil import oslo_today, utcnow

#: The longest free-text answer kept, and the largest number taken.
MAX_TEXT = 5000
MAX_NUMBER = 1_000_000_000


class AlreadyAnswered(ValueError):
    """The invitation's response was submitted before."""


@dataclass
class Answers:
    #: {question id: value} for the questions answered (int, str or list of keys).
    values: dict[int, object] = field(default_factory=dict)
    #: {question id: message} for answers that cannot be taken.
    errors: dict[int, str] = field(default_factory=dict)


def field_name(question: SurveyQuestion) -> str:
    return f"q-{question.key}"


def read_answers(survey: Survey, form, *, check_required: bool) -> Answers:
    """Return the answers in a posted form, with a message for each that cannot be taken."""
    result = Answers()
    for question in survey.questions:
        name = field_name(question)
        kind = QuestionKind(question.kind)
        if kind == QuestionKind.MULTIPLE:
            raw = [v for v in form.getlist(name) if v]
        else:
            raw = (form.get(name) or "").strip()
        if not raw:
            if check_required and question.required:
                result.errors[question.id] = str(_l("Answer this question."))
            continue
        value, error = _value(question, kind, raw)
        if error:
            result.errors[question.id] = error
        else:
            result.values[question.id] = value
    return result


def _value(question: SurveyQuestion, kind: QuestionKind, raw):
    """Return (value, None) or (None, message) for one question's raw answer."""
    keys = {o["key"] for o in question.options or []}
    if kind == QuestionKind.SCALE:
        if raw in {"1", "2", "3", "4", "5"}:
            return int(raw), None
        return None, str(_l("Choose a number from 1 to 5."))
    if kind == QuestionKind.NUMBER:
        digits = raw.replace(" ", "").replace("\u00a0", "")
        if digits.isdigit() and int(digits) <= MAX_NUMBER:
            return int(digits), None
        return None, str(_l("Write a whole number, such as 120."))
    if kind == QuestionKind.SINGLE:
        return (raw, None) if raw in keys else (None, str(_l("Choose one of the answers.")))
    if kind == QuestionKind.MULTIPLE:
        chosen = [o["key"] for o in question.options if o["key"] in set(raw)]
        return (chosen, None) if len(chosen) == len(set(raw)) else (
            None, str(_l("Choose among the answers shown.")))
    if len(raw) > MAX_TEXT:
        return None, str(_l("Write at most %(num)d characters.", num=MAX_TEXT))
    return raw, None


def draft_for(invitation: SurveyInvitation) -> SurveyResponse | None:
    """Return the invitation's saved draft, if any."""
    return db.session.scalar(sa.select(SurveyResponse).where(
        SurveyResponse.invitation_id == invitation.id,
        SurveyResponse.status == ResponseStatus.DRAFT))


def saved_values(response: SurveyResponse | None) -> dict[int, object]:
    """Return {question id: value} of a draft, for filling in the page again."""
    if response is None:
        return {}
    return {a.question_id: _stored(a) for a in response.answers}


def _stored(answer: SurveyAnswer):
    if answer.value_keys is not None:
        return answer.value_keys
    return answer.value_int if answer.value_int is not None else answer.value_text


def save_draft(*, invitation: SurveyInvitation, answers: Answers) -> SurveyResponse:
    """Keep the answers as the invitation's draft, replacing an earlier draft's; flush."""
    if invitation.answered_at is not None:
        raise AlreadyAnswered()
    return _write_draft(invitation, answers)


def _replace_answers(response: SurveyResponse, survey: Survey, answers: Answers) -> None:
    response.answers.clear()
    db.session.flush()
    kinds = {q.id: QuestionKind(q.kind) for q in survey.questions}
    for question_id, value in answers.values.items():
        answer = SurveyAnswer(question_id=question_id)
        if kinds[question_id] == QuestionKind.MULTIPLE:
            answer.value_keys = value
        elif isinstance(value, int):
            answer.value_int = value
        else:
            answer.value_text = value
        response.answers.append(answer)


def submit(*, invitation: SurveyInvitation, answers: Answers) -> SurveyResponse:
    """Lock the answers as the invitation's one response; flush. Raise AlreadyAnswered."""
    now = utcnow()
    claimed = db.session.execute(
        sa.update(SurveyInvitation)
        .where(SurveyInvitation.id == invitation.id, SurveyInvitation.answered_at.is_(None))
        .values(answered_at=now).execution_options(synchronize_session=False)).rowcount
    if claimed != 1:
        raise AlreadyAnswered()
    db.session.refresh(invitation)
    response = _write_draft(invitation, answers)
    survey = invitation.survey
    response.status = ResponseStatus.SUBMITTED
    response.submitted_on = oslo_today()
    if survey.anonymous:
        response.invitation_id = None  # from here on nothing leads from the answers to a person
    else:
        response.submitted_at = now
    # The entry is about the invitation (that it was answered), never about the response.
    record(actor="visitor", action="survey_invitation.answered", obj=invitation)
    db.session.flush()
    return response


def _write_draft(invitation: SurveyInvitation, answers: Answers) -> SurveyResponse:
    """Write the answers to the invitation's draft (made if missing), whatever answered_at."""
    response = draft_for(invitation)
    if response is None:
        response = SurveyResponse(survey_id=invitation.survey_id, invitation_id=invitation.id,
                                  status=ResponseStatus.DRAFT)
        db.session.add(response)
    _replace_answers(response, invitation.survey, answers)
    db.session.flush()
    return response
