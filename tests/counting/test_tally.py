"""The tally's batches: one batch id counts once however often the phone sends it; a batch
out of bounds or for another day is refused; a locked edition answers 409."""

import sqlalchemy as sa

from kunstrute.counting.models import CountSource, TallyBatch, VisitCount
from kunstrute.counting.venues import settings_for
from kunstrute.timeutil import utcnow
from tests.conftest import csrf_token
from tests.counting.report_factories import OPEN_DAYS, TODAY, open_edition, studio

BATCH = "5b0f6d2e-8c1a-4d4e-9f7b-0a1b2c3d4e5f"


def counted(db, venue) -> int:
    return db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(VisitCount.count), 0))
                             .where(VisitCount.venue_id == venue.id,
                                    VisitCount.source == CountSource.REPORTED))


def page_token(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return html.split('data-csrf="')[1].split('"')[0]


def send(client, url, token, **batch):
    body = {"batch": BATCH, "day": TODAY.isoformat(), "taps": 1, **batch}
    return client.post(url, json=body, headers={"X-CSRFToken": token,
                                                "Sec-Fetch-Site": "same-origin"})


def test_500_taps_sent_three_times_count_once(client, db, login_as):
    venue = studio(open_edition(), user=login_as("artist"))
    token = page_token(client, "/report")
    answers = [send(client, "/report/tally", token, taps=500) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a.json["counted"] for a in answers] == [True, False, False]
    assert answers[2].json["message"] == "Allerede telt."  # bokmål first
    assert counted(db, venue) == 500
    assert answers[2].json["sent_today"] == 500
    # Another batch adds; the page says what the server has.
    send(client, "/report/tally", token, batch="second-batch-0001", taps=7)
    assert counted(db, venue) == 507
    assert 'data-sent="507"' in client.get("/report").get_data(as_text=True)


def test_batches_out_of_bounds_are_refused(client, db, login_as):
    edition = open_edition()
    venue = studio(edition, user=login_as("artist"))
    token = page_token(client, "/report")
    bad = [{"taps": 0}, {"taps": 10_001}, {"taps": True}, {"taps": "5"},
           {"batch": "x"}, {"batch": "a" * 65}, {"batch": "<script>alert(1)</script>"},
           {"day": "2026-11-16"},  # not an open day
           {"day": OPEN_DAYS[0].isoformat()},  # an open day, but four days ago
           {"day": "yesterday"}]
    for fields in bad:
        answer = send(client, "/report/tally", token, **fields)
        assert answer.status_code == 400, fields
        assert answer.json["error"]
    assert client.post("/report/tally", data="not json", headers={
        "X-CSRFToken": token, "Content-Type": "application/json"}).status_code == 400
    assert counted(db, venue) == 0
    assert not db.session.scalar(sa.select(sa.func.count(TallyBatch.id)))


def test_a_tally_without_the_token_is_refused(client, db, login_as):
    venue = studio(open_edition(), user=login_as("artist"))
    client.get("/report")
    answer = client.post("/report/tally", json={"batch": BATCH, "day": TODAY.isoformat(),
                                                "taps": 3})
    assert answer.status_code == 400 and counted(db, venue) == 0


def test_a_locked_edition_answers_409_with_a_message(client, db, login_as):
    edition = open_edition()
    venue = studio(edition, user=login_as("artist"))
    token = page_token(client, "/report")
    settings_for(edition).locked_at = utcnow()
    db.session.commit()
    answer = send(client, "/report/tally", token, taps=4)
    assert answer.status_code == 409 and "låst" in answer.json["error"]
    assert counted(db, venue) == 0


def test_the_personal_link_takes_batches_with_its_page_token(app, db):
    venue = studio(open_edition(), key=True)
    url = f"/report/{venue.report_key}"
    phone = app.test_client()
    token = page_token(phone, url)
    assert send(phone, f"{url}/tally", "forged", taps=2).status_code == 400
    answer = send(phone, f"{url}/tally", token, taps=2)
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "private, no-store"
    assert send(phone, f"{url}/tally", token, taps=2).json["counted"] is False
    cross = phone.post(f"{url}/tally", json={"batch": "other-batch-1", "taps": 1,
                                             "day": TODAY.isoformat()},
                       headers={"X-CSRFToken": token, "Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 400
    assert counted(db, venue) == 2
    assert phone.post("/report/no-such-key-at-all-here/tally", json={}).status_code == 404


def test_the_counter_shows_only_on_an_open_day(client, db, login_as, clock):
    from datetime import UTC, datetime

    studio(open_edition(), user=login_as("artist"))
    assert 'id="tally"' in client.get("/report").get_data(as_text=True)
    clock.set(datetime(2026, 11, 17, 11, tzinfo=UTC))  # a Tuesday between open days
    page = client.get("/report").get_data(as_text=True)
    assert 'id="tally"' not in page and "tally.js" not in page
    assert csrf_token(page)
