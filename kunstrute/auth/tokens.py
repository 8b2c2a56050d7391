"""The links the accounts e-mail: confirm an address, reset a password, accept an invitation.

Each token is signed with SECRET_KEY and a salt per purpose (a reset link confirms nothing),
expires after the configured age, and carries the user's id and a keyed digest of the state
its use changes (password hash, confirmation, active), never the address (an itsdangerous
payload is readable base64). Using a link changes that state, so a link works once; an
invitation sent again replaces the unusable password, so only the newest one works.
"""

import hmac

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

from kunstrute import timeutil
from kunstrute.auth.models import User
from kunstrute.extensions import db

#: purpose → the setting that says how long its links work.
MAX_AGE_SETTINGS = {
    "confirm": "EMAIL_CONFIRM_MAX_AGE",
    "reset": "PASSWORD_RESET_MAX_AGE",
    "invite": "INVITATION_MAX_AGE",
}


class BadLink(ValueError):
    """A link that expired, was used already (or replaced), or was altered."""

    def __init__(self, reason: str):
        super().__init__(reason)
        #: "expired", "used" or "invalid".
        self.reason = reason


class _ClockSigner(TimestampSigner):
    """A timestamp signer on the app's clock (timeutil), so tests can move time."""

    def get_timestamp(self) -> int:
        return int(timeutil.clock().timestamp())


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"account-{purpose}",
                                  signer=_ClockSigner)


def _state(purpose: str, user: User) -> str:
    """Return a keyed digest of what using the link changes: the link dies with it."""
    confirmed = user.email_confirmed_at.isoformat() if user.email_confirmed_at else "-"
    state = f"{purpose}:{user.id}:{user.email}:{user.password_hash}:{confirmed}:{user.active}"
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, state.encode(), "sha256").hexdigest()[:32]


def make_token(purpose: str, user: User) -> str:
    """Return the signed token of a link for this purpose and user."""
    return _serializer(purpose).dumps({"id": user.id, "s": _state(purpose, user)})


def read_token(purpose: str, token: str) -> User:
    """Return the user the link names, or raise BadLink (expired, used or altered)."""
    max_age = current_app.config[MAX_AGE_SETTINGS[purpose]].total_seconds()
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise BadLink("expired") from exc
    except BadSignature as exc:
        raise BadLink("invalid") from exc
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        raise BadLink("invalid")
    user = db.session.get(User, data["id"])
    if user is None:
        raise BadLink("invalid")
    if not hmac.compare_digest(str(data.get("s")), _state(purpose, user)) or not user.active:
        raise BadLink("used")
    return user
