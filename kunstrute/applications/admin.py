"""The organisers' pages: /organiser/applications (results, decisions, the round, templates)."""

from types import SimpleNamespace

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from kunstrute.applications import admin_bp
from kunstrute.applications.decisions import (
    LANGUAGES,
    render_decision_mail,
    template_text,
    unknown_placeholders,
)
from kunstrute.applications.jury_forms import DECISION_LABELS, RoundForm, TemplateForm
from kunstrute.applications.jury_queries import (
    Filters,
    audit_trail,
    judged_applications,
    juror_candidates,
    jurors_of,
    municipalities,
    result_counts,
    results,
    results_csv,
    scores_of,
)
from kunstrute.applications.jury_services import (
    JuryError,
    decide,
    round_for,
    save_round,
    save_template,
    set_stage,
    start_review,
)
from kunstrute.applications.models import Application, Artwork, Decision
from kunstrute.applications.scoring import disagreement_threshold
from kunstrute.auth.decorators import organiser_required
from kunstrute.editions.models import Discipline
from kunstrute.editions.queries import newest_edition
from kunstrute.extensions import db
from kunstrute.media.services import send_variant
from kunstrute.urls import DB_ID, safe_next


def _round():
    edition = newest_edition() or abort(404)
    return round_for(edition=edition)


def _filters() -> Filters:
    args = request.args
    new = args.get("new")
    return Filters(municipality=args.get("municipality", type=int),
                   discipline=args.get("discipline") or None,
                   new=None if new not in ("1", "0") else new == "1",
                   status=args.get("status") or None, decision=args.get("decision") or None)


def _labels(jurors) -> dict:
    return {j.id: j.name or j.email for j in jurors}


@admin_bp.route("")
@organiser_required
def index():
    """The ranking with each juror's scores, filters, counts and the bulk decisions."""
    jury_round = _round()
    sort = request.args.get("sort", "rank")
    rows = results(jury_round, filters=_filters(), sort=sort)
    jurors = jurors_of(jury_round)
    args = request.args.to_dict()
    return render_template(
        "applications/admin/index.html", jury_round=jury_round, rows=rows, jurors=jurors,
        juror_labels=_labels(jurors), sort=sort, filters=_filters(), counts=result_counts(rows),
        municipalities=municipalities(),
        disciplines=list(Discipline), decision_labels=DECISION_LABELS,
        threshold=disagreement_threshold(jury_round.scale_min, jury_round.scale_max),
        sort_url=lambda key: url_for("applications_admin.index", **{**args, "sort": key}),
        link=lambda a: url_for("applications_admin.application", application_id=a.id))


@admin_bp.route("/export.csv")
@organiser_required
def export():
    """The ranking as CSV, filtered as on the page (one row per application, bounded)."""
    jury_round = _round()
    rows = results(jury_round, filters=_filters(), sort=request.args.get("sort", "rank"))
    response = current_app.response_class(results_csv(rows, jurors_of(jury_round)),
                                          mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="applications-{jury_round.edition.year}.csv"')
    return response


@admin_bp.route("/decisions", methods=["POST"])
@organiser_required
def bulk_decide():
    """Set one decision for every ticked application."""
    jury_round = _round()
    choice = request.form.get("decision", "")
    ids = [int(i) for i in request.form.getlist("ids") if i.isdigit()]
    back = safe_next(request.form.get("next")) or url_for("applications_admin.index")
    if choice not in {d.value for d in Decision} | {"none"} or not ids:
        flash(_("Tick one or more applications and choose a decision."), "error")
        return redirect(back)
    chosen = judged_applications(jury_round.edition_id, ids)
    try:
        changed = decide(jury_round=jury_round, applications=chosen,
                         decision=None if choice == "none" else Decision(choice))
    except JuryError as exc:
        flash(str(exc), "error")
        return redirect(back)
    db.session.commit()
    flash(_("Decision set for %(n)d applications.", n=changed), "success")
    return redirect(back)


@admin_bp.route(f"/<{DB_ID}:application_id>", methods=["GET", "POST"])
@organiser_required
def application(application_id: int):
    """Everything about one application: who, works, each juror's score, the audit trail."""
    jury_round = _round()
    found = db.session.get(Application, application_id)
    if found is None or found.edition_id != jury_round.edition_id:
        abort(404)
    if request.method == "POST":
        choice = request.form.get("decision", "")
        if choice not in {d.value for d in Decision} | {"none"}:
            abort(400)
        try:
            decide(jury_round=jury_round, applications=[found],
                   decision=None if choice == "none" else Decision(choice))
        except JuryError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("The decision is saved."), "success")
        return redirect(url_for("applications_admin.application", application_id=found.id))
    jurors = jurors_of(jury_round)
    return render_template(
        "applications/admin/application.html", application=found, jury_round=jury_round,
        jurors=jurors, juror_labels=_labels(jurors), scores=scores_of(found),
        trail=audit_trail(found), decision_labels=DECISION_LABELS,
        file_url=lambda w: url_for("applications_admin.artwork_file", artwork_id=w.id))


