"""A title with a line break, stored before the form refused one, breaks no feed or e-mail."""

from datetime import datetime

from icalendar import Calendar

from kunstrute.programme import notify
from kunstrute.programme.registrations import register
from tests import factories

BEFORE_THE_ROUTE = datetime(2027, 9, 1, 12, 0)  # naive UTC, as "now" for sign-ups


def event_titled(db, title, **kwargs):
    found = factories.event(factories.edition(), title=title, **kwargs)
    db.session.commit()
    return found


def test_a_title_with_a_line_break_names_the_calendar_on_one_line(client, db):
    event = event_titled(db, "Jazz\nkveld")
    response = client.get(f"/programme/{event.id}.ics")
    assert response.status_code == 200
    cal = Calendar.from_ical(response.get_data())
    assert str(cal["x-wr-calname"]) == "Jazz kveld"
    assert str(cal.walk("VEVENT")[0]["summary"]) == "Jazz kveld"


def test_a_lone_carriage_return_never_goes_raw_into_a_feed(client, db):
    event = event_titled(db, "Jazz\rkveld", description="Trio.\r\rGratis.")
    for url in (f"/programme/{event.id}.ics", "/programme.ics"):
        body = client.get(url).get_data()
        assert b"\r" not in body.replace(b"\r\n", b""), url  # only the line ends RFC 5545 wants
        summary = str(Calendar.from_ical(body).walk("VEVENT")[0]["summary"])
        assert summary == "Jazz kveld"


def test_the_sign_up_mail_has_a_one_line_subject(db, outbox):
    event = event_titled(db, "Jazz\r\n\u2028kveld", registration_required=True, capacity=5)
    registration, _ = register(event=event, name="Kari", email="kari@example.no",
                               now=BEFORE_THE_ROUTE)
    db.session.commit()
    notify.tell(registration, "registered")
    (message,) = outbox()
    assert message["Subject"] == "Påmeldingen din: Jazz kveld"
    assert message["To"] == "kari@example.no"
