"""Organisers run the programme: create, change, publish, cancel, check in, export."""

import csv
import io
from datetime import timedelta

import pytest
import sqlalchemy as sa

from kunstrute.programme.models import Event, EventStatus, Registration
from kunstrute.programme.registrations import register
from kunstrute.timeutil import to_oslo, utcnow
from tests import factories
from tests.conftest import csrf_token


def form_data(client, url, **values):
    page = client.get(url).get_data(as_text=True)
    data = {"kind": "concert", "title": "Jazz i atelieret", "description": "Trio Berger.",
            "day": "2027-09-11", "starts": "16:00", "ends": "17:00", "venue_kind": "exhibition",
            "studio_id": "0", "language": "nb", "capacity": "", "series": "",
            "csrf_token": csrf_token(page)}
    data.update(values)
    return data


def test_organiser_creates_an_event_in_oslo_time(client, db, login_as):
    factories.edition()
    db.session.commit()
    login_as("organiser")
    response = client.post("/organiser/programme/new",
                           data=form_data(client, "/organiser/programme/new"))
    assert response.status_code == 302
    event = db.session.scalar(sa.select(Event))
    assert event.title == "Jazz i atelieret" and event.status == EventStatus.DRAFT
    assert to_oslo(event.starts_at).strftime("%Y-%m-%d %H:%M") == "2027-09-11 16:00"
    assert event.starts_at.hour == 14  # stored in UTC (CEST is UTC+2)


