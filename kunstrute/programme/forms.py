"""Forms of the programme: sign-up for an event, and the organisers' event form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    NumberRange,
    Optional,
)
from wtforms.widgets import CheckboxInput, ListWidget

from kunstrute.programme.models import VenueKind
from kunstrute.programme.vocabulary import EVENT_LANGUAGES, KIND_LABELS
from kunstrute.security import PublicForm
from kunstrute.validators import OneLine


def options(pairs) -> list[SelectChoice]:
    """Return select options from (value, label) pairs (WTForms 3.3 deprecates bare tuples)."""
    return [SelectChoice(value, label) for value, label in pairs]


class RegistrationForm(PublicForm):
    name = StringField(_l("Name"), validators=[
        DataRequired(_l("Write your name.")), Length(max=120)])
    email = StringField(_l("E-mail"), validators=[
        DataRequired(_l("Write your e-mail address.")),
        Email(_l("This is not an e-mail address we can write to.")), Length(max=254)],
        render_kw={"type": "email", "autocomplete": "email", "inputmode": "email"})
    #: Shown only when the event asks a question; the view sets the label to it.
    answer = TextAreaField(validators=[Length(max=2000)], render_kw={"rows": 3})


class CancelForm(PublicForm):
    """Only the token: the registration's own link is the authority, the token and the
    origin check keep other sites from cancelling through a visitor's browser."""


class ConfirmHoldForm(PublicForm):
    """The owner's button that turns a held sign-up into theirs; a POST, so a mail scanner
    that opens the link confirms nothing, and no cookie before it is pressed."""


VENUE_LABELS = {
    VenueKind.EXHIBITION: _l("The shared exhibition"),
    VenueKind.STUDIO: _l("A studio on the route"),
    VenueKind.ADDRESS: _l("Another address"),
}


class EventForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=options(
        (k.value, label) for k, label in KIND_LABELS.items()))
    #: One line: it is the calendar entry's name and part of e-mail subjects.
    title = StringField(_l("Title"), validators=[
        DataRequired(_l("Give the event a title.")), Length(max=160),
        OneLine(_l("Write the title on one line, without line breaks."))])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    day = DateField(_l("Day"), validators=[DataRequired(_l("Choose the day."))])
    starts = TimeField(_l("Starts"), validators=[DataRequired(_l("When does it start?"))])
    ends = TimeField(_l("Ends"), validators=[DataRequired(_l("When does it end?"))])
    venue_kind = SelectField(_l("Where"), choices=options(
        (k.value, label) for k, label in VENUE_LABELS.items()))
    studio_id = SelectField(_l("Studio"), coerce=int, validators=[Optional()])
    venue_name = StringField(_l("Venue name"), validators=[Length(max=160)])
    address = StringField(_l("Street address"), validators=[Length(max=200)])
    postcode = StringField(_l("Postcode"), validators=[Length(max=10)])
    place = StringField(_l("Place"), validators=[Length(max=80)])
    language = SelectField(_l("Language"), choices=options(EVENT_LANGUAGES.items()))
    registration_required = BooleanField(_l("Registration needed"))
    capacity = IntegerField(_l("Places (empty: no limit)"), validators=[
        Optional(), NumberRange(min=0, max=100000, message=_l("Give a number from 0 up."))])
    series = StringField(_l("Series (e.g. all guided tours)"), validators=[Length(max=80)])
    question = StringField(_l("A question for those who sign up (optional)"),
                           validators=[Length(max=200)])
    #: New events only: the same event on more days of the edition, e.g. a daily tour.
    also_on = SelectMultipleField(_l("Also on these days, at the same time"),
                                  widget=ListWidget(prefix_label=False),
                                  option_widget=CheckboxInput(), validators=[Optional()])
