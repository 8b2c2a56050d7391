"""The organisers' surveys: the list, a new survey (from last year's), its questions, preview."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from kunstrute.auth.decorators import organiser_required
from kunstrute.editions.queries import edition_for_year, upcoming_year
from kunstrute.extensions import db
from kunstrute.surveys import admin_bp
from kunstrute.surveys.forms import ButtonForm, QuestionForm, SurveyForm
from kunstrute.surveys.invitations import invitation_counts
from kunstrute.surveys.models import (
    QuestionKind,
    Survey,
    SurveyAudience,
    SurveyQuestion,
    SurveyStatus,
)
from kunstrute.surveys.queries import previous_survey, survey_for, survey_rate, surveys_by_year
from kunstrute.surveys.services import (
    QuestionData,
    SurveyLocked,
    add_question,
    create_survey,
    edit_question,
    has_answers,
    make_key,
    move_question,
    options_text,
    remove_question,
    update_survey,
)
from kunstrute.transitions import TransitionError
from kunstrute.urls import DB_ID

#: The fields of the settings form; all but the reminders' also the new survey's.
SETTINGS = ("title_nb", "title_en", "intro_nb", "intro_en", "anonymous", "opens_on",
            "closes_on", "reminder_max", "reminder_gap_days")


def get_survey(survey_id: int) -> Survey:
    return db.session.get(Survey, survey_id) or abort(404)


def locked_message() -> str:
    return _("Someone has answered already, so the questions cannot change any more: it would "
             "change what they answered. Make a new survey if the questions must differ.")


@admin_bp.route("")
@organiser_required
def index():
    surveys = surveys_by_year()
    return render_template("surveys/admin/index.html", surveys=surveys,
                           rates={s.id: survey_rate(s) for s in surveys})


@admin_bp.route("/new", methods=["GET", "POST"])
@organiser_required
def new():
    form = SurveyForm()
    if request.method == "GET":
        form.year.data = request.args.get("year", type=int) or upcoming_year()
        form.audience.data = request.args.get("audience") or SurveyAudience.ARTISTS.value
    del form.reminder_max, form.reminder_gap_days  # the defaults; changed in the settings
    if form.validate_on_submit():
        audience = SurveyAudience(form.audience.data)
        if survey_for(form.year.data, audience) is not None:
            form.year.errors.append(_("There is a survey for these people this year already."))
        else:
            previous = previous_survey(form.year.data, audience) if form.copy_previous.data \
                else None
            survey = create_survey(
                year=form.year.data, audience=audience, edition=edition_for_year(form.year.data),
                copy_from=previous, **{name: getattr(form, name).data for name in SETTINGS[:7]})
            db.session.commit()
            if previous:
                flash(_("The survey is made with the %(num)d questions of %(year)d.",
                        num=len(previous.questions), year=previous.year), "success")
            else:
                flash(_("The survey is made. Add its questions."), "success")
            return redirect(url_for("surveys_admin.show", survey_id=survey.id))
    return render_template("surveys/admin/new.html", form=form), 400 if form.errors else 200


@admin_bp.route(f"/<{DB_ID}:survey_id>")
@organiser_required
def show(survey_id: int):
    survey = get_survey(survey_id)
    return render_template("surveys/admin/show.html", survey=survey, form=ButtonForm(),
                           locked=has_answers(survey), counts=invitation_counts(survey),
                           previous=previous_survey(survey.year, survey.audience))


@admin_bp.route(f"/<{DB_ID}:survey_id>/settings", methods=["GET", "POST"])
@organiser_required
def settings(survey_id: int):
    survey = get_survey(survey_id)
    form = SurveyForm(obj=survey)
    del form.year, form.audience, form.copy_previous
    if form.validate_on_submit():
        try:
            update_survey(survey=survey, **{name: getattr(form, name).data for name in SETTINGS})
        except SurveyLocked:
            db.session.rollback()
            form.anonymous.errors.append(_("Someone has answered already: whether the survey "
                                           "is anonymous cannot change any more."))
        else:
            db.session.commit()
            flash(_("The settings are saved."), "success")
            return redirect(url_for("surveys_admin.show", survey_id=survey.id))
    return render_template("surveys/admin/settings.html", form=form, survey=survey), \
        400 if form.errors else 200


@admin_bp.route(f"/<{DB_ID}:survey_id>/status", methods=["POST"])
@organiser_required
def status(survey_id: int):
    survey = get_survey(survey_id)
    wanted = request.form.get("status", "")
    if ButtonForm().validate_on_submit() and wanted in {s.value for s in SurveyStatus}:
        try:
            survey.change_status(SurveyStatus(wanted))
        except TransitionError:
            flash(_("The survey cannot go from %(old)s to %(new)s.", old=survey.status.value,
                    new=wanted), "error")
        else:
            db.session.commit()
            flash(_("The survey is open: invitees can answer.") if wanted == "open"
                  else _("The survey is closed: nobody can answer any more."), "success")
    return redirect(url_for("surveys_admin.show", survey_id=survey.id))


@admin_bp.route(f"/<{DB_ID}:survey_id>/preview")
@organiser_required
def preview(survey_id: int):
    survey = get_survey(survey_id)
    return render_template("surveys/answer.html", survey=survey, preview=True, values={},
                           errors={}, form=None)


# --- Questions -----------------------------------------------------------------------------

def _question_data(form: QuestionForm, survey: Survey) -> QuestionData:
    key = (form.key.data or "").strip() or make_key(form.text_en.data or form.text_nb.data)
    return QuestionData(key=key, kind=QuestionKind(form.kind.data), text_nb=form.text_nb.data,
                        text_en=form.text_en.data or "", options=form.parsed_options,
                        required=form.required.data, comparable=form.comparable.data,
                        same_meaning=form.same_meaning.data)


def _key_taken(survey: Survey, key: str, question: SurveyQuestion | None) -> bool:
    return any(q.key == key and q is not question for q in survey.questions)


@admin_bp.route(f"/<{DB_ID}:survey_id>/questions/new", methods=["GET", "POST"])
@organiser_required
def new_question(survey_id: int):
    return _edit_question(get_survey(survey_id), None)


@admin_bp.route(f"/<{DB_ID}:survey_id>/questions/<{DB_ID}:question_id>/edit",
                methods=["GET", "POST"])
@organiser_required
def edit_question_page(survey_id: int, question_id: int):
    survey = get_survey(survey_id)
    question = db.session.get(SurveyQuestion, question_id)
    if question is None or question.survey_id != survey.id:
        abort(404)
    return _edit_question(survey, question)


def _edit_question(survey: Survey, question: SurveyQuestion | None):
    if has_answers(survey):
        flash(locked_message(), "error")
        return redirect(url_for("surveys_admin.show", survey_id=survey.id))
    form = QuestionForm(obj=question)
    if request.method == "GET" and question is not None:
        form.options.data = options_text(question.options)
        form.kind.data = question.kind.value
    if form.validate_on_submit():
        data = _question_data(form, survey)
        if _key_taken(survey, data.key, question):
            form.key.errors.append(_("Another question of this survey has this key."))
        else:
            return _save_question(survey, question, data)
    return render_template("surveys/admin/question.html", form=form, survey=survey,
                           question=question), 400 if form.errors else 200


def _save_question(survey: Survey, question: SurveyQuestion | None, data: QuestionData):
    if question is None:
        add_question(survey=survey, data=data)
        flash(_("The question is added."), "success")
    elif edit_question(question=question, data=data):
        flash(_("The question is saved. Its wording changed, so it is no longer compared "
                "with earlier years."), "success")
    else:
        flash(_("The question is saved."), "success")
    db.session.commit()
    return redirect(url_for("surveys_admin.show", survey_id=survey.id))


@admin_bp.route(f"/<{DB_ID}:survey_id>/questions/<{DB_ID}:question_id>/<any(up, down, remove):"
                "action>", methods=["POST"])
@organiser_required
def change_question(survey_id: int, question_id: int, action: str):
    survey = get_survey(survey_id)
    question = db.session.get(SurveyQuestion, question_id)
    if question is None or question.survey_id != survey.id:
        abort(404)
    if ButtonForm().validate_on_submit():
        try:
            if action == "remove":
                remove_question(question=question)
                flash(_("The question is removed."), "success")
            else:
                move_question(question=question, step=-1 if action == "up" else 1)
        except SurveyLocked:
            db.session.rollback()
            flash(locked_message(), "error")
        else:
            db.session.commit()
    return redirect(url_for("surveys_admin.show", survey_id=survey.id, _anchor="questions"))
