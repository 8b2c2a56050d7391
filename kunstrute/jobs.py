"""Background jobs: one Huey instance, configured from the app in create_app.

Embedded default: Huey's SQLite storage in `instance/huey.sqlite3`, consumed by one
`flask worker`. With `REDIS_URL` set: Huey on Redis, workers on any host. Tests run every job
at once, in the caller (`HUEY_IMMEDIATE` in TestConfig).

Each domain keeps its jobs in its own `jobs.py` (`@huey.task()`): a job takes ids, calls the
domain's services, commits, and is safe to run twice. Every job runs inside an app context
(`FlaskHuey.execute`), so it reads the configuration and the database as a command does.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, has_app_context
from huey import Huey
from huey.storage import RedisStorage, SqliteStorage


class FlaskHuey(Huey):
    """A Huey whose storage is chosen by `init_app` and opened on first use (no I/O before)."""

    def __init__(self, name: str = "kunstrute"):
        self._storage = None
        self.flask_app: Flask | None = None
        # Immediate while starting: Huey makes its storage now, and the memory one is no I/O.
        super().__init__(name, immediate=True)
        self._immediate, self._storage = False, None
        self.storage_class, self.storage_kwargs = SqliteStorage, {"filename": "huey.sqlite3"}

    @property
    def storage(self):
        if self._storage is None:
            self._storage = self.create_storage()
        return self._storage

    @storage.setter
    def storage(self, value) -> None:
        self._storage = value

    def init_app(self, app: Flask) -> None:
        """Choose the storage from the app's settings: Redis with REDIS_URL, else SQLite."""
        config = app.config
        self.name = config.get("HUEY_NAME") or "kunstrute"
        if config.get("REDIS_URL"):
            self.storage_class, self.storage_kwargs = RedisStorage, {"url": config["REDIS_URL"]}
        else:
            path = config.get("HUEY_SQLITE_PATH") or Path(app.instance_path) / "huey.sqlite3"
            self.storage_class, self.storage_kwargs = SqliteStorage, {"filename": str(path)}
        self._immediate = bool(config.get("HUEY_IMMEDIATE"))
        self._storage = None  # made again, from these settings, when first needed
        self.flask_app = app
        app.extensions["huey"] = self

    def ensure_storage_folder(self) -> None:
        """Create the SQLite file's folder (the worker calls this before it starts)."""
        filename = self.storage_kwargs.get("filename")
        if self.storage_class is SqliteStorage and filename:
            Path(filename).parent.mkdir(parents=True, exist_ok=True)

    def execute(self, task, timestamp=None):
        """Run a task inside an app context: the caller's (immediate mode), else its own."""
        if has_app_context():
            return super().execute(task, timestamp)
        if self.flask_app is None:
            raise RuntimeError("huey.init_app(app) was not called")
        with self.flask_app.app_context():
            return super().execute(task, timestamp)

    def once(self, key: str) -> bool:
        """Mark `key` done; return False if it was marked already (the job ran before)."""
        return bool(self.put_if_empty(f"once:{key}", True))

    def forget(self, key: str) -> None:
        """Remove a `once` mark, so that a retry does the work again."""
        self.delete(f"once:{key}")


huey = FlaskHuey()
