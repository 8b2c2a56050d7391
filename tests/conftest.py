"""Fixtures: app (SQLite, and PostgreSQL when KUNSTRUTE_TEST_DATABASE_URL is set), db, client.

Isolation: each test runs in one database transaction that is rolled back when it ends (see
`db`); a test that needs real commits, because threads or a second connection must see its
rows, is marked `@pytest.mark.commits` and its tables are emptied afterwards. The browser
tests build their own apps and databases (tests/browser/conftest.py) and never use `db`.
"""

import contextlib
import os
import re
import tempfile
import time
from datetime import UTC, datetime, timedelta

import flask
import pytest
import sqlalchemy as sa
from flask_sqlalchemy.session import Session as FlaskSession

from kunstrute import create_app, timeutil
from kunstrute.config import REPO_DATA_DIR, TestConfig
from kunstrute.extensions import cache, huey, limiter
from kunstrute.extensions import db as _db
from kunstrute.guide.mapview import map_cache

PG_URL = os.environ.get("KUNSTRUTE_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
#: Removed when the test run ends: outboxes of apps that no test redirected to tmp_path.
_SCRATCH = tempfile.TemporaryDirectory(prefix="kunstrute-tests-")


def make_app(uri: str, **overrides):
    """Build an app on this database; settings go in before the extensions start."""
    settings = {"SQLALCHEMY_DATABASE_URI": uri, "DATA_DIR": REPO_DATA_DIR,
                "MAIL_OUTBOX": tempfile.mkdtemp(prefix="outbox-", dir=_SCRATCH.name),
                "UPLOAD_FOLDER": tempfile.mkdtemp(prefix="uploads-", dir=_SCRATCH.name)}
    settings.update(overrides)
    # Flask-SQLAlchemy creates its engine in init_app: a URI set afterwards would be ignored.
    return create_app(type("SuiteConfig", (TestConfig,), settings))


@pytest.fixture(scope="session", params=BACKENDS)
def app(request, tmp_path_factory):
    """One app per database backend; the schema comes from the models (migrations: own test)."""
    if request.param == "sqlite":
        uri = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    else:
        uri = PG_URL
    app = make_app(uri)
    with app.app_context():
        _db.drop_all()
        _db.create_all()
    yield app
    with app.app_context():
        _db.drop_all()
        _db.engine.dispose()


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "commits: the test commits for real (threads or a second connection must see "
                   "its rows); its tables are emptied afterwards instead of rolled back")
    config.addinivalue_line(
        "markers", "worker: starts a real `flask worker` process against the local Redis")


#: The suite's "now": noon in Oslo on an ordinary Wednesday, hours from midnight, days from a
#: month's end and weeks from a daylight-saving change.
FROZEN_NOW = datetime(2026, 11, 18, 11, 0, tzinfo=UTC)


class Clock:
    """A stand-in for kunstrute.timeutil.clock: starts at a set time and runs on from there."""

    def __init__(self, start: datetime):
        self.set(start)

    def set(self, when: datetime) -> None:
        """Make "now" this aware datetime."""
        assert when.tzinfo is not None, "give the clock an aware datetime"
        self._start, self._started = when.astimezone(UTC), time.monotonic()

    def advance(self, delta: timedelta) -> None:
        self._start += delta

    def __call__(self) -> datetime:
        # Time still passes (mails are named and sorted by it), from a start that is fixed.
        return self._start + timedelta(seconds=time.monotonic() - self._started)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """Run every test at FROZEN_NOW, whatever the time of day: the app reads no other clock."""
    fake = Clock(FROZEN_NOW)
    monkeypatch.setattr(timeutil, "clock", fake)
    return fake


@pytest.fixture(autouse=True)
def rate_limits():
    """Start every test with nothing counted against a rate limit (the limits stay on)."""
    if limiter.initialized:
        limiter.reset()


@pytest.fixture(autouse=True)
def jobs_store():
    """Run jobs at once, in memory, from an empty store: no "sent once" mark outlives a test.

    Tests that build an app with other settings (tests/test_config.py) reconfigure the one
    Huey, so each test sets it back.
    """
    huey.immediate = True
    huey.storage = None  # made again on first use: in memory, as jobs run immediately
    yield huey


@pytest.fixture(autouse=True)
def upload_folder(request):
    """Give every test that uses the app its own, empty UPLOAD_FOLDER."""
    if "app" not in request.fixturenames:
        yield None
        return
    app = request.getfixturevalue("app")
    folder = request.getfixturevalue("tmp_path") / "uploads"
    previous = app.config["UPLOAD_FOLDER"]
    app.config["UPLOAD_FOLDER"] = str(folder)
    yield folder
    app.config["UPLOAD_FOLDER"] = previous


