"""No count is lost: 1,000 visitors scan at once, 5 % of them twice, against a real threaded
server on this backend; exactly 1,000 check-ins are recorded and counted."""

import random
import threading
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from kunstrute.counting.models import CheckIn, CountSource, VisitCount
from kunstrute.counting.visitors import forget_keys
from tests.counting.factories import running_edition, venue

VISITORS = 1000
RETRIES = VISITORS // 20  # 5 %


@pytest.fixture
def live(app, monkeypatch):
    """Serve the suite's app on a free port, threaded, as long as the test runs."""
    # Every request comes from 127.0.0.1 here: the limits per address would stop the test,
    # not a script (tests/counting/test_checkin.py tests them).
    monkeypatch.setitem(app.config, "RATELIMIT_CHECKIN_PER_VENUE", "100000 per hour")
    monkeypatch.setitem(app.config, "RATELIMIT_CHECKIN_PER_ADDRESS", "100000 per hour")
    forget_keys()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    forget_keys()


def scan(port: int, code: str, visitor: int) -> int:
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", f"/c/{code}", headers={
            "User-Agent": f"Mozilla/5.0 (Linux; Android 14; visitor {visitor}) Mobile Safari",
            "Accept-Language": "nb-NO,nb;q=0.9"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.mark.commits
def test_a_thousand_visitors_at_once_with_retries_are_counted_exactly(db, live):
    edition = running_edition()
    codes = [venue(edition=edition).code for _ in range(5)]
    db.session.commit()
    # Each visitor at one studio; 5 % scan again, at the same time as their first scan.
    scans = [(codes[i % len(codes)], i) for i in range(VISITORS)]
    scans += random.Random(13).sample(scans, RETRIES)
    random.Random(7).shuffle(scans)
    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(lambda s: scan(live, *s), scans))
    assert statuses.count(303) == len(scans) == VISITORS + RETRIES
    db.session.rollback()  # read what the server committed
    assert db.session.scalar(sa.select(sa.func.count(CheckIn.id))) == VISITORS
    assert db.session.scalar(sa.select(sa.func.sum(VisitCount.count)).where(
        VisitCount.source == CountSource.QR_CHECKIN)) == VISITORS
