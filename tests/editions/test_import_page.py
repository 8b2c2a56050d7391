"""Organisers import the artists CSV in the browser: the command's line-numbered report, good
rows kept, nothing half-written if the import breaks, a bounded upload, geocoding as a job."""

import io

import pytest
import sqlalchemy as sa

from kunstrute.editions import importer
from kunstrute.editions.models import Artist, Studio
from kunstrute.geocoding.models import LocationSource
from tests import factories
from tests.conftest import csrf_token

HEADER = "name;email;disciplines;address;postcode;place;municipality;lat;lon;catalogue_no"
GOOD_AND_BAD = [
    HEADER,
    "Åse Ødegård;ase@example.org;keramikk;Søndre vei 1;3400;Lier;Lier;59.78;10.24;1",
    "Bård Ærlig;bard@example.org;maleri;Nordre vei 2;3400;Lier;Lier;;;2",
    "Feil Post;feil-post;maleri;Vei 3;3400;Lier;Lier;;;3",
]


def upload(client, lines, *, year=2027, url="/organiser/editions", encoding="cp1252"):
    page = client.get(url).get_data(as_text=True)
    data = ("\r\n".join(lines) + "\r\n").encode(encoding) if isinstance(lines, list) else lines
    return client.post(url, data={"csrf_token": csrf_token(page), "year": str(year),
                                  "file": (io.BytesIO(data), "artists.csv")},
                       content_type="multipart/form-data")


@pytest.fixture
def lier_2027(db):
    factories.municipality("Lier")
    edition = factories.edition(2027)
    db.session.commit()
    return edition


def test_an_upload_with_a_bad_row_imports_the_good_rows_and_names_the_bad_line(
        client, db, login_as, lier_2027):
    login_as("organiser")
    response = upload(client, GOOD_AND_BAD)
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "2 nye, 0 oppdatert, 0 uendret, 1 avvist" in text
    assert "linje 4: avvist:" in text and "feil-post" in text
    names = db.session.scalars(sa.select(Artist.name).order_by(Artist.name)).all()
    assert names == ["Bård Ærlig", "Åse Ødegård"]


def test_the_new_address_is_placed_by_a_job_not_left_unplaced(client, db, login_as, lier_2027):
    login_as("organiser")
    text = upload(client, GOOD_AND_BAD).get_data(as_text=True)
    assert "1 ny adresse plasseres på kartet" in text
    studio = db.session.scalar(sa.select(Studio).where(Studio.address == "Nordre vei 2"))
    assert studio.lat is not None and studio.location_source == LocationSource.GAZETTEER


def test_an_import_that_breaks_midway_leaves_nothing_written(client, db, login_as, lier_2027,
                                                             monkeypatch):
    login_as("organiser")

    def broken(edition):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(importer, "_number_the_unnumbered", broken)
    with pytest.raises(RuntimeError):
        upload(client, GOOD_AND_BAD)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Artist.id))) == 0


def test_a_file_too_large_is_refused_with_a_clear_message(client, db, login_as, lier_2027, app):
    login_as("organiser")
    limit = app.config["IMPORT_MAX_BYTES"]
    response = upload(client, HEADER.encode() + b"\r\n" + b"x" * (limit + 100 * 1024))
    assert response.status_code == 413
    assert "Filen er større enn 2 MB" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Artist.id))) == 0


def test_an_unusable_file_is_refused_at_the_field(client, db, login_as, lier_2027):
    login_as("organiser")
    response = upload(client, b"")
    assert response.status_code == 400
    assert 'class="error"' in response.get_data(as_text=True)


def test_the_organiser_home_links_to_the_import(client, db, login_as, lier_2027):
    login_as("organiser")
    assert 'href="/organiser/editions"' in client.get("/organiser/").get_data(as_text=True)
