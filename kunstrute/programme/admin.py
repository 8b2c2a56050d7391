"""The organisers' programme: events, publishing, registrations, check-in and export."""

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from kunstrute.auth.decorators import organiser_required
from kunstrute.editions.models import Participation, ParticipationStatus, Studio
from kunstrute.editions.queries import newest_edition
from kunstrute.extensions import db
from kunstrute.i18n import format_day
from kunstrute.programme import admin_bp, jobs
from kunstrute.programme.forms import EventForm, options
from kunstrute.programme.models import Event, EventStatus, Registration, VenueKind
from kunstrute.programme.queries import programme
from kunstrute.programme.registrations import (
    RegistrationClosed,
    registrations_csv,
    set_checked_in,
)
from kunstrute.programme.services import EventError, change_status, save_event
from kunstrute.timeutil import to_oslo, to_utc, utcnow
from kunstrute.urls import DB_ID


@admin_bp.route("/")
@organiser_required
def index():
    edition = newest_edition()
    events = []
    if edition is not None:
        events = list(db.session.scalars(
            sa.select(Event).where(Event.edition_id == edition.id)
            .order_by(Event.starts_at, Event.id)))
    plan = programme(edition, events, now=utcnow()) if edition else None
    return render_template("programme/admin/index.html", edition=edition, plan=plan,
                           count=len(events))


@admin_bp.route("/new", methods=["GET", "POST"])
@organiser_required
def new():
    edition = newest_edition() or abort(404)
    return _edit(edition, None)


