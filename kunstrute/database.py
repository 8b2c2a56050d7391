"""Database wiring: SQLite pragmas, the model registry and the user loader."""

import sqlite3
from pathlib import Path

import sqlalchemy as sa
from flask import Flask

from kunstrute.extensions import db, login_manager


@sa.event.listens_for(sa.engine.Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Turn on WAL, foreign keys and a busy timeout for every SQLite connection."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


@sa.event.listens_for(sa.engine.Engine, "do_connect")
def _sqlite_folder(dialect, _record, cargs, _cparams) -> None:
    """Create the SQLite file's folder on first connect, not when the app is built."""
    if dialect.name == "sqlite" and cargs and cargs[0] not in ("", ":memory:"):
        path = Path(cargs[0])
        if not str(path).startswith("file:"):
            path.parent.mkdir(parents=True, exist_ok=True)


def init_app(app: Flask) -> None:
    import kunstrute.models  # noqa: F401  (every model, for Alembic and relationships)


@login_manager.user_loader
def _load_user(user_id: str):
    from kunstrute.auth.models import User

    return db.session.get(User, int(user_id)) if user_id.isdigit() else None
