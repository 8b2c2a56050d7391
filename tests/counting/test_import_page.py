"""Organisers upload counts and sales in the browser: the command's report on the page, a
refused file leaves nothing written."""

import io
from datetime import datetime

import sqlalchemy as sa

from kunstrute.counting.models import CountingSettings, Sale, VisitCount
from tests import factories
from tests.stats.factories import exhibition, studio

URL = "/organiser/counting/2027/import"

def upload(client, kind, text: str):
    page = client.get(URL).get_data(as_text=True)
    token = page[page.index(f'id="{kind}-csrf_token"'):]
    token = token[token.index('value="') + 7:]
    return client.post(URL, data={f"{kind}-csrf_token": token[:token.index('"')],
                                  f"{kind}-submit": "x",
                                  f"{kind}-file": (io.BytesIO(text.encode()), "f.csv")},
                       content_type="multipart/form-data")

def setup(db):
    edition = factories.edition(2027)
    studio(edition, catalogue_no=1)
    exhibition(edition)
    db.session.commit()
    return edition

def test_an_uploaded_counts_file_shows_its_report_with_line_numbers(client, db, login_as):
    setup(db)
    login_as("organiser")
    response = upload(client, "counts", "date,venue,visitors,source\n"
                                        "2027-09-11,1,40,reported\n2027-09-11,7,4,reported\n")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "linje 3: avvist: venue: no artist has catalogue number 7 in 2027" in page
    assert db.session.scalar(sa.select(VisitCount.count)) == 40

def test_an_uploaded_sales_file_is_imported(client, db, login_as):
    setup(db)
    login_as("organiser")
    response = upload(client, "sales", "dato;sted;beløp;verk\n12.09.2027;exhibition;8000;1\n")
    assert response.status_code == 200
    assert db.session.scalar(sa.select(Sale.amount_nok)) == 8000

def test_a_refused_file_is_named_at_its_field_and_nothing_is_kept(client, db, login_as):
    edition = setup(db)
    login_as("organiser")
    wrong = upload(client, "counts", "date,venue,count\n2027-09-11,1,40\n")
    assert wrong.status_code == 400
    assert "lacks the column(s) source, visitors" in wrong.get_data(as_text=True)
    db.session.add(CountingSettings(edition_id=edition.id, locked_at=datetime(2027, 10, 1)))
    db.session.commit()
    locked = upload(client, "counts", "date,venue,visitors,source\n2027-09-11,1,40,reported\n")
    assert locked.status_code == 400 and "are locked" in locked.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(VisitCount.id))) == 0

def test_an_unknown_edition_is_not_found(client, db, login_as):
    login_as("organiser")
    assert client.get("/organiser/counting/1999/import").status_code == 404

