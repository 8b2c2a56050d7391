"""Forms of counting: the artist's day-by-day report, the exhibition, the organisers' settings.

The report form has fields per open day, so its class is made for the venue's days. Reached
through a personal link (no session), it is a PublicForm: a signed token and an origin
check instead of the session's token (security.py).
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from kunstrute.counting.models import CountSource
from kunstrute.counting.reporting import MAX_AMOUNT_NOK, MAX_VISITORS, MAX_WORKS
from kunstrute.i18n import format_short_day
from kunstrute.security import PublicForm


class CountField(IntegerField):
    """A whole number as people type it: '1 500' and '1500' alike; a clear word if not."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = str(valuelist[0]).replace("\u00a0", "").replace(" ", "").strip()
        if text == "":
            self.data = None
            return
        try:
            self.data = int(text)
        except ValueError:
            self.data = None
            raise ValueError(_l("Enter a whole number, e.g. 25.")) from None


class Bounded:
    """Refuse a number below `minimum` or above `maximum`; say nothing when none was read
    (the field has said why already)."""

    def __init__(self, maximum: int, minimum: int = 0):
        self.minimum, self.maximum = minimum, maximum

    def __call__(self, form, field):
        if field.data is not None and not self.minimum <= field.data <= self.maximum:
            raise ValidationError(_l("Enter a number from %(min)s to %(max)s.",
                                     min=self.minimum, max=spaced(self.maximum)))


def spaced(number: int) -> str:
    """Return 10000000 as '10 000 000', as Norwegians group digits (and it reads in English)."""
    return f"{number:,}".replace(",", "\u00a0")


def _count(label, maximum: int, **kw) -> CountField:
    return CountField(label, validators=[Optional(), Bounded(maximum)],
                      render_kw={"inputmode": "numeric", "autocomplete": "off", **kw})


def day_key(day: date) -> str:
    return f"d{day:%Y%m%d}"


class _ReportFields:
    #: "Yes, that is right": asked for when a figure is above the organisers' threshold.
    confirm = BooleanField(_l("Yes, these figures are right"))

    def fields_of(self, day: date) -> dict:
        key = day_key(day)
        return {name: self[f"{key}_{name}"] for name in ("visitors", "seen", "amount", "works")}

    def check_thresholds(self, days, *, warn_visitors: int, warn_sales: int) -> bool:
        """Mark figures above the thresholds unless confirmed; return whether all is well."""
        self.needs_confirm = False
        for day in days:
            fields = self.fields_of(day)
            for name, limit in (("visitors", warn_visitors), ("amount", warn_sales)):
                field = fields[name]
                if field.data is not None and field.data > limit and not self.confirm.data:
                    field.errors = [*field.errors, _l(
                        "That is more than %(limit)s. Check it, tick “Yes, these figures are "
                        "right” and save again.", limit=spaced(limit))]
                    self.needs_confirm = True
        return not self.needs_confirm


class ReportForm(_ReportFields, FlaskForm):
    """The signed-in artist's report (the session's CSRF token)."""


class LinkReportForm(_ReportFields, PublicForm):
    """The same report through a personal link: no session, no cookie until it is sent."""


def report_form(days, *, public: bool, figures=(), **kwargs):
    """Return a report form with visitors, sales and works fields for each of the days."""
    base = LinkReportForm if public else ReportForm
    attrs = {}
    for day in days:
        key = day_key(day)
        attrs[f"{key}_visitors"] = _count(_l("Visitors"), MAX_VISITORS)
        attrs[f"{key}_seen"] = HiddenField()
        attrs[f"{key}_amount"] = _count(_l("Sales (NOK)"), MAX_AMOUNT_NOK)
        attrs[f"{key}_works"] = _count(_l("Works sold"), MAX_WORKS)
    form_class = type(base.__name__, (base,), attrs)
    data = {}
    for figure in figures:
        key = day_key(figure.day)
        seen = "" if figure.visitors is None else str(figure.visitors)
        data.update({f"{key}_visitors": figure.visitors, f"{key}_seen": seen,
                     f"{key}_amount": figure.amount_nok or None,
                     f"{key}_works": figure.works or None})
    return form_class(data=data, **kwargs)


class TallyForm(PublicForm):
    """Only a token: the tally's JSON posts through a personal link carry it in a header."""


class DoorCountsForm(FlaskForm):
    """The exhibition's door counts; its day fields are added for the period (door_form)."""


def door_form(days, counts: dict, **kwargs) -> DoorCountsForm:
    attrs = {day_key(d): _count(format_short_day(d), MAX_VISITORS) for d in days}
    form_class = type("DoorCountsForm", (DoorCountsForm,), attrs)
    return form_class(data={day_key(d): counts.get(d) for d in days}, **kwargs)


class ExhibitionSaleForm(FlaskForm):
    """A work sold at the exhibition: the day, the artist, the title and the price."""

    day = SelectField(_l("Day"), validators=[InputRequired(_l("Choose the day."))])
    participation = SelectField(_l("Artist"), coerce=int,
                                validators=[InputRequired(_l("Choose the artist."))])
    title = StringField(_l("Title of the work"), validators=[
        InputRequired(_l("Enter the title of the work.")), Length(max=200)])
    amount_nok = CountField(_l("Price (NOK)"), validators=[
        InputRequired(_l("Enter the price in NOK.")), Bounded(MAX_AMOUNT_NOK)],
        render_kw={"inputmode": "numeric"})


SOURCE_CHOICES = [SelectChoice("", _l("Default rule")),
                  SelectChoice(CountSource.REPORTED.value, _l("Reported")),
                  SelectChoice(CountSource.QR_CHECKIN.value, _l("QR check-ins")),
                  SelectChoice(CountSource.DOOR_COUNTER.value, _l("Door counter"))]


class SourceForm(FlaskForm):
    source = SelectField(_l("Counts"), choices=SOURCE_CHOICES)


class ThresholdsForm(FlaskForm):
    warn_visitors_above = CountField(_l("Ask “are you sure?” above this many visitors a day"),
                                     validators=[InputRequired(), Bounded(MAX_VISITORS, 1)])
    warn_sales_above_nok = CountField(_l("Ask “are you sure?” above these sales a day (NOK)"),
                                      validators=[InputRequired(),
                                                  Bounded(MAX_AMOUNT_NOK, 1)])


class ActionForm(FlaskForm):
    """A button that changes something (lock, reminders, links): only the token."""
