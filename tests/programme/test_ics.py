"""Calendar feeds that calendar apps accept and update instead of duplicating."""

from datetime import datetime

from icalendar import Calendar

from kunstrute.demo import load_demo
from kunstrute.editions.queries import geocoder_chain
from tests import factories


def parse(response):
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    return Calendar.from_ical(response.get_data())


def test_feed_has_every_public_event_in_oslo_time(client, db):
    edition = factories.edition()
    factories.event(edition, title="Konsert; med, tegn", kind="concert",
                    starts_at=datetime(2027, 9, 10, 17, 0), minutes=90)  # 19:00 in Oslo
    factories.event(edition, title="Avlyst vandring", status="cancelled")
    factories.event(edition, title="Hemmelig utkast", status="draft")
    db.session.commit()
    cal = parse(client.get("/programme.ics"))
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"Konsert; med, tegn", "Avlyst vandring"}
    concert = events["Konsert; med, tegn"]
    start = concert.decoded("dtstart")
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Oslo"
    assert (start.hour, start.minute) == (19, 0)
    assert concert["dtstart"].params["TZID"] == "Europe/Oslo"
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert str(events["Avlyst vandring"]["status"]) == "CANCELLED"
    assert str(concert["url"]).startswith("http://localhost/programme/")
    assert b"Konsert\\; med\\, tegn" in client.get("/programme.ics").get_data()  # RFC 5545 escaping


def test_a_changed_event_keeps_its_uid_and_raises_its_sequence(client, db, login_as):
    from kunstrute.programme.services import save_event

    edition = factories.edition()
    event = factories.event(edition, title="Omvisning")
    db.session.commit()
    before = parse(client.get(f"/programme/{event.id}.ics")).walk("VEVENT")[0]
    save_event(edition=edition, event=event, title="Omvisning med kaffe")
    db.session.commit()
    after = parse(client.get(f"/programme/{event.id}.ics")).walk("VEVENT")[0]
    assert after["uid"] == before["uid"]
    assert int(after["sequence"]) == int(before["sequence"]) + 1
    assert str(after["summary"]) == "Omvisning med kaffe"


def test_feeds_for_unknown_or_draft_events_are_not_found(client, db):
    assert client.get("/programme.ics").status_code == 404  # no edition yet
    draft = factories.event(factories.edition(), status="draft")
    db.session.commit()
    assert client.get(f"/programme/{draft.id}.ics").status_code == 404
    assert client.get("/programme/999.ics").status_code == 404


def test_the_sample_programme_imports_into_a_calendar_parser(app, client, db):
    load_demo(data_dir=app.config["DATA_DIR"],
              chain_factory=lambda: geocoder_chain(app.config, offline=True))
    db.session.commit()
    cal = parse(client.get("/programme.ics"))
    events = cal.walk("VEVENT")
    assert len(events) == 52
    assert len({str(e["uid"]) for e in events}) == 52
    tours = [e for e in events if "omvisning" in str(e["summary"]).lower()
             or "atelierbuss" in str(e["summary"]).lower() or "tour" in str(e["summary"]).lower()]
    assert len(tours) >= 32
    assert all(e.decoded("dtend") > e.decoded("dtstart") for e in events)


def test_each_event_carries_its_kind_as_a_category_in_the_feed_s_language(client, db):
    edition = factories.edition()
    walk = factories.event(edition, title="Vandring i Lier", kind="historical_walk")
    factories.event(edition, title="Jazzkveld", kind="concert",
                    starts_at=datetime(2027, 9, 10, 17, 0))
    db.session.commit()

    def categories(url):
        return {str(e["summary"]): [str(c) for c in e["categories"].cats]
                for e in parse(client.get(url)).walk("VEVENT")}

    assert categories("/programme.ics") == {"Vandring i Lier": ["Historisk vandring"],
                                            "Jazzkveld": ["Konsert"]}
    assert categories(f"/programme/{walk.id}.ics") == {"Vandring i Lier": ["Historisk vandring"]}
    client.get("/lang/en")
    assert categories("/programme.ics") == {"Vandring i Lier": ["Historical walk"],
                                            "Jazzkveld": ["Concert"]}
    assert "Cookie" in client.get("/programme.ics").headers["Vary"]  # no cache mixes languages
