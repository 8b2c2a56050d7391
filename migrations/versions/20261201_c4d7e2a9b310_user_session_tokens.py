"""Revocable sessions: users.session_token and users.session_token_at.

Session and remember cookies now carry the token; a new token ends every copy. Existing
users start without one, so cookies from before this change no longer sign anyone in.

Revision ID: c4d7e2a9b310
Revises: 5e0c1d2a7b93
Create Date: 2026-12-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4d7e2a9b310'
down_revision = '5e0c1d2a7b93'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('session_token_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_token_at')
        batch_op.drop_column('session_token')
