"""The applicant's forms: the details, one work at a time, the CV, and the confirmations.

"Save draft" takes partial data, so only what is typed is checked here (formats, lengths);
what submission needs is in checks.problems.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    EmailField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Email, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from kunstrute.applications.services import MAX_DISCIPLINES, STATEMENT_MAX
from kunstrute.editions.models import Discipline
from kunstrute.editions.vocabulary import DISCIPLINE_LABELS
from kunstrute.timeutil import oslo_today
from kunstrute.urls import safe_http_url
from kunstrute.validators import OneLine

#: What the file inputs offer on a phone: its camera's formats too.
IMAGE_ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif"
#: The earliest year a work may be from.
EARLIEST_YEAR = 1900

_one_line = OneLine(_l("Write it on one line."))


def _text(label, length: int, **kwargs) -> StringField:
    return StringField(label, validators=[Optional(), Length(max=length, message=_l(
        "At most %(max)d characters.")), _one_line], **kwargs)


def _discipline_choices() -> list[tuple[str, str]]:
    return [(d.value, DISCIPLINE_LABELS[d]) for d in Discipline]


def _id(value) -> int:
    """Return the chosen row's id; 0 for "not chosen" (and anything that is not a number)."""
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return -1


class ChecksField(SelectMultipleField):
    """Check boxes, one per choice."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class DetailsForm(FlaskForm):
    """Contact details, the studio, disciplines and the statement."""

    name = _text(_l("Name"), 160, render_kw={"autocomplete": "name"})
    email = EmailField(_l("E-mail"), validators=[
        Optional(), Email(_l("Enter a valid e-mail address.")), Length(max=254)],
        render_kw={"autocomplete": "email"})
    phone = _text(_l("Phone"), 40, render_kw={"autocomplete": "tel", "inputmode": "tel"})
    website = _text(_l("Website"), 300, render_kw={"inputmode": "url",
                                                    "placeholder": "https://"})
    studio_name = _text(_l("Studio name (if any)"), 160)
    address = _text(_l("Studio address"), 200, render_kw={"autocomplete": "street-address"})
    postcode = _text(_l("Postcode"), 10, render_kw={"autocomplete": "postal-code",
                                                     "inputmode": "numeric"})
    place = _text(_l("Place"), 80, render_kw={"autocomplete": "address-level2"})
    municipality_id = SelectField(_l("Municipality"), coerce=_id, choices=[],
                                  validate_choice=False)
    main_discipline = SelectField(_l("Main discipline"), validate_choice=False)
    other_disciplines = ChecksField(_l("Other disciplines (at most two)"))
    statement = TextAreaField(_l("Artist statement"), validators=[Length(
        max=STATEMENT_MAX, message=_l("At most %(max)d characters."))])

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality_id.choices = [(0, _l("Choose…"))] + [(m.id, m.name)
                                                               for m in municipalities]
        self.main_discipline.choices = [("", _l("Choose…"))] + _discipline_choices()
        self.other_disciplines.choices = _discipline_choices()

    def validate_website(self, field):
        if field.data and safe_http_url(field.data) is None:
            raise ValidationError(_l("Enter the full address, starting with https://"))

    def validate_municipality_id(self, field):
        known = {value for value, _label in field.choices}
        if field.data not in known:
            raise ValidationError(_l("Choose a municipality from the list."))

    def validate_main_discipline(self, field):
        if field.data and field.data not in {d.value for d in Discipline}:
            raise ValidationError(_l("Choose a discipline from the list."))

    def validate_other_disciplines(self, field):
        known = {d.value for d in Discipline}
        if any(key not in known for key in field.data or []):
            raise ValidationError(_l("Choose disciplines from the list."))
        others = [key for key in field.data or [] if key != self.main_discipline.data]
        if len(others) > MAX_DISCIPLINES - 1:
            raise ValidationError(_l("Choose at most two besides the main one."))

    @property
    def disciplines(self) -> list[str]:
        """Return the discipline keys, the main one first."""
        main = self.main_discipline.data or None
        others = [k for k in self.other_disciplines.data or [] if k != main]
        return ([main] if main else []) + others

    def values(self) -> dict:
        """Return what the service saves."""
        return {
            "name": self.name.data or "", "email": self.email.data or "",
            "phone": self.phone.data or None, "website": self.website.data or None,
            "studio_name": self.studio_name.data or None, "address": self.address.data or None,
            "postcode": self.postcode.data or None, "place": self.place.data or None,
            "municipality_id": self.municipality_id.data or None,
            "disciplines": self.disciplines, "statement": self.statement.data or "",
        }

    def fill(self, application) -> None:
        """Show the saved application (a GET)."""
        for name in ("name", "email", "phone", "website", "studio_name", "address",
                     "postcode", "place", "statement"):
            getattr(self, name).data = getattr(application, name)
        self.municipality_id.data = application.municipality_id or 0
        keys = list(application.disciplines or [])
        self.main_discipline.data = keys[0] if keys else ""
        self.other_disciplines.data = keys[1:]


class WorkForm(FlaskForm):
    """One work: its image (required when adding) and what the jury reads about it."""

    image = FileField(_l("Image"), render_kw={"accept": IMAGE_ACCEPT})
    title = _text(_l("Title"), 200)
    year = IntegerField(_l("Year"), validators=[Optional()],
                        render_kw={"inputmode": "numeric"})
    technique = _text(_l("Technique"), 200)
    size = _text(_l("Size"), 100, render_kw={"placeholder": _l("e.g. 60 × 80 cm")})

    def validate_year(self, field):
        if field.data is not None and not EARLIEST_YEAR <= field.data <= oslo_today().year:
            raise ValidationError(_l("Enter a year from %(first)d to %(last)d.",
                                     first=EARLIEST_YEAR, last=oslo_today().year))

    def values(self) -> dict:
        return {"title": self.title.data or "", "year": self.year.data,
                "technique": self.technique.data, "size": self.size.data}


class NewWorkForm(WorkForm):
    image = FileField(_l("Image"), validators=[FileRequired(_l("Choose an image of the work."))],
                      render_kw={"accept": IMAGE_ACCEPT})


class CVForm(FlaskForm):
    cv = FileField(_l("CV (PDF)"), validators=[FileRequired(_l("Choose your CV as a PDF."))],
                   render_kw={"accept": "application/pdf"})


class ActionForm(FlaskForm):
    """A button that only needs its CSRF token: start, withdraw, take up again, move, remove."""
