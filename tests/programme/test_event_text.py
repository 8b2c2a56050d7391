"""How an event's date and description read on its page, in both languages."""

from datetime import datetime

import sqlalchemy as sa

from kunstrute.programme.models import Event
from tests import factories
from tests.programme.test_admin import form_data


def in_english(client):
    client.get("/lang/en")  # sets the language cookie, as the switch in the header does


def concert(db, **kwargs):
    edition = factories.edition()
    found = factories.event(edition, title="Jazzkveld", kind="concert",
                            starts_at=datetime(2027, 9, 9, 16, 0), **kwargs)  # 18:00 in Oslo
    db.session.commit()
    return found


def test_english_dates_keep_their_capitals_and_bokmal_its_lower_case(client, db):
    event = concert(db)
    norwegian = client.get(f"/programme/{event.id}").get_data(as_text=True)
    assert "Torsdag 9. september, 18:00" in norwegian
    in_english(client)
    english = client.get(f"/programme/{event.id}").get_data(as_text=True)
    assert "Thursday 9 September, 18:00" in english
    programme = client.get("/programme").get_data(as_text=True)
    assert "Thursday 9 September" in programme and "september" not in programme


def test_blank_lines_typed_in_a_browser_make_paragraphs(client, db):
    typed = "Trio Berger spiller.\r\n\r\nGratis inngang.\r\n  \r\nVelkommen!"
    event = concert(db, description=typed)
    html = client.get(f"/programme/{event.id}").get_data(as_text=True)
    assert "<p>Trio Berger spiller.</p><p>Gratis inngang.</p><p>Velkommen!</p>" in html


def test_an_organiser_s_description_is_stored_with_plain_line_ends(client, db, login_as):
    factories.edition()
    db.session.commit()
    login_as("organiser")
    url = "/organiser/programme/new"
    client.post(url, data=form_data(client, url, description="En.\r\n\r\nTo.\rTre."))
    stored = db.session.scalar(sa.select(Event))
    assert stored.description == "En.\n\nTo.\nTre."