@pytest.mark.parametrize("values, field, message", [
    ({"ends": "15:00"}, "ends", "slutte etter at det starter"),
    ({"title": ""}, "title", "Gi arrangementet en tittel"),
    ({"venue_kind": "studio"}, "studio_id", "Velg atelieret"),
    ({"venue_kind": "address", "address": " "}, "address", "Skriv adressen"),
    ({"capacity": "-3"}, "capacity", "fra 0 og oppover"),
    ({"title": "Jazz\r\ni atelieret"}, "title", "Skriv tittelen på én linje"),
    ({"title": "Jazz\ri atelieret"}, "title", "Skriv tittelen på én linje"),
    ({"title": "Jazz\u2028i atelieret"}, "title", "Skriv tittelen på én linje"),
])
def test_bad_events_are_refused_at_the_field_and_nothing_is_saved(client, db, login_as, values,
                                                                  field, message):
    factories.edition()
    db.session.commit()
    login_as("organiser")
    data = form_data(client, "/organiser/programme/new", **values)
    response = client.post("/organiser/programme/new", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'id="{field}-error"' in html and message in html
    assert 'value="Trio Berger.' in html or "Trio Berger." in html  # what was typed is kept
    assert db.session.scalar(sa.select(sa.func.count(Event.id))) == 0


def test_a_venue_booked_twice_is_saved_with_a_warning(client, db, login_as):
    edition = factories.edition()
    factories.event(edition, title="Omvisning", starts_at=to_utc_local("2027-09-11 15:30"))
    db.session.commit()
    login_as("organiser")
    client.post("/organiser/programme/new", data=form_data(client, "/organiser/programme/new"))
    html = client.get("/organiser/programme/").get_data(as_text=True)
    assert "Omvisning er på samme sted" in html
    assert db.session.scalar(sa.select(sa.func.count(Event.id))) == 2


def to_utc_local(text):
    from datetime import datetime

    from kunstrute.timeutil import to_utc

    return to_utc(datetime.fromisoformat(text))


def published_tour_with_people(edition, people=2, capacity=5):
    event = factories.event(edition, title="Atelierbuss", registration_required=True,
                            capacity=capacity,
                            starts_at=utcnow().replace(second=0, microsecond=0) + timedelta(days=5))
    for n in range(people):
        register(event=event, name=f"Person {n}", email=f"p{n}@example.no")
    return event


def test_moving_a_published_event_tells_everyone_registered(client, db, login_as, outbox):
    edition = factories.edition()
    event = published_tour_with_people(edition)
    db.session.commit()
    login_as("organiser")
    url = f"/organiser/programme/{event.id}/edit"
    day = to_oslo(event.starts_at).date().isoformat()
    data = form_data(client, url, kind="guided_tour", title="Atelierbuss", day=day,
                     starts="09:00", ends="15:00", registration_required="y", capacity="5")
    assert client.post(url, data=data).status_code == 302
    mails = outbox()
    assert sorted(m["To"] for m in mails) == ["p0@example.no", "p1@example.no"]
    assert all(m["Subject"] == "Endret tid eller sted: Atelierbuss" for m in mails)
    assert "09:00" in mails[0].get_content()
    db.session.refresh(event)
    assert event.sequence == 1


def test_raising_capacity_promotes_the_waiting_list(client, db, login_as, outbox):
    edition = factories.edition()
    event = published_tour_with_people(edition, people=3, capacity=1)
    db.session.commit()
    login_as("organiser")
    url = f"/organiser/programme/{event.id}/edit"
    day = to_oslo(event.starts_at).date().isoformat()
    start = to_oslo(event.starts_at).strftime("%H:%M")
    end = to_oslo(event.ends_at).strftime("%H:%M")
    client.post(url, data=form_data(client, url, kind="guided_tour", title="Atelierbuss",
                                    day=day, starts=start, ends=end,
                                    registration_required="y", capacity="3"))
    assert sorted(m["To"] for m in outbox()) == ["p1@example.no", "p2@example.no"]
    assert all("Du har fått plass" in m["Subject"] for m in outbox())


def test_cancelling_an_event_tells_the_registered(client, db, login_as, outbox):
    edition = factories.edition()
    event = published_tour_with_people(edition)
    db.session.commit()
    login_as("organiser")
    page = client.get("/organiser/programme/").get_data(as_text=True)
    client.post(f"/organiser/programme/{event.id}/status",
                data={"status": "cancelled", "csrf_token": csrf_token(page)})
    assert [m["Subject"] for m in outbox()] == ["Avlyst: Atelierbuss"] * 2
    assert 'tag--alert">Avlyst<' in client.get("/programme").get_data(as_text=True)
    db.session.refresh(event)
    assert event.status == EventStatus.CANCELLED


def test_check_in_and_csv_export(client, db, login_as):
    edition = factories.edition()
    event = published_tour_with_people(edition, people=2, capacity=1)
    db.session.commit()
    login_as("organiser")
    people = db.session.scalars(sa.select(Registration).order_by(Registration.id)).all()
    page = client.get(f"/organiser/programme/{event.id}/registrations").get_data(as_text=True)
    assert "Person 0" in page and "Person 1" in page
    url = f"/organiser/programme/{event.id}/registrations/{people[0].id}/check-in"
    client.post(url, data={"present": "1", "csrf_token": csrf_token(page)})
    waiting = f"/organiser/programme/{event.id}/registrations/{people[1].id}/check-in"
    client.post(waiting, data={"present": "1", "csrf_token": csrf_token(page)})
    db.session.expire_all()
    assert people[0].checked_in_at is not None and people[1].checked_in_at is None
    export = client.get(f"/organiser/programme/{event.id}/registrations.csv")
    text = export.get_data(as_text=True)
    assert export.headers["Content-Type"] == "text/csv; charset=utf-8"  # one charset, not two
    assert text.startswith("\ufeffname,email,status")
    assert "Person 0,p0@example.no,confirmed" in text and "p1@example.no,waitlisted" in text


@pytest.mark.parametrize("role", ["artist", "juror"])
def test_only_organisers_change_events(client, db, login_as, role):
    event = published_tour_with_people(factories.edition(), people=1)
    db.session.commit()
    login_as(role)
    token = csrf_token(client.get("/").get_data(as_text=True))  # the sign-out form's token
    person = db.session.scalar(sa.select(Registration))
    assert client.post(f"/organiser/programme/{event.id}/status",
                       data={"status": "cancelled", "csrf_token": token}).status_code == 403
    assert client.post(f"/organiser/programme/{event.id}/registrations/{person.id}/check-in",
                       data={"present": "1", "csrf_token": token}).status_code == 403


def test_a_new_event_can_repeat_on_more_days_as_one_series(client, db, login_as):
    factories.edition()
    db.session.commit()
    login_as("organiser")
    data = form_data(client, "/organiser/programme/new", kind="guided_tour", title="Omvisning")
    data["also_on"] = ["2027-09-12", "2027-09-18", "2027-09-11"]  # the first day is not doubled
    assert client.post("/organiser/programme/new", data=data).status_code == 302
    events = db.session.scalars(sa.select(Event).order_by(Event.starts_at)).all()
    assert [to_oslo(e.starts_at).strftime("%d %H:%M") for e in events] == [
        "11 16:00", "12 16:00", "18 16:00"]
    assert {e.series for e in events} == {"Omvisning"}


def test_the_export_never_hands_a_spreadsheet_a_formula(client, db, login_as):
    edition = factories.edition()
    event = factories.event(edition, registration_required=True, capacity=5)
    for name in ("=HYPERLINK(\"https://evil.example\",\"x\")", "+47 123", "-1", "@SUM(1)", "Åse"):
        register(event=event, name=name, email=f"{len(name)}-{name[:1]}@example.no")
    db.session.commit()
    login_as("organiser")
    text = client.get(f"/organiser/programme/{event.id}/registrations.csv").get_data(as_text=True)
    names = [row["name"] for row in csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))]
    assert sorted(names) == sorted(["'=HYPERLINK(\"https://evil.example\",\"x\")", "'+47 123",
                                    "'-1", "'@SUM(1)", "Åse"])
