"""The tally on a phone with no signal: taps are kept on the phone, an undo takes one back,
and when the signal returns they reach the server once, however often the phone sends."""

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from kunstrute.counting.links import make_report_key
from kunstrute.counting.models import CountSource, TallyBatch, VisitCount
from kunstrute.counting.venues import ensure_venues, venue_for
from kunstrute.extensions import db
from kunstrute.timeutil import oslo_today
from tests import factories
from tests.browser.conftest import axe_violations, new_context
from tests.conftest import make_app


@pytest.fixture(scope="module")
def studio_server(tmp_path_factory):
    """A server with one edition open today (the real day: Chromium runs on the real clock)."""
    app = make_app(f"sqlite:///{tmp_path_factory.mktemp('tally') / 'tally.sqlite3'}")
    today = oslo_today()
    with app.app_context():
        db.create_all()
        edition = factories.edition(today.year, starts_on=today - timedelta(days=2),
                                    ends_on=today + timedelta(days=2), open_days=[today])
        participation = factories.participant(edition, name="Tove Teller")
        ensure_venues(edition=edition)
        venue = venue_for(participation)
        key = make_report_key(venue=venue, actor="test")
        db.session.commit()
        venue_id = venue.id
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "key": key, "app": app,
           "venue_id": venue_id}
    server.shutdown()
    with app.app_context():
        db.engine.dispose()


def on_server(server) -> tuple[int, int]:
    """Return (visitors reported, tally batches) as the server has them."""
    with server["app"].app_context():
        visitors = db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(
            VisitCount.count), 0)).where(VisitCount.venue_id == server["venue_id"],
                                         VisitCount.source == CountSource.REPORTED))
        batches = db.session.scalar(sa.select(sa.func.count(TallyBatch.id)))
        return visitors, batches


def test_taps_with_no_signal_arrive_once_when_it_returns(browser, studio_server):
    context = new_context(browser, studio_server["url"])
    page = context.new_page()
    page.goto(f"/report/{studio_server['key']}")
    tally = page.locator("#tally")
    tally.wait_for(state="visible")
    assert axe_violations(page) == []
    context.set_offline(True)
    tap = page.get_by_role("button", name="+1 besøkende")
    for _ in range(6):
        tap.click()
    page.get_by_role("button", name="−1 (angre siste trykk)").click()
    page.get_by_role("button", name="Send nå").click()
    assert tally.locator("[data-tally-unsent]").inner_text() == "5 ikke sendt ennå"
    assert "Ingen dekning" in tally.locator("[data-tally-status]").inner_text()
    assert on_server(studio_server) == (0, 0)

    context.set_offline(False)  # the `online` event sends the batch
    page.wait_for_function(
        "() => document.querySelector('[data-tally-sent]').textContent === 'Sendt: 5 i dag'")
    assert tally.locator("[data-tally-unsent]").inner_text() == "0 ikke sendt ennå"
    assert tally.locator("[data-tally-total]").inner_text() == "5"
    page.get_by_role("button", name="Send nå").click()
    page.reload()  # what the phone keeps and what the server has agree
    page.locator("#tally").wait_for(state="visible")
    assert page.locator("[data-tally-total]").inner_text() == "5"
    assert on_server(studio_server) == (5, 1)
    assert axe_violations(page) == []
    context.close()
