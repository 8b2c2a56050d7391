"""Rewrite stored e-mail addresses in the one normal form: trimmed, NFC, lower-cased.

Before this, sign-up forms stored `strip().lower()` and the importer and `create-user`
stored email_validator's form lower-cased; both now use kunstrute.text.normalise_email.
The rule is copied here (not imported) so this migration keeps doing what it did.

Unique addresses (users, artists, subscribers; registrations per event) can collide once
normalised, e.g. "Kari@X.no" and "kari@x.no". Then nothing is deleted or merged: rows are
taken oldest first, a row gets the normal form if no row holds it yet, and otherwise keeps
the address it has; a row already in the normal form is never touched. So the older of
two rows that both need rewriting wins. Each row left alone is logged (table and ids, not
the address) for an organiser to merge by hand. The downgrade leaves addresses as they are.

Revision ID: 9c1e5a7b3d42
Revises: 43895ae20519
Create Date: 2026-11-30 23:00:00.000000

"""
import logging
import unicodedata

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9c1e5a7b3d42'
down_revision = '43895ae20519'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

#: table → (the columns the e-mail is unique together with, the columns that say "older").
TABLES = {
    "users": ((), ("created_at", "id")),
    "artists": ((), ("id",)),
    "subscribers": ((), ("created_at", "id")),
    "registrations": (("event_id",), ("created_at", "id")),
}


def normalise(text):
    """Return the address trimmed, in NFC and lower-cased (kunstrute.text.normalise_email)."""
    return unicodedata.normalize("NFC", (text or "").strip()).lower()


def normalise_stored_emails(connection):
    """Rewrite every e-mail not in normal form unless that collides; return the rows left."""
    left = []
    for name, (scope, age) in TABLES.items():
        columns = {"id", "email", *scope, *age}
        table = sa.table(name, *(sa.column(c) for c in columns))
        rows = connection.execute(
            sa.select(table).order_by(*(table.c[c] for c in age))).mappings().all()
        holder = {(*(row[c] for c in scope), row["email"]): row["id"] for row in rows}
        for row in rows:
            wanted = normalise(row["email"])
            if wanted == row["email"]:
                continue
            key = (*(row[c] for c in scope), wanted)
            if key in holder:
                log.warning("%s %s keeps its e-mail: its normal form belongs to %s %s",
                            name, row["id"], name, holder[key])
                left.append((name, row["id"], holder[key]))
                continue
            connection.execute(
                sa.update(table).where(table.c.id == row["id"]).values(email=wanted))
            del holder[(*(row[c] for c in scope), row["email"])]
            holder[key] = row["id"]
    return left


def upgrade():
    normalise_stored_emails(op.get_bind())


def downgrade():
    pass  # the original spellings are not kept; the normal form works with older code too
