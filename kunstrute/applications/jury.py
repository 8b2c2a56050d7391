"""The jurors' pages: /jury. Blind until the organiser lifts the names."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kunstrute.applications import jury_bp
from kunstrute.applications.jury_forms import ScoreForm
from kunstrute.applications.jury_queries import (
    application_for_jury,
    artwork_for_jury,
    is_done,
    jurors_of,
    membership,
    order_for,
    own_scores,
    results,
)
from kunstrute.applications.jury_services import (
    JuryError,
    abstain,
    is_open,
    mark_looked_through,
    save_score,
)
from kunstrute.auth.decorators import permission_required
from kunstrute.auth.permissions import can_judge
from kunstrute.extensions import db
from kunstrute.media.services import send_variant
from kunstrute.urls import DB_ID

juror_required = permission_required(can_judge)


def _member():
    """Return the signed-in juror's membership, or refuse (403) a juror outside the round."""
    member = membership(current_user)
    if member is None:
        abort(403)
    g.jury_round = member.round
    return member


@jury_bp.route("")
@juror_required
def home():
    """The round, the juror's progress and what they have scored so far."""
    member = membership(current_user)
    if member is None:
        return render_template("applications/jury/not_member.html")
    order = order_for(member)
    scores = own_scores(member)
    position = {a: n for n, a in enumerate(order, start=1)}
    scored = [(position[a], s) for a, s in scores.items() if a in position and is_done(s)]
    sort = request.args.get("sort", "order")
    if sort == "score":
        scored.sort(key=lambda p: (p[1].score is None, -(p[1].score or 0), p[0]))
    else:
        scored.sort(key=lambda p: p[0])
    next_id = next((a for a in order if not is_done(scores.get(a))), None)
    return render_template("applications/jury/home.html", member=member,
                           jury_round=member.round, total=len(order), scored=scored,
                           next_id=next_id, sort=sort, is_open=is_open(member.round))


@jury_bp.route(f"/<{DB_ID}:application_id>", methods=["GET", "POST"])
@juror_required
def application(application_id: int):
    """One application: the works, the statement, and the juror's score."""
    member = _member()
    jury_round = member.round
    found = application_for_jury(jury_round.edition_id, application_id) or abort(404)
    order = order_for(member)
    scores = own_scores(member)
    own = scores.get(found.id)
    form = ScoreForm(data={"score": own.score if own else None,
                           "comment": own.comment if own else ""})
    form.set_scale(jury_round.scale_min, jury_round.scale_max)
    status = 200
    if request.method == "POST":
        action = request.form.get("action", "save")
        if action == "skip":
            return redirect(_next_url(order, scores, found.id, skip=True))
        if form.validate_on_submit():
            try:
                _act(action, jury_round, found, form)
            except JuryError as exc:
                (getattr(form, exc.field).errors if exc.field else form.form_errors).append(
                    str(exc))
            else:
                db.session.commit()
                if action == "save":
                    flash(_("Your score is saved."), "success")
                    return redirect(_next_url(order, own_scores(member), found.id))
                return redirect(url_for("jury.application", application_id=found.id))
        status = 400
    index = order.index(found.id)
    return render_template(
        "applications/jury/application.html", application=found, form=form, own=own,
        jury_round=jury_round, position=index + 1, total=len(order),
        done=sum(is_done(scores.get(a)) for a in order), is_open=is_open(jury_round),
        previous_id=order[index - 1] if index > 0 else None,
        next_id=order[index + 1] if index + 1 < len(order) else None,
        jury_file_url=jury_file_url), status


def _act(action: str, jury_round, application, form: ScoreForm) -> None:
    juror = current_user._get_current_object()
    if action in ("abstain", "unabstain"):
        abstain(jury_round=jury_round, application=application, juror=juror,
                value=action == "abstain")
    else:
        save_score(jury_round=jury_round, application=application, juror=juror,
                   score=form.score.data, comment=form.comment.data)


def _next_url(order: list[int], scores: dict, current: int, *, skip: bool = False) -> str:
    """Return the next unscored application after this one (wrapping), else the home page."""
    index = order.index(current)
    for application_id in order[index + 1:] + order[:index]:
        if not is_done(scores.get(application_id)):
            return url_for("jury.application", application_id=application_id)
    return url_for("jury.home")


@jury_bp.route("/look", methods=["GET", "POST"])
@juror_required
def look():
    """The first pass: every application's works in the juror's order, without scoring."""
    member = _member()
    order = order_for(member)
    if request.method == "POST":
        mark_looked_through(member=member)
        db.session.commit()
        flash(_("You have looked through all applications. Now score them."), "success")
        return redirect(url_for("jury.home"))
    if not order:
        return redirect(url_for("jury.home"))
    number = min(max(request.args.get("n", 1, type=int), 1), len(order))
    found = application_for_jury(member.round.edition_id, order[number - 1]) or abort(404)
    return render_template("applications/jury/look.html", application=found,
                           jury_round=member.round, position=number, total=len(order),
                           jury_file_url=jury_file_url)


@jury_bp.route(f"/files/<{DB_ID}:artwork_id>/jury")
@juror_required
def artwork_file(artwork_id: int):
    """A work's juror copy: no name in the URL, the file name or its metadata."""
    member = _member()
    artwork = artwork_for_jury(member.round.edition_id, artwork_id) or abort(404)
    response = send_variant(artwork.image, "jury")
    response.headers.pop("Content-Disposition", None)
    return response


@jury_bp.route("/results")
@juror_required
def results_page():
    """The ranking and every juror's scores, once the organiser opens the results."""
    member = _member()
    if not member.round.results_open:
        return render_template("applications/jury/results_closed.html"), 403
    sort = request.args.get("sort", "rank")
    jurors = jurors_of(member.round)
    labels = {j.id: _("You") if j.id == current_user.id else _("Juror %(n)d", n=n)
              for n, j in enumerate(jurors, start=1)}
    return render_template(
        "applications/jury/results.html", rows=results(member.round, sort=sort),
        jury_round=member.round, sort=sort, jurors=jurors, juror_labels=labels,
        sort_url=lambda key: url_for("jury.results_page", sort=key),
        link=lambda a: url_for("jury.application", application_id=a.id))


def jury_file_url(artwork) -> str:
    """Return the address of a work's juror copy."""
    return url_for("jury.artwork_file", artwork_id=artwork.id)
