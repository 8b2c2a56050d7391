"""Flask extensions, created unbound and initialised in create_app."""

import sqlalchemy as sa
from flask_babel import Babel
from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase

from kunstrute.jobs import huey  # noqa: F401  (background jobs; configured in create_app)

#: Constraint names that Alembic can find again on SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
#: One per process: its storage is the last app's RATELIMIT_STORAGE_URI (kunstrute/limits.py).
limiter = Limiter(key_func=get_remote_address)
#: The public pages' cache (kunstrute/pagecache.py): in process, or Redis with REDIS_URL.
cache = Cache()


def enum_column_type(enum_class) -> sa.Enum:
    """Return a portable VARCHAR enum type that stores the members' values ('admin')."""
    return sa.Enum(enum_class, native_enum=False, length=20,
                   values_callable=lambda members: [m.value for m in members])