@admin_bp.route(f"/<{DB_ID}:event_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit(event_id: int):
    event = db.session.get(Event, event_id) or abort(404)
    return _edit(event.edition, event)


def _edit(edition, event):
    form = EventForm(data=_form_data(event) if event and request.method == "GET" else None)
    form.studio_id.choices = _studio_choices(edition)
    form.also_on.choices = options((d.isoformat(), format_day(d)) for d in _period(edition))
    if form.validate_on_submit():
        values = _values(form)
        extra_days = _extra_days(form) if event is None else []
        if extra_days:
            values["series"] = values["series"] or values["title"]
        try:
            result = save_event(edition=edition, event=event, **values)
            for day in extra_days:
                save_event(edition=edition, **dict(
                    values, starts_at=to_utc(datetime.combine(day, form.starts.data)),
                    ends_at=to_utc(datetime.combine(day, form.ends.data))))
        except EventError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(str(error))
        else:
            db.session.commit()
            told = jobs.tell_registered(result.notify, "changed")
            jobs.tell_registered(result.promoted, "promoted")
            _place_later(result.event)
            flash(_("The event is saved."), "success")
            for warning in result.warnings:
                flash(warning, "error")
            if told:
                flash(_("The e-mails about the change to %(n)d registered people are on their "
                        "way.", n=told), "success")
            return redirect(url_for("programme_admin.index"))
    status = 400 if form.errors else 200
    return render_template("programme/admin/edit.html", form=form, event=event,
                           edition=edition), status


def _place_later(event: Event) -> None:
    """Queue the geocoding of an event at an address without a position (never in a request)."""
    if event.venue_kind == VenueKind.ADDRESS and event.lat is None:
        jobs.place_event(event.id)


def _period(edition) -> list[date]:
    return [edition.starts_on + timedelta(days=n)
            for n in range((edition.ends_on - edition.starts_on).days + 1)]


def _extra_days(form: EventForm) -> list[date]:
    """Return the other days ticked for a new event: one more event (same series) on each."""
    days = {date.fromisoformat(text) for text in form.also_on.data or []}
    return sorted(days - {form.day.data})


def _form_data(event: Event) -> dict:
    starts, ends = to_oslo(event.starts_at), to_oslo(event.ends_at)
    return {
        "kind": event.kind.value, "title": event.title, "description": event.description,
        "day": starts.date(), "starts": starts.time(), "ends": ends.time(),
        "venue_kind": event.venue_kind.value, "studio_id": event.studio_id,
        "venue_name": event.venue_name, "address": event.address, "postcode": event.postcode,
        "place": event.place, "language": event.language,
        "registration_required": event.registration_required, "capacity": event.capacity,
        "series": event.series, "question": event.question,
    }


def _values(form: EventForm) -> dict:
    venue_kind = VenueKind(form.venue_kind.data)
    return {
        "kind": form.kind.data, "title": form.title.data.strip(),
        "description": (form.description.data or "").strip(),
        "starts_at": to_utc(datetime.combine(form.day.data, form.starts.data)),
        "ends_at": to_utc(datetime.combine(form.day.data, form.ends.data)),
        "venue_kind": venue_kind,
        "studio_id": form.studio_id.data if venue_kind == VenueKind.STUDIO else None,
        "venue_name": _blank(form.venue_name.data), "address": _blank(form.address.data),
        "postcode": _blank(form.postcode.data), "place": _blank(form.place.data),
        "language": form.language.data,
        "registration_required": form.registration_required.data,
        "capacity": form.capacity.data, "series": _blank(form.series.data),
        "question": _blank(form.question.data),
    }


def _blank(text: str | None) -> str | None:
    return (text or "").strip() or None


def _studio_choices(edition) -> list:
    rows = db.session.execute(
        sa.select(Participation.studio_id, Participation.catalogue_no)
        .where(Participation.edition_id == edition.id,
               Participation.status == ParticipationStatus.ACCEPTED,
               Participation.studio_id.is_not(None))
        .order_by(Participation.catalogue_no)).all()
    choices: dict[int, str] = {}
    for studio_id, number in rows:
        choices.setdefault(studio_id, _("No. %(n)s", n=number))
    studios = {s.id: s for s in db.session.scalars(sa.select(Studio).where(
        Studio.id.in_(choices)))}
    return options([(0, "—")] + [
        (sid, f"{label}: {studios[sid].name or studios[sid].address_line}")
        for sid, label in choices.items()])


@admin_bp.route(f"/<{DB_ID}:event_id>/status", methods=["POST"])
@organiser_required
def set_status(event_id: int):
    event = db.session.get(Event, event_id) or abort(404)
    try:
        status = EventStatus(request.form.get("status", ""))
        to_tell = change_status(event=event, status=status)
    except ValueError:
        db.session.rollback()
        flash(_("That change of status is not possible."), "error")
        return redirect(url_for("programme_admin.index"))
    db.session.commit()
    told = jobs.tell_registered(to_tell, "cancelled_event")
    flash(_("The event is now: %(status)s.", status=_status_label(status)), "success")
    if told:
        flash(_("The e-mails about the cancellation to %(n)d registered people are on their "
                "way.", n=told), "success")
    return redirect(url_for("programme_admin.index"))


def _status_label(status: EventStatus) -> str:
    return {EventStatus.DRAFT: _("draft"), EventStatus.PUBLISHED: _("published"),
            EventStatus.CANCELLED: _("cancelled")}[status]


@admin_bp.route(f"/<{DB_ID}:event_id>/registrations")
@organiser_required
def registrations(event_id: int):
    event = db.session.get(Event, event_id) or abort(404)
    return render_template("programme/admin/registrations.html", event=event)


@admin_bp.route(f"/<{DB_ID}:event_id>/registrations/<{DB_ID}:registration_id>/check-in",
                methods=["POST"])
@organiser_required
def check_in(event_id: int, registration_id: int):
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.event_id != event_id:
        abort(404)
    try:
        set_checked_in(registration=registration, present=request.form.get("present") == "1")
    except RegistrationClosed as reason:
        flash(str(reason), "error")
    else:
        db.session.commit()
    return redirect(url_for("programme_admin.registrations", event_id=event_id,
                            _anchor=f"r{registration_id}"))


@admin_bp.route(f"/<{DB_ID}:event_id>/registrations.csv")
@organiser_required
def registrations_export(event_id: int):
    event = db.session.get(Event, event_id) or abort(404)
    response = current_app.response_class(registrations_csv(event),
                                          mimetype="text/csv")  # Flask adds the charset
    response.headers["Content-Disposition"] = f'attachment; filename="event-{event.id}.csv"'
    return response
