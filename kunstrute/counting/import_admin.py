"""The organisers' upload of counts and sales files: /organiser/counting/<year>/import.

The same files and the same pure functions as `flask import-counts` and `flask import-sales`;
the report with its line numbers is shown on the page. A file the page refuses as a whole
(unreadable, a wrong column, the edition locked) leaves nothing written.
"""

from flask import abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SubmitField

from kunstrute.auth.decorators import organiser_required
from kunstrute.counting import admin_bp
from kunstrute.counting.importer import (
    COUNT_COLUMNS,
    SALE_COLUMNS,
    import_counts,
    import_sales,
    read_counts_csv,
    read_sales_csv,
)
from kunstrute.counting.services import CountingLocked
from kunstrute.csvfile import UnusableInput
from kunstrute.editions.queries import edition_for_year
from kunstrute.extensions import db
from kunstrute.urls import DB_ID


class CountsFileForm(FlaskForm):
    file = FileField(_l("Visitor counts (CSV)"), validators=[
        FileRequired(_l("Choose the CSV file with the counts."))],
        render_kw={"accept": ".csv,text/csv"})
    submit = SubmitField(_l("Import counts"))


class SalesFileForm(FlaskForm):
    file = FileField(_l("Sales (CSV)"), validators=[
        FileRequired(_l("Choose the CSV file with the sales."))],
        render_kw={"accept": ".csv,text/csv"})
    submit = SubmitField(_l("Import sales"))


#: Which form is which: (prefix, form class, reader, importer).
KINDS = {"counts": (CountsFileForm, read_counts_csv, import_counts),
         "sales": (SalesFileForm, read_sales_csv, import_sales)}


@admin_bp.route(f"/<{DB_ID}:year>/import", methods=["GET", "POST"])
@organiser_required
def import_files(year: int):
    """Upload a counts or a sales file for the edition; show the line-numbered report."""
    edition = edition_for_year(year) or abort(404)
    forms = {kind: form_class(prefix=kind) for kind, (form_class, _, _) in KINDS.items()}
    kind = next((k for k in KINDS if f"{k}-submit" in request.form), None)
    if request.method != "POST" or kind is None:
        return _page(edition, forms, status=400 if request.method == "POST" else 200)
    form = forms[kind]
    limit = current_app.config["IMPORT_MAX_BYTES"]
    if (request.content_length or 0) > limit + 64 * 1024:
        _too_large(form, limit)
        return _page(edition, forms, status=413)
    if not form.validate_on_submit():
        return _page(edition, forms, status=400)
    data = form.file.data.read(limit + 1)
    if len(data) > limit:
        _too_large(form, limit)
        return _page(edition, forms, status=413)
    _, read, importer = KINDS[kind]
    try:
        table = read(data)
        report = importer(rows=table.rows, edition=edition)
    except (UnusableInput, CountingLocked) as exc:
        db.session.rollback()  # nothing of a refused file is kept
        form.file.errors.append(str(exc))
        return _page(edition, forms, status=400)
    db.session.commit()  # the one commit
    return _page(edition, {k: f if k != kind else KINDS[k][0](prefix=k, formdata=None)
                           for k, f in forms.items()},
                 kind=kind, table=table, report=report)


def _too_large(form, limit: int):
    form.file.errors = [_("The file is larger than %(mb)s MB. Split it in two, or import it "
                          "on the server with flask --app kunstrute import-counts or "
                          "import-sales.", mb=f"{limit / 1024 / 1024:g}")]
    return form


def _page(edition, forms, *, status: int = 200, **report):
    return render_template("counting/import.html", edition=edition, forms=forms,
                           count_columns=COUNT_COLUMNS, sale_columns=SALE_COLUMNS,
                           **report), status