@pytest.fixture
def db(app, request):
    """The database inside an app context; whatever the test wrote is gone afterwards."""
    with app.app_context():
        cache.clear()  # pages another test's rolled-back data made
        if request.node.get_closest_marker("commits"):
            yield _db
            _db.session.rollback()
            _db.session.remove()
            _empty_tables()
        else:
            with _rolled_back_at_the_end():
                yield _db
    map_cache.clear()


class _JoinedSession(FlaskSession):
    """A Flask-SQLAlchemy session on the connection it is given (it would take the engine)."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        return bind if bind is not None else self.bind


@contextlib.contextmanager
def _rolled_back_at_the_end():
    """Swap db.session for one inside an outer transaction that is rolled back at the end.

    The session joins the transaction with a savepoint, so a commit() in the code under test
    only releases a savepoint. Every app context (requests, CLI commands) gets its own session
    on the same connection, so what one commits the next one sees. The cost does not grow
    with the number of tables.
    """
    connection = _db.engine.connect()
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # pysqlite begins transactions itself, late, and breaks SAVEPOINT: take that over
        # (SQLAlchemy's "Serializable isolation / Savepoints / Transactional DDL").
        driver = connection.connection.driver_connection
        driver_isolation, driver.isolation_level = driver.isolation_level, None
    transaction = connection.begin()
    if sqlite:
        connection.exec_driver_sql("BEGIN")
    suite_session = _db.session
    _db.session = _db._make_scoped_session({  # Flask-SQLAlchemy's own scoping, our binding
        "bind": connection, "join_transaction_mode": "create_savepoint",
        "class_": _JoinedSession})
    try:
        yield
    finally:
        _db.session.remove()
        _db.session = suite_session
        transaction.rollback()
        if sqlite:
            driver.isolation_level = driver_isolation
        connection.close()


def _empty_tables() -> None:
    tables = list(reversed(_db.metadata.sorted_tables))
    with _db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(t.name for t in tables)
            connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())


@pytest.fixture
def client(app, db):
    """A test client whose every request starts with an empty `g`, as in production.

    The `db` fixture holds an app context open so tests can query between requests, and Flask
    reuses it for requests; without this, the language, the signed-in user and per-request
    caches of one request would leak into the next.
    """
    def fresh_g(sender, **extra):
        for name in list(flask.g):
            flask.g.pop(name)

    flask.request_started.connect(fresh_g, app)
    yield app.test_client()
    flask.request_started.disconnect(fresh_g, app)


@pytest.fixture
def outbox(app, tmp_path):
    """Return a function listing the e-mails this test sent (parsed from the outbox)."""
    from kunstrute.mail import outbox_messages

    folder = tmp_path / "outbox"
    previous = app.config["MAIL_OUTBOX"]
    app.config["MAIL_OUTBOX"] = str(folder)
    yield lambda: outbox_messages(folder)
    app.config["MAIL_OUTBOX"] = previous


@pytest.fixture
def runner(app, db):
    return app.test_cli_runner()


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def form_token(html: str, action: str) -> str:
    """Return the token of the form posting to `action` (a page may hold several forms)."""
    return csrf_token(html[html.index(f'action="{action}"'):])


@pytest.fixture
def login_as(client, db):
    """Return a function that signs the test client in as a new user with a role."""
    from kunstrute.auth.services import create_user

    def login(role: str, email: str | None = None):
        email = email or f"{role}@example.org"
        user = create_user(email=email, password="correct horse battery", role=role)
        db.session.commit()
        page = client.get("/auth/login")
        response = client.post("/auth/login", data={
            "email": email, "password": "correct horse battery",
            "csrf_token": csrf_token(page.get_data(as_text=True))})
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return login


def pytest_terminal_summary(terminalreporter):
    """Say which databases the suite ran on and how many browser tests ran."""
    passed = terminalreporter.stats.get("passed", [])
    per_backend = {b: sum(bool(re.search(rf"[\[-]{b}[\]-]", r.nodeid)) for r in passed)
                   for b in BACKENDS}
    browser = sum("tests/browser/" in r.nodeid for r in passed)
    backends = ", ".join(f"{name} ({count} passed)" for name, count in per_backend.items())
    terminalreporter.write_line(f"database backends: {backends}")
    terminalreporter.write_line(f"browser tests (Chromium): {browser} passed")
