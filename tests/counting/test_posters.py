"""QR posters: a vector code that scans to the check-in address, the number, the name, the
short address from BASE_URL; the organisers' pages and `flask posters` for the print shop."""

import csv
import io

import pypdfium2
import pytest
import segno
import sqlalchemy as sa
import zxingcpp
from pypdf import PdfReader

from kunstrute.audit.models import AuditEntry
from kunstrute.counting.models import Venue
from kunstrute.qrcode import qr_svg
from tests.conftest import csrf_token
from tests.counting.factories import running_edition, venue
from tests.editions.factories import participant

SITE = "https://kunstrettvest.example"
HOSTILE = 'Ærlig <b>Øvre</b> & "Ås"'


@pytest.fixture(autouse=True)
def base_url(app, monkeypatch):
    """Posters print the configured address, whatever host the request came to."""
    monkeypatch.setitem(app.config, "BASE_URL", SITE)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def scanned(data: bytes) -> list[str]:
    """Return what a scanner reads on the PDF's first page, printed at 100 dpi."""
    page = pypdfium2.PdfDocument(data)[0]
    image = page.render(scale=100 / 72).to_pil()
    return [found.text for found in zxingcpp.read_barcodes(image)]


def test_a_poster_has_the_number_the_name_the_address_and_a_vector_code(client, db, login_as,
                                                                         app):
    place = venue(name=HOSTILE, catalogue_no=47)
    db.session.commit()
    login_as("organiser")
    response = client.get(f"/organiser/counting/{place.edition.year}/posters/{place.id}.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    slug = place.participation.artist.slug
    assert f'filename="47-{slug}.pdf"' in response.headers["Content-Disposition"]
    data = response.get_data()
    text = pdf_text(data)
    assert "47" in text and HOSTILE in text  # shown as typed: escaped, never markup
    assert f"kunstrettvest.example/c/{place.code}" in text
    assert "Skann for å si at du var her" in text and "Scan to say you were here" in text
    assert not any(page.images for page in PdfReader(io.BytesIO(data)).pages)  # no bitmap
    assert scanned(data) == [f"{SITE}/c/{place.code}"]


def test_the_code_has_a_quiet_zone_of_four_modules():
    url = f"{SITE}/c/ab3k9x"
    svg = str(qr_svg(url))
    modules = len(segno.make(url, error="m").matrix)
    assert f'viewBox="0 0 {modules + 8} {modules + 8}"' in svg  # 4 light modules each side
    assert 'd="M4,' in svg or 'd="M4 ' in svg  # the dark modules start after them
    assert "<image" not in svg


def test_the_page_lists_codes_only_after_the_organiser_makes_them(client, db, login_as):
    edition = running_edition()
    participant(edition, name=HOSTILE, catalogue_no=3)
    participant(edition, name="Bjørn Berg", catalogue_no=1)
    db.session.commit()
    organiser = login_as("organiser")
    url = f"/organiser/counting/{edition.year}/posters"
    page = client.get(url)
    assert page.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count(Venue.id))) == 0  # a GET writes nothing
    response = client.post(f"{url}/codes", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 302
    venues = db.session.scalars(sa.select(Venue)).all()
    assert len(venues) == 3  # two studios and the exhibition
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "venues.made"))
    assert entry.actor_id == organiser.id and "3" in entry.detail
    listed = client.get(url).text
    assert "Ærlig &lt;b&gt;Øvre&lt;/b&gt; &amp; &#34;Ås&#34;" in listed
    assert listed.index("Bjørn Berg") < listed.index("Ærlig")  # by catalogue number
    for place in venues:
        assert f"kunstrettvest.example/c/{place.code}" in listed
        assert f"{url}/{place.id}.pdf" in listed
    again = client.post(f"{url}/codes", data={"csrf_token": csrf_token(listed)})
    assert again.status_code == 302
    assert {v.code for v in db.session.scalars(sa.select(Venue))} == {v.code for v in venues}


def test_all_posters_in_one_pdf_are_made_by_a_job(client, db, login_as):
    edition = running_edition(exhibition_venue="Galleri Lier")
    participant(edition, name="Bjørn Berg", catalogue_no=1)
    db.session.commit()
    login_as("organiser")
    url = f"/organiser/counting/{edition.year}/posters"
    assert client.get(f"{url}/all.pdf").status_code == 404  # nothing made yet
    page = client.get(url).text
    client.post(f"{url}/codes", data={"csrf_token": csrf_token(page)})
    response = client.post(f"{url}/all", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 302  # the job ran at once (tests run jobs immediately)
    listed = client.get(url).text
    assert f"{url}/all.pdf" in listed and "Being made" not in listed
    data = client.get(f"{url}/all.pdf").get_data()
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    assert "Galleri Lier" in reader.pages[0].extract_text()
    assert "Bjørn Berg" in reader.pages[1].extract_text()


def test_another_editions_venue_is_not_found(client, db, login_as):
    place = venue()
    other = running_edition(2025, starts_on=None, ends_on=None)
    db.session.commit()
    login_as("organiser")
    assert client.get(f"/organiser/counting/{other.year}/posters/{place.id}.pdf"
                      ).status_code == 404
    assert client.get("/organiser/counting/1999/posters").status_code == 404


def test_the_command_writes_a_pdf_per_studio_and_the_print_shops_index(runner, db, tmp_path):
    edition = running_edition()
    first = participant(edition, name="=HYPERLINK(\"http://x\")", catalogue_no=2)
    db.session.commit()
    out = tmp_path / "print"
    result = runner.invoke(args=["posters", str(edition.year), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 posters" in result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([f"2-{first.artist.slug}.pdf", "exhibition.pdf", "index.csv"])
    rows = list(csv.DictReader(io.StringIO(
        (out / "index.csv").read_text(encoding="utf-8-sig"))))
    studio = next(r for r in rows if r["catalogue_no"] == "2")
    assert studio["name"].startswith("'=")  # a spreadsheet shows it, never runs it
    code = db.session.scalar(sa.select(Venue.code).where(Venue.participation_id == first.id))
    assert studio["checkin_url"] == f"{SITE}/c/{code}"
    assert {r["catalogue_no"] for r in rows} == {"2", "exhibition"}
    assert scanned((out / f"2-{first.artist.slug}.pdf").read_bytes()) == [
        f"{SITE}/c/{code}"]


def test_the_command_refuses_an_unknown_year(runner, db, tmp_path):
    result = runner.invoke(args=["posters", "1999", "--output", str(tmp_path)])
    assert result.exit_code == 2
    assert "no edition 1999" in result.output
