"""Configuration: production refuses a missing or weak secret key; the factory does no I/O."""

import pytest
import sqlalchemy as sa

from kunstrute import create_app
from kunstrute.config import TestConfig
from kunstrute.extensions import db


@pytest.mark.parametrize("key", ["", "dev", "change-me", "short-but-random-123"])
def test_production_refuses_a_weak_secret_key(key):
    with pytest.raises(RuntimeError, match="KUNSTRUTE_SECRET_KEY"):
        create_app({"ENV": "production", "SECRET_KEY": key})


def test_production_starts_with_a_real_key_and_sends_cookies_over_https_only(tmp_path):
    app = create_app({"ENV": "production", "SECRET_KEY": "x" * 40,
                      "BASE_URL": "https://kunstrettvest.example",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True


def test_development_cookies_work_over_plain_http(tmp_path):
    app = create_app({"ENV": "development",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'd.sqlite3'}"})
    assert app.config["SESSION_COOKIE_SECURE"] is False
    assert app.config["REMEMBER_COOKIE_SECURE"] is False


def test_factory_creates_no_files_and_the_engine_uses_the_configured_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    database = tmp_path / "sub" / "x.sqlite3"
    app = create_app(type("Config", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "MAIL_OUTBOX": str(tmp_path / "mail")}))
    assert list(tmp_path.iterdir()) == []  # no database, no folder, no outbox yet
    with app.app_context(), db.engine.connect() as connection:
        assert sqlite_file(connection) == str(database)
    assert database.exists()  # made on first connect, where the configuration said


def sqlite_file(connection) -> str:
    """Return the file of the main database a SQLite connection has open."""
    rows = connection.exec_driver_sql("PRAGMA database_list")
    return next(file for _, name, file in rows if name == "main")


def test_postgres_urls_use_psycopg_3():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "postgres://u@h/db", "SECRET_KEY": "k" * 40})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"


def test_the_suite_runs_on_the_database_it_names(app, db, request):
    """Guard against settings applied after Flask-SQLAlchemy made its engine."""
    backend = request.node.callspec.params["app"]
    configured = sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    assert configured.get_backend_name() == backend
    assert configured.database not in (None, "", ":memory:")
    connection = db.session.connection()  # where the code under test reads and writes
    if backend == "sqlite":
        assert sqlite_file(connection) == configured.database
    else:
        assert connection.scalar(sa.text("SELECT current_database()")) == configured.database


@pytest.mark.parametrize("module", ["kunstrute.models", "kunstrute.cli", "kunstrute.guide.routes",
                                    "kunstrute.programme.models", "kunstrute.newsletter.models"])
def test_every_entry_module_imports_first_in_a_fresh_interpreter(module):
    """`flask --app kunstrute` imports in another order than the tests: catch import cycles."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr[-2000:]
