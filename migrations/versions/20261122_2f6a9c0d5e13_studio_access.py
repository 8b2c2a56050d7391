"""Studio access information: accessible toilet, parking, card payment (beside wheelchair access).

Revision ID: 2f6a9c0d5e13
Revises: 8e4b17c3d2a6
Create Date: 2026-11-22 23:57:41.101768

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2f6a9c0d5e13'
down_revision = '8e4b17c3d2a6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('studios', schema=None) as batch_op:
        batch_op.add_column(sa.Column('accessible_toilet', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('parking', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('card_payment', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    with op.batch_alter_table('studios', schema=None) as batch_op:
        batch_op.drop_column('card_payment')
        batch_op.drop_column('parking')
        batch_op.drop_column('accessible_toilet')

