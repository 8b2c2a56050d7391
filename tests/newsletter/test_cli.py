"""`send-newsletter` in-process: it must leave the process as it found it."""

import signal

from kunstrute.newsletter.cli import stop_on_sigterm
from tests.newsletter.test_sending import people


def test_the_sigterm_handler_is_given_back_after_sending():
    def ours(signum, frame):
        pass

    previous = signal.signal(signal.SIGTERM, ours)
    try:
        with stop_on_sigterm():
            assert signal.getsignal(signal.SIGTERM) is not ours
        assert signal.getsignal(signal.SIGTERM) is ours
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_the_command_leaves_sigterm_as_it_found_it(db, outbox, runner):
    before = signal.getsignal(signal.SIGTERM)
    newsletter = people(db, confirmed=2, pending=0, unsubscribed=0)
    runner.app.config["NEWSLETTER_BATCH_PAUSE"] = 0
    result = runner.invoke(args=["send-newsletter", str(newsletter.id)])
    assert result.exit_code == 0, result.output
    assert signal.getsignal(signal.SIGTERM) is before
