"""Sign-ups are held until the address's owner confirms them: registrations.held_until.

Existing registrations were made before holds existed and stay as they are (not held).

Revision ID: 5e0c1d2a7b93
Revises: bfe41966c262
Create Date: 2026-12-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e0c1d2a7b93'
down_revision = 'bfe41966c262'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('held_until', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_column('held_until')
