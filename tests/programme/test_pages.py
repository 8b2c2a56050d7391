"""The public programme, an event page, signing up and cancelling, as a visitor does it."""

import re
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from kunstrute.programme.models import Registration, RegistrationStatus
from kunstrute.programme.queries import programme, published_events
from kunstrute.timeutil import to_oslo, utcnow
from tests import factories
from tests.conftest import csrf_token


def live_edition():
    """An edition that is on right now (so 'today', 'now' and 'next' apply)."""
    today = to_oslo(utcnow()).date()
    return factories.edition(starts_on=today - timedelta(days=2), ends_on=today + timedelta(days=8))


def test_programme_lists_events_by_day_with_now_and_next(client, db):
    edition = live_edition()
    now = utcnow()
    factories.event(edition, title="Konsert nå", kind="concert",
                    starts_at=now - timedelta(minutes=10))
    factories.event(edition, title="Samtale snart", kind="artist_talk",
                    starts_at=now + timedelta(hours=2))
    factories.event(edition, title="Vandring i går", kind="historical_walk",
                    starts_at=now - timedelta(days=1, hours=3))
    factories.event(edition, title="Utkast", status="draft", starts_at=now + timedelta(hours=3))
    db.session.commit()
    html = client.get("/programme").get_data(as_text=True)
    assert "Konsert nå" in html and "Samtale snart" in html and "Utkast" not in html
    assert html.index("I dag") < html.index("Konsert nå")  # today comes first
    earlier = html.index("Tidligere dager")
    assert html.index("Samtale snart") < earlier < html.index("Vandring i går")
    assert 'flag--now">Nå<' in html and 'flag--next">Neste<' in html


def test_programme_filters_by_kind_and_day(client, db):
    edition = factories.edition()
    first = datetime.combine(edition.starts_on, datetime.min.time()) + timedelta(hours=16)
    factories.event(edition, title="Jazzkveld", kind="concert", starts_at=first)
    factories.event(edition, title="Omvisning", kind="guided_tour",
                    starts_at=first + timedelta(days=2))
    db.session.commit()
    by_kind = client.get("/programme?kind=concert").get_data(as_text=True)
    assert "Jazzkveld" in by_kind and "Omvisning</a>" not in by_kind
    day = (edition.starts_on + timedelta(days=2)).isoformat()
    by_day = client.get(f"/programme?day={day}").get_data(as_text=True)
    assert "Omvisning</a>" in by_day and "Jazzkveld" not in by_day
    junk = client.get("/programme?kind=<script>&day=yesterday")
    assert junk.status_code == 200 and "Jazzkveld" in junk.get_data(as_text=True)


def test_empty_programme_says_so(client, db):
    assert "Ingen kunstrunde er publisert ennå" in client.get("/programme").get_data(as_text=True)
    factories.edition()
    db.session.commit()
    assert "ikke publisert ennå" in client.get("/programme").get_data(as_text=True)


def test_programme_service_orders_today_first_only_while_the_route_is_on(db):
    edition = factories.edition()
    events = published_events(edition)
    before = programme(edition, events, now=datetime(2027, 8, 1, 10))
    during = programme(edition, events, now=datetime(2027, 9, 14, 10))
    assert before.days[0].day == date(2027, 9, 9) and before.earlier == []
    assert during.days[0].day == date(2027, 9, 14) and during.days[0].is_today
    assert [d.day for d in during.earlier] == [date(2027, 9, d) for d in range(9, 14)]


