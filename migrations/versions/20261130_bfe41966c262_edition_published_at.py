"""Editions are drafts until published: editions.published_at.

The public site used to show the latest edition, so every edition that exists was public
already: existing editions become published, at the time of their last update.

Revision ID: bfe41966c262
Revises: 9b3ac31e5fc5
Create Date: 2026-11-30 23:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'bfe41966c262'
down_revision = '9b3ac31e5fc5'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('editions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published_at', sa.DateTime(), nullable=True))
    editions = sa.table('editions', sa.column('published_at', sa.DateTime()),
                        sa.column('updated_at', sa.DateTime()))
    op.execute(editions.update().values(published_at=editions.c.updated_at))


def downgrade():
    with op.batch_alter_table('editions', schema=None) as batch_op:
        batch_op.drop_column('published_at')
