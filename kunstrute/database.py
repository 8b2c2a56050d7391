"""Database rules every domain shares: SQLite pragmas, and inserting a row at most once."""

import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from kunstrute.extensions import db


@sa.event.listens_for(sa.engine.Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Turn on WAL, foreign keys and a busy timeout for every SQLite connection.

    synchronous=NORMAL: in WAL mode a commit then writes the log without an fsync (the
    checkpoint syncs). SQLite's own advice for WAL, and Rails' default: the database is never
    corrupted, but a power cut or OS crash (not an app crash) may roll back the last commits.
    With an fsync per commit (3.5 ms on the 2-core machine) SQLite, which writes one
    transaction at a time, stopped near 280 writes a second, and writers waiting for the
    lock timed out under a crowd of QR check-ins (docs/PERFORMANCE.md, "QR check-in").
    """
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
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


def insert_if_absent(model, values: dict, *, key: tuple[str, ...]) -> bool:
    """Insert a row unless one with the same unique key exists; return whether it did.

    INSERT … ON CONFLICT DO NOTHING: when two requests add the same new key at once, the
    second waits for the first (PostgreSQL) or comes after it (SQLite) and then inserts
    nothing, where a plain INSERT would fail on the unique constraint. A SAVEPOINT would do
    too, but pysqlite commits a SAVEPOINT that opens the transaction when it is released.
    Whether it inserted is told by the row RETURNING gives back (none on a conflict): the
    rowcount of an INSERT … RETURNING, which SQLAlchemy adds for the new id, is -1 with
    psycopg, so it said "not inserted" on PostgreSQL every time.
    """
    primary_key = list(model.__table__.primary_key.columns)
    statement = _insert(model).values(**values).on_conflict_do_nothing(
        index_elements=list(key)).returning(*primary_key)
    return db.session.execute(statement).first() is not None


def _insert(model):
    """Return a Core INSERT for the model's table in the session's dialect.

    The table, not the class: session.execute(insert(Model)) takes the ORM's bulk path,
    whose result has no rowcount on PostgreSQL (-1), and insert_if_absent needs it.
    """
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model.__table__)


def insert_or_add(model, values: dict, *, key: tuple[str, ...], column: str) -> None:
    """Insert a row, or add values[column] to the row with the same unique key: one statement.

    INSERT … ON CONFLICT DO UPDATE SET column = column + excluded.column, so two requests
    counting at once both count (the row lock orders them; nothing is read first and lost).
    The other values that are not part of the key are set as given (e.g. updated_at).
    """
    statement = _insert(model).values(**values)
    others = {name: statement.excluded[name] for name in values if name not in (*key, column)}
    db.session.execute(statement.on_conflict_do_update(
        index_elements=list(key),
        set_={column: getattr(model.__table__.c, column) + statement.excluded[column],
              **others}))


def insert_or_set(model, values: dict, *, key: tuple[str, ...]) -> None:
    """Insert a row, or set the other values on the row with the same unique key."""
    statement = _insert(model).values(**values)
    db.session.execute(statement.on_conflict_do_update(
        index_elements=list(key),
        set_={name: statement.excluded[name] for name in values if name not in key}))

