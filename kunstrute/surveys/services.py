"""Building surveys: create one, start from last year's, add, edit, move and remove questions.

Questions are frozen once any answer exists (a draft's included): changing a question under
someone's answers would change what they answered.

Comparability: a question copied from last year keeps its key and its comparable flag. When
an edit changes what the question asks (its kind, either wording, or its options), the flag
turns off, unless the organiser says the meaning is unchanged (a typo fixed): then it stays
as the organiser set it. The results compare a key with last year's only when both are
comparable and of the same kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from kunstrute.audit.services import record
from kunstrute.extensions import db
from kunstrute.surveys.models import (
    CHOICE_KINDS,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyAudience,
    SurveyQuestion,
    SurveyStatus,
)
from kunstrute.text import ascii_fold

#: Bounds on what one survey may hold.
MAX_QUESTIONS = 60
MAX_OPTIONS = 20
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


class SurveyLocked(ValueError):
    """The survey's questions have answers: they cannot change any more."""


def make_key(text: str) -> str:
    """Return a question or option key from a text: 'Hva solgte best?' → 'hva_solgte_best'."""
    key = re.sub(r"[^a-z0-9]+", "_", ascii_fold(text or "").lower()).strip("_")[:60]
    if not key or not key[0].isalpha():
        key = ("q_" + key)[:60].rstrip("_") or "q"
    return key


def create_survey(*, year: int, audience: SurveyAudience, title_nb: str, title_en: str = "",
                  intro_nb: str = "", intro_en: str = "", anonymous: bool = True,
                  opens_on=None, closes_on=None, edition=None,
                  copy_from: Survey | None = None, actor=None) -> Survey:
    """Create a draft survey, with last year's questions if copy_from is given; flush."""
    survey = Survey(year=year, audience=audience, title_nb=title_nb, title_en=title_en,
                    intro_nb=intro_nb, intro_en=intro_en, anonymous=anonymous,
                    opens_on=opens_on, closes_on=closes_on,
                    edition_id=edition.id if edition else None, status=None)
    db.session.add(survey)
    survey.change_status(SurveyStatus.DRAFT, actor=actor,
                         detail=f"{audience.value} {year}")
    if copy_from is not None:
        for question in copy_from.questions:
            survey.questions.append(SurveyQuestion(
                position=question.position, key=question.key, kind=question.kind,
                text_nb=question.text_nb, text_en=question.text_en,
                options=[dict(o) for o in question.options or []],
                required=question.required, comparable=question.comparable))
        record(actor=actor, action="survey.copied", obj=survey,
               detail=f"{len(copy_from.questions)} questions from {copy_from.year}")
    db.session.flush()
    return survey


def update_survey(*, survey: Survey, actor=None, **fields) -> None:
    """Change the survey's settings (titles, intro, dates, reminders, anonymity); flush."""
    if "anonymous" in fields and fields["anonymous"] != survey.anonymous and has_answers(survey):
        raise SurveyLocked("anonymity")
    for name, value in fields.items():
        setattr(survey, name, value)
    record(actor=actor, action="survey.updated", obj=survey, detail=", ".join(sorted(fields)))
    db.session.flush()


def has_answers(survey: Survey) -> bool:
    """Return whether any answer (a draft's included) exists for the survey."""
    return db.session.scalar(
        sa.select(SurveyAnswer.question_id).join(SurveyQuestion)
        .where(SurveyQuestion.survey_id == survey.id).limit(1)) is not None


def _check_unlocked(survey: Survey) -> None:
    if has_answers(survey):
        raise SurveyLocked("answers")


@dataclass
class QuestionData:
    """What the question form gives; options as [{"key", "label_nb", "label_en"}]."""

    key: str
    kind: QuestionKind
    text_nb: str
    text_en: str = ""
    options: list | None = None
    required: bool = False
    comparable: bool = True
    #: On an edit that changes the meaning-bearing fields: keep `comparable` as given.
    same_meaning: bool = False


