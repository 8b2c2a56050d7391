"""The dashboards' tables: each one a view of the statistics document, never a second sum.

A Table is what a page shows as a data table (and, where people would rather look than
read, as a chart of the same rows), what a CSV download writes and what a workbook sheet
holds. `edition_tables(doc)` builds them all from one `edition_stats` document, so the
dashboard, the exports and the annual report cannot disagree. `edition_sections(doc)` groups
the same tables as the dashboard shows them, each section saying whether it has figures yet.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from kunstrute.stats.tables_people import people_sections
from kunstrute.stats.tabular import (
    ChartKind,
    Column,
    Kind,
    Section,
    Table,
    by_count,
    format_value,
    link,
)

#: The building blocks, imported from here by the charts, the exports and the goals.
__all__ = ["ChartKind", "Column", "Kind", "Section", "Table", "edition_sections",
           "edition_tables", "format_value", "table_by_slug"]


def edition_sections(doc: dict) -> list[Section]:
    """Return the dashboard's sections in the page's order, each with its tables."""
    sections = [visit_section(doc), sales_section(doc), *people_sections(doc)]
    for table in (table for section in sections for table in section.tables):
        if table.chart and not _has_values(table):
            table.chart = None  # a chart of nothing but zeros: the table says it plainly
    return sections


def _has_values(table: Table) -> bool:
    numeric = [i for i, c in enumerate(table.columns) if c.kind not in (Kind.TEXT, Kind.DATE)]
    return any(row[i] for row in table.rows for i in numeric)


def edition_tables(doc: dict) -> list[Table]:
    """Return every table of the edition's dashboard, in the order the page shows them.

    The goals come first, the year-over-year and since-the-start tables after the visits
    (the page shows those through its partials, the rest through edition_sections).
    """
    compared = comparison.comparison_tables(doc)
    for table in compared:
        if table.chart and not _has_values(table):
            table.chart = None  # as edition_sections does: no chart of nothing
    tables = [table for table in compared if table.slug == "goals"]
    over_years = [table for table in compared if table.slug != "goals"]
    for section in edition_sections(doc):
        tables += section.tables
        if section.key == "visits":
            tables += over_years
    return tables


def table_by_slug(doc: dict, slug: str) -> Table | None:
    """Return the table of the edition named by its slug (a CSV download's), or None."""
    return next((table for table in edition_tables(doc) if table.slug == slug), None)


# Visits ---------------------------------------------------------------------------------

def source_labels() -> dict[str, str]:
    return {"reported": _("Reported"), "door_counter": _("Door counter"),
            "qr_checkin": _("QR check-ins")}


def coverage(doc: dict) -> str:
    visits = doc["visits"]
    return _("%(reported)d of %(total)d studios reported their visitors; %(counted)d have a "
             "figure from some source.", reported=visits["studios_reported"],
             total=visits["studios_total"], counted=visits["studios_counted"])


def sources_note(doc: dict) -> str:
    """Return which source each venue's figure came from (visits.sources_used)."""
    labels = source_labels()
    used = [f"{labels.get(source, source)}: {venues}"
            for source, venues in doc["visits"]["sources_used"].items() if venues]
    if not used:
        return ""
    return _("Each studio and the exhibition count with one source: the one the organisers "
             "chose for it, else the artist's report, then a door counter, then QR check-ins. "
             "Venues per source: %(used)s.", used=", ".join(used))


def _visits_note(doc: dict) -> str:
    return " ".join(part for part in (coverage(doc), sources_note(doc)) if part)


def visit_section(doc: dict) -> Section:
    year, visits = doc["edition"], doc["visits"]
    counting = link("counting_admin.index", year=year)
    tables = [visits_by_day(doc), visits_by_source(doc), visits_by_municipality(doc),
              visits_per_studio(doc), *studio_extremes(doc)]
    for table in tables:
        table.rows_url = table.rows_url or counting
    return Section("visits", _("Visits"), tables, has_figures=bool(visits["has_counts"]),
                   empty=_("No visitor counts yet. They come from the artists' reports, QR "
                           "check-ins, the exhibition's door counter and imported files."),
                   source_url=counting)


def visits_by_day(doc: dict) -> Table:
    return Table(
        slug="visits-by-day", title=_("Visits per day"),
        columns=[Column("date", _("Day"), Kind.DATE), Column("count", _("Visits"), Kind.COUNT)],
        rows=[(date.fromisoformat(day["date"]), day["count"]) for day in doc["visits"]["by_day"]],
        note=_visits_note(doc), chart=ChartKind.COLUMNS)


def visits_by_source(doc: dict) -> Table:
    labels, visits = source_labels(), doc["visits"]
    rows = [(labels.get(source, source), total, visits["sources_used"].get(source, 0))
            for source, total in visits["by_source"].items()]
    return Table(
        slug="visits-by-source", title=_("Visits by source"),
        columns=[Column("source", _("Source")), Column("count", _("Visits"), Kind.COUNT),
                 Column("venues", _("Venues counted with it"), Kind.COUNT)],
        rows=rows, chart=ChartKind.BARS,
        note=_("Every count of each source, kept apart: a venue counted two ways appears "
               "under both, so these add up to more than the total, which takes one source "
               "per venue."))


def visits_by_municipality(doc: dict) -> Table:
    return Table(
        slug="visits-by-municipality", title=_("Studio visits per municipality"),
        columns=[Column("municipality", _("Municipality")),
                 Column("count", _("Visits"), Kind.COUNT)],
        rows=by_count(doc["visits"]["by_municipality"]), note=coverage(doc),
        chart=ChartKind.BARS)


def visits_per_studio(doc: dict) -> Table:
    per_studio = doc["visits"]["per_studio"]
    rows = [(f"{band['from']}–{band['to']}", band["studios"])
            for band in per_studio["histogram"]]
    note = _("Median %(median)s, fewest %(min)s, most %(max)s visits per studio.",
             median=format_value(per_studio["median"], Kind.NUMBER
                                 if isinstance(per_studio["median"], float) else Kind.COUNT),
             min=format_value(per_studio["min"], Kind.COUNT),
             max=format_value(per_studio["max"], Kind.COUNT))
    return Table(
        slug="visits-per-studio", title=_("Studios by their number of visits"),
        columns=[Column("band", _("Visits per studio")),
                 Column("studios", _("Studios"), Kind.COUNT)],
        rows=rows, note=f"{note} {coverage(doc)}", chart=ChartKind.BARS)


def studio_extremes(doc: dict) -> list[Table]:
    """Return the five most and the five least visited studios (those with a figure)."""
    per_studio, labels = doc["visits"]["per_studio"], source_labels()
    columns = [Column("name", _("Artist")), Column("catalogue_no", _("No."), Kind.COUNT),
               Column("municipality", _("Municipality")),
               Column("count", _("Visits"), Kind.COUNT), Column("source", _("Source"))]
    tables = []
    for slug, title, key in (("studios-most-visited", _("Most visited studios"), "top"),
                             ("studios-least-visited", _("Least visited studios"), "bottom")):
        rows = [(s["name"], s["catalogue_no"], s["municipality"], s["count"],
                 labels.get(s["source"], s["source"])) for s in per_studio[key]]
        tables.append(Table(slug=slug, title=title, columns=columns, rows=rows,
                            note=_("Among the studios with a figure from some source.")))
    return tables


# Sales ----------------------------------------------------------------------------------

def sales_section(doc: dict) -> Section:
    figures, year = doc["sales"], doc["edition"]
    counting = link("counting_admin.index", year=year)
    tables = [sales(doc), sales_by_municipality(doc)]
    for table in tables:
        table.rows_url = counting
    has = any(figures[key] for key in ("studios_nok", "studios_works", "exhibition_nok",
                                       "exhibition_works"))
    return Section("sales", _("Sales"), tables, has_figures=has,
                   empty=_("No sales yet. The artists report their studio sales, and the "
                           "exhibition's desk records each work sold there."),
                   source_url=counting)


def sales(doc: dict) -> Table:
    figures = doc["sales"]
    share = format_value(figures["artists_with_sales_share"], Kind.SHARE)
    return Table(
        slug="sales", title=_("Sales"),
        columns=[Column("where", _("Where")), Column("nok", _("Sales"), Kind.NOK),
                 Column("works", _("Works sold"), Kind.COUNT)],
        rows=[(_("Studios"), figures["studios_nok"], figures["studios_works"]),
              (_("Exhibition"), figures["exhibition_nok"], figures["exhibition_works"])],
        chart=ChartKind.BARS,
        note=_("%(sellers)d of %(total)d artists (%(share)s) sold something in their studio "
               "or at the exhibition.", sellers=figures["artists_with_sales"],
               total=doc["visits"]["studios_total"], share=share))


def sales_by_municipality(doc: dict) -> Table:
    return Table(
        slug="sales-by-municipality", title=_("Studio sales per municipality"),
        columns=[Column("municipality", _("Municipality")),
                 Column("nok", _("Sales"), Kind.NOK)],
        rows=by_count(doc["sales"]["by_municipality"]), chart=ChartKind.BARS,
        note=_("As the artists reported them, by their studio's municipality."))


from kunstrute.stats import comparison  # noqa: E402  (its tables import this module's names)
