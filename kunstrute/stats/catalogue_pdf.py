"""The printed catalogue as a print-ready PDF: HTML and CSS laid out by WeasyPrint.

Trim size A4 or the newspaper's 280 × 400 mm, 3 mm bleed and crop marks (MediaBox = trim +
2 × 3 mm, TrimBox = the trim, BleedBox = the MediaBox), DejaVu Sans embedded (æøå).

Memory and time stay bounded whatever the route's size: the catalogue is laid out in parts —
the cover and the map, then CHUNK artists at a time, then the programme — each its own
WeasyPrint document written to a scratch file and forgotten, and pypdf joins the files in
order (page boxes kept; the page numbers run on, each part starting where the last ended).
A part's work images are prepared one at a time before it is laid out and deleted after:
the largest clean copy on disk, scaled down with Pillow to 300 dpi for the printed box
(never up), JPEG. Nothing is fetched but those files (a fetcher that refuses anything else).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from flask import current_app, render_template
from flask_babel import force_locale
from PIL import Image

from kunstrute.media.checks import strict_decoding
from kunstrute.media.storage import largest_copy
from kunstrute.qrcode import qr_svg
from kunstrute.stats.catalogue import Catalogue, Entry, sections
from kunstrute.stats.catalogue_map import map_svg
from kunstrute.stats.models import CatalogueFormat

BLEED_MM = 3
MARGIN_MM = 14
#: The print resolution images are prepared for.
DPI = 300
#: Artists laid out in one WeasyPrint document (see the module's docstring).
CHUNK = 60
#: The catalogue is printed in bokmål: the households it goes to read it.
LANGUAGE = "nb"


@dataclass(frozen=True)
class Paper:
    """A trim size and the grid of artists on it (millimetres)."""

    width: float
    height: float
    columns: int
    gap: float = 6.0

    @property
    def column_width(self) -> float:
        return (self.width - 2 * MARGIN_MM - self.gap * (self.columns - 1)) / self.columns

    @property
    def image_box(self) -> tuple[float, float]:
        """Return the work's printed box: the column's width, half of it high (three rows of
        artists on A4, four on the newspaper's page)."""
        return self.column_width, round(self.column_width / 2, 1)

    @property
    def map_box(self) -> tuple[float, float]:
        """Return the map's size: the page's width inside the margins, most of its height."""
        return self.width - 2 * MARGIN_MM, self.height - 2 * MARGIN_MM - 48


PAPERS = {CatalogueFormat.A4: Paper(210, 297, columns=2),
          CatalogueFormat.TABLOID: Paper(280, 400, columns=3)}


@dataclass(frozen=True)
class Written:
    pages: int
    size_bytes: int


def _pixels(mm: float) -> int:
    return max(1, round(mm / 25.4 * DPI))


def prepare_image(entry: Entry, paper: Paper, folder: Path) -> str | None:
    """Write the entry's work at print resolution for its box; return its file URL or None."""
    source = largest_copy(entry.image_key) if entry.image_key else None
    if source is None:
        return None
    box_w, box_h = (_pixels(mm) for mm in paper.image_box)
    target = folder / f"work-{entry.slug}.jpg"
    strict_decoding()  # WeasyPrint's import allows cut-off images process-wide
    with Image.open(source, formats=("JPEG", "PNG", "WEBP")) as image:
        image.draft("RGB", (box_w, box_h))  # a JPEG decodes at 1/2, 1/4 … when that is enough
        image.thumbnail((box_w, box_h), Image.Resampling.LANCZOS)  # shrinks, never enlarges
        if image.mode in ("RGBA", "LA", "P"):
            flat = Image.new("RGB", image.size, "white")
            flat.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
            image = flat
        image.convert("RGB").save(target, "JPEG", quality=88, optimize=True)
    return target.as_uri()


def _fetcher(folder: Path):
    """Return a WeasyPrint URL fetcher that serves the prepared images and nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ScratchFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            path = Path(url2pathname(parts.path)).resolve()
            if parts.scheme != "file" or path.parent != folder.resolve():
                raise ValueError(f"the catalogue loads nothing from outside: {url}")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": "image/jpeg"})

    return ScratchFetcher(allowed_protocols={"file"})


def _page_css(paper: Paper, first_page: int) -> str:
    """Return the stylesheet that depends on the format and the part's first page number."""
    box_w, box_h = paper.image_box
    return (f"@page {{ size: {paper.width}mm {paper.height}mm; bleed: {BLEED_MM}mm; "
            f"margin: {MARGIN_MM}mm {MARGIN_MM}mm {MARGIN_MM + 4}mm; }}\n"
            f"@page :first {{ counter-reset: page {first_page}; }}\n"
            # A row of cards of a fixed width: WeasyPrint's grid sized its tracks from every
            # card's text again on each page, 70 % of the time for 3,000 artists.
            f".artist {{ width: {box_w:.1f}mm; }}\n"
            f".artist + .artist {{ margin-left: {paper.gap}mm; }}\n"
            f".work {{ height: {box_h}mm; }}\n"
            f".programme__days {{ columns: {paper.columns}; column-gap: {paper.gap}mm; }}\n")


@dataclass(frozen=True)
class Part:
    """One WeasyPrint document of the catalogue: what it shows and how many artists."""

    kind: str  # "front", "artists" or "programme"
    entries: tuple[Entry, ...] = ()
    previous: Entry | None = None


def parts(catalogue: Catalogue, chunk: int = CHUNK) -> Iterator[Part]:
    """Yield the catalogue's parts in print order."""
    yield Part("front")
    entries = catalogue.entries
    for start in range(0, len(entries), chunk):
        yield Part("artists", tuple(entries[start:start + chunk]),
                   entries[start - 1] if start else None)
    if catalogue.programme:
        yield Part("programme")


def _html(catalogue: Catalogue, part: Part, paper: Paper, images: dict[str, str]) -> str:
    context = {"catalogue": catalogue, "part": part.kind, "paper": paper}
    if part.kind == "front":
        width, height = paper.map_box
        context["map"] = map_svg(catalogue.entries, places=catalogue.places,
                                 exhibition=catalogue.exhibition_point,
                                 exhibition_label="U", width=width, height=height)
    elif part.kind == "artists":
        context["sections"] = sections(list(part.entries), continued_from=part.previous)
        context["images"] = images
        context["codes"] = {e.slug: qr_svg(e.url) for e in part.entries}
    return render_template("stats/catalogue_print.html", **context)


def write_catalogue(catalogue: Catalogue, *, page_format: CatalogueFormat, output: Path,
                    progress: Callable[[int], None] | None = None,
                    chunk: int = CHUNK) -> Written:
    """Write the catalogue's PDF to `output` (whole or not at all); report each part's
    artists to `progress` as it is done."""
    # Imported here: WeasyPrint takes ~0.5 s to import, and only this and the posters need it.
    from weasyprint import CSS, HTML

    strict_decoding()  # its import told Pillow to accept cut-off images, for every upload after
    paper = PAPERS[CatalogueFormat(page_format)]
    stylesheet = CSS(filename=str(Path(current_app.static_folder) / "css" / "catalogue.css"))
    output.parent.mkdir(parents=True, exist_ok=True)
    # Scratch files beside the output: the parts take about the PDF's size again.
    with (tempfile.TemporaryDirectory(prefix=".parts-", dir=output.parent) as scratch,
          force_locale(LANGUAGE)):
        folder = Path(scratch)
        fetcher = _fetcher(folder)
        files, pages = [], 0
        for index, part in enumerate(parts(catalogue, chunk)):
            images = {}
            for entry in part.entries:  # one at a time: one decoded image in memory
                found = prepare_image(entry, paper, folder)
                if found:
                    images[entry.slug] = found
            document = HTML(string=_html(catalogue, part, paper, images), base_url=scratch,
                            url_fetcher=fetcher).render(
                stylesheets=[stylesheet, CSS(string=_page_css(paper, pages + 1))])
            files.append(folder / f"part-{index:04d}.pdf")
            document.write_pdf(files[-1])
            pages += len(document.pages)
            del document
            for image in folder.glob("work-*.jpg"):
                image.unlink()
            if progress and part.entries:
                progress(len(part.entries))
        _join(files, output)
    return Written(pages=pages, size_bytes=output.stat().st_size)


def _join(files: list[Path], output: Path) -> None:
    """Join the parts' PDFs in order into `output`, through a scratch name (atomic)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for path in files:
        writer.append(str(path))  # pages with their boxes (Media, Trim, Bleed) as written
    handle, partial = tempfile.mkstemp(dir=output.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            writer.write(out)
        os.replace(partial, output)  # a reader sees the old file or the new one, never half
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
