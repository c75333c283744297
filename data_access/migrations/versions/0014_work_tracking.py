"""work tracking: tasks and their executing units, monthly nodes, supervision items, duty records

The seeds' task platform (Qiuji), node assessment (Zaozhuang), monthly supervision
(Xiangyang) and duty records (Zhenjiang) get their tables; nothing existing changes.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "work_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("stars", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("leader_role", sa.String(length=100), nullable=False),
        sa.Column("lead_unit_id", sa.Integer(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("remind_days", sa.Integer(), nullable=False),
        sa.Column("public", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.ForeignKeyConstraint(
            ["lead_unit_id"], ["org_unit.id"], name=op.f("fk_work_task_lead_unit_id_org_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_task")),
        sa.UniqueConstraint("code", name=op.f("uq_work_task_code")),
    )
    op.create_table(
        "supervision_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("raised_at", sa.String(length=20), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("issue", sa.String(length=400), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("rectified_on", sa.Date(), nullable=True),
        sa.Column("checked_on", sa.Date(), nullable=True),
        sa.Column("check_passed", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["task_id"], ["work_task.id"], name=op.f("fk_supervision_item_task_id_work_task")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_unit.id"], name=op.f("fk_supervision_item_unit_id_org_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervision_item")),
        sa.UniqueConstraint("code", name=op.f("uq_supervision_item_code")),
    )
    with op.batch_alter_table("supervision_item", schema=None) as batch_op:
        batch_op.create_index(
            "ix_supervision_item_unit_raised", ["unit_id", "raised_on"], unique=False
        )

    op.create_table(
        "task_node",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("lead_unit_id", sa.Integer(), nullable=False),
        sa.Column("responsible_unit_id", sa.Integer(), nullable=False),
        sa.Column("owner_role", sa.String(length=100), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("progress_value", sa.Float(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("verified_on", sa.Date(), nullable=True),
        sa.Column("verified_by", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["lead_unit_id"], ["org_unit.id"], name=op.f("fk_task_node_lead_unit_id_org_unit")
        ),
        sa.ForeignKeyConstraint(
            ["responsible_unit_id"],
            ["org_unit.id"],
            name=op.f("fk_task_node_responsible_unit_id_org_unit"),
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["work_task.id"], name=op.f("fk_task_node_task_id_work_task")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_node")),
        sa.UniqueConstraint(
            "task_id", "month", "responsible_unit_id", name="uq_task_node_task_month_unit"
        ),
    )
    with op.batch_alter_table("task_node", schema=None) as batch_op:
        batch_op.create_index(
            "ix_task_node_unit_due", ["responsible_unit_id", "due_on"], unique=False
        )

    op.create_table(
        "work_task_unit",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["work_task.id"], name=op.f("fk_work_task_unit_task_id_work_task")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_unit.id"], name=op.f("fk_work_task_unit_unit_id_org_unit")
        ),
        sa.PrimaryKeyConstraint("task_id", "unit_id", name=op.f("pk_work_task_unit")),
    )
    op.create_table(
        "duty_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("action", sa.String(length=400), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("node_id", sa.Integer(), nullable=True),
        sa.Column("supervision_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=40), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["corrects_id"], ["duty_record.id"], name=op.f("fk_duty_record_corrects_id_duty_record")
        ),
        sa.ForeignKeyConstraint(
            ["node_id"], ["task_node.id"], name=op.f("fk_duty_record_node_id_task_node")
        ),
        sa.ForeignKeyConstraint(
            ["supervision_id"],
            ["supervision_item.id"],
            name=op.f("fk_duty_record_supervision_id_supervision_item"),
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["work_task.id"], name=op.f("fk_duty_record_task_id_work_task")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_unit.id"], name=op.f("fk_duty_record_unit_id_org_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty_record")),
    )
    with op.batch_alter_table("duty_record", schema=None) as batch_op:
        batch_op.create_index("ix_duty_record_unit_day", ["unit_id", "day"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("duty_record", schema=None) as batch_op:
        batch_op.drop_index("ix_duty_record_unit_day")

    op.drop_table("duty_record")
    op.drop_table("work_task_unit")
    with op.batch_alter_table("task_node", schema=None) as batch_op:
        batch_op.drop_index("ix_task_node_unit_due")

    op.drop_table("task_node")
    with op.batch_alter_table("supervision_item", schema=None) as batch_op:
        batch_op.drop_index("ix_supervision_item_unit_raised")

    op.drop_table("supervision_item")
    op.drop_table("work_task")
