"""The organisers' invitations (who is asked, sending, reminders) and the results with CSV."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _

from kunstrute.auth.decorators import organiser_required
from kunstrute.csvfile import write_csv
from kunstrute.extensions import db, limiter
from kunstrute.surveys import admin_bp
from kunstrute.surveys.admin import get_survey
from kunstrute.surveys.forms import ButtonForm, InviteesForm
from kunstrute.surveys.invitations import (
    add_artists,
    add_pasted,
    due_reminders,
    invitation_counts,
    remove_invitation,
    unsent_ids,
)
from kunstrute.surveys.jobs import send_invitations_job, send_reminders_job
from kunstrute.surveys.models import QuestionKind, SurveyAudience, SurveyInvitation
from kunstrute.surveys.queries import (
    comparison,
    export_rows,
    headline_results,
    survey_rate,
    text_answers,
)
from kunstrute.timeutil import oslo_today
from kunstrute.urls import DB_ID

#: The mail buttons: enough for a fix and a retry, not for a stuck key flooding the invitees.
MAIL_BUTTON_LIMIT = "6 per hour"


def _per_survey() -> str:
    return f"survey-mail:{request.view_args.get('survey_id')}"


@admin_bp.route(f"/<{DB_ID}:survey_id>/invitations", methods=["GET", "POST"])
@organiser_required
def invitations(survey_id: int):
    survey = get_survey(survey_id)
    form, report = InviteesForm(), None
    if form.validate_on_submit():
        report = add_pasted(survey=survey, text=form.addresses.data)
        if report.errors:
            db.session.rollback()
        else:
            db.session.commit()
            flash(ngettext("%(num)d address added.", "%(num)d addresses added.", report.added)
                  + (" " + _("%(num)d already there.", num=report.duplicates)
                     if report.duplicates else ""), "success")
            return redirect(url_for("surveys_admin.invitations", survey_id=survey.id))
    invitees = db.session.scalars(db.select(SurveyInvitation).where(
        SurveyInvitation.survey_id == survey.id).order_by(SurveyInvitation.email)).all()
    return render_template("surveys/admin/invitations.html", survey=survey, form=form,
                           report=report, invitees=invitees, buttons=ButtonForm(),
                           counts=invitation_counts(survey), due=len(due_reminders(survey)),
                           unsent=len(unsent_ids(survey)),
                           answerable=survey.is_answerable(oslo_today())), \
        400 if form.errors or (report and report.errors) else 200


@admin_bp.route(f"/<{DB_ID}:survey_id>/invitations/artists", methods=["POST"])
@organiser_required
def invite_artists(survey_id: int):
    survey = get_survey(survey_id)
    if ButtonForm().validate_on_submit() and survey.audience == SurveyAudience.ARTISTS:
        added = add_artists(survey=survey)
        db.session.commit()
        flash(ngettext("%(num)d artist added.", "%(num)d artists added.", added), "success")
    return redirect(url_for("surveys_admin.invitations", survey_id=survey.id))


@admin_bp.route(f"/<{DB_ID}:survey_id>/invitations/<{DB_ID}:invitation_id>/remove",
                methods=["POST"])
@organiser_required
def uninvite(survey_id: int, invitation_id: int):
    survey = get_survey(survey_id)
    invitation = db.session.get(SurveyInvitation, invitation_id)
    if invitation is None or invitation.survey_id != survey.id:
        abort(404)
    if ButtonForm().validate_on_submit():
        try:
            remove_invitation(invitation=invitation)
        except ValueError:
            flash(_("The invitation has been sent: it stays."), "error")
        else:
            db.session.commit()
    return redirect(url_for("surveys_admin.invitations", survey_id=survey.id))


@admin_bp.route(f"/<{DB_ID}:survey_id>/send", methods=["POST"])
@organiser_required
@limiter.limit(MAIL_BUTTON_LIMIT, key_func=_per_survey, methods=["POST"])
def send(survey_id: int):
    survey = get_survey(survey_id)
    if ButtonForm().validate_on_submit():
        if not survey.is_answerable(oslo_today()):
            flash(_("Open the survey first: an invitation to a survey nobody can answer "
                    "would only confuse."), "error")
        else:
            count = len(unsent_ids(survey))
            send_invitations_job(survey.id)
            flash(ngettext("The invitation is on its way to %(num)d person.",
                           "The invitation is on its way to %(num)d people.", count), "success")
    return redirect(url_for("surveys_admin.invitations", survey_id=survey.id))


@admin_bp.route(f"/<{DB_ID}:survey_id>/remind", methods=["POST"])
@organiser_required
@limiter.limit(MAIL_BUTTON_LIMIT, key_func=_per_survey, methods=["POST"])
def remind(survey_id: int):
    survey = get_survey(survey_id)
    if ButtonForm().validate_on_submit():
        count = len(due_reminders(survey))
        send_reminders_job(survey.id)
        flash(ngettext("A reminder is on its way to %(num)d person.",
                       "A reminder is on its way to %(num)d people.", count), "success")
    return redirect(url_for("surveys_admin.invitations", survey_id=survey.id))


@admin_bp.route(f"/<{DB_ID}:survey_id>/results")
@organiser_required
def results(survey_id: int):
    survey = get_survey(survey_id)
    previous, earlier = comparison(survey)
    texts = {q.id: text_answers(q, named=not survey.anonymous) for q in survey.questions
             if q.kind == QuestionKind.TEXT}
    return render_template("surveys/admin/results.html", survey=survey,
                           results=headline_results(survey), rate=survey_rate(survey),
                           previous=previous, earlier=earlier,
                           previous_rate=survey_rate(previous) if previous else None,
                           texts=texts, questions={q.id: q for q in survey.questions},
                           decimal=lambda value: format_decimal(value, format="0.0"))


@admin_bp.route(f"/<{DB_ID}:survey_id>/results.csv")
@organiser_required
def results_csv(survey_id: int):
    survey = get_survey(survey_id)
    header, rows = export_rows(survey)
    name = f"survey-{survey.year}-{survey.audience.value}.csv"
    return Response(write_csv(header, rows), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Cache-Control": "no-store"})
