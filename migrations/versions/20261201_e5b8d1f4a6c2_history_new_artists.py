"""Edition history: the new artists of each year (since_start.artists sums them).

Revision ID: e5b8d1f4a6c2
Revises: b2d4f6a81c35
Create Date: 2026-12-01 04:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5b8d1f4a6c2'
down_revision = 'b2d4f6a81c35'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('edition_history', schema=None) as batch_op:
        batch_op.add_column(sa.Column('new_artists', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('edition_history', schema=None) as batch_op:
        batch_op.drop_column('new_artists')
