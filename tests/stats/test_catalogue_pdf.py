"""The printed catalogue's PDF, read back as a print shop and a reader would: the text (pypdf),
the page boxes, the embedded fonts, and the pages rendered to images (pypdfium2) with the QR
codes decoded (zxing-cpp). WeasyPrint is slow, so one small catalogue per format is built once
for the module (per database) and every test reads it."""

import io
import re
from dataclasses import dataclass

import pypdfium2
import pytest
import zxingcpp
from PIL import ImageFile
from pypdf import PdfReader

from kunstrute import timeutil
from kunstrute.extensions import huey
from kunstrute.stats.catalogue import catalogue_for
from kunstrute.stats.catalogue_pdf import write_catalogue
from kunstrute.stats.models import CatalogueFormat
from tests.conftest import FROZEN_NOW, Clock, _rolled_back_at_the_end
from tests.stats.catalogue_factories import HOSTILE, small_route

SITE = "https://kunstrettvest.example"
MM = 72 / 25.4
#: The trim sizes in millimetres, and the bleed around them.
TRIM = {CatalogueFormat.A4: (210, 297), CatalogueFormat.TABLOID: (280, 400)}
BLEED = 3


@dataclass(frozen=True)
class Printed:
    a4: bytes
    tabloid: bytes
    printed: list[tuple[int, str]]
    urls: dict[str, str]
    placed: set[int]
    unplaced: set[int]
    #: Whether Pillow still refused cut-off images after WeasyPrint was imported and used.
    strict_after: bool


@pytest.fixture(scope="module")
def printed(app, tmp_path_factory) -> Printed:
    """Build the small route's catalogue in both formats, in a transaction rolled back after.

    A4 is laid out two artists at a time, so the parts are joined (and a heading continues).
    """
    folder = tmp_path_factory.mktemp("catalogue")
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(app.config, "BASE_URL", SITE)
        patch.setitem(app.config, "UPLOAD_FOLDER", str(folder / "uploads"))
        patch.setattr(timeutil, "clock", Clock(FROZEN_NOW))
        huey.immediate, huey.storage = True, None
        with app.app_context(), _rolled_back_at_the_end():
            route = small_route(SITE)
            catalogue = catalogue_for(route.edition)
            write_catalogue(catalogue, page_format=CatalogueFormat.A4, output=folder / "a4.pdf",
                            chunk=2)
            write_catalogue(catalogue, page_format=CatalogueFormat.TABLOID,
                            output=folder / "tabloid.pdf")
            strict = ImageFile.LOAD_TRUNCATED_IMAGES is False
    return Printed(a4=(folder / "a4.pdf").read_bytes(),
                   tabloid=(folder / "tabloid.pdf").read_bytes(), printed=route.printed,
                   urls=route.urls, placed=route.placed, unplaced=route.unplaced,
                   strict_after=strict)


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def pixels(image) -> list[tuple[int, int, int]]:
    return list(getattr(image, "get_flattened_data", image.getdata)())


def rendered(data: bytes, index: int, dpi: int):
    return pypdfium2.PdfDocument(data)[index].render(scale=dpi / 72).to_pil().convert("RGB")


def flat(text: str) -> str:
    """Return text on one line: names wrap in narrow columns."""
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("fmt", ["a4", "tabloid"])
def test_every_artist_is_printed_by_municipality_then_number(printed, fmt):
    artists = flat(" ".join(pages_text(getattr(printed, fmt))[2:]))  # after cover and map
    places = [artists.index(f"{number} {name}") for number, name in printed.printed]
    assert places == sorted(places)  # Lier 1, 2; Bærum 3, 5; Øvre Eiker 4
    assert [n for n, _ in printed.printed] == [1, 2, 3, 5, 4]
    assert f"2 {HOSTILE}" in artists  # printed as typed: text, never markup


def test_each_municipality_heads_its_own_artists(printed):
    pages = [flat(text) for text in pages_text(printed.a4)[2:5]]  # two artists per part
    for page, (heading, numbers) in zip(pages, [("Lier", (1, 2)), ("Bærum", (3, 5)),
                                                 ("Øvre Eiker", (4,))], strict=True):
        assert page.startswith(heading), page[:40]
        names = dict(printed.printed)
        assert all(f"{n} {names[n]}" in page for n in numbers)


def test_the_map_page_holds_the_same_numbers_and_names_the_unplaced(printed):
    text = pages_text(printed.a4)
    assert text[1].startswith("Kart")
    assert "Ikke på kartet (mangler posisjon): 4 Cecilie Dahl" in text[1]
    drawn = re.sub(r"Ikke på kartet.*", "", text[1])  # the map's own labels are left
    numbers = {int(n) for n in re.findall(r"\b\d{1,4}\b", drawn)}
    assert printed.placed <= numbers and not printed.unplaced & numbers
    assert "3, 5" in text[1]  # one dot for the studio the two share
    assert "LIER" in text[1] and "BÆRUM" in text[1]  # the municipalities' labels


