"""The exhibition's figures, /organiser/counting/<year>/exhibition: the door counts of every
day of the period (it is open each), and the works sold at its desk (day, artist, title,
price). Every change is audited; a locked edition takes none."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from kunstrute.auth.decorators import organiser_required
from kunstrute.counting import admin_bp as bp
from kunstrute.counting.forms import ActionForm, ExhibitionSaleForm, day_key, door_form
from kunstrute.counting.models import CountSource, Sale, SaleSource, Venue, VisitCount
from kunstrute.counting.reporting import (
    ReportRefused,
    delete_exhibition_sale,
    period_days,
    save_exhibition_sale,
    set_door_count,
)
from kunstrute.counting.services import CountingLocked, is_locked
from kunstrute.counting.venues import ensure_venues, exhibition_venue
from kunstrute.editions.models import Edition, Participation
from kunstrute.editions.queries import edition_for_year, edition_participations
from kunstrute.extensions import db
from kunstrute.i18n import format_day
from kunstrute.urls import DB_ID


def _venue(year: int) -> Venue:
    edition = edition_for_year(year) or abort(404)
    venue = exhibition_venue(edition)
    if venue is None:
        ensure_venues(edition=edition)
        db.session.commit()
        venue = exhibition_venue(edition)
    return venue


def _door_counts(venue: Venue) -> dict[date, int]:
    return dict(db.session.execute(sa.select(VisitCount.day, VisitCount.count).where(
        VisitCount.venue_id == venue.id, VisitCount.source == CountSource.DOOR_COUNTER)).all())


def _sales(venue: Venue) -> list[Sale]:
    return list(db.session.scalars(sa.select(Sale).where(
        Sale.venue_id == venue.id).order_by(Sale.day, Sale.id)))


def sale_form(edition: Edition, **kwargs) -> ExhibitionSaleForm:
    form = ExhibitionSaleForm(**kwargs)
    form.day.choices = [SelectChoice(d.isoformat(), format_day(d))
                        for d in period_days(edition)]
    form.participation.choices = [SelectChoice(p.id, f"{p.catalogue_no}. {p.artist.name}")
                                  for p in edition_participations(edition)]
    return form


def _page(venue: Venue, *, door=None, new_sale=None, status: int = 200):
    edition = venue.edition
    days = period_days(edition)
    return render_template(
        "counting/exhibition.html", edition=edition, venue=venue, days=days,
        door=door or door_form(days, _door_counts(venue), formdata=None),
        new_sale=new_sale or sale_form(edition, formdata=None), sales=_sales(venue),
        locked=is_locked(edition.id), action=ActionForm(), day_key=day_key), status


@bp.route(f"/<{DB_ID}:year>/exhibition", methods=["GET", "POST"])
@organiser_required
def exhibition(year: int):
    """Show the exhibition's figures; save the door counts (every day at once, or none)."""
    venue = _venue(year)
    days = period_days(venue.edition)
    form = door_form(days, _door_counts(venue))
    if not form.validate_on_submit():
        return _page(venue, door=form, status=400 if form.errors else 200)
    try:
        for day in days:
            count = form[day_key(day)].data
            if count is not None:
                set_door_count(venue=venue, day=day, count=count, actor=current_user)
    except (CountingLocked, ReportRefused):
        db.session.rollback()
        flash(_("The figures are locked; nothing was saved."), "error")
        return _page(venue, door=form, status=409)
    db.session.commit()
    flash(_("The door counts are saved."), "success")
    return redirect(url_for(".exhibition", year=year))


@bp.route(f"/<{DB_ID}:year>/exhibition/sales", methods=["POST"])
@organiser_required
def exhibition_sale_new(year: int):
    venue = _venue(year)
    form = sale_form(venue.edition)
    return _save_sale(venue, None, form) or _page(venue, new_sale=form, status=400)


@bp.route(f"/<{DB_ID}:year>/exhibition/sales/<{DB_ID}:sale_id>", methods=["GET", "POST"])
@organiser_required
def exhibition_sale(year: int, sale_id: int):
    """Change a work sold at the exhibition."""
    venue = _venue(year)
    sale = _sale(venue, sale_id)
    form = sale_form(venue.edition, data={"day": sale.day.isoformat(),
                                          "participation": sale.participation_id,
                                          "title": sale.title, "amount_nok": sale.amount_nok})
    saved = _save_sale(venue, sale, form)
    if saved:
        return saved
    return render_template("counting/exhibition_sale.html", edition=venue.edition, sale=sale,
                           form=form, locked=is_locked(venue.edition_id),
                           action=ActionForm()), 400 if form.errors else 200


def _sale(venue: Venue, sale_id: int) -> Sale:
    sale = db.session.get(Sale, sale_id)
    if sale is None or sale.venue_id != venue.id or sale.source == SaleSource.REPORTED:
        abort(404)
    return sale


def _save_sale(venue: Venue, sale: Sale | None, form):
    """Save the form's sale if it is valid; return the redirect, or None to show the form."""
    if not form.validate_on_submit():
        return None
    participation = db.session.get(Participation, form.participation.data)
    try:
        save_exhibition_sale(venue=venue, sale=sale, day=date.fromisoformat(form.day.data),
                             participation=participation, title=form.title.data,
                             amount_nok=form.amount_nok.data, actor=current_user)
    except (CountingLocked, ReportRefused):
        db.session.rollback()
        form.title.errors = [*form.title.errors,
                             _("The figures are locked; nothing was saved.")]
        return None
    db.session.commit()
    flash(_("The sale is saved."), "success")
    return redirect(url_for(".exhibition", year=venue.edition.year) + "#sales")


@bp.route(f"/<{DB_ID}:year>/exhibition/sales/<{DB_ID}:sale_id>/delete", methods=["POST"])
@organiser_required
def exhibition_sale_delete(year: int, sale_id: int):
    venue = _venue(year)
    sale = _sale(venue, sale_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        delete_exhibition_sale(sale=sale, actor=current_user)
    except CountingLocked:
        db.session.rollback()
        flash(_("The figures are locked; nothing was saved."), "error")
    else:
        db.session.commit()
        flash(_("The sale is removed."), "success")
    return redirect(url_for(".exhibition", year=year) + "#sales")
