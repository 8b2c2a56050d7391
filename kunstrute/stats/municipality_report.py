"""The per-municipality report: what the route gave one member municipality, page and PDF.

The municipalities fund the route, and each wants its own part of the year: applicants,
accepted artists, visits, sales and events. The figures are the statistics document's
per-municipality keys (never computed a second time), each beside the edition's total for
scale; the lists of its artists and events come from the editions' and the programme's
queries, the same rows those keys count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from flask import current_app, render_template
from flask_babel import gettext as _

from kunstrute.editions.models import Edition, Municipality, Participation
from kunstrute.editions.queries import municipality_artists
from kunstrute.programme.queries import municipality_events, venue_of
from kunstrute.stats.tables import Kind, format_value
from kunstrute.timeutil import oslo_now


@dataclass(frozen=True)
class Figure:
    """One of the municipality's figures beside the edition's total."""

    #: The document's section whose by_municipality holds it: "visits", "sales", ...
    section: str
    label: str
    value: int
    total: int | None
    kind: Kind

    @property
    def share(self) -> float | None:
        return self.value / self.total if self.total else None

    @property
    def text(self) -> str:
        return format_value(self.value, self.kind)

    @property
    def total_text(self) -> str:
        return format_value(self.total, self.kind)

    @property
    def share_text(self) -> str:
        return format_value(self.share, Kind.SHARE)


@dataclass
class EventLine:
    title: str
    starts_at: datetime
    kind: str
    venue: str


@dataclass
class MunicipalityReport:
    edition: Edition
    municipality: Municipality
    figures: list[Figure]
    artists: list[Participation]
    events: list[EventLine]
    #: When the report was made (Oslo time), printed on it.
    made_at: datetime = field(default_factory=oslo_now)

    @property
    def has_anything(self) -> bool:
        return bool(self.artists or self.events or any(f.value for f in self.figures))


def municipality_figures(doc: dict, name: str) -> list[Figure]:
    """Return the municipality's figures from the document, each with the edition's total."""
    artists = doc["artists"]["by_municipality"]
    specs = (
        ("applications", _("Applications received"), doc["applications"]["received"],
         Kind.COUNT),
        # The total of the artists with a studio on the route (the ones counted by place).
        ("artists", _("Artists on the route"), sum(artists.values()), Kind.COUNT),
        ("visits", _("Studio visits"), doc["visits"]["studios"], Kind.COUNT),
        ("sales", _("Studio sales"), doc["sales"]["studios_nok"], Kind.NOK),
        ("programme", _("Events"), doc["programme"]["events"], Kind.COUNT),
    )
    return [Figure(section, label, doc[section]["by_municipality"].get(name, 0) or 0, total,
                   kind) for section, label, total, kind in specs]


def _event_line(event) -> EventLine:
    return EventLine(event.title, event.starts_at, event.kind, venue_of(event).name)


def municipality_report(edition: Edition, municipality: Municipality,
                        doc: dict) -> MunicipalityReport:
    """Return the report of one municipality for the edition whose document doc is."""
    return MunicipalityReport(
        edition=edition, municipality=municipality,
        figures=municipality_figures(doc, municipality.name),
        artists=municipality_artists(edition, municipality),
        events=[_event_line(e) for e in municipality_events(edition, municipality.name)])


def municipality_overview(doc: dict, municipalities: list[Municipality]) -> list[tuple]:
    """Return (municipality, its figures) for the index, in the municipalities' order."""
    return [(m, municipality_figures(doc, m.name)) for m in municipalities]


def _no_fetching(url: str):
    raise ValueError(f"the report loads nothing from outside: {url}")


def render_report_pdf(report: MunicipalityReport) -> bytes:
    """Return the report as an A4 PDF (0.1–0.3 s: small enough for a request)."""
    # Imported here: WeasyPrint is slow to import and few requests need it. Its import tells
    # Pillow to accept cut-off images process-wide; media undoes that before it decodes an
    # upload (media.checks.strict_decoding).
    from weasyprint import CSS, HTML

    html = render_template("stats/municipality_report_pdf.html", report=report)
    stylesheet = Path(current_app.static_folder) / "css" / "report-print.css"
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf(
        stylesheets=[CSS(filename=str(stylesheet))])
