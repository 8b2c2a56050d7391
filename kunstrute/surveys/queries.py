"""Reads of the surveys that the results page, the CSV and the statistics readers use.

Every figure is an SQL aggregate. The response rate is answered / invited, where "invited"
counts the invitations that were sent; every figure carries it, because a mean from 20 % of
the artists says something else than one from 80 %.
"""

from __future__ import annotations

import sqlalchemy as sa

from kunstrute.extensions import db
from kunstrute.surveys.models import (
    QuestionKind,
    ResponseStatus,
    Survey,
    SurveyAnswer,
    SurveyAudience,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)

#: Free-text answers shown per question on the results page (all are in the CSV).
MAX_TEXTS_SHOWN = 500


def surveys_by_year() -> list[Survey]:
    """Return every survey, the newest year first, artists before the network."""
    return list(db.session.scalars(sa.select(Survey).order_by(Survey.year.desc(),
                                                              Survey.audience)))


def survey_for(year: int, audience: SurveyAudience) -> Survey | None:
    return db.session.scalar(sa.select(Survey).where(Survey.year == year,
                                                     Survey.audience == audience))


def previous_survey(year: int, audience: SurveyAudience) -> Survey | None:
    """Return the latest survey before `year` for the same audience."""
    return db.session.scalar(sa.select(Survey).where(Survey.audience == audience,
                                                     Survey.year < year)
                             .order_by(Survey.year.desc()).limit(1))


def _rate(answered: int, invited: int) -> dict:
    share = round(100 * answered / invited) if invited else None
    return {"answered": answered, "invited": invited, "percent": share}


def survey_rate(survey: Survey) -> dict:
    """Return {"answered", "invited", "percent"} for one survey."""
    i = SurveyInvitation
    invited, answered = db.session.execute(
        sa.select(sa.func.count(i.sent_at), sa.func.count(i.answered_at))
        .where(i.survey_id == survey.id)).one()
    return _rate(answered, invited)


def response_rates(year: int) -> list[dict]:
    """Return each survey of a year with its response rate: audience, title, counts, %."""
    i = SurveyInvitation
    rows = db.session.execute(
        sa.select(Survey.id, Survey.audience, Survey.title_nb, Survey.status,
                  sa.func.count(i.sent_at), sa.func.count(i.answered_at))
        .outerjoin(i, i.survey_id == Survey.id)
        .where(Survey.year == year)
        .group_by(Survey.id, Survey.audience, Survey.title_nb, Survey.status)
        .order_by(Survey.audience))
    return [{"survey_id": sid, "audience": audience.value, "title": title,
             "status": status.value, **_rate(answered, invited)}
            for sid, audience, title, status, invited, answered in rows]


def _submitted(survey_id: int):
    return sa.and_(SurveyResponse.survey_id == survey_id,
                   SurveyResponse.status == ResponseStatus.SUBMITTED)


def headline_results(survey: Survey) -> list[dict]:
    """Return per question: key, kind, how many answered it, distribution, mean, rate."""
    invited = survey_rate(survey)["invited"]
    return [_question_result(question, invited) for question in survey.questions]


def _question_result(question: SurveyQuestion, invited: int) -> dict:
    kind = QuestionKind(question.kind)
    base = (sa.select(sa.func.count()).select_from(SurveyAnswer).join(SurveyResponse)
            .where(_submitted(question.survey_id), SurveyAnswer.question_id == question.id))
    answered, mean = db.session.execute(base.add_columns(
        sa.func.avg(SurveyAnswer.value_int))).one()
    result = {"key": question.key, "kind": kind.value, "comparable": question.comparable,
              "question_id": question.id, "count": answered, "rate": _rate(answered, invited),
              "distribution": None, "mean": None}
    if kind in (QuestionKind.SCALE, QuestionKind.NUMBER) and mean is not None:
        result["mean"] = round(float(mean), 2)
    if kind == QuestionKind.SCALE:
        result["distribution"] = _distribution(question, SurveyAnswer.value_int,
                                               [1, 2, 3, 4, 5], answered)
    elif kind == QuestionKind.SINGLE:
        keys = [o["key"] for o in question.options]
        result["distribution"] = _distribution(question, SurveyAnswer.value_text, keys, answered)
    elif kind == QuestionKind.MULTIPLE:
        result["distribution"] = _multiple(question, answered)
    return result


