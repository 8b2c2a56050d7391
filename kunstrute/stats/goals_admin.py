"""The organisers' goals of an edition: /organiser/editions/<year>/goals (list, add, edit,
move up or down, delete), every change in the audit log."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice

from kunstrute.auth.decorators import organiser_required
from kunstrute.editions.models import Edition
from kunstrute.editions.queries import edition_for_year
from kunstrute.extensions import db
from kunstrute.stats import bp
from kunstrute.stats.forms import GoalForm, number_text
from kunstrute.stats.goal_figures import figure_choices
from kunstrute.stats.goal_services import delete_goal, move_goal, save_goal
from kunstrute.stats.models import EditionGoal
from kunstrute.stats.service import edition_stats, flatten
from kunstrute.urls import DB_ID


class ButtonForm(FlaskForm):
    """Only the token: the move and delete buttons."""


def _edition(year: int) -> Edition:
    return edition_for_year(year) or abort(404)


def _goal(edition: Edition, goal_id: int) -> EditionGoal:
    goal = db.session.get(EditionGoal, goal_id)
    if goal is None or goal.edition_id != edition.id:
        abort(404)
    return goal


@bp.route(f"/editions/<{DB_ID}:year>/goals")
@organiser_required
def goals(year: int):
    """List the edition's goals with their progress and status."""
    edition = _edition(year)
    doc = edition_stats(edition)
    return render_template("stats/goals.html", edition=edition, year=year, doc=doc,
                           form=ButtonForm())


@bp.route(f"/editions/<{DB_ID}:year>/goals/new", methods=["GET", "POST"])
@organiser_required
def new_goal(year: int):
    return _edit(_edition(year), None)


@bp.route(f"/editions/<{DB_ID}:year>/goals/<{DB_ID}:goal_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit_goal(year: int, goal_id: int):
    edition = _edition(year)
    return _edit(edition, _goal(edition, goal_id))


def _edit(edition: Edition, goal: EditionGoal | None):
    form = GoalForm(data=_form_data(goal) if goal and request.method == "GET" else None)
    doc = edition_stats(edition)
    groups = figure_choices(doc, flatten(doc), keep=[goal.figure] if goal else [])
    form.figure.choices = [SelectChoice("", _("Choose a figure …"))] + [
        SelectChoice(key, label, optgroup=group)
        for group, pairs in groups.items() for key, label in pairs]
    if form.validate_on_submit():
        save_goal(edition=edition, goal=goal, **form.values())
        db.session.commit()
        flash(_("The goal is saved.") if goal else _("The goal is added."), "success")
        return redirect(url_for("stats.goals", year=edition.year))
    return render_template("stats/goal_edit.html", form=form, goal=goal, edition=edition,
                           year=edition.year), 400 if form.errors else 200


def _form_data(goal: EditionGoal) -> dict:
    return {"title": goal.title, "figure": goal.figure, "comparison": goal.comparison.value,
            "target": number_text(goal.target), "unit": goal.unit.value,
            "baseline": number_text(goal.baseline)}


@bp.route(f"/editions/<{DB_ID}:year>/goals/<{DB_ID}:goal_id>/<any(up, down, delete):action>",
          methods=["POST"])
@organiser_required
def change_goal(year: int, goal_id: int, action: str):
    """Move a goal up or down in the list, or delete it."""
    edition = _edition(year)
    goal = _goal(edition, goal_id)
    if ButtonForm().validate_on_submit():
        if action == "delete":
            title = goal.title
            delete_goal(goal=goal)
            flash(_("The goal “%(title)s” is deleted.", title=title), "success")
        else:
            move_goal(goal=goal, step=-1 if action == "up" else 1)
        db.session.commit()
    return redirect(url_for("stats.goals", year=edition.year, _anchor="goals"))
