"""QR posters: an A4 PDF per studio (and the exhibition) with its check-in code, for print.

The code is drawn as vector paths (segno's SVG inside the page, which WeasyPrint turns into
PDF paths, never a bitmap), so it stays sharp at any print size, with the quiet zone of four
modules that scanners need. Beside it: the catalogue number as large as the visitor reads it
on the map, the artist's name, the edition's title, the short address to type by hand (from
BASE_URL, never a request's host) and one line in bokmål and English. DejaVu Sans has æøå and
is embedded by WeasyPrint. No file, font or image is fetched while a PDF is made.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app, render_template
from markupsafe import Markup

from kunstrute.counting.models import Venue, VenueKind
from kunstrute.counting.venues import edition_venues
from kunstrute.csvfile import write_csv
from kunstrute.editions.models import Edition
from kunstrute.mail import external_url
from kunstrute.qrcode import qr_svg


@dataclass(frozen=True)
class Poster:
    """What one poster shows."""

    url: str
    #: The address without its scheme, to type: "kunstrettvest.no/c/ab3k9x".
    short_url: str
    #: The catalogue number; None for the exhibition.
    number: int | None
    name: str
    edition_title: str
    exhibition: bool
    filename: str

    @property
    def code_svg(self) -> Markup:
        return qr_svg(self.url)


def poster_for(venue: Venue) -> Poster:
    """Return the poster of one venue (its edition, participation and artist are loaded)."""
    url = external_url("counting.check_in", code=venue.code)
    short = url.split("://", 1)[-1]
    title = venue.edition.title
    if venue.kind == VenueKind.EXHIBITION:
        name = venue.edition.exhibition_venue or "Fellesutstillingen / The shared exhibition"
        return Poster(url=url, short_url=short, number=None, name=name, edition_title=title,
                      exhibition=True, filename="exhibition.pdf")
    participation = venue.participation
    number = participation.catalogue_no
    prefix = f"{number}-" if number is not None else ""
    return Poster(url=url, short_url=short, number=number, name=participation.artist.name,
                  edition_title=title, exhibition=False,
                  filename=f"{prefix}{participation.artist.slug}.pdf")


def edition_posters(edition: Edition) -> list[Poster]:
    """Return the posters of an edition's venues: the exhibition first, then by number."""
    return [poster_for(venue) for venue in edition_venues(edition)]


def _no_fetching(url: str):
    raise ValueError(f"posters load nothing from outside: {url}")


def render_pdf(posters: list[Poster]) -> bytes:
    """Return one A4 PDF with a page per poster."""
    # Imported here, not at the top: WeasyPrint takes ~0.5 s to import, and every process
    # (each gunicorn worker, each `flask` command) would pay it for a page few open. Its
    # import also tells Pillow to accept cut-off images process-wide; media undoes that
    # before it decodes an upload (media.checks.strict_decoding).
    from weasyprint import CSS, HTML

    html = render_template("counting/poster.html", posters=posters)
    stylesheet = Path(current_app.static_folder) / "css" / "poster.css"
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf(
        stylesheets=[CSS(filename=str(stylesheet))])


def index_csv(posters: list[Poster]) -> str:
    """Return the print shop's index: catalogue_no, name, checkin_url (formula-safe)."""
    return write_csv(["catalogue_no", "name", "checkin_url"],
                     [["exhibition" if p.exhibition else p.number, p.name, p.url]
                      for p in posters])


# All posters in one PDF: 105 studios take about 7 s to lay out (docs/PERFORMANCE.md), too long
# for a request, so a job writes the file beside the uploads and the page says its state.


def _all_path(edition: Edition) -> Path:
    """Return the file's place in the uploads' store (shared by every host that serves them)."""
    return Path(current_app.config["UPLOAD_FOLDER"]) / "posters" / f"posters-{edition.year}.pdf"


def _marker(edition: Edition) -> Path:
    return _all_path(edition).with_suffix(".building")


@dataclass(frozen=True)
class AllPosters:
    """The state of an edition's all-in-one PDF: being made, and when the last one was made."""

    building: bool
    made_at: datetime | None
    path: Path


def all_posters(edition: Edition) -> AllPosters:
    """Return where the edition's all-in-one PDF stands."""
    path = _all_path(edition)
    made_at = (datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None)
               if path.exists() else None)
    return AllPosters(building=_marker(edition).exists(), made_at=made_at, path=path)


def mark_building(edition: Edition) -> None:
    """Say the all-in-one PDF is being made (before its job is queued)."""
    marker = _marker(edition)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()


def write_all_posters(edition: Edition) -> Path:
    """Write every poster of the edition into one PDF, whole or not at all; return its path."""
    path = _all_path(edition)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        data = render_pdf(edition_posters(edition))
        handle, scratch = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(scratch, path)  # a reader sees the old file or the new one, never half
    finally:
        _marker(edition).unlink(missing_ok=True)
    return path
