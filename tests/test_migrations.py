"""Migrations build the schema from empty, match the models, and go back down."""

import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from kunstrute.extensions import db
from tests.conftest import BACKENDS, PG_URL, make_app


@pytest.fixture(params=BACKENDS)
def empty_database(request, tmp_path):
    """Yield the URL of a brand-new empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    url = sa.make_url(PG_URL)
    name = f"kunstrute_mig_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url.set(drivername="postgresql+psycopg"),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_upgrade_from_empty_matches_the_models_and_downgrades(empty_database):
    app = make_app(empty_database)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            drift = compare_metadata(MigrationContext.configure(connection), db.metadata)
            tables = set(sa.inspect(connection).get_table_names())
        assert drift == [], f"models and migrations differ: {drift}"
        assert {"editions", "artists", "studios", "participations", "kept_days", "users"} <= tables
        downgrade(revision="base")
        with db.engine.connect() as connection:
            assert set(sa.inspect(connection).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def test_flask_db_check_finds_no_drift(empty_database):
    app = make_app(empty_database)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output  # non-zero when models and migrations drift
    with app.app_context():
        db.engine.dispose()


def test_data_migrations_keep_what_visitors_saw(empty_database):
    app = make_app(empty_database)
    with app.app_context():
        upgrade(revision="f02df776df68")
        with db.engine.begin() as connection:
            connection.execute(sa.text("INSERT INTO municipalities (id, name) VALUES (1, 'Lier')"))
            connection.execute(sa.text(
                "INSERT INTO studios (id, address, municipality_id, address_key, "
                "location_source, wheelchair_access, accessible_toilet, parking, card_payment, "
                "updated_at) VALUES (1, 'Vei 1', 1, 'vei 1|', 'missing', :yes, :no, :no, :yes, "
                "'2026-01-01')"), {"yes": True, "no": False})
            connection.execute(sa.text(
                "INSERT INTO editions (id, year, title, starts_on, ends_on, opens_at, closes_at, "
                "updated_at) VALUES (1, 2026, 'Kunstrunden 2026', '2026-09-10', '2026-09-20', "
                "'11:00:00', '17:00:00', '2026-01-01 10:00:00')"))
        upgrade()
        with db.engine.connect() as connection:
            row = connection.execute(sa.text(
                "SELECT wheelchair_access, accessible_toilet, parking, card_payment "
                "FROM studios")).one()
            published = connection.execute(sa.text("SELECT published_at FROM editions")).scalar()
        assert tuple(row) == (True, None, None, True)
        assert published is not None  # public before, so published now
        downgrade(revision="f02df776df68")
        with db.engine.connect() as connection:
            row = connection.execute(sa.text("SELECT parking FROM studios")).one()
        assert row[0] in (False, 0)
        db.engine.dispose()
