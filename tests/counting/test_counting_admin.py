"""The organisers' counting page: sources side by side and the one that counts, coverage and
reminders, personal links, the lock and the thresholds; each change in the audit log."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from kunstrute.audit.models import AuditEntry
from kunstrute.counting.models import CountSource, Venue
from kunstrute.counting.reporting import save_day
from kunstrute.counting.services import add_visits, is_locked
from kunstrute.counting.venues import settings_for
from kunstrute.i18n import LANG_COOKIE
from tests.auth.factories import body
from tests.conftest import csrf_token
from tests.counting.report_factories import OPEN_DAYS, exhibition, open_edition, studio

URL = "/organiser/counting/2026"


@pytest.fixture(autouse=True)
def english(client):
    client.set_cookie(LANG_COOKIE, "en")


def post(client, url, data=None):
    token = csrf_token(client.get(URL).get_data(as_text=True))
    return client.post(url, data={**(data or {}), "csrf_token": token})


def actions(db) -> list[str]:
    return db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()


def test_the_page_shows_each_source_and_what_counts(client, db, login_as):
    login_as("organiser")
    edition = open_edition()
    reported = studio(edition, name="Rapportert Rita", catalogue_no=1)
    qr_only = studio(edition, name="Kode Kari", catalogue_no=2)
    save_day(venue=reported, day=OPEN_DAYS[0], visitors=120, amount_nok=4000, works=2,
             actor="test")
    add_visits(venue=reported, day=OPEN_DAYS[0], source=CountSource.QR_CHECKIN, delta=30)
    add_visits(venue=qr_only, day=OPEN_DAYS[0], source=CountSource.QR_CHECKIN, delta=17)
    db.session.commit()
    page = client.get(URL).get_data(as_text=True)
    rita = page.split(f'id="venue-{reported.id}"')[1].split("</tr>")[0]
    assert "Rapportert Rita" in rita and ">120<" in rita and ">30<" in rita
    assert "4\u00a0000" in rita
    assert "Studios that reported" in page and "1 / 2" in page
    coverage = page.split('id="coverage"')[1].split("</section>")[0]
    assert "Kode Kari" in coverage and "Rapportert Rita" not in coverage
    # The organiser chooses QR for Rita: saved and audited; back to the rule with "".
    assert post(client, f"{URL}/venues/{reported.id}/source",
                {"source": "qr_checkin"}).status_code == 302
    assert reported.authoritative_source == CountSource.QR_CHECKIN
    assert post(client, f"{URL}/venues/{reported.id}/source", {"source": ""}).status_code == 302
    assert reported.authoritative_source is None
    assert post(client, f"{URL}/venues/{reported.id}/source",
                {"source": "guess"}).status_code == 302
    assert actions(db).count("venue.source") == 2


def test_report_links_are_made_and_revoked(client, db, login_as):
    login_as("organiser")
    venue = studio(open_edition())
    post(client, f"{URL}/venues/{venue.id}/link", {"do": "make"})
    first = venue.report_key
    assert first and f"/report/{first}" in client.get(URL).get_data(as_text=True)
    post(client, f"{URL}/venues/{venue.id}/link", {"do": "make"})
    assert venue.report_key not in (None, first)
    assert client.get(f"/report/{first}").status_code == 404
    post(client, f"{URL}/venues/{venue.id}/link", {"do": "revoke"})
    assert venue.report_key is None
    other = studio(venue.edition, catalogue_no=50)
    post(client, f"{URL}/links")
    assert other.report_key and venue.report_key
    assert actions(db).count("report_link.made") == 4
    assert "report_link.revoked" in actions(db)
    # Another edition's venue is not found under this year.
    elsewhere = studio(open_edition(2025))
    assert post(client, f"{URL}/venues/{elsewhere.id}/link").status_code == 404


def test_reminders_go_to_those_who_have_not_reported_once_a_day(client, db, login_as,
                                                                outbox, clock):
    login_as("organiser")
    edition = open_edition()
    quiet = studio(edition, name="Stille Stine", email="stine@example.no")
    done = studio(edition, email="done@example.no")
    save_day(venue=done, day=OPEN_DAYS[0], visitors=3, amount_nok=0, works=0, actor="test")
    db.session.commit()
    page = client.get(URL).get_data(as_text=True)
    assert "Send a reminder to the 1 who has not reported" in page
    assert post(client, f"{URL}/remind").status_code == 302
    mails = outbox()
    assert [m["To"] for m in mails] == ["stine@example.no"]
    text = body(mails[0])
    assert quiet.report_key and f"http://localhost/report/{quiet.report_key}" in text
    assert "Hei, Stille Stine" in text and "Hello Stille Stine," in text  # bokmål, then English
    post(client, f"{URL}/remind")
    assert len(outbox()) == 1  # at most one a day
    clock.advance(timedelta(hours=25))
    post(client, f"{URL}/remind")
    assert len(outbox()) == 2


def test_the_lock_and_the_thresholds(client, db, login_as):
    login_as("organiser")
    edition = open_edition()
    exhibition(edition)
    post(client, f"{URL}/lock")
    assert is_locked(edition.id)
    assert "Unlock the figures" in client.get(URL).get_data(as_text=True)
    post(client, f"{URL}/unlock")
    assert not is_locked(edition.id)
    assert actions(db)[-2:] == ["counting.locked", "counting.unlocked"]
    answer = post(client, f"{URL}/thresholds", {"warn_visitors_above": "0",
                                                "warn_sales_above_nok": "50 000"})
    assert answer.status_code == 400 and 'value="50 000"' in answer.get_data(as_text=True)
    post(client, f"{URL}/thresholds", {"warn_visitors_above": "900",
                                       "warn_sales_above_nok": "50 000"})
    settings = settings_for(edition)
    assert (settings.warn_visitors_above, settings.warn_sales_above_nok) == (900, 50000)
    assert "counting.thresholds" in actions(db)


def test_the_organiser_home_links_to_the_counting_page(client, db, login_as):
    login_as("organiser")
    open_edition()
    assert 'href="/organiser/counting/2026"' in client.get("/organiser/").get_data(as_text=True)
    assert client.get("/organiser/counting/1999").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(Venue.id))) == 0
