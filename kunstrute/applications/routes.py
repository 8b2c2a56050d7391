"""The applicant's pages: /apply (what it asks, the status), the form, works, CV, preview."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from kunstrute.applications import bp, checks
from kunstrute.applications.forms import ActionForm, CVForm, DetailsForm, NewWorkForm, WorkForm
from kunstrute.applications.models import ApplicationStatus
from kunstrute.applications.queries import application_for, window
from kunstrute.applications.services import (
    STATEMENT_MAX,
    STATEMENT_MIN,
    DeadlinePassed,
    check_open,
    save_details,
    start_application,
    submit,
)
from kunstrute.auth.decorators import permission_required
from kunstrute.auth.permissions import can_apply
from kunstrute.editions.queries import all_municipalities, application_edition
from kunstrute.extensions import db

applicant_required = permission_required(can_apply)


@bp.route("")
def index():
    """Say what the application asks for, when the window is open, and one's status."""
    edition = application_edition()
    application = application_for(current_user, edition) if edition else None
    return render_template("applications/apply/index.html", edition=edition,
                           statement_min=STATEMENT_MIN, statement_max=STATEMENT_MAX,
                           window=window(edition), application=application,
                           may_apply=can_apply(current_user), start_form=ActionForm())


def _current(*, editable: bool = False):
    """Return the applicant's application to the edition open for applications (else 404).

    With editable, an application past its deadline or no longer editable goes back to
    /apply with the reason (raised as a redirect).
    """
    edition = application_edition() or abort(404)
    application = application_for(current_user, edition) or abort(404)
    if editable and not application.is_editable:
        abort(redirect(url_for("applications.index")))
    return application


def _deadline_passed(message: str):
    flash(message, "error")
    return redirect(url_for("applications.index"))


@bp.route("/start", methods=["POST"])
@applicant_required
def start():
    edition = application_edition() or abort(404)
    found = window(edition)
    if not ActionForm().validate_on_submit():
        abort(400)
    if found is None or not found.is_open:
        return _deadline_passed(_("Applications are not open now."))
    start_application(user=current_user, edition=edition, language=str(get_locale()))
    db.session.commit()
    return redirect(url_for("applications.edit"))


@bp.route("/form", methods=["GET", "POST"])
@applicant_required
def edit():
    """The form: "Save draft" keeps whatever is typed; "Submit" checks everything."""
    application = _current(editable=True)
    form = _details_form(application)
    if request.method == "GET":
        if not window(application.edition).is_open:
            return _deadline_passed(_("The deadline has passed: the application can no "
                                      "longer be changed."))
        return _form_page(application)
    if not form.validate_on_submit():
        return _form_page(application, details=form, status=400)
    try:
        check_open(application)
    except DeadlinePassed:
        return _late_post(application, form)
    save_details(application=application, **form.values())
    submitting = request.form.get("action") == "submit"
    if submitting or application.status == ApplicationStatus.SUBMITTED:
        return _submit(application, form)
    db.session.commit()
    flash(_("Your draft is saved. You can come back to it until the deadline."), "success")
    return redirect(url_for("applications.edit"))


def _details_form(application, **kwargs) -> DetailsForm:
    return DetailsForm(municipalities=all_municipalities(), **kwargs)


def _late_post(application, form):
    """After the deadline: a draft keeps what was typed; a submitted one stays as sent."""
    if application.status == ApplicationStatus.DRAFT:
        save_details(application=application, **form.values())
        db.session.commit()
        return _deadline_passed(_("The deadline passed while you were writing. What you "
                                  "typed is saved in your draft, but the application can no "
                                  "longer be submitted."))
    flash(_("The deadline has passed: your submitted application was not changed."), "error")
    return _form_page(application, details=form, status=409)


def _submit(application, form):
    """Check everything; submit a draft (once), or keep a submitted one valid."""
    problems = checks.problems(application)
    if problems:
        if application.status == ApplicationStatus.SUBMITTED:
            db.session.rollback()  # a submitted application never becomes incomplete
            flash(_("Your changes were not saved: a submitted application must stay "
                    "complete. See the messages below."), "error")
        else:
            db.session.commit()  # the draft keeps what was typed
            flash(_("Your draft is saved, but it cannot be submitted yet. See the messages "
                    "below."), "error")
        return _form_page(application, details=form, problems=problems, status=400)
    if application.status == ApplicationStatus.SUBMITTED:
        db.session.commit()
        flash(_("Your changes are saved. The application is still submitted."), "success")
        return redirect(url_for("applications.index"))
    submit(application=application)
    db.session.commit()
    flash(_("Your application is submitted. You can change it until the deadline."),
          "success")
    return redirect(url_for("applications.index"))


def _form_page(application, *, details=None, new_work=None, work_forms=None, cv_form=None,
               problems=None, status: int = 200):
    problems = problems or {}
    if details is None:
        details = _details_form(application, formdata=None)
        details.fill(application)
    for name, messages in problems.items():
        if name in details:
            details[name].errors = list(details[name].errors) + messages
    forms = {work.id: WorkForm(formdata=None, obj=work, prefix=f"work-{work.id}")
             for work in application.artworks}
    forms.update(work_forms or {})
    for work_id, work_form in forms.items():
        for name in ("image", "title", "year", "technique", "size"):
            messages = problems.get(f"work-{work_id}-{name}", [])
            work_form[name].errors = list(work_form[name].errors) + messages
    new_work = new_work or NewWorkForm(formdata=None, prefix="new")
    cv_form = cv_form or CVForm(formdata=None)
    limits = _upload_limits()
    for form in [*forms.values(), new_work]:
        _limit_size(form.image, limits["image"])
    _limit_size(cv_form.cv, limits["pdf"])
    return render_template(
        "applications/apply/form.html", application=application,
        statement_min=STATEMENT_MIN, statement_max=STATEMENT_MAX,
        image_max_mb=limits["image"] // 2**20, pdf_max_mb=limits["pdf"] // 2**20,
        window=window(application.edition), details=details, work_forms=forms,
        new_work=new_work, cv_form=cv_form, action=ActionForm(), problems=problems,
        warnings=checks.naming_warnings(application)), status


def _upload_limits() -> dict[str, int]:
    """Return the largest image and PDF the server takes, in bytes (the media settings)."""
    config = current_app.config
    return {"image": config["MEDIA_MAX_IMAGE_BYTES"],
            "pdf": config["MEDIA_MAX_PDF_BYTES"]}


def _limit_size(field, limit: int) -> None:
    """Let the page's script refuse a file over the limit before it is sent."""
    field.render_kw = {**(field.render_kw or {}), "data-max-bytes": limit,
                       "data-too-large": _("This file is larger than %(mb)d MB. Choose a "
                                           "smaller one.", mb=limit // 2**20)}


from kunstrute.applications import works  # noqa: E402,F401  (the works' and files' routes)
