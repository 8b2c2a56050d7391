"""Creating users and checking passwords (Argon2id)."""

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email

from kunstrute.auth.models import Role, User
from kunstrute.extensions import db
from kunstrute.text import normalise_email
from kunstrute.timeutil import utcnow

#: argon2-cffi's defaults are Argon2id with the RFC 9106 low-memory profile.
_hasher = PasswordHasher()
#: Verified against when the e-mail is unknown, so both failures take equal time.
_DUMMY_HASH = _hasher.hash("not-a-real-password")

MIN_PASSWORD_LENGTH = 10


class UserError(ValueError):
    """A user could not be created; the message says which input is at fault."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def valid_email(email: str) -> str:
    """Return the e-mail address normalised, or raise UserError if it is not one."""
    try:
        validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise UserError(f"Not a valid e-mail address: {email!r} ({exc})") from exc
    return normalise_email(email)


def create_user(*, email: str, password: str, role: Role | str) -> User:
    """Create a user, refusing a duplicate e-mail, an unknown role or a short password."""
    email = valid_email(email)
    try:
        role = Role(role)
    except ValueError as exc:
        roles = ", ".join(r.value for r in Role)
        raise UserError(f"Unknown role {role!r}; choose one of {roles}.") from exc
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")
    if db.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        raise UserError(f"A user with the e-mail {email} already exists.")
    user = User(email=email, password_hash=hash_password(password), role=role)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(*, email: str, password: str) -> User | None:
    """Return the active user with this e-mail and password, or None."""
    user = db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user
