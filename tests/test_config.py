"""Configuration: production refuses a missing or weak secret key; the factory does no I/O."""

import pytest

from kunstrute import create_app
from kunstrute.config import TestConfig


@pytest.mark.parametrize("key", ["", "dev", "change-me", "short-but-random-123"])
def test_production_refuses_a_weak_secret_key(key):
    with pytest.raises(RuntimeError, match="KUNSTRUTE_SECRET_KEY"):
        create_app({"ENV": "production", "SECRET_KEY": key})


def test_production_starts_with_a_real_key(tmp_path):
    app = create_app({"ENV": "production", "SECRET_KEY": "x" * 40,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    assert app.config["SESSION_COOKIE_SECURE"] is not None


def test_factory_creates_no_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = create_app(TestConfig)
    app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / 'sub' / 'x.sqlite3'}"
    assert not (tmp_path / "sub").exists()


def test_postgres_urls_use_psycopg_3():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "postgres://u@h/db", "SECRET_KEY": "k" * 40})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"


def test_the_suite_runs_on_the_database_it_names(app, db, request):
    """Guard against settings applied after Flask-SQLAlchemy made its engine."""
    backend = request.node.callspec.params["app"]
    assert db.engine.url.get_backend_name() == backend
    assert db.engine.url.database not in (None, "", ":memory:")


@pytest.mark.parametrize("module", ["kunstrute.models", "kunstrute.cli", "kunstrute.guide.routes",
                                    "kunstrute.programme.models", "kunstrute.newsletter.models"])
def test_every_entry_module_imports_first_in_a_fresh_interpreter(module):
    """`flask --app kunstrute` imports in another order than the tests: catch import cycles."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr[-2000:]
