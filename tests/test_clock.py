"""The suite runs at a fixed "now": no test passes or fails by the time of day it runs at."""

from datetime import UTC, date, datetime, timedelta

from kunstrute import timeutil
from tests.conftest import FROZEN_NOW


def test_the_app_reads_the_suites_clock():
    assert abs(timeutil.utcnow() - FROZEN_NOW.replace(tzinfo=None)) < timedelta(minutes=1)
    assert timeutil.oslo_today() == date(2026, 11, 18)
    assert timeutil.oslo_now().hour == 12  # noon in Oslo: an hour either way stays on the day


def test_a_test_can_set_the_clock(clock):
    clock.set(datetime(2027, 9, 11, 21, 30, tzinfo=UTC))  # 23:30 in Oslo (CEST)
    assert timeutil.oslo_now().strftime("%Y-%m-%d %H:%M") == "2027-09-11 23:30"
    clock.advance(timedelta(hours=1))
    assert timeutil.oslo_today() == date(2027, 9, 12)
