"""Programme: events and registrations (with the place counter that prevents overbooking).

Revision ID: 5d2c8a41e9f0
Revises: bb264bb5fb66
Create Date: 2026-11-22 22:57:20.878565

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d2c8a41e9f0'
down_revision = 'bb264bb5fb66'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('opening', 'artist_talk', 'concert', 'workshop', 'historical_walk', 'guided_tour', 'seminar', 'meeting', name='eventkind', native_enum=False, length=20), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('venue_kind', sa.Enum('studio', 'exhibition', 'address', name='venuekind', native_enum=False, length=20), nullable=False),
    sa.Column('studio_id', sa.Integer(), nullable=True),
    sa.Column('venue_name', sa.String(length=160), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('postcode', sa.String(length=10), nullable=True),
    sa.Column('place', sa.String(length=80), nullable=True),
    sa.Column('lat', sa.Double(), nullable=True),
    sa.Column('lon', sa.Double(), nullable=True),
    sa.Column('location_source', sa.Enum('file', 'geocoder', 'gazetteer', 'manual', 'missing', name='locationsource', native_enum=False, length=20), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('registration_required', sa.Boolean(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('confirmed_count', sa.Integer(), nullable=False),
    sa.Column('question', sa.String(length=200), nullable=True),
    sa.Column('series', sa.String(length=80), nullable=True),
    sa.Column('status', sa.Enum('draft', 'published', 'cancelled', name='eventstatus', native_enum=False, length=20), nullable=False),
    sa.Column('uid', sa.String(length=80), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('capacity IS NULL OR capacity >= 0', name=op.f('ck_events_capacity_positive')),
    sa.CheckConstraint('confirmed_count >= 0', name=op.f('ck_events_confirmed_positive')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_events_time_order')),
    sa.ForeignKeyConstraint(['edition_id'], ['editions.id'], name=op.f('fk_events_edition_id_editions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['studio_id'], ['studios.id'], name=op.f('fk_events_studio_id_studios'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sa.UniqueConstraint('uid', name=op.f('uq_events_uid'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_edition_id'), ['edition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_series'), ['series'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_starts_at'), ['starts_at'], unique=False)

    op.create_table('registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('status', sa.Enum('confirmed', 'waitlisted', 'cancelled', name='registrationstatus', native_enum=False, length=20), nullable=False),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('checked_in_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_registrations_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registrations')),
    sa.UniqueConstraint('event_id', 'email', name=op.f('uq_registrations_event_id_email')),
    sa.UniqueConstraint('token', name=op.f('uq_registrations_token'))
    )
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.create_index('ix_registrations_queue', ['event_id', 'status', 'created_at'], unique=False)



def downgrade():
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_index('ix_registrations_queue')

    op.drop_table('registrations')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_starts_at'))
        batch_op.drop_index(batch_op.f('ix_events_series'))
        batch_op.drop_index(batch_op.f('ix_events_edition_id'))

    op.drop_table('events')
