"""Forms of the organisers' area."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DecimalField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from kunstrute.editions.opening import (
    OpeningError,
    edition_days,
    parse_hours,
    participation_schedule,
)
from kunstrute.editions.services import ACCESS_FIELDS
from kunstrute.editions.vocabulary import format_hours
from kunstrute.geocoding.services import BOUNDS
from kunstrute.i18n import format_day
from kunstrute.urls import safe_http_url

SOUTH, NORTH, WEST, EAST = BOUNDS


class CommaDecimalField(DecimalField):
    """A decimal field that takes 59,75 as well as 59.75, as Norwegian keyboards type it."""

    def process_formdata(self, valuelist):
        if valuelist and isinstance(valuelist[0], str):
            valuelist = [valuelist[0].replace(",", ".").strip()]
        super().process_formdata(valuelist)


class LocationForm(FlaskForm):
    """Coordinates typed by an organiser (decimal degrees; a comma works as decimal mark)."""

    lat = CommaDecimalField(
        _l("Latitude"), places=None,
        validators=[InputRequired(_l("Enter the latitude, e.g. 59.7512.")),
                    NumberRange(SOUTH, NORTH, _l("The latitude must be in Norway (57.8–71.3)."))],
        render_kw={"inputmode": "decimal"},
    )
    lon = CommaDecimalField(
        _l("Longitude"), places=None,
        validators=[InputRequired(_l("Enter the longitude, e.g. 10.2471.")),
                    NumberRange(WEST, EAST, _l("The longitude must be in Norway (4.0–31.3)."))],
        render_kw={"inputmode": "decimal"},
    )


#: What a form says for each OpeningError code.
HOURS_MESSAGES = {
    "format": _l("Type the hours like 11–17 or 11.30–16, or leave the field empty."),
    "range": _l("A time of day goes from 00.00 to 23.59."),
    "order": _l("The closing time must be after the opening time."),
}


class DaysField(SelectMultipleField):
    """Check boxes, one per open day of the edition; the data are dates."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


#: An access answer as the form sends it ↔ as the studio stores it.
ANSWERS = {"yes": True, "no": False, "unknown": None}


class AnswerField(RadioField):
    """Yes, no or not stated; `answer` is True, False or None, `data` the radio's value."""

    def __init__(self, label, **kwargs):
        super().__init__(label, choices=[SelectChoice("yes", _l("Yes")),
                                         SelectChoice("no", _l("No")),
                                         SelectChoice("unknown", _l("Not stated"))],
                         default="unknown", **kwargs)

    @staticmethod
    def value_for(answer: bool | None) -> str:
        """Return the radio value for a stored answer."""
        return next(key for key, value in ANSWERS.items() if value is answer)

    @property
    def answer(self) -> bool | None:
        return ANSWERS.get(self.data)


class StudioDetailsForm(FlaskForm):
    """A studio's access information and one artist's hours and days.

    Build it with `days_choices` (ISO date, label) of the edition's open days.
    """

    wheelchair_access = AnswerField(_l("Step-free entrance"))
    accessible_toilet = AnswerField(_l("Accessible toilet"))
    parking = AnswerField(_l("Parking"))
    card_payment = AnswerField(_l("Card payment"))
    hours = StringField(_l("Opening hours"), render_kw={"autocomplete": "off"})
    days = DaysField(_l("Open days"), coerce=date.fromisoformat)

    #: (opens_at, closes_at) after validation; None = the edition's hours.
    parsed_hours = None

    def __init__(self, *args, days_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.days.choices = list(days_choices)

    def validate_hours(self, field):
        try:
            self.parsed_hours = parse_hours(field.data or "")
        except OpeningError as error:
            raise ValidationError(str(HOURS_MESSAGES[error.code])) from None

    def validate_days(self, field):
        if not field.data:
            raise ValidationError(str(_l(
                "Choose at least one day. An artist who is not open at all should be "
                "withdrawn from the route instead.")))


class ArtistImportForm(FlaskForm):
    """An artists CSV, the same file `flask import-artists` reads, and the edition it fills."""

    year = SelectField(_l("Edition"), coerce=int)
    file = FileField(_l("Artists file (CSV)"), validators=[
        FileRequired(_l("Choose the CSV file with the artists."))],
        render_kw={"accept": ".csv,text/csv"})


class AwardForm(FlaskForm):
    """An organiser names the artist of the year (or another award) of an edition."""

    participation = SelectField(_l("Artist"), coerce=int, validators=[
        InputRequired(_l("Choose the artist."))])
    title = StringField(_l("Title"), validators=[
        InputRequired(_l("Give the award a title.")), Length(max=120)])
    amount_nok = IntegerField(_l("Amount (NOK)"), validators=[
        Optional(), NumberRange(0, 10_000_000, _l("Type the amount in whole kroner."))],
        render_kw={"inputmode": "numeric"})
    citation = TextAreaField(_l("Citation"), validators=[Length(max=4000)])


def studio_details_form(participation) -> StudioDetailsForm:
    """Return the hours-and-access form filled in from the database (a POST's values win)."""
    edition, studio = participation.edition, participation.studio
    data = {key: AnswerField.value_for(studio and getattr(studio, key)) for key in ACCESS_FIELDS}
    data["hours"] = (format_hours(participation.opens_at, participation.closes_at)
                     if participation.opens_at else "")
    data["days"] = [d.isoformat() for d in participation_schedule(participation).days]
    return StudioDetailsForm(data=data, days_choices=[
        (d.isoformat(), format_day(d)) for d in edition_days(edition)])


class ArtistPageForm(FlaskForm):
    """What an artist says about themselves in the guide."""

    bio = TextAreaField(_l("About you and your work (Norwegian)"),
                        validators=[Length(max=4000)])
    bio_en = TextAreaField(_l("About you and your work (English)"),
                           validators=[Length(max=4000)])
    website = StringField(_l("Website"), validators=[Length(max=300)],
                          render_kw={"inputmode": "url", "autocomplete": "url"})

    def validate_website(self, field):
        if field.data and not safe_http_url(field.data):
            raise ValidationError(str(_l("Type the whole address, starting with https://.")))


class WorkForm(FlaskForm):
    """A new work for the artist's page: the image and what it is."""

    image = FileField(_l("Image (JPEG, PNG, WebP or HEIC)"), validators=[
        FileRequired(_l("Choose an image of the work."))],
        render_kw={"accept": "image/jpeg,image/png,image/webp,image/heic,image/heif"})
    title = StringField(_l("Title"), validators=[
        InputRequired(_l("Give the work a title.")), Length(max=200)])
    year = IntegerField(_l("Year"), validators=[
        Optional(), NumberRange(1900, 2100, _l("Type a year such as 2025."))],
        render_kw={"inputmode": "numeric"})
    technique = StringField(_l("Technique"), validators=[Length(max=200)])
    size = StringField(_l("Size"), validators=[Length(max=100)],
                       description=_l("For example 60 × 80 cm."))
