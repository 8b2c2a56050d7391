"""Factories of the surveys: a survey with one question of each kind, invitations, answers."""

from kunstrute.extensions import db
from kunstrute.surveys.answering import Answers, submit
from kunstrute.surveys.invitations import hash_token, link_token
from kunstrute.surveys.models import (
    QuestionKind,
    Survey,
    SurveyAudience,
    SurveyInvitation,
    SurveyQuestion,
    SurveyStatus,
)
from kunstrute.timeutil import utcnow

SOLD = [{"key": "paintings", "label_nb": "Malerier", "label_en": "Paintings"},
        {"key": "ceramics", "label_nb": "Keramikk", "label_en": "Ceramics"},
        {"key": "prints", "label_nb": "Grafikk", "label_en": "Prints"}]
AGAIN = [{"key": "yes", "label_nb": "Ja", "label_en": "Yes"},
         {"key": "no", "label_nb": "Nei", "label_en": "No"},
         {"key": "unsure", "label_nb": "Vet ikke", "label_en": "Not sure"}]


def questions() -> list[SurveyQuestion]:
    """Return one question of each kind, the first required."""
    return [
        SurveyQuestion(position=0, key="overall_satisfaction", kind=QuestionKind.SCALE,
                       text_nb="Hvor fornøyd er du alt i alt?", text_en="How satisfied overall?",
                       required=True),
        SurveyQuestion(position=1, key="take_part_again", kind=QuestionKind.SINGLE,
                       text_nb="Vil du være med igjen?", text_en="Would you take part again?",
                       options=AGAIN),
        SurveyQuestion(position=2, key="sold_best", kind=QuestionKind.MULTIPLE,
                       text_nb="Hva solgte best?", text_en="What sold best?", options=SOLD),
        SurveyQuestion(position=3, key="visitors_estimate", kind=QuestionKind.NUMBER,
                       text_nb="Hvor mange besøkende hadde du?", text_en="How many visitors?"),
        SurveyQuestion(position=4, key="comments", kind=QuestionKind.TEXT,
                       text_nb="Andre kommentarer?", text_en="Other comments?"),
    ]


def survey(year: int = 2027, *, audience=SurveyAudience.ARTISTS, status=SurveyStatus.OPEN,
           anonymous: bool = True, with_questions: bool = True, **kwargs) -> Survey:
    """Return a survey (open by default) with one question of each kind; flushed."""
    found = Survey(year=year, audience=audience, status=status, anonymous=anonymous,
                   title_nb=kwargs.pop("title_nb", f"Evaluering {year}"),
                   title_en=kwargs.pop("title_en", f"Evaluation {year}"), **kwargs)
    if with_questions:
        found.questions = questions()
    db.session.add(found)
    db.session.flush()
    return found


def invitation(survey: Survey, email: str = "kari@example.no", *, name: str | None = "Kari",
               sent: bool = True) -> tuple[SurveyInvitation, str]:
    """Return (invitation, its link's token), marked sent unless `sent=False`."""
    found = SurveyInvitation(survey_id=survey.id, email=email, name=name)
    db.session.add(found)
    db.session.flush()
    token = link_token(found)
    if sent:
        found.token_hash = hash_token(token)
        found.sent_at = utcnow()
    db.session.flush()
    return found, token


def answered(survey: Survey, email: str, values: dict[str, object]) -> SurveyInvitation:
    """Return an invitation whose response with these {key: value} answers is submitted."""
    found, _token = invitation(survey, email, name=email.split("@")[0])
    by_key = {q.key: q.id for q in survey.questions}
    submit(invitation=found, answers=Answers(values={by_key[k]: v for k, v in values.items()}))
    return found
