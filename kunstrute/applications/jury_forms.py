"""The jury's and the organisers' forms: a score, the round's settings, decisions, templates."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from kunstrute.applications.models import Decision


class ScoreForm(FlaskForm):
    """A juror's score on the round's scale and their comment."""

    score = RadioField(_l("Your score"), coerce=int, validate_choice=False,
                       validators=[Optional()])
    comment = TextAreaField(_l("Comment (only the jury and the organisers read it)"),
                            validators=[Length(max=4000)])

    def set_scale(self, low: int, high: int) -> None:
        self.score.choices = [(n, str(n)) for n in range(low, high + 1)]


class Checkboxes(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class RoundForm(FlaskForm):
    """The round's scale, dates and jurors."""

    scale_min = IntegerField(_l("Lowest score"), default=1, validators=[
        InputRequired(_l("Enter a whole number.")),
        NumberRange(0, 8, _l("The lowest score is from 0 to 8."))])
    scale_max = IntegerField(_l("Highest score"), default=5, validators=[
        InputRequired(_l("Enter a whole number.")),
        NumberRange(1, 9, _l("The highest score is from 1 to 9 (one key each)."))])
    opens_on = DateField(_l("Scoring opens"), validators=[Optional()])
    closes_on = DateField(_l("Scoring closes (last day)"), validators=[Optional()])
    jurors = Checkboxes(_l("Jurors"), coerce=int, validate_choice=True)


DECISION_LABELS = {Decision.ACCEPTED: _l("Accept"), Decision.WAITLISTED: _l("Waitlist"),
                   Decision.REJECTED: _l("Reject")}


class TemplateForm(FlaskForm):
    """One decision e-mail's subject and body."""

    subject = StringField(_l("Subject"), validators=[
        InputRequired(_l("Write a subject.")), Length(max=200)])
    body = TextAreaField(_l("Text"), validators=[InputRequired(_l("Write the text."))],
                         render_kw={"rows": 14})
    preview_id = SelectField(_l("Preview with the application of"), coerce=int,
                             validate_choice=False, validators=[Optional()])
