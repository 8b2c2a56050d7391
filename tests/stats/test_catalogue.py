"""The printed catalogue's content and map, without laying out a PDF: the order, what each
artist shows, the numbers on the map (the web map's), the programme, and what stops a build."""

import re
from dataclasses import replace

import pytest
from PIL import Image

from kunstrute.guide.services import map_studios
from kunstrute.stats.catalogue import Entry, catalogue_for
from kunstrute.stats.catalogue_build import CatalogueProblem, check
from kunstrute.stats.catalogue_map import map_svg, pins
from kunstrute.stats.catalogue_pdf import PAPERS, parts, prepare_image
from kunstrute.stats.models import CatalogueFormat
from tests.editions.factories import edition, participant
from tests.stats.catalogue_factories import HOSTILE, small_route, work

SITE = "https://kunstrettvest.example"


@pytest.fixture(autouse=True)
def base_url(app, monkeypatch):
    monkeypatch.setitem(app.config, "BASE_URL", SITE)


def test_the_artists_come_by_municipality_then_number_with_what_the_page_shows(db):
    route = small_route(SITE)
    catalogue = catalogue_for(route.edition)
    assert [(e.number, e.name) for e in catalogue.entries] == route.printed
    assert catalogue.municipalities == ["Lier", "Bærum", "Øvre Eiker"]
    first, hostile = catalogue.entries[:2]
    assert first.disciplines == ("ceramics", "drawing")
    assert re.fullmatch(r"Gata \d+, 3400 Lier", first.address)
    assert first.studio_name == "Atelier i hagen"
    assert dict(first.access)["wheelchair_access"] is True
    assert first.url == f"{SITE}/artists/{first.slug}"  # from BASE_URL, as the QR code holds
    assert first.image_key and first.image_size == (800, 600)
    assert len(first.days) == 4 and f"{first.opens_at:%H}-{first.closes_at:%H}" == "11-17"
    assert hostile.own_opening and f"{hostile.opens_at:%H}-{hostile.closes_at:%H}" == "12-16"
    assert catalogue.hosts == ["Bærum", "Lier"]
    assert set(catalogue.places) == {"Lier", "Bærum", "Øvre Eiker"}


def test_the_programme_has_the_published_events_by_day(db):
    catalogue = catalogue_for(small_route(SITE).edition)
    days = [(day.isoformat(), [item.title for item in items])
            for day, items in catalogue.programme]
    assert days == [("2027-09-11", ["Kunstnersamtale hos Åse"]),
                    ("2027-09-12", ["Omvisning i utstillingen"])]
    talk = catalogue.programme[0][1][0]
    assert talk.numbers == (1,) and f"{talk.starts_at:%H:%M}" == "13:00"  # Oslo time


def test_the_map_has_the_web_maps_numbers_one_dot_per_studio_and_escaped_labels(db):
    catalogue = catalogue_for(small_route(SITE).edition)
    assert [p.numbers for p in pins(catalogue.entries)] == [(1,), (2,), (3, 5)]
    svg = str(map_svg(catalogue.entries, places={HOSTILE: (59.8, 10.3)},
                      exhibition=(59.7, 10.2), exhibition_label="U", width=180, height=220))
    labels = re.findall(r">([^<]+)</text>", svg)
    assert {"1", "2", "3, 5", "U"} <= set(labels)
    assert "4" not in labels  # no position: listed under the map instead
    assert "&lt;B&gt;ÆRLIG&lt;/B&gt; &amp; &#34;ØVRE&#34;" in svg and "<B>" not in svg
    assert svg.count("<circle") == 3


def test_the_numbers_are_the_web_maps_for_the_same_artists(db):
    found = small_route(SITE).edition
    printed = {(e.number, e.slug, e.name) for e in catalogue_for(found).entries}
    assert printed == {(s.catalogue_no, s.slug, s.name) for s in map_studios(found)}


def test_a_route_of_thousands_still_fits_the_map():
    entries = [Entry(number=n, name=f"A{n}", slug=f"a{n}", disciplines=(), municipality="X",
                     studio_id=n, studio_name=None, address=None, lat=59 + (n % 60) / 50,
                     lon=9.5 + (n // 60) / 40, days=(), opens_at=None, closes_at=None,
                     own_opening=False, access=(), url="")
               for n in range(1, 3001)]
    svg = str(map_svg(entries, places={}, exhibition=None, exhibition_label="U", width=252,
                      height=330))
    assert svg.count("<circle") == 3000
    coordinates = [float(v) for v in re.findall(r'c[xy]="([\d.]+)"', svg)]
    assert min(coordinates) >= 0 and max(coordinates) <= 330


def test_parts_keep_the_order_and_say_when_a_municipality_continues(db):
    catalogue = catalogue_for(small_route(SITE).edition)
    found = list(parts(catalogue, chunk=3))
    assert [p.kind for p in found] == ["front", "artists", "artists", "programme"]
    assert [e.number for p in found for e in p.entries] == [1, 2, 3, 5, 4]
    assert found[2].previous.number == 3  # Bærum's second artist starts the next part


def test_a_work_is_prepared_at_300_dpi_for_its_box_and_never_enlarged(db, tmp_path):
    p = participant(edition(), name="Stor")
    work(p, width=2400, height=1000)
    small = participant(p.edition, name="Liten", catalogue_no=99)
    work(small, width=300, height=200)
    entries = {e.name: e for e in catalogue_for(p.edition).entries}
    paper = PAPERS[CatalogueFormat.A4]
    big_url = prepare_image(entries["Stor"], paper, tmp_path)
    with Image.open(tmp_path / big_url.rsplit("/", 1)[-1]) as image:
        box = [round(mm / 25.4 * 300) for mm in paper.image_box]
        assert image.format == "JPEG" and image.width == box[0]  # 88 mm at 300 dpi
        assert image.height <= box[1]
    small_url = prepare_image(entries["Liten"], paper, tmp_path)
    with Image.open(tmp_path / small_url.rsplit("/", 1)[-1]) as image:
        assert image.size == (300, 200)
    assert prepare_image(replace(entries["Stor"], image_key=None), paper, tmp_path) is None


def test_a_build_is_refused_with_what_to_fix(db):
    empty = catalogue_for(edition(2030))
    with pytest.raises(CatalogueProblem, match="ingen antatte kunstnere"):
        check(empty)
    route = small_route(SITE)
    for p in route.edition.participations:
        if p.catalogue_no in (2, 4):
            p.catalogue_no = None
    db.session.flush()
    with pytest.raises(CatalogueProblem) as refused:
        check(catalogue_for(route.edition))
    message = str(refused.value)
    assert message.startswith("2 kunstnere har ikke katalognummer ennå")
    assert HOSTILE in message and "Cecilie Dahl" in message and "«Katalognumre»" in message