def _distribution(question: SurveyQuestion, column, values: list, answered: int) -> list[dict]:
    counts = dict(db.session.execute(
        sa.select(column, sa.func.count()).select_from(SurveyAnswer).join(SurveyResponse)
        .where(_submitted(question.survey_id), SurveyAnswer.question_id == question.id)
        .group_by(column)).all())
    return [_bar(value, counts.get(value, 0), answered) for value in values]


def _multiple(question: SurveyQuestion, answered: int) -> list[dict]:
    """Count each option among the chosen keys: one SUM(CASE …) per option, in one query.

    Keys are [a-z0-9_] only, so '"key"' in the JSON text matches that key and no other.
    """
    keys = [o["key"] for o in question.options]
    if not keys:
        return []
    text = sa.cast(SurveyAnswer.value_keys, sa.Text)
    sums = [sa.func.coalesce(sa.func.sum(sa.case((text.like(f'%"{key}"%'), 1), else_=0)), 0)
            for key in keys]
    row = db.session.execute(
        sa.select(*sums).select_from(SurveyAnswer).join(SurveyResponse)
        .where(_submitted(question.survey_id), SurveyAnswer.question_id == question.id)).one()
    return [_bar(key, count, answered) for key, count in zip(keys, row, strict=True)]


def _bar(value, count: int, answered: int) -> dict:
    return {"value": value, "count": count,
            "percent": round(100 * count / answered) if answered else 0}


def comparison(survey: Survey) -> tuple[Survey | None, dict[str, dict]]:
    """Return (last year's survey, {key: its result}) for the questions comparable with it.

    A key compares when both years' questions are comparable and of the same kind.
    """
    previous = previous_survey(survey.year, survey.audience)
    if previous is None:
        return None, {}
    mine = {q.key: q for q in survey.questions if q.comparable}
    invited = survey_rate(previous)["invited"]
    found = {}
    for question in previous.questions:
        own = mine.get(question.key)
        if own is not None and question.comparable and own.kind == question.kind:
            found[question.key] = _question_result(question, invited)
    return previous, found


def text_answers(question: SurveyQuestion, *, named: bool) -> list[tuple[str | None, str]]:
    """Return [(name or None, text)] of a free-text question; names only if `named`.

    Anonymous answers come in the order of their random ids: no order of time.
    """
    query = (sa.select(SurveyInvitation.name, SurveyInvitation.email, SurveyAnswer.value_text)
             .select_from(SurveyAnswer).join(SurveyResponse)
             .outerjoin(SurveyInvitation, SurveyInvitation.id == SurveyResponse.invitation_id)
             .where(_submitted(question.survey_id), SurveyAnswer.question_id == question.id,
                    SurveyAnswer.value_text.is_not(None))
             .order_by(SurveyResponse.id).limit(MAX_TEXTS_SHOWN))
    return [((name or email) if named else None, text)
            for name, email, text in db.session.execute(query)]


def export_rows(survey: Survey) -> tuple[list[str], list[list]]:
    """Return (header, rows) of the CSV: one row per submitted response, a column per key.

    An anonymous survey's export has no name, e-mail or time, only the day. Two queries,
    whatever the number of responses: the responses, then every answer.
    """
    questions = list(survey.questions)
    header = ([] if survey.anonymous else ["name", "email", "submitted_at"]) + ["submitted_on"]
    header += [q.key for q in questions]
    people = sa.select(SurveyResponse.id, SurveyResponse.submitted_on,
                       SurveyResponse.submitted_at, SurveyInvitation.name,
                       SurveyInvitation.email).outerjoin(
        SurveyInvitation, SurveyInvitation.id == SurveyResponse.invitation_id)
    responses = db.session.execute(people.where(_submitted(survey.id))
                                   .order_by(SurveyResponse.id)).all()
    answers: dict[str, dict[int, object]] = {}
    a = SurveyAnswer
    for response_id, question_id, number, text, keys in db.session.execute(
            sa.select(a.response_id, a.question_id, a.value_int, a.value_text, a.value_keys)
            .join(SurveyResponse).where(_submitted(survey.id))):
        value = "|".join(keys) if keys is not None else (number if number is not None else text)
        answers.setdefault(response_id, {})[question_id] = value
    rows = []
    for response_id, submitted_on, submitted_at, name, email in responses:
        row = [] if survey.anonymous else [
            name or "", email or "",
            submitted_at.isoformat(timespec="seconds") if submitted_at else ""]
        row.append(submitted_on.isoformat() if submitted_on else "")
        values = answers.get(response_id, {})
        rows.append(row + [values.get(q.id, "") for q in questions])
    return header, rows



