"""one registration per member or organisation and community (what imports match on)

Two imports of one registrations file at once could both insert its rows: nothing in
the database forbade it. Refuses to run while duplicates exist, naming one.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

COLUMNS = ("member_id", "party_org_id")


def upgrade() -> None:
    for column in COLUMNS:
        duplicate = (
            op.get_bind()
            .execute(
                sa.text(
                    f"SELECT {column}, community_id, count(*) FROM registration"
                    f" WHERE {column} IS NOT NULL GROUP BY {column}, community_id"
                    " HAVING count(*) > 1 ORDER BY 1, 2"
                )
            )
            .first()
        )
        if duplicate:
            raise RuntimeError(
                f"registration 有重复登记（{column}={duplicate[0]}，community_id={duplicate[1]}，"
                f"{duplicate[2]} 行）：请先合并后再升级 / duplicate registrations "
                f"({column}={duplicate[0]}, community_id={duplicate[1]}): merge them first"
            )
        where = sa.text(f"{column} IS NOT NULL")
        op.create_index(
            f"uq_registration_{column}_community",
            "registration",
            [column, "community_id"],
            unique=True,
            sqlite_where=where,
            postgresql_where=where,
        )


def downgrade() -> None:
    for column in COLUMNS:
        op.drop_index(f"uq_registration_{column}_community", table_name="registration")
