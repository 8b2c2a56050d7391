"""The organisers' survey forms, and the invitee's (its questions are read by answering.py)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from kunstrute.security import PublicForm
from kunstrute.surveys.models import QuestionKind, SurveyAudience
from kunstrute.surveys.services import KEY_PATTERN, MAX_OPTIONS, parse_options
from kunstrute.validators import OneLine

AUDIENCE_LABELS = {SurveyAudience.ARTISTS: _l("The artists"),
                   SurveyAudience.NETWORK: _l("The host municipalities' network")}
KIND_LABELS = {QuestionKind.SCALE: _l("Scale from 1 to 5"),
               QuestionKind.SINGLE: _l("One choice"),
               QuestionKind.MULTIPLE: _l("Several choices"),
               QuestionKind.NUMBER: _l("A number"),
               QuestionKind.TEXT: _l("Free text")}


class SurveyForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[
        DataRequired(_l("Give the year of the edition.")),
        NumberRange(2000, 2100, _l("Give a year such as 2027."))])
    audience = SelectField(_l("Who answers"), choices=[
        SelectChoice(key.value, label) for key, label in AUDIENCE_LABELS.items()])
    title_nb = StringField(_l("Title (Norwegian)"), validators=[
        DataRequired(_l("Give the survey a title.")), Length(max=200),
        OneLine(_l("Write the title on one line."))])
    title_en = StringField(_l("Title (English)"), validators=[
        Length(max=200), OneLine(_l("Write the title on one line."))])
    intro_nb = TextAreaField(_l("Introduction (Norwegian)"), validators=[Length(max=5000)])
    intro_en = TextAreaField(_l("Introduction (English)"), validators=[Length(max=5000)])
    anonymous = BooleanField(_l("Anonymous: keep the answers apart from who gave them"),
                             default=True)
    opens_on = DateField(_l("Opens on"), validators=[Optional()])
    closes_on = DateField(_l("Closes after"), validators=[Optional()])
    reminder_max = IntegerField(_l("Reminders, at most"), default=3, validators=[
        NumberRange(0, 3, _l("From 0 to 3 reminders."))])
    reminder_gap_days = IntegerField(_l("Days between reminders, at least"), default=4,
                                     validators=[NumberRange(1, 60, _l("From 1 to 60 days."))])
    copy_previous = BooleanField(_l("Start from last year's survey for the same people "
                                    "(its questions, keys and comparability)"), default=True)

    def validate_closes_on(self, field):
        if field.data and self.opens_on.data and field.data < self.opens_on.data:
            raise ValidationError(_l("The survey must close on or after the day it opens."))


class QuestionForm(FlaskForm):
    text_nb = StringField(_l("Question (Norwegian)"), validators=[
        DataRequired(_l("Write the question.")), Length(max=500),
        OneLine(_l("Write the question on one line."))])
    text_en = StringField(_l("Question (English)"), validators=[
        Length(max=500), OneLine(_l("Write the question on one line."))])
    kind = SelectField(_l("Kind of answer"), choices=[
        SelectChoice(key.value, label) for key, label in KIND_LABELS.items()])
    key = StringField(_l("Key"), validators=[Optional(), Length(max=60)])
    options = TextAreaField(_l("Answers to choose from"), validators=[Length(max=10000)])
    required = BooleanField(_l("An answer is required"))
    comparable = BooleanField(_l("Comparable with earlier years under the same key"),
                              default=True)
    same_meaning = BooleanField(_l("The question means what it meant (e.g. a typo fixed): "
                                   "keep comparing it with earlier years"))

    parsed_options: list = []

    def validate_key(self, field):
        if field.data and not KEY_PATTERN.match(field.data.strip()):
            raise ValidationError(_l("Small letters a–z, digits and _ only, starting with a "
                                     "letter, e.g. overall_satisfaction."))

    def validate_options(self, field):
        self.parsed_options = []
        if self.kind.data not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            return
        options, errors = parse_options(field.data)
        if errors:
            raise ValidationError(_l("Lines %(lines)s: write 'Norsk | English' or "
                                     "'key | Norsk | English', each key once.",
                                     lines=", ".join(errors)))
        if not 2 <= len(options) <= MAX_OPTIONS:
            raise ValidationError(_l("Give from 2 to %(num)d answers, one per line.",
                                     num=MAX_OPTIONS))
        self.parsed_options = options


class InviteesForm(FlaskForm):
    addresses = TextAreaField(_l("Addresses, one per line"), validators=[
        DataRequired(_l("Paste at least one address.")), Length(max=200_000)])


class ButtonForm(FlaskForm):
    """Only the CSRF token: the button says what it does."""


class AnswerForm(PublicForm):
    """Only the token: the questions are the survey's own (answering.read_answers)."""
