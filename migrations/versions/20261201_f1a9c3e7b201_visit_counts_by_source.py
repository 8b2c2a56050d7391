"""Visit counts by venue, source and day, with the count: the statistics service's index.

The service sums each venue's counts per source and then reads the chosen source's days; with
this index both are read from the index alone, in its order (SQLite no longer sorts ~60,000
rows for the GROUP BY). count is in it, so a check-in's +1 is no longer a HOT update on
PostgreSQL: measured, the rollup's upsert costs the same (docs/PERFORMANCE.md).

Revision ID: f1a9c3e7b201
Revises: e4325bc02633
Create Date: 2026-12-01 07:55:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f1a9c3e7b201'
down_revision = 'e4325bc02633'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_visit_counts_venue_source_day', 'visit_counts',
                    ['venue_id', 'source', 'day', 'count'], unique=False)


def downgrade():
    op.drop_index('ix_visit_counts_venue_source_day', table_name='visit_counts')
