"""Studio access answers: yes, no or not stated (the four columns become nullable).

Until now every access column was a NOT NULL boolean, and False was written both for an
explicit "nei" and for an empty cell or an unticked box; the site showed False as "not
stated". Existing rows cannot tell the two apart, so False becomes NULL (not stated): that
is what visitors already saw, and it claims no "no" that nobody may have said. True stays
True. Organisers set an explicit "no" again through the form or the next import.

Downgrading turns "not stated" back into False, as before.

Revision ID: 9b3ac31e5fc5
Revises: 9c1e5a7b3d42
Create Date: 2026-11-30 22:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9b3ac31e5fc5'
down_revision = '9c1e5a7b3d42'
branch_labels = None
depends_on = None

ACCESS = ('wheelchair_access', 'accessible_toilet', 'parking', 'card_payment')
studios = sa.table('studios', *(sa.column(name, sa.Boolean()) for name in ACCESS))


def upgrade():
    with op.batch_alter_table('studios', schema=None) as batch_op:
        for name in ACCESS:
            batch_op.alter_column(name, existing_type=sa.Boolean(), nullable=True,
                                  server_default=None)
    for name in ACCESS:
        op.execute(studios.update().where(studios.c[name] == sa.false()).values({name: None}))


def downgrade():
    for name in ACCESS:
        op.execute(studios.update().where(studios.c[name].is_(None)).values({name: False}))
    with op.batch_alter_table('studios', schema=None) as batch_op:
        batch_op.alter_column('wheelchair_access', existing_type=sa.Boolean(), nullable=False)
        for name in ACCESS[1:]:
            batch_op.alter_column(name, existing_type=sa.Boolean(), nullable=False,
                                  server_default=sa.false())
