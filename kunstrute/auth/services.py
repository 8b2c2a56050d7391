"""Creating users, checking passwords (Argon2id), starting and ending sessions, and the
account flows: sign-up, confirmation, password reset and change, invitations."""

import secrets
from typing import NamedTuple

import sqlalchemy as sa
from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from flask import current_app

from kunstrute.audit.services import record
from kunstrute.auth.models import Role, User
from kunstrute.extensions import db
from kunstrute.text import normalise_email
from kunstrute.timeutil import utcnow

MIN_PASSWORD_LENGTH = 10


class Hashing(NamedTuple):
    """An app's Argon2id hasher and a hash made with it."""

    hasher: PasswordHasher
    #: Verified against when the e-mail is unknown, so both failures take equal time.
    dummy_hash: str


def password_hashing() -> Hashing:
    """Return this app's hasher, built on first use from ARGON2_PROFILE."""
    hashing = current_app.extensions.get("kunstrute.password_hashing")
    if hashing is None:
        profile = getattr(profiles, current_app.config["ARGON2_PROFILE"])
        hasher = PasswordHasher.from_parameters(profile)
        hashing = Hashing(hasher, hasher.hash("not-a-real-password"))
        current_app.extensions["kunstrute.password_hashing"] = hashing
    return hashing


class UserError(ValueError):
    """A user could not be created; the message says which input is at fault."""


def hash_password(password: str) -> str:
    """Return the Argon2id hash of a password, with this app's parameters."""
    return password_hashing().hasher.hash(password)


def valid_email(email: str) -> str:
    """Return the e-mail address normalised, or raise UserError if it is not one."""
    try:
        validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise UserError(f"Not a valid e-mail address: {email!r} ({exc})") from exc
    return normalise_email(email)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")


def create_user(*, email: str, password: str, role: Role | str, name: str = "",
                confirmed: bool = True) -> User:
    """Create a user, refusing a duplicate e-mail, an unknown role or a short password.

    Users made by an organiser's command are confirmed; a sign-up is not until its link.
    """
    email = valid_email(email)
    try:
        role = Role(role)
    except ValueError as exc:
        roles = ", ".join(r.value for r in Role)
        raise UserError(f"Unknown role {role!r}; choose one of {roles}.") from exc
    _check_password(password)
    if db.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        raise UserError(f"A user with the e-mail {email} already exists.")
    user = User(email=email, password_hash=hash_password(password), role=role,
                name=name.strip(), email_confirmed_at=utcnow() if confirmed else None)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(*, email: str, password: str) -> User | None:
    """Return the active user with this e-mail and password, or None."""
    user = db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    hasher, dummy_hash = password_hashing()
    try:
        hasher.verify(user.password_hash if user else dummy_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def start_session(*, user: User) -> None:
    """Make sure the user has a session token that has not expired (called at sign-in).

    Every device the user is signed in on shares the token, so signing in on a second one
    keeps the first; after REMEMBER_COOKIE_DURATION all of them end and the next sign-in
    makes a new token.
    """
    if user.session_expired():
        end_sessions(user=user)


def end_sessions(*, user: User) -> None:
    """End every session of this user: every copy of a session or remember cookie."""
    user.session_token = secrets.token_urlsafe(32)
    user.session_token_at = utcnow()
    db.session.flush()


def change_password(*, user: User, password: str) -> None:
    """Set a new password and end every session (a stolen cookie stops working with it)."""
    _check_password(password)
    user.password_hash = hash_password(password)
    end_sessions(user=user)


def deactivate_user(*, user: User, actor=None) -> None:
    """Stop a user from signing in and end every session they have."""
    user.active = False
    end_sessions(user=user)
    record(actor=actor, action="user.deactivated", obj=user)


# --- The account flows -----------------------------------------------------------------


def user_by_email(email: str) -> User | None:
    """Return the user with this address (normalised), or None."""
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def sign_up(*, name: str, email: str, password: str) -> tuple[User, bool]:
    """Create an unconfirmed artist; return (user, True), or (the owner, False) if the address
    has an account already: the caller answers the same, and mails the owner instead."""
    existing = user_by_email(email)
    if existing is not None:
        hash_password(password)  # as long as a new account takes: the time reveals nobody
        return existing, False
    user = create_user(email=email, password=password, role=Role.ARTIST, name=name,
                       confirmed=False)
    record(actor="visitor", action="user.signed_up", obj=user)
    return user, True


def confirm_email(*, user: User, how: str) -> None:
    """Mark the user's address as theirs (once), recording how it was proved."""
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
        record(actor=user, action="user.confirmed", obj=user, detail=how)
    db.session.flush()


def reset_password(*, user: User, password: str) -> None:
    """Set a password from a reset link: ends every session, and confirms the address."""
    change_password(user=user, password=password)
    confirm_email(user=user, how="password reset link")
    record(actor=user, action="user.password_reset", obj=user)


def change_own_password(*, user: User, current: str, password: str) -> None:
    """Change a signed-in user's password after checking the current one (UserError if not)."""
    try:
        password_hashing().hasher.verify(user.password_hash, current)
    except (VerificationError, InvalidHashError) as exc:
        raise UserError("wrong current password") from exc
    change_password(user=user, password=password)
    record(actor=user, action="user.password_changed", obj=user)


class AlreadyConfirmed(UserError):
    """An invitation to an address whose owner already has a confirmed account."""


def invite_user(*, email: str, name: str, role: Role, actor) -> User:
    """Create (or renew) an invited user with an unusable password; flush.

    Inviting an unconfirmed address again gives it a new unusable password, so only the
    newest invitation link works. A confirmed account raises AlreadyConfirmed.
    """
    email = valid_email(email)
    user = user_by_email(email)
    if user is not None and user.email_confirmed_at is not None:
        raise AlreadyConfirmed(email)
    if user is None:
        user = User(email=email, role=role)
        db.session.add(user)
    user.name, user.role, user.active = name.strip(), role, True
    user.password_hash = unusable_password()
    db.session.flush()
    record(actor=actor, action="user.invited", obj=user, detail=role.value)
    return user


def unusable_password() -> str:
    """Return a random value no password verifies against (not a PHC hash)."""
    return "!unusable:" + secrets.token_urlsafe(32)


def accept_invitation(*, user: User, name: str, password: str) -> None:
    """Set the invitee's name and password and confirm the address (the link proved it)."""
    user.name = name.strip()
    change_password(user=user, password=password)
    confirm_email(user=user, how="invitation")
