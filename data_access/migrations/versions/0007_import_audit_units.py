"""what each import covered: rows per district or street and month

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_audit_unit",
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["audit_id"],
            ["import_audit.id"],
            name=op.f("fk_import_audit_unit_audit_id_import_audit"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_unit.id"], name=op.f("fk_import_audit_unit_unit_id_org_unit")
        ),
        sa.PrimaryKeyConstraint("audit_id", "unit_id", "month", name=op.f("pk_import_audit_unit")),
    )
    op.create_index(
        "ix_import_audit_unit_month", "import_audit_unit", ["month", "unit_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_import_audit_unit_month", table_name="import_audit_unit")
    op.drop_table("import_audit_unit")
