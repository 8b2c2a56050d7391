"""Forms of the statistics pages: an edition's goal."""

from __future__ import annotations

import math

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from kunstrute.stats.goal_figures import SHARE, figure_kind, units_for
from kunstrute.stats.models import GoalComparison, GoalUnit
from kunstrute.validators import OneLine

COMPARISON_LABELS = {GoalComparison.AT_LEAST: _l("at least (≥)"),
                     GoalComparison.AT_MOST: _l("at most (≤)")}
UNIT_LABELS = {GoalUnit.COUNT: _l("a number (visitors, works, applications …)"),
               GoalUnit.NOK: _l("kroner (NOK)"),
               GoalUnit.PERCENT: _l("percent of a share (68 for 68 %)"),
               GoalUnit.CHANGE_PERCENT: _l("change in percent on last year (50 for +50 %)")}
#: A target far above any route's figure (100x the 2014 report), so a slipped digit is caught.
LARGEST = 1_000_000_000


def parse_number(text: str | None) -> float:
    """Return a number as people type it ("1 000", "12,5", "+50 %", "200 kr"); raise
    ValueError when it is not one."""
    cleaned = (text or "").strip().lower()
    for part in ("\u00a0", "\u202f", " ", "%", "kr", "nok"):
        cleaned = cleaned.replace(part, "")
    if "," in cleaned and "." in cleaned:
        raise ValueError("both separators")
    value = float(cleaned.replace(",", "."))
    if math.isnan(value) or math.isinf(value):
        raise ValueError("not a number")
    return value


def number_text(value: float | None) -> str:
    """Return a stored number as a form shows it: 200, 12,5."""
    if value is None:
        return ""
    return f"{value:g}".replace(".", ",") if not float(value).is_integer() else str(int(value))


class GoalForm(FlaskForm):
    """One goal: a figure of the statistics document, how it is compared, a target, a unit."""

    title = StringField(_l("Goal, in the words of the annual report"), validators=[
        DataRequired(_l("Give the goal a title, e.g. 200 visitors a day at the exhibition.")),
        Length(max=200, message=_l("Keep the title under 200 characters.")),
        OneLine(_l("Write the title on one line, without line breaks."))])
    #: Choices are set by the view from the edition's document (goal_figures.figure_choices).
    figure = SelectField(_l("Figure"), validate_choice=False)
    comparison = SelectField(_l("The figure should be"), choices=[
        SelectChoice(key.value, label) for key, label in COMPARISON_LABELS.items()])
    target = StringField(_l("Target"), render_kw={"inputmode": "decimal"})
    unit = SelectField(_l("Unit of the target"), choices=[
        SelectChoice(key.value, label) for key, label in UNIT_LABELS.items()])
    baseline = StringField(_l("Baseline (for a change in percent; optional)"),
                           render_kw={"inputmode": "decimal"})

    def figure_keys(self) -> set[str]:
        return {choice.value for choice in self.figure._choices_from_input(self.figure.choices)
                if choice.value}

    def validate_figure(self, field) -> None:
        if not field.data or field.data not in self.figure_keys():
            raise ValidationError(_l("Choose the figure the goal is measured on from the list."))

    def validate_target(self, field) -> None:
        if not (field.data or "").strip():
            raise ValidationError(_l("Write the target, e.g. 200."))
        try:
            value = parse_number(field.data)
        except ValueError:
            raise ValidationError(_l("Write the target as a number, e.g. 200 or 12,5 (no "
                                     "thousands separator other than a space).")) from None
        unit, share = self.unit.data, figure_kind(self.figure.data or "") == SHARE
        if unit == GoalUnit.CHANGE_PERCENT:
            if not -100 < value <= 10_000:
                raise ValidationError(_l("A change is more than -100 % (nothing left) and at "
                                         "most 10 000 %: write e.g. 50 for +50 %."))
        elif unit == GoalUnit.PERCENT and share and not (self.figure.data or "").endswith(
                ".relative"):
            if not 0 <= value <= 100:
                raise ValidationError(_l("A share is from 0 to 100 %: write e.g. 68 for 68 %."))
        elif value < 0:
            raise ValidationError(_l("The target cannot be below 0."))
        if abs(value) > LARGEST:
            raise ValidationError(_l("That is more than any route's figure; check the digits."))

    def validate_unit(self, field) -> None:
        key = self.figure.data or ""
        if key not in self.figure_keys():
            return  # the figure's own message says what to do
        try:
            unit = GoalUnit(field.data)
        except ValueError:
            raise ValidationError(_l("Choose a unit from the list.")) from None
        if unit in units_for(key):
            return
        kind = figure_kind(key)
        if kind == SHARE:
            raise ValidationError(_l("This figure is a share: choose percent (or a change in "
                                     "percent on last year)."))
        if kind == "nok":
            raise ValidationError(_l("This figure is an amount in kroner: choose kroner (or a "
                                     "change in percent on last year)."))
        raise ValidationError(_l("This figure is a number of people or things: choose a "
                                 "number (or a change in percent on last year)."))

    def validate_baseline(self, field) -> None:
        text = (field.data or "").strip()
        if not text:
            return
        if self.unit.data != GoalUnit.CHANGE_PERCENT:
            raise ValidationError(_l("A baseline is used only with a change in percent: leave "
                                     "it empty, or choose that unit."))
        try:
            value = parse_number(text)
        except ValueError:
            raise ValidationError(_l("Write the baseline as a number, e.g. 120.")) from None
        if value <= 0:
            raise ValidationError(_l("The baseline must be above 0: a change in percent on 0 "
                                     "cannot be measured."))

    def values(self) -> dict:
        """Return the checked values for goal_services.save_goal."""
        baseline = (self.baseline.data or "").strip()
        return {"title": self.title.data.strip(), "figure": self.figure.data,
                "comparison": GoalComparison(self.comparison.data),
                "target": parse_number(self.target.data), "unit": GoalUnit(self.unit.data),
                "baseline": parse_number(baseline) if baseline else None}
