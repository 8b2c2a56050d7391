"""Editions are drafts until an organiser publishes them; the public site shows the latest
published one."""

from datetime import datetime

import sqlalchemy as sa

from kunstrute.editions.models import Edition
from kunstrute.editions.services import publish_edition, unpublish_edition
from tests import factories
from tests.conftest import csrf_token


def this_year_with_one_artist(db):
    edition = factories.edition(2026)
    factories.participant(edition, name="Åse Bjørnstad")
    db.session.commit()
    return edition


def test_next_years_draft_leaves_the_public_site_on_this_year(runner, client, db):
    this_year_with_one_artist(db)
    result = runner.invoke(args=["edition", "2027"])
    assert result.exit_code == 0, result.output
    assert "Edition 2027 is a draft" in result.output
    assert "edition 2027 --publish" in result.output
    front = client.get("/").get_data(as_text=True)
    assert "Kunst rett vest 2026" in front and "Kunstrunden 2027" not in front
    assert "Åse Bjørnstad" in client.get("/artists").get_data(as_text=True)

    published = runner.invoke(args=["edition", "2027", "--publish"])
    assert "Edition 2027 is published" in published.output
    front = client.get("/").get_data(as_text=True)
    assert "Kunstrunden 2027" in front and "Kunst rett vest 2026" not in front


def test_an_organiser_publishes_from_the_home_page(client, db, login_as):
    this_year_with_one_artist(db)
    factories.edition(2027, published=False, title="Kunst rett vest 2027")
    db.session.commit()
    login_as("organiser")
    home = client.get("/organiser/").get_data(as_text=True)
    assert "Kunst rett vest 2027 (utkast)" in home  # the newest, draft or not
    assert "utkast: ikke på de offentlige sidene" in home
    assert "publisert (på de offentlige sidene)" in home
    assert "Publiser 2027" in home and "Gjør 2026 til utkast" in home
    assert "Kunst rett vest 2026" in client.get("/").get_data(as_text=True)

    response = client.post("/organiser/editions/2027/publish",
                           data={"csrf_token": csrf_token(home)})
    assert response.status_code == 302
    assert "Kunst rett vest 2027 er publisert." in client.get(
        response.headers["Location"]).get_data(as_text=True)
    front = client.get("/").get_data(as_text=True)
    assert "Kunst rett vest 2027" in front and "Kunst rett vest 2026" not in front

    client.post("/organiser/editions/2027/unpublish", data={"csrf_token": csrf_token(home)})
    assert "Kunst rett vest 2026" in client.get("/").get_data(as_text=True)
    picked = client.get("/organiser/?year=2026").get_data(as_text=True)
    assert "Åse Bjørnstad" in picked  # an older edition's artists, picked from the list


def test_publishing_needs_an_organiser_and_the_form_token(client, db, login_as):
    factories.edition(2027, published=False)
    db.session.commit()
    anonymous = client.post("/organiser/editions/2027/publish")
    assert anonymous.status_code in (302, 400)
    login_as("juror")
    page = client.get("/").get_data(as_text=True)
    refused = client.post("/organiser/editions/2027/publish",
                          data={"csrf_token": csrf_token(page)})
    assert refused.status_code == 403
    assert db.session.scalar(sa.select(Edition.published_at)) is None


def test_publish_keeps_the_first_time_and_unpublish_makes_a_draft(db):
    edition = factories.edition(2027, published=False)
    first = datetime(2027, 3, 1, 12)
    assert publish_edition(edition=edition, now=first) is True
    assert publish_edition(edition=edition, now=datetime(2027, 4, 1)) is False
    assert edition.published_at == first
    assert unpublish_edition(edition=edition) is True and not edition.is_published


def test_import_artists_creating_an_edition_leaves_it_a_draft(runner, db, app, tmp_path):
    factories.region(app.config["DATA_DIR"])
    db.session.commit()
    path = tmp_path / "artists.csv"
    path.write_text("name,email,disciplines,address,postcode,place,municipality,lat,lon\n"
                    "Åse Ødegård,ase@example.org,glass,Vei 1,3400,Lier,Lier,59.78,10.24\n",
                    encoding="utf-8")
    result = runner.invoke(args=["import-artists", str(path), "--edition", "2031"])
    assert result.exit_code == 0, result.output
    assert "Created the edition 2031. Edition 2031 is a draft" in result.output
    assert db.session.scalar(sa.select(Edition.published_at)) is None


def test_publishing_is_recorded_in_the_audit_log(client, db, login_as):
    import sqlalchemy as sa

    from kunstrute.audit.models import AuditEntry

    draft = factories.edition(2031, published=False)
    db.session.commit()
    organiser = login_as("organiser")
    page = client.get("/organiser/")
    client.post("/organiser/editions/2031/publish",
                data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    entry = db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.action == "edition.published")).one()
    assert (entry.actor_id, entry.object_id, entry.detail) == (organiser.id, draft.id, "2031")
