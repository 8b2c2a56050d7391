"""The organisers' pages for an edition's catalogue: the numbers and the artist of the year."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kunstrute.auth.decorators import organiser_required
from kunstrute.editions import bp
from kunstrute.editions.awards import ARTIST_OF_THE_YEAR, edition_awards, name_award
from kunstrute.editions.forms import AwardForm
from kunstrute.editions.models import Participation
from kunstrute.editions.numbers import catalogue, number_clashes, renumber, set_numbers
from kunstrute.editions.queries import edition_for_year
from kunstrute.extensions import db
from kunstrute.urls import DB_ID

#: The highest catalogue number a form takes.
MAX_NUMBER = 9999


def _read_numbers(rows: list[Participation]) -> tuple[dict, dict, dict]:
    """Return (typed values, numbers, errors) from the posted form, per participation id."""
    typed, numbers, errors = {}, {}, {}
    for p in rows:
        text = typed[p.id] = request.form.get(f"no-{p.id}", "").strip()
        if text.isdigit() and 1 <= int(text) <= MAX_NUMBER:
            numbers[p.id] = int(text)
        else:
            errors[p.id] = _("Type a whole number from 1 to %(max)d.", max=MAX_NUMBER)
    return typed, numbers, errors


@bp.route(f"/editions/<{DB_ID}:year>/numbers", methods=["GET", "POST"])
@organiser_required
def numbers(year: int):
    """List the artists by catalogue number; change numbers (each unique in the edition)."""
    edition = edition_for_year(year) or abort(404)
    rows = catalogue(edition)
    typed, errors = {p.id: p.catalogue_no or "" for p in rows}, {}
    if request.method == "POST":
        typed, wanted, errors = _read_numbers(rows)
        clashes = number_clashes(edition=edition, numbers=wanted)
        errors |= {pid: _("No. %(number)s is also given to %(name)s.", number=wanted[pid],
                          name=name) for pid, name in clashes.items()}
        if not errors:
            set_numbers(edition=edition, numbers=wanted, actor=current_user)
            db.session.commit()
            flash(_("The catalogue numbers are saved."), "success")
            return redirect(url_for(".numbers", year=year))
    return render_template("editions/numbers.html", edition=edition, rows=rows, typed=typed,
                           errors=errors), 400 if errors else 200


@bp.route(f"/editions/<{DB_ID}:year>/numbers/renumber", methods=["POST"])
@organiser_required
def renumber_all(year: int):
    edition = edition_for_year(year) or abort(404)
    count = renumber(edition=edition, actor=current_user)
    db.session.commit()
    flash(_("%(n)d artists are numbered by municipality, then name.", n=count), "success")
    return redirect(url_for(".numbers", year=year))


@bp.route(f"/editions/<{DB_ID}:year>/award", methods=["GET", "POST"])
@organiser_required
def award(year: int):
    """Name the artist of the year: the artist, the title, the amount and the citation."""
    edition = edition_for_year(year) or abort(404)
    rows = catalogue(edition)
    awards = edition_awards(edition)
    current = next((a for a in awards if a.title == ARTIST_OF_THE_YEAR), None)
    form = AwardForm(data={"title": ARTIST_OF_THE_YEAR, "amount_nok": 10_000} if current is None
                     else {"title": current.title, "amount_nok": current.amount_nok,
                           "citation": current.citation,
                           "participation": current.participation_id})
    form.participation.choices = [(p.id, f"{p.catalogue_no or '–'}. {p.artist.name}")
                                  for p in rows]
    if rows and form.validate_on_submit():
        chosen = next(p for p in rows if p.id == form.participation.data)
        name_award(edition=edition, participation=chosen, title=form.title.data.strip(),
                   amount_nok=form.amount_nok.data, citation=form.citation.data.strip(),
                   actor=current_user)
        db.session.commit()
        flash(_("%(name)s is named: %(title)s.", name=chosen.artist.name,
                title=form.title.data.strip()), "success")
        return redirect(url_for(".award", year=year))
    return render_template("editions/award.html", edition=edition, form=form, awards=awards,
                           rows=rows), 400 if form.errors else 200