def year_headlines(year: int) -> dict[str, dict | None]:
    """Return {audience: the survey's headline figures or None} for the statistics service.

    Per survey: survey_id, title, invited (invitations sent), answered, response_rate
    (answered / invited, 3 decimals; None without invitations) and headlines: per question
    that is not free text, in the survey's order, its key, question (Norwegian), kind,
    answered, and mean (scale, number; 2 decimals) or top {value, label, share} (single and
    multiple choice: the most chosen option, the first in the survey's order on a tie; share
    of those who answered the question). At most four queries, whatever the size.
    """
    found: dict[str, dict | None] = {audience.value: None for audience in SurveyAudience}
    rates = response_rates(year)
    if not rates:
        return found
    ids = [rate["survey_id"] for rate in rates]
    questions = list(db.session.scalars(
        sa.select(SurveyQuestion).where(SurveyQuestion.survey_id.in_(ids),
                                        SurveyQuestion.kind != QuestionKind.TEXT)
        .order_by(SurveyQuestion.survey_id, SurveyQuestion.position, SurveyQuestion.id)))
    answered, means, chosen = _answer_figures(ids, questions)
    for rate in rates:
        invited = rate["invited"]
        found[rate["audience"]] = {
            "survey_id": rate["survey_id"], "title": rate["title"], "invited": invited,
            "answered": rate["answered"],
            "response_rate": round(rate["answered"] / invited, 3) if invited else None,
            "headlines": [_headline(q, answered.get(q.id, 0), means.get(q.id), chosen)
                          for q in questions if q.survey_id == rate["survey_id"]]}
    return found


def _answer_figures(ids: list[int], questions: list[SurveyQuestion]):
    """Return ({question: answered}, {question: mean}, {(question, option): chosen})."""
    a, submitted = SurveyAnswer, sa.and_(SurveyResponse.survey_id.in_(ids),
                                         SurveyResponse.status == ResponseStatus.SUBMITTED)
    answered, means, chosen = {}, {}, {}
    for question_id, n, mean in db.session.execute(
            sa.select(a.question_id, sa.func.count(), sa.func.avg(a.value_int))
            .join(SurveyResponse).where(submitted).group_by(a.question_id)):
        answered[question_id] = n
        means[question_id] = mean
    singles = [q.id for q in questions if q.kind == QuestionKind.SINGLE]
    if singles:
        for question_id, value, n in db.session.execute(
                sa.select(a.question_id, a.value_text, sa.func.count()).join(SurveyResponse)
                .where(submitted, a.question_id.in_(singles))
                .group_by(a.question_id, a.value_text)):
            chosen[question_id, value] = n
    pairs = [(q.id, o["key"]) for q in questions if q.kind == QuestionKind.MULTIPLE
             for o in q.options or []]
    if pairs:  # keys are [a-z0-9_]: '"key"' in the JSON text matches that key only
        text = sa.cast(a.value_keys, sa.Text)
        sums = [sa.func.coalesce(sa.func.sum(sa.case(
            (sa.and_(a.question_id == qid, text.like(f'%"{key}"%')), 1), else_=0)), 0)
            for qid, key in pairs]
        row = db.session.execute(sa.select(*sums).select_from(a).join(SurveyResponse).where(
            submitted, a.question_id.in_({qid for qid, _ in pairs}))).one()
        chosen.update(zip(pairs, row, strict=True))
    return answered, means, chosen


def _headline(question: SurveyQuestion, answered: int, mean, chosen: dict) -> dict:
    kind = QuestionKind(question.kind)
    found = {"key": question.key, "question": question.text_nb, "kind": kind.value,
             "answered": answered}
    if kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
        found["mean"] = round(float(mean), 2) if mean is not None else None
        return found
    best = None
    for option in question.options or []:
        n = int(chosen.get((question.id, option["key"]), 0) or 0)
        if n and (best is None or n > best[1]):
            best = (option, n)
    found["top"] = None if best is None or not answered else {
        "value": best[0]["key"], "label": best[0]["label_nb"],
        "share": round(best[1] / answered, 3)}
    return found