def _meaning(question: SurveyQuestion | QuestionData) -> tuple:
    options = tuple((o["key"], o["label_nb"], o.get("label_en", ""))
                    for o in question.options or [])
    return (QuestionKind(question.kind), question.text_nb.strip(), question.text_en.strip(),
            options if question.kind in CHOICE_KINDS else ())


def add_question(*, survey: Survey, data: QuestionData, actor=None) -> SurveyQuestion:
    """Add a question at the end; flush. Raise SurveyLocked once answers exist."""
    _check_unlocked(survey)
    if len(survey.questions) >= MAX_QUESTIONS:
        raise ValueError("too many questions")
    question = SurveyQuestion(position=len(survey.questions))
    _fill(question, data, comparable=data.comparable)
    survey.questions.append(question)
    db.session.flush()
    record(actor=actor, action="survey.question_added", obj=survey, detail=data.key)
    return question


def edit_question(*, question: SurveyQuestion, data: QuestionData, actor=None) -> bool:
    """Change a question; return whether comparability was turned off by the change."""
    _check_unlocked(question.survey)
    changed = _meaning(question) != _meaning(data)
    comparable = data.comparable if (not changed or data.same_meaning) else False
    if changed and QuestionKind(question.kind) != data.kind:
        comparable = False  # a scale and a number never stand side by side
    turned_off = question.comparable and not comparable and data.comparable
    _fill(question, data, comparable=comparable)
    db.session.flush()
    record(actor=actor, action="survey.question_edited", obj=question.survey,
           detail=f"{data.key}{'; no longer comparable' if turned_off else ''}")
    return turned_off


def _fill(question: SurveyQuestion, data: QuestionData, *, comparable: bool) -> None:
    question.key = data.key
    question.kind = data.kind
    question.text_nb = data.text_nb.strip()
    question.text_en = data.text_en.strip()
    question.options = list(data.options or []) if data.kind in CHOICE_KINDS else []
    question.required = data.required
    question.comparable = comparable


def move_question(*, question: SurveyQuestion, step: int, actor=None) -> None:
    """Move a question one place up (-1) or down (+1); flush."""
    survey = question.survey
    _check_unlocked(survey)
    questions = list(survey.questions)
    index = questions.index(question)
    other = index + step
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
        _renumber(questions)
        record(actor=actor, action="survey.question_moved", obj=survey, detail=question.key)


def remove_question(*, question: SurveyQuestion, actor=None) -> None:
    """Remove a question; flush."""
    survey = question.survey
    _check_unlocked(survey)
    survey.questions.remove(question)
    _renumber(survey.questions)
    record(actor=actor, action="survey.question_removed", obj=survey, detail=question.key)


def _renumber(questions: list[SurveyQuestion]) -> None:
    for position, question in enumerate(questions):
        question.position = position
    db.session.flush()


def parse_options(text: str) -> tuple[list[dict], list[str]]:
    """Return (options, errors) from lines 'key | Norsk | English' (key and English optional)."""
    options, errors, seen = [], [], set()
    lines = [line.strip() for line in (text or "").splitlines()]
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) > 3:
            errors.append(f"{number}")
            continue
        if len(parts) == 3:
            key, label_nb, label_en = parts
        else:
            label_nb, label_en = parts[0], (parts[1] if len(parts) == 2 else "")
            key = make_key(label_nb)
        if not label_nb or not KEY_PATTERN.match(key) or key in seen:
            errors.append(f"{number}")
            continue
        seen.add(key)
        options.append({"key": key, "label_nb": label_nb[:200], "label_en": label_en[:200]})
    return options, errors


def options_text(options: list[dict] | None) -> str:
    """Return options as the lines the question form edits."""
    return "\n".join(f"{o['key']} | {o['label_nb']} | {o.get('label_en', '')}".rstrip(" |")
                     for o in options or [])
