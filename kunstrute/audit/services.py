"""Writing the audit log, and the one way a state changes: check, set, record."""

from __future__ import annotations

import re
from enum import StrEnum

import click
from flask import has_request_context
from flask_login import current_user

from kunstrute.audit.models import DETAIL_LENGTH, AuditEntry
from kunstrute.extensions import db
from kunstrute.transitions import Transitions, check_transition


def object_type(obj: object) -> str:
    """Return the name an object's entries are filed under: Registration → "registration"."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(obj).__name__).lower()


def _actor(actor) -> tuple[int | None, str]:
    """Return (user id, label) for a user, a label, or None (read from the context)."""
    if isinstance(actor, str):
        return None, actor
    if actor is None:
        if has_request_context():
            actor = current_user._get_current_object()
        else:
            return None, "cli" if click.get_current_context(silent=True) else "system"
    if getattr(actor, "is_authenticated", False):
        return actor.id, actor.email
    return None, "visitor"


def record(*, actor, action: str, obj: object, detail: str = "") -> AuditEntry:
    """Add an audit entry for obj and flush; do not commit.

    actor is a user, a label ("system", "cli", "visitor") or None: then the signed-in user
    of the request, "visitor" when nobody is signed in, "cli" in a command, else "system".
    """
    if getattr(obj, "id", None) is None:
        db.session.flush()  # a new object gets its id
    actor_id, label = _actor(actor)
    entry = AuditEntry(actor_id=actor_id, actor_label=label[:254], action=action,
                       object_type=object_type(obj), object_id=obj.id,
                       detail=(detail or "")[:DETAIL_LENGTH])
    db.session.add(entry)
    db.session.flush()
    return entry


def change_state(obj: object, to_state: StrEnum, *, table: Transitions, actor=None,
                 detail: str = "", attr: str = "status") -> AuditEntry:
    """Move obj to to_state if the table allows it, and record who did; flush.

    Raise TransitionError (and change nothing) if the table does not allow it.
    """
    from_state = check_transition(obj, to_state, table, attr=attr)
    setattr(obj, attr, to_state)
    note = f"from {from_state.value}" if from_state is not None else "new"
    return record(actor=actor, action=f"{object_type(obj)}.{to_state.value}", obj=obj,
                  detail=f"{note}; {detail}" if detail else note)
