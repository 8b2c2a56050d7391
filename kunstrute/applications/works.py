"""The applicant's works, CV, files, preview, withdrawal: each its own small form, so an
upload that fails never loses the rest."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kunstrute.applications import bp, checks
from kunstrute.applications.forms import ActionForm, CVForm, NewWorkForm, WorkForm
from kunstrute.applications.models import ApplicationStatus
from kunstrute.applications.queries import own_artwork, window
from kunstrute.applications.routes import (
    _current,
    _deadline_passed,
    _form_page,
    applicant_required,
)
from kunstrute.applications.services import (
    MIN_WORKS,
    DeadlinePassed,
    TooManyWorks,
    add_artwork,
    check_open,
    move_artwork,
    remove_artwork,
    reopen,
    replace_image,
    set_cv,
    update_artwork,
    withdraw,
)
from kunstrute.extensions import db
from kunstrute.media import services as media
from kunstrute.transitions import TransitionError
from kunstrute.urls import DB_ID


def _open_application():
    """Return the applicant's editable application; raise a redirect after the deadline."""
    application = _current(editable=True)
    try:
        check_open(application)
    except DeadlinePassed as reason:
        abort(_deadline_passed(str(reason)))
    return application


def _their_work(application, artwork_id: int):
    work = next((w for w in application.artworks if w.id == artwork_id), None)
    return work or abort(404)


def _back_to_works(anchor: str = "works"):
    return redirect(url_for("applications.edit", _anchor=anchor))


@bp.route("/works", methods=["POST"])
@applicant_required
def add_work():
    application = _open_application()
    form = NewWorkForm(prefix="new")
    if not form.validate_on_submit():
        return _form_page(application, new_work=form, status=400)
    try:
        work = add_artwork(application=application, upload=form.image.data, owner=current_user,
                           **form.values())
    except (media.UploadError, TooManyWorks) as problem:
        db.session.rollback()
        form.image.errors = [str(problem)]
        return _form_page(application, new_work=form, status=400)
    db.session.commit()
    media.queue_processing([work.image])
    flash(_("The work is added."), "success")
    return _back_to_works(f"work-{work.id}")


@bp.route(f"/works/<{DB_ID}:artwork_id>", methods=["POST"])
@applicant_required
def update_work(artwork_id: int):
    application = _open_application()
    work = _their_work(application, artwork_id)
    form = WorkForm(prefix=f"work-{work.id}")
    if not form.validate_on_submit():
        return _form_page(application, work_forms={work.id: form}, status=400)
    update_artwork(artwork=work, **form.values())
    if form.image.data:
        try:
            replace_image(artwork=work, upload=form.image.data, owner=current_user)
        except media.UploadError as problem:
            db.session.rollback()
            form.image.errors = [str(problem)]
            return _form_page(application, work_forms={work.id: form}, status=400)
    problems = _still_complete(application)
    if problems:
        return _form_page(application, work_forms={work.id: form}, problems=problems,
                          status=400)
    db.session.commit()
    if form.image.data:
        media.queue_processing([work.image])
    flash(_("The work is saved."), "success")
    return _back_to_works(f"work-{work.id}")


def _still_complete(application) -> dict:
    """Return the problems a change made in a submitted application (then undone), or {}."""
    if application.status != ApplicationStatus.SUBMITTED:
        return {}
    problems = checks.problems(application)
    if problems:
        db.session.rollback()
        flash(_("Your changes were not saved: a submitted application must stay complete. "
                "See the messages below."), "error")
    return problems


@bp.route(f"/works/<{DB_ID}:artwork_id>/remove", methods=["POST"])
@applicant_required
def remove_work(artwork_id: int):
    application = _open_application()
    work = _their_work(application, artwork_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if (application.status == ApplicationStatus.SUBMITTED
            and len(application.artworks) <= MIN_WORKS):
        flash(_("A submitted application needs at least %(n)d works: add another before you "
                "remove this one.", n=MIN_WORKS), "error")
        return _back_to_works(f"work-{work.id}")
    remove_artwork(artwork=work)
    db.session.commit()
    flash(_("The work is removed."), "success")
    return _back_to_works()


@bp.route(f"/works/<{DB_ID}:artwork_id>/move", methods=["POST"])
@applicant_required
def move_work(artwork_id: int):
    application = _open_application()
    work = _their_work(application, artwork_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    move_artwork(artwork=work, step=-1 if request.form.get("direction") == "up" else 1)
    db.session.commit()
    return _back_to_works(f"work-{work.id}")


@bp.route("/cv", methods=["GET", "POST"])
@applicant_required
def cv():
    """GET: the applicant's own CV; POST: upload a new one."""
    if request.method == "GET":
        application = _current()
        if application.cv_file is None:
            abort(404)
        return media.send_variant(application.cv_file, "pdf")
    application = _open_application()
    form = CVForm()
    if not form.validate_on_submit():
        return _form_page(application, cv_form=form, status=400)
    try:
        set_cv(application=application, upload=form.cv.data, owner=current_user)
    except media.UploadError as problem:
        db.session.rollback()
        form.cv.errors = [str(problem)]
        return _form_page(application, cv_form=form, status=400)
    db.session.commit()
    flash(_("Your CV is saved."), "success")
    return _back_to_works("cv-section")


@bp.route(f"/files/<{DB_ID}:artwork_id>/<variant>")
@applicant_required
def file(artwork_id: int, variant: str):
    """Serve one of the applicant's own images; anyone else's is not found."""
    work = own_artwork(current_user, artwork_id) or abort(404)
    return media.send_variant(work.image, variant)


def jury_copy_url(artwork) -> str:
    return url_for("applications.file", artwork_id=artwork.id, variant="jury")


@bp.route("/preview")
@applicant_required
def preview():
    """Show exactly what a juror will see (the jury's own macros), and where the text names
    the applicant."""
    application = _current()
    return render_template("applications/apply/preview.html", application=application,
                           file_url=jury_copy_url, warnings=checks.naming_warnings(application))


@bp.route("/withdraw", methods=["GET", "POST"])
@applicant_required
def withdraw_application():
    """GET: ask to confirm; POST: withdraw."""
    application = _current()
    form = ActionForm()
    if request.method == "GET" or not form.validate_on_submit():
        return render_template("applications/apply/withdraw.html", application=application,
                               window=window(application.edition), form=form)
    try:
        withdraw(application=application)
    except TransitionError:
        flash(_("This application can no longer be withdrawn."), "error")
        return redirect(url_for("applications.index"))
    db.session.commit()
    flash(_("Your application is withdrawn."), "success")
    return redirect(url_for("applications.index"))


@bp.route("/reopen", methods=["POST"])
@applicant_required
def take_up_again():
    application = _current()
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        reopen(application=application)
    except DeadlinePassed as reason:
        return _deadline_passed(str(reason))
    except TransitionError:
        abort(409)
    db.session.commit()
    flash(_("Your application is a draft again. Submit it before the deadline."), "success")
    return redirect(url_for("applications.edit"))
