"""One row per recorded change: who, what, to which object, when."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from kunstrute.extensions import db
from kunstrute.timeutil import utcnow

#: The longest detail kept; longer text is cut.
DETAIL_LENGTH = 200


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: UTC, without tzinfo.
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    #: The signed-in user who did it; None for a visitor, a command or the system.
    actor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    #: Who, readable even after the user is gone: an e-mail, "visitor", "cli" or "system".
    actor_label: Mapped[str] = mapped_column(sa.String(254))
    #: A short verb on an object type, e.g. "registration.cancelled".
    action: Mapped[str] = mapped_column(sa.String(80))
    #: The changed object, e.g. ("registration", 12).
    object_type: Mapped[str] = mapped_column(sa.String(40))
    object_id: Mapped[int]
    #: A short note for people; never a secret, token, password or file content.
    detail: Mapped[str] = mapped_column(sa.String(DETAIL_LENGTH), default="")

    __table_args__ = (sa.Index("ix_audit_entries_object", "object_type", "object_id"),)

    def __repr__(self) -> str:
        return f"<AuditEntry {self.action} {self.object_type} {self.object_id}>"
