"""Per-artist opening: own daily hours on participations, and the open days each artist keeps.

Both are per participation (artist × edition) because hours change from year to year.
Nullable hours mean the edition's; no kept_days rows mean every open day of the edition.

Revision ID: f02df776df68
Revises: 2f6a9c0d5e13
Create Date: 2026-11-23 04:20:15.599915

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f02df776df68'
down_revision = '2f6a9c0d5e13'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('kept_days',
    sa.Column('participation_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['participation_id'], ['participations.id'], name=op.f('fk_kept_days_participation_id_participations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('participation_id', 'day', name=op.f('pk_kept_days'))
    )
    with op.batch_alter_table('participations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opens_at', sa.Time(), nullable=True))
        batch_op.add_column(sa.Column('closes_at', sa.Time(), nullable=True))



def downgrade():
    with op.batch_alter_table('participations', schema=None) as batch_op:
        batch_op.drop_column('closes_at')
        batch_op.drop_column('opens_at')

    op.drop_table('kept_days')
