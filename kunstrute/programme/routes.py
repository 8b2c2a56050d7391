"""Public programme: day by day, one event with sign-up, calendar feeds, own registration."""

from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kunstrute import limits
from kunstrute.editions.opening import edition_days
from kunstrute.editions.queries import current_edition
from kunstrute.extensions import csrf, db
from kunstrute.mail import external_url
from kunstrute.pagecache import cached_page
from kunstrute.programme import bp, notify
from kunstrute.programme.forms import CancelForm, ConfirmHoldForm, RegistrationForm
from kunstrute.programme.ics import calendar
from kunstrute.programme.jobs import tell_registered
from kunstrute.programme.models import EventKind, RegistrationStatus
from kunstrute.programme.queries import (
    event_for_public,
    kind_counts,
    programme,
    published_events,
    venue_of,
)
from kunstrute.programme.registrations import (
    HOLD,
    RegistrationClosed,
    cancel,
    check_open,
    confirm_hold,
    register,
    registration_by_token,
    release_lapsed,
    waitlist_position,
)
from kunstrute.programme.vocabulary import KIND_LABELS
from kunstrute.timeutil import utcnow
from kunstrute.urls import DB_ID


def _chosen_kind() -> EventKind | None:
    try:
        return EventKind(request.args.get("kind", ""))
    except ValueError:
        return None


def _chosen_day() -> date | None:
    try:
        return date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        return None


@bp.route("/programme")
@cached_page
def index():
    edition = current_edition()
    if edition is None:
        return render_template("programme/index.html", edition=None)
    everything = published_events(edition)
    kind, day = _chosen_kind(), _chosen_day()
    shown = [e for e in everything if kind is None or e.kind == kind]
    plan = programme(edition, shown, now=utcnow())
    if day is not None:
        plan.days = [d for d in plan.days + plan.earlier if d.day == day]
        plan.earlier = []
    return render_template("programme/index.html", edition=edition, plan=plan, kind=kind,
                           day=day, counts=kind_counts(everything), total=len(everything),
                           venue_of=venue_of, kind_labels=KIND_LABELS,
                           open_days=set(edition_days(edition)))


@bp.route(f"/programme/<{DB_ID}:event_id>")
@cached_page
def event(event_id: int):
    found = event_for_public(event_id) or abort(404)
    return _event_page(found, RegistrationForm())


def _event_page(found, form, status: int = 200):
    form.answer.label.text = found.question or ""
    try:
        check_open(found)
        closed = None
    except RegistrationClosed as reason:
        closed = str(reason)
    return render_template("programme/event.html", event=found, venue=venue_of(found),
                           form=form, closed=closed), status


@bp.route(f"/programme/<{DB_ID}:event_id>/register", methods=["POST"])
@limits.mail_form
@csrf.exempt  # a PublicForm: its own token and origin check, no session (security.py)
def register_for(event_id: int):
    found = event_for_public(event_id) or abort(404)
    form = RegistrationForm()
    if not form.validate_on_submit():
        return _event_page(found, form, 400)
    promoted = release_lapsed(event=found)
    try:
        registration = register(event=found, name=form.name.data, email=form.email.data,
                                answer=form.answer.data, language=str(get_locale()))[0]
    except RegistrationClosed as reason:
        flash(str(reason), "error")
        return _event_page(found, form, 409)
    db.session.commit()
    tell_registered(promoted, "promoted")
    notify.tell(registration, _mail_for(registration))
    # Whoever typed the address may not be its owner: the link goes only to the address, and
    # the answer is the same whether or not it had signed up before.
    flash(_("Check your e-mail: we have sent the link to the registration to the address. "
            "A new sign-up holds its place for %(minutes)s minutes, until you confirm it "
            "with that link.", minutes=int(HOLD.total_seconds() // 60)), "success")
    return redirect(url_for("programme.event", event_id=found.id))


def _mail_for(registration) -> str:
    if registration.is_held:
        return "held"
    return "registered" if registration.status == RegistrationStatus.CONFIRMED else "waitlisted"


_LAPSED = _l("This sign-up was not confirmed in time, so its place was released. "
              "You can sign up again.")


@bp.route("/programme/registrations/<token>")
def registration(token: str):
    found = registration_by_token(token) or abort(404)
    if found.is_held and found.held_until < utcnow():
        promoted = release_lapsed(event=found.event)
        db.session.commit()
        tell_registered(promoted, "promoted")
        flash(_LAPSED, "error")
    return _registration_page(found, CancelForm())


def _registration_page(found, form, status: int = 200, confirm_form=None):
    response = current_app.make_response((render_template(
        "programme/registration.html", registration=found, event=found.event, form=form,
        confirm_form=confirm_form or ConfirmHoldForm(), venue=venue_of(found.event),
        position=waitlist_position(found)), status))
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.route("/programme/registrations/<token>/confirm", methods=["POST"])
@csrf.exempt  # a PublicForm: its own token and origin check, no session (security.py)
def confirm_registration(token: str):
    found = registration_by_token(token) or abort(404)
    form = ConfirmHoldForm()
    if not form.validate_on_submit():
        return _registration_page(found, CancelForm(), 400, confirm_form=form)
    promoted = release_lapsed(event=found.event)
    confirmed = confirm_hold(registration=found)
    db.session.commit()
    tell_registered(promoted, "promoted")
    if confirmed:
        notify.tell(found, _mail_for(found))
        flash(_("Thank you: your registration is confirmed."), "success")
    else:
        flash(_LAPSED, "error")
    return redirect(url_for("programme.registration", token=found.token))


@bp.route("/programme/registrations/<token>/cancel", methods=["POST"])
@limits.mail_form_per_address
@csrf.exempt  # a PublicForm: its own token and origin check, no session (security.py)
def cancel_registration(token: str):
    found = registration_by_token(token) or abort(404)
    form = CancelForm()
    if not form.validate_on_submit():
        return _registration_page(found, form, 400)
    was_active = found.is_active
    promoted = cancel(registration=found)
    db.session.commit()
    if was_active:
        notify.tell(found, "cancelled")
        tell_registered(promoted, "promoted")
        flash(_("Your registration is cancelled. Thank you for letting us know."), "success")
    return redirect(url_for("programme.registration", token=token))


@bp.route("/programme.ics")
@cached_page
def feed():
    edition = current_edition() or abort(404)
    body = calendar(published_events(edition), name=edition.title, event_url=_event_url)
    return _ics_response(body, f"programme-{edition.year}.ics")


@bp.route(f"/programme/<{DB_ID}:event_id>.ics")
@cached_page
def event_feed(event_id: int):
    found = event_for_public(event_id) or abort(404)
    return _ics_response(calendar([found], name=found.title, event_url=_event_url),
                         f"event-{found.id}.ics")


def _event_url(found) -> str:
    return external_url("programme.event", event_id=found.id)


def _ics_response(body: bytes, filename: str):
    response = current_app.response_class(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "public, max-age=300"
    response.vary.add("Cookie")  # the language cookie chooses the categories' words
    return response
