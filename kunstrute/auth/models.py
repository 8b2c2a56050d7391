"""Users and their roles."""

import enum
import hmac
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column

from kunstrute.extensions import db, enum_column_type, login_manager
from kunstrute.timeutil import utcnow


class Role(enum.StrEnum):
    ADMIN = "admin"
    ORGANISER = "organiser"
    JUROR = "juror"
    ARTIST = "artist"


#: How a role is named to people (lower case, for use inside a sentence).
ROLE_LABELS = {Role.ADMIN: _l("administrator"), Role.ORGANISER: _l("organiser"),
               Role.JUROR: _l("juror"), Role.ARTIST: _l("artist")}


def role_label(role: Role | str) -> str:
    """Return the role's name in the current language."""
    return str(ROLE_LABELS[Role(role)])


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Normalised (text.normalise_email); the sign-in name.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    #: An Argon2id hash in PHC string format.
    password_hash: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[Role] = mapped_column(enum_column_type(Role))
    #: How the user is addressed in e-mails and shown to organisers (jurors, staff).
    name: Mapped[str] = mapped_column(sa.String(160), default="", server_default="")
    #: When the user proved the address is theirs (sign-up link or invitation); None: not yet.
    email_confirmed_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    #: A random value inside every session and remember cookie (see get_id); a new one
    #: (auth.services.end_sessions) ends every copy of those cookies. None: no session yet.
    session_token: Mapped[str | None] = mapped_column(sa.String(64))
    #: When session_token was made: sessions end REMEMBER_COOKIE_DURATION after it.
    session_token_at: Mapped[datetime | None]

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        """Return what the session and remember cookies carry: the id and the session token."""
        return f"{self.id}:{self.session_token}"

    def session_expired(self) -> bool:
        """Return True if there is no session token or it is older than a session may last."""
        return (self.session_token is None or self.session_token_at is None
                or self.session_token_at + current_app.config["REMEMBER_COOKIE_DURATION"]
                <= utcnow())

    def has_session(self, token: str) -> bool:
        """Return True if a cookie with this token is still a valid session of this user."""
        return (not self.session_expired()
                and hmac.compare_digest(token.encode(), self.session_token.encode()))

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


@login_manager.user_loader
def _load_user(cookie_id: str) -> User | None:
    """Return the user of a session or remember cookie, if its session has not been ended."""
    user_id, _, token = cookie_id.partition(":")
    if not user_id.isdigit() or not token:
        return None  # also a cookie from before session tokens: sign in again
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.has_session(token) else None
