"""Newsletter: subscribers (with their consent), newsletters and one delivery row per send.

Revision ID: 8e4b17c3d2a6
Revises: 5d2c8a41e9f0
Create Date: 2026-11-22 23:45:11.509097

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8e4b17c3d2a6'
down_revision = '5d2c8a41e9f0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('subscribers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('status', sa.Enum('pending', 'confirmed', 'unsubscribed', name='subscriberstatus', native_enum=False, length=20), nullable=False),
    sa.Column('consent_text', sa.Text(), nullable=False),
    sa.Column('consent_at', sa.DateTime(), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('unsubscribed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscribers')),
    sa.UniqueConstraint('email', name=op.f('uq_subscribers_email'))
    )
    op.create_table('newsletters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body_markdown', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'sending', 'sent', name='newsletterstatus', native_enum=False, length=20), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_newsletters_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_newsletters'))
    )
    op.create_table('newsletter_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('newsletter_id', sa.Integer(), nullable=False),
    sa.Column('subscriber_id', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['newsletter_id'], ['newsletters.id'], name=op.f('fk_newsletter_deliveries_newsletter_id_newsletters'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subscriber_id'], ['subscribers.id'], name=op.f('fk_newsletter_deliveries_subscriber_id_subscribers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_newsletter_deliveries')),
    sa.UniqueConstraint('newsletter_id', 'subscriber_id', name=op.f('uq_newsletter_deliveries_newsletter_id_subscriber_id'))
    )


def downgrade():
    op.drop_table('newsletter_deliveries')
    op.drop_table('newsletters')
    op.drop_table('subscribers')