def test_drafts_are_not_found_and_hostile_titles_are_text(client, db):
    edition = factories.edition()
    draft = factories.event(edition, status="draft")
    shown = factories.event(edition, title="<script>alert(1)</script>",
                            description="<img src=x onerror=alert(2)>")
    db.session.commit()
    assert client.get(f"/programme/{draft.id}").status_code == 404
    html = client.get(f"/programme/{shown.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<img src=x" not in html


def future_tour(capacity=1):
    edition = factories.edition()
    return factories.event(edition, starts_at=utcnow() + timedelta(days=2), capacity=capacity,
                           registration_required=True, title="Atelierbuss")


def sign_up(client, event, name, email):
    page = client.get(f"/programme/{event.id}").get_data(as_text=True)
    return client.post(f"/programme/{event.id}/register", data={
        "name": name, "email": email, "csrf_token": csrf_token(page)})


def confirm_from_mail(client, message) -> str:
    """Open the link in a sign-up's e-mail and press its button; return the page's path."""
    link = re.search(r"/programme/registrations/[\w-]+", message.get_content()).group(0)
    client.post(link + "/confirm", data={
        "csrf_token": csrf_token(client.get(link).get_data(as_text=True))})
    return link


def test_signing_up_confirms_by_mail_and_cancelling_promotes_the_next(client, db, outbox):
    event = future_tour(capacity=1)
    db.session.commit()
    first = sign_up(client, event, "Kari Nordmann", "kari@example.no")
    assert first.status_code == 302 and "/programme/registrations/" not in first.headers[
        "Location"]
    kari = confirm_from_mail(client, outbox()[-1])
    assert "Du har plass" in client.get(kari).get_data(as_text=True)
    sign_up(client, event, "Ola Nordmann", "ola@example.no")
    ola = confirm_from_mail(client, outbox()[-1])
    assert "nummer 1 på ventelisten" in client.get(ola).get_data(as_text=True)
    mails = outbox()
    assert [m["To"] for m in mails] == ["kari@example.no"] * 2 + ["ola@example.no"] * 2
    assert mails[1]["Subject"] == "Påmeldingen din: Atelierbuss"
    assert kari in mails[1].get_content()  # the e-mail carries the way to cancel
    page = client.get(kari).get_data(as_text=True)
    client.post(kari + "/cancel", data={"csrf_token": csrf_token(page)})
    assert "er avmeldt" in client.get(kari).get_data(as_text=True)
    promoted = outbox()[-1]
    assert promoted["To"] == "ola@example.no" and "Du har fått plass" in promoted["Subject"]
    statuses = dict(db.session.execute(sa.select(Registration.email, Registration.status)).all())
    assert statuses == {"kari@example.no": RegistrationStatus.CANCELLED,
                        "ola@example.no": RegistrationStatus.CONFIRMED}


def test_a_bad_email_is_named_and_the_name_kept(client, db, outbox):
    event = future_tour()
    db.session.commit()
    response = sign_up(client, event, "Kari Nordmann", "kari-at-example")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'aria-invalid="true"' in html and "ikke en e-postadresse" in html
    assert 'value="Kari Nordmann"' in html
    assert outbox() == [] and db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


def test_signing_up_twice_does_not_reveal_the_link(client, db, outbox):
    event = future_tour(capacity=5)
    db.session.commit()
    sign_up(client, event, "Kari", "kari@example.no")
    again = sign_up(client, event, "Someone else", "KARI@example.no")
    assert again.headers["Location"].endswith(f"/programme/{event.id}")
    assert [m["To"] for m in outbox()] == ["kari@example.no", "kari@example.no"]
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 1


def test_past_and_unknown_registrations(client, db):
    event = future_tour()
    event.starts_at = utcnow() - timedelta(hours=2)
    db.session.commit()
    html = client.get(f"/programme/{event.id}").get_data(as_text=True)
    assert "påmeldingen er stengt" in html and 'name="email"' not in html
    token = csrf_token(client.get(f"/programme/{future_tour().id}").get_data(as_text=True))
    late = client.post(f"/programme/{event.id}/register", data={
        "name": "Kari", "email": "kari@example.no", "csrf_token": token})
    assert late.status_code == 409 and "påmeldingen er stengt" in late.get_data(as_text=True)
    assert client.get("/programme/registrations/not-a-token").status_code == 404


def test_an_event_that_asks_a_question_gets_the_answer(client, db, login_as):
    event = future_tour(capacity=5)
    event.question = "Allergier?"
    db.session.commit()
    page = client.get(f"/programme/{event.id}").get_data(as_text=True)
    assert '<label for="answer">Allergier?</label>' in page
    client.post(f"/programme/{event.id}/register", data={
        "name": "Kari", "email": "kari@example.no", "answer": "Nøtter",
        "csrf_token": csrf_token(page)})
    assert db.session.scalar(sa.select(Registration.answer)) == "Nøtter"
    login_as("organiser")
    export = client.get(f"/organiser/programme/{event.id}/registrations.csv")
    assert export.get_data(as_text=True).splitlines()[1].endswith(",Nøtter")


def test_without_a_question_only_name_and_email_are_asked(client, db):
    event = future_tour()
    db.session.commit()
    page = client.get(f"/programme/{event.id}").get_data(as_text=True)
    assert 'name="answer"' not in page
    form = page[page.index('<form class="form"'):]
    form = form[:form.index("</form>")]
    assert set(re.findall(r'name="(\w+)"', form)) == {"csrf_token", "name", "email"}
