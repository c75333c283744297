"""summary_day counts the grids lacking an organisation or a worker (gapped_grids)

网格覆盖 counted its 短板网格 by joining summary_gap to every grid (25 ms on a province,
a read of its own); summed with the other coverage counts it costs nothing. Existing
rows take their count from summary_gap, which holds the same grids.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("summary_day", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("gapped_grids", sa.Integer(), nullable=False, server_default="0")
        )
    # a grid's summary row is its base unit's: its community (summary.read, BASE)
    op.execute(
        """
        UPDATE summary_day SET gapped_grids = counted.grids
        FROM (
            SELECT gap.day AS day, coalesce(grid.community_id, grid.id) AS unit_id,
                   count(*) AS grids
            FROM summary_gap AS gap JOIN org_unit AS grid ON grid.id = gap.unit_id
            GROUP BY gap.day, coalesce(grid.community_id, grid.id)
        ) AS counted
        WHERE summary_day.day = counted.day AND summary_day.unit_id = counted.unit_id
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("summary_day", schema=None) as batch_op:
        batch_op.drop_column("gapped_grids")