def test_the_cover_names_the_edition_dates_route_and_hosts(printed):
    cover = pages_text(printed.a4)[0]
    for words in ("KUNST RETT VEST", "Kunst rett vest 2027", "9.–19. september 2027",
                  "Vertskommuner: Bærum, Lier", "5 kunstnere i 3 kommuner", "Galleri Åsen",
                  "kunstrettvest.example"):
        assert words in cover, words


def test_each_artist_has_disciplines_studio_hours_and_access(printed):
    artists = flat(" ".join(pages_text(printed.a4)[2:]))
    assert "Keramikk, Tegning" in artists
    assert "Atelier i hagen" in artists and "Berg & Sønn" in artists
    assert "lør. 11. sep., søn. 12. sep., lør. 18. sep., søn. 19. sep. · 11–17" in artists
    assert "· 12–16" in artists  # the hostile-named artist's own hours
    assert "Trinnfri inngang: ja" in artists and "Trinnfri inngang: ikke oppgitt" in artists


def test_the_programme_comes_last_day_by_day_with_only_published_events(printed):
    text = pages_text(printed.a4)
    last = text[-1]
    assert "Programmet dag for dag" in last
    assert last.index("Lørdag 11. september") < last.index("Søndag 12. september")
    assert "Kunstnersamtale hos Åse" in last and "(Nr. 1)" in last
    assert "Omvisning i utstillingen" in last and "Galleri Åsen" in last
    assert "Avlyst konsert" not in last and "Utkast til vandring" not in last


def test_the_page_numbers_run_on_across_the_joined_parts(printed):
    text = pages_text(printed.a4)
    assert len(text) == 6  # cover, map, Lier, Bærum, Øvre Eiker, programme
    for number, page in enumerate(text[1:], start=2):
        assert page.rstrip().endswith(str(number)), (number, page[-40:])


@pytest.mark.parametrize("fmt", [CatalogueFormat.A4, CatalogueFormat.TABLOID])
def test_every_page_has_trim_bleed_and_media_boxes(printed, fmt):
    width, height = TRIM[fmt]
    for page in PdfReader(io.BytesIO(getattr(printed, fmt.value))).pages:
        trim = [float(v) for v in page.trimbox]
        media = [float(v) for v in page.mediabox]
        assert trim == pytest.approx([0, 0, width * MM, height * MM], abs=0.05)
        assert media == pytest.approx([-BLEED * MM, -BLEED * MM, (width + BLEED) * MM,
                                       (height + BLEED) * MM], abs=0.05)
        assert [float(v) for v in page.bleedbox] == pytest.approx(media, abs=0.05)


def test_the_fonts_are_embedded_and_extract_as_written(printed):
    reader = PdfReader(io.BytesIO(printed.a4))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            described = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font
                         else font)
            descriptor = described["/FontDescriptor"].get_object()
            fonts[font["/BaseFont"]] = [k for k in descriptor if k.startswith("/FontFile")]
    assert fonts and all(files for files in fonts.values()), fonts
    assert any("DejaVu" in name for name in fonts)
    text = "\n".join(pages_text(printed.a4))
    assert "Åse Bjørnstad" in text and "Ærlig" in text and "Øvre Eiker" in text


def test_the_cover_is_printed_in_colour_to_the_bleed(printed):
    cover = rendered(printed.a4, 0, 30)
    colours = pixels(cover)
    brown = sum(1 for r, g, b in colours if r > 110 and g < 70 and b < 40)
    assert brown / len(colours) > 0.8
    assert cover.getpixel((1, cover.height // 2))[0] > 110  # the colour runs into the bleed


def test_an_artist_page_shows_the_work_and_codes_that_scan_to_the_artists_pages(printed):
    page = rendered(printed.a4, 2, 200)  # Lier: Åse Bjørnstad and the hostile name
    colours = pixels(page.resize((page.width // 4, page.height // 4)))
    red = sum(1 for r, g, b in colours if r > 180 and g < 70 and b < 70)
    blue = sum(1 for r, g, b in colours if b > 180 and r < 70 and g < 70)
    assert red > 200 and blue > 200  # the work's two halves
    found = {barcode.text for barcode in zxingcpp.read_barcodes(page)}
    lier = [url for url in printed.urls.values()][:2]
    assert found == set(lier)
    assert all(url.startswith(f"{SITE}/artists/") for url in found)


def test_making_a_catalogue_leaves_pillow_refusing_cut_off_images(printed):
    assert printed.strict_after
