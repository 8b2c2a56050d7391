"""Users and their roles."""

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column

from kunstrute.extensions import db, enum_column_type, login_manager
from kunstrute.timeutil import utcnow


class Role(enum.StrEnum):
    ADMIN = "admin"
    ORGANISER = "organiser"
    JUROR = "juror"
    ARTIST = "artist"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Normalised (text.normalise_email); the sign-in name.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    #: An Argon2id hash in PHC string format.
    password_hash: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[Role] = mapped_column(enum_column_type(Role))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None
