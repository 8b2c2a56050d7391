"""The organisers' figures: stats.json of an edition, and the history of earlier editions."""

from flask import abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from kunstrute.auth.decorators import organiser_required
from kunstrute.csvfile import UnusableInput
from kunstrute.editions.queries import edition_for_year
from kunstrute.extensions import db
from kunstrute.stats import bp
from kunstrute.stats.history import COLUMNS, history_years, import_history, read_history_csv
from kunstrute.stats.service import edition_stats, stats_json
from kunstrute.urls import DB_ID


@bp.route(f"/editions/<{DB_ID}:year>/stats.json")
@organiser_required
def stats(year: int):
    """The edition's figures: the same document as `flask stats YEAR --format json`."""
    edition = edition_for_year(year) or abort(404)
    response = current_app.response_class(stats_json(edition_stats(edition)),
                                          mimetype="application/json")
    response.headers["Cache-Control"] = "private, no-store"
    return response


class HistoryImportForm(FlaskForm):
    """A history CSV, the same file `flask import-history` reads."""

    file = FileField(_l("History file (CSV)"), validators=[
        FileRequired(_l("Choose the CSV file with the earlier editions."))],
        render_kw={"accept": ".csv,text/csv"})


@bp.route("/history", methods=["GET", "POST"])
@organiser_required
def history():
    """List the earlier editions' totals; import a history CSV and show its report."""
    form = HistoryImportForm()
    limit = current_app.config["IMPORT_MAX_BYTES"]
    if (request.content_length or 0) > limit + 64 * 1024:
        return _page(_too_large(form, limit), status=413)
    if not form.validate_on_submit():
        return _page(form, status=400 if form.errors else 200)
    data = form.file.data.read(limit + 1)
    if len(data) > limit:
        return _page(_too_large(form, limit), status=413)
    try:
        table = read_history_csv(data)
    except UnusableInput as exc:
        form.file.errors.append(str(exc))
        return _page(form, status=400)
    report = import_history(rows=table.rows)
    db.session.commit()  # the one commit: a failure before it leaves nothing written
    return _page(HistoryImportForm(formdata=None), table=table, report=report)


def _too_large(form: HistoryImportForm, limit: int) -> HistoryImportForm:
    form.file.errors = [_("The file is larger than %(mb)s MB. Split it in two, or import it on "
                          "the server with flask --app kunstrute import-history.",
                          mb=f"{limit / 1024 / 1024:g}")]
    return form


def _page(form: HistoryImportForm, *, status: int = 200, **report):
    return render_template("stats/history.html", years=history_years(), form=form,
                           columns=COLUMNS, **report), status
