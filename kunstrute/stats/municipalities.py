"""The report for one member municipality: its slice of the statistics document, with the
edition's totals beside it, and its artists and events.

The municipalities fund the route, so each gets its own page and A4 PDF. Every figure is
read from the document's per-municipality keys (applications, artists, visits, sales and
programme .by_municipality; a municipality missing from one has zero there) and the total
beside it is another key of the same document: nothing is counted a second time. The lists
of artists and events come from the editions' and the programme's queries, by the same
rules as those keys (a studio's municipality; an event's place).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from kunstrute.editions.models import Edition, Municipality, Participation
from kunstrute.editions.queries import municipality_participations
from kunstrute.programme.queries import municipality_events, venue_of
from kunstrute.stats.tables import Kind, format_value


@dataclass(frozen=True)
class Line:
    """One figure of the municipality beside the edition's total."""

    #: The document's dotted key of the municipality's figure (as flatten() writes it).
    key: str
    #: The dotted key of the edition's total beside it.
    total_key: str
    label: str
    value: int
    total: int | None
    kind: Kind

    @property
    def share(self) -> float | None:
        """Return the municipality's part of the total (0..1), or None without a total."""
        return round(self.value / self.total, 3) if self.total else None

    @property
    def text(self) -> str:
        return format_value(self.value, self.kind)

    @property
    def total_text(self) -> str:
        return format_value(self.total, self.kind)

    @property
    def share_text(self) -> str:
        return format_value(self.share, Kind.SHARE)


@dataclass(frozen=True)
class EventRow:
    """One event held in the municipality, as the report lists it."""

    starts_at: datetime  # naive UTC
    title: str
    kind: str
    venue: str


@dataclass
class MunicipalityReport:
    municipality: Municipality
    edition: Edition
    lines: list[Line]
    artists: list[Participation]
    #: The programme's published events held there, in time order.
    events: list[EventRow]
    #: One of the edition's host municipalities (applications.hosts).
    is_host: bool

    @property
    def is_empty(self) -> bool:
        """Say whether the municipality has nothing at all in this edition."""
        return not (any(line.value for line in self.lines) or self.artists or self.events)


def _lines_spec() -> list[tuple[str, str, str, Kind]]:
    """Return (section, label, total key, kind) of each line, in the report's order."""
    return [
        ("applications", _("Applications received"), "applications.received", Kind.COUNT),
        ("artists", _("Artists on the route"), "visits.studios_total", Kind.COUNT),
        ("visits", _("Studio visits"), "visits.studios", Kind.COUNT),
        ("sales", _("Studio sales"), "sales.studios_nok", Kind.NOK),
        ("programme", _("Events in the programme"), "programme.events", Kind.COUNT),
    ]


def _at(doc: dict, dotted: str):
    value = doc
    for part in dotted.split("."):
        value = value[part]
    return value


def municipality_lines(doc: dict, name: str) -> list[Line]:
    """Return the municipality's figures from the document, each with the edition's total."""
    return [Line(key=f"{section}.by_municipality.{name}", total_key=total_key, label=label,
                 value=doc[section]["by_municipality"].get(name, 0),
                 total=_at(doc, total_key), kind=kind)
            for section, label, total_key, kind in _lines_spec()]


def municipality_report(doc: dict, edition: Edition,
                        municipality: Municipality) -> MunicipalityReport:
    """Return the report of one municipality in the edition whose document `doc` is."""
    name = municipality.name
    return MunicipalityReport(
        municipality=municipality, edition=edition, lines=municipality_lines(doc, name),
        artists=municipality_participations(edition, municipality),
        events=[EventRow(starts_at=event.starts_at, title=event.title, kind=event.kind.value,
                         venue=venue_of(event).name)
                for event in municipality_events(edition, name)],
        is_host=name in doc["applications"]["hosts"])


def municipality_summaries(doc: dict, municipalities: list[Municipality]) -> list[dict]:
    """Return, for the index, each municipality with its figures (from the document)."""
    return [{"municipality": m, "lines": municipality_lines(doc, m.name),
             "is_host": m.name in doc["applications"]["hosts"]} for m in municipalities]
