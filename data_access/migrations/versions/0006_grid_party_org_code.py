"""grid party organisation code, the key an import matches on

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("grid_party_org", schema=None) as batch_op:
        batch_op.add_column(sa.Column("code", sa.String(length=40), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_grid_party_org_code"), ["code"])


def downgrade() -> None:
    with op.batch_alter_table("grid_party_org", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_grid_party_org_code"), type_="unique")
        batch_op.drop_column("code")