@admin_bp.route(f"/files/<{DB_ID}:artwork_id>")
@organiser_required
def artwork_file(artwork_id: int):
    """A work's juror copy for the organisers."""
    artwork = db.session.get(Artwork, artwork_id) or abort(404)
    return send_variant(artwork.image, "jury")


@admin_bp.route("/round", methods=["GET", "POST"])
@organiser_required
def round_settings():
    """The scale, the dates and the jurors; the review's stages."""
    jury_round = _round()
    form = RoundForm(obj=jury_round, data=None if request.method == "POST" else {
        "jurors": [m.user_id for m in jury_round.members]})
    candidates = juror_candidates()
    form.jurors.choices = [(u.id, u.name or u.email) for u in candidates]
    if form.validate_on_submit():
        try:
            save_round(jury_round=jury_round, scale_min=form.scale_min.data,
                       scale_max=form.scale_max.data, opens_on=form.opens_on.data,
                       closes_on=form.closes_on.data,
                       jurors=[u for u in candidates if u.id in form.jurors.data])
        except JuryError as exc:
            getattr(form, exc.field).errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("The round is saved."), "success")
            return redirect(url_for("applications_admin.round_settings"))
    status = 400 if form.errors else 200
    return render_template("applications/admin/round.html", form=form,
                           jury_round=jury_round), status


@admin_bp.route("/round/stage", methods=["POST"])
@organiser_required
def round_stage():
    """Start the review, open or close the results, lift the blind."""
    jury_round = _round()
    action = request.form.get("action")
    try:
        if action == "start_review":
            n = start_review(jury_round=jury_round)
            message = _("%(n)d applications are now in review.", n=n)
        elif action in ("open_results", "close_results"):
            set_stage(jury_round=jury_round, results_open=action == "open_results")
            message = _("The results are open to the jurors.") if action == "open_results" \
                else _("The results are hidden from the jurors again.")
        elif action == "lift_names":
            set_stage(jury_round=jury_round, names_lifted=True)
            message = _("The jurors now see the applicants' names and contact details.")
        else:
            abort(400)
    except JuryError as exc:
        flash(str(exc), "error")
        return redirect(url_for("applications_admin.round_settings"))
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("applications_admin.round_settings"))


@admin_bp.route("/templates", methods=["GET", "POST"])
@organiser_required
def templates():
    """Edit one decision e-mail per decision and language; warn and preview before saving."""
    jury_round = _round()
    edition = jury_round.edition
    decision = Decision(request.values.get("decision", "accepted")) \
        if request.values.get("decision") in {d.value for d in Decision} else Decision.ACCEPTED
    language = request.values.get("language") if request.values.get("language") in LANGUAGES \
        else "nb"
    subject, body = template_text(edition=edition, decision=decision, language=language)
    form = TemplateForm(data={"subject": subject, "body": body})
    samples = judged_applications(edition.id, None, limit=50)
    form.preview_id.choices = [(a.id, f"{a.id}: {a.name}") for a in samples]
    status = 200
    if form.validate_on_submit() and request.form.get("action") == "save":
        save_template(edition=edition, decision=decision, language=language,
                      subject=form.subject.data, body=form.body.data)
        db.session.commit()
        flash(_("The template is saved."), "success")
        return redirect(url_for("applications_admin.templates", decision=decision.value,
                                language=language))
    if form.errors:
        status = 400
    sample = next((a for a in samples if a.id == form.preview_id.data), None) or (
        samples[0] if samples else None)
    preview = None
    if sample is not None and form.subject.data and form.body.data:
        stand_in = SimpleNamespace(decision=decision, name=sample.name, edition=edition,
                                   language=language)
        preview = render_decision_mail(application=stand_in, subject=form.subject.data,
                                       body=form.body.data)
    return render_template(
        "applications/admin/templates.html", form=form, decision=decision, language=language,
        decision_labels=DECISION_LABELS, languages=LANGUAGES, preview=preview, sample=sample,
        unknown=unknown_placeholders(f"{form.subject.data} {form.body.data}")), status
