"""述职评议: appraisals voted with one-time ballot codes, and their frozen results

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "appraisal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("meeting", sa.String(length=80), nullable=False),
        sa.Column("options", sa.String(length=200), nullable=False),
        sa.Column("option_scores", sa.String(length=200), nullable=False),
        sa.Column("excellent_share", sa.Float(), nullable=False),
        sa.Column("vote_weight", sa.Float(), nullable=False),
        sa.Column("verification_weight", sa.Float(), nullable=False),
        sa.Column("survey_weight", sa.Float(), nullable=False),
        sa.Column("opens_at", MOMENT, nullable=False),
        sa.Column("closes_at", MOMENT, nullable=False),
        sa.Column("closed_at", MOMENT, nullable=True),
        sa.Column("frozen_at", MOMENT, nullable=True),
        sa.Column("frozen_by", sa.String(length=60), nullable=True),
        sa.Column("previous_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(length=60), nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_unit.id"], name=op.f("fk_appraisal_unit_id_org_unit")
        ),
        sa.ForeignKeyConstraint(
            ["previous_id"], ["appraisal.id"], name=op.f("fk_appraisal_previous_id_appraisal")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appraisal")),
    )
    op.create_table(
        "appraisal_subject",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appraisal_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("role_title", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("verification_score", sa.Float(), nullable=True),
        sa.Column("survey_score", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["appraisal_id"],
            ["appraisal.id"],
            name=op.f("fk_appraisal_subject_appraisal_id_appraisal"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_unit.id"], name=op.f("fk_appraisal_subject_unit_id_org_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appraisal_subject")),
        sa.UniqueConstraint(
            "appraisal_id", "unit_id", "role_title", name=op.f("uq_appraisal_subject_appraisal_id")
        ),
    )
    op.create_table(
        "ballot_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appraisal_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("used", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["appraisal_id"], ["appraisal.id"], name=op.f("fk_ballot_code_appraisal_id_appraisal")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_ballot_code_code_hash")),
    )
    op.create_index("ix_ballot_code_appraisal", "ballot_code", ["appraisal_id"])
    op.create_table(
        "ballot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appraisal_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["appraisal_id"], ["appraisal.id"], name=op.f("fk_ballot_appraisal_id_appraisal")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot")),
    )
    op.create_index("ix_ballot_appraisal", "ballot", ["appraisal_id"])
    op.create_table(
        "ballot_vote",
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("choice", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ballot_id"], ["ballot.id"], name=op.f("fk_ballot_vote_ballot_id_ballot")
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["appraisal_subject.id"],
            name=op.f("fk_ballot_vote_subject_id_appraisal_subject"),
        ),
        sa.PrimaryKeyConstraint("ballot_id", "subject_id", name=op.f("pk_ballot_vote")),
    )
    op.create_table(
        "appraisal_result",
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("counts", sa.String(length=200), nullable=False),
        sa.Column("good_share", sa.Float(), nullable=True),
        sa.Column("vote_score", sa.Float(), nullable=True),
        sa.Column("composite", sa.Float(), nullable=True),
        sa.Column("grade", sa.String(length=20), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("last", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["appraisal_subject.id"],
            name=op.f("fk_appraisal_result_subject_id_appraisal_subject"),
        ),
        sa.PrimaryKeyConstraint("subject_id", name=op.f("pk_appraisal_result")),
    )


def downgrade() -> None:
    for table in ("appraisal_result", "ballot_vote", "ballot", "ballot_code"):
        op.drop_table(table)
    op.drop_table("appraisal_subject")
    op.drop_table("appraisal")
