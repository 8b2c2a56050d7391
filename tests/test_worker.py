"""A real `flask worker` process takes a job from the local Redis and does it.

Every other test runs jobs immediately, in the caller; this one runs the consumer as it runs
in production, against a database file and Redis (DB 1 unless KUNSTRUTE_TEST_REDIS_URL says
otherwise), and stops it again.
"""

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from kunstrute.extensions import db, huey
from kunstrute.mail import outbox_messages
from kunstrute.programme import jobs
from kunstrute.programme.registrations import register
from tests import factories
from tests.conftest import make_app

REDIS_URL = os.environ.get("KUNSTRUTE_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def own_huey():
    """Give the test the one Huey to reconfigure; put the suite's settings back afterwards."""
    saved = {name: getattr(huey, name) for name in (
        "name", "storage_class", "storage_kwargs", "_storage", "_immediate", "flask_app")}
    yield huey
    for name, value in saved.items():
        setattr(huey, name, value)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)  # Huey's graceful stop: finish the job in hand
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.mark.worker
def test_a_worker_process_sends_the_mail_a_job_asks_for(tmp_path, own_huey):
    uri = f"sqlite:///{tmp_path / 'worker.sqlite3'}"
    outbox = tmp_path / "outbox"
    name = f"kunstrute-test-{uuid.uuid4().hex[:8]}"  # a queue of its own in the shared Redis
    app = make_app(uri, REDIS_URL=REDIS_URL, HUEY_IMMEDIATE=False, HUEY_NAME=name,
                   MAIL_OUTBOX=str(outbox))
    env = dict(os.environ, DATABASE_URL=uri, REDIS_URL=REDIS_URL, KUNSTRUTE_HUEY_NAME=name,
               KUNSTRUTE_MAIL_OUTBOX=str(outbox), KUNSTRUTE_GEOCODER="offline",
               KUNSTRUTE_HUEY_IMMEDIATE="0")
    with app.app_context():
        db.create_all()
        event = factories.event(factories.edition(), title="Atelierbuss",
                                registration_required=True, capacity=5)
        registration, _ = register(event=event, name="Kari", email="kari@example.no")
        db.session.commit()
        worker = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "kunstrute", "worker", "--workers", "1",
             "--no-periodic"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        try:
            result = jobs.send_registration_mail(registration.id, "changed", event.sequence)
            assert result.get(blocking=True, timeout=15) == "sent"
            (message,) = outbox_messages(outbox)
            assert message["To"] == "kari@example.no"
            assert "Atelierbuss" in message["Subject"]
        finally:
            stop(worker)
            huey.flush()
            db.drop_all()
            db.engine.dispose()
        log = worker.stdout.read()
    assert "send_registration_mail" in log and worker.returncode == 0, log
