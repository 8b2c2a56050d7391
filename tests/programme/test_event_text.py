"""How an event's date and description read on its page, in both languages."""

from datetime import datetime

from tests import factories


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
