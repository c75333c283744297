"""Tables of the governance data model (SQLAlchemy Core).

The org hierarchy is one self-referencing table. Every unit stores its
materialised `path` ("/1/4/17/") so that a subtree is one indexed prefix
match, and the ids of its ancestors at each level (`district_id`, ...) so
that facts can be grouped at any level with a single join. Both are kept in
step by `data_access.org_tree` when units are added or moved.

Facts (activities, meetings, problems, list items) point at a community and,
where known, a grid; they are grouped through the community's ancestors.
Members are pseudonymous: a member code, never a name or ID number.
"""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from data_access.clock import UtcDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Levels from the top down; a deployment may start at "province" or "city".
LEVELS = ("province", "city", "district", "street", "community", "grid")

dataset_info = Table(
    "dataset_info",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", String(200), nullable=False),
)

org_unit = Table(
    "org_unit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(40), nullable=False, unique=True),
    Column("name", String(100), nullable=False),
    Column("level", String(12), nullable=False),
    Column("parent_id", Integer, ForeignKey("org_unit.id")),
    Column("path", String(200), nullable=False),
    Column("city_id", Integer),
    Column("district_id", Integer),
    Column("street_id", Integer),
    Column("community_id", Integer),
    # urban / rural, for streets, communities and grids
    Column("area_kind", String(8)),
    # general / dedicated, for grids only
    Column("grid_kind", String(10)),
    Column("households", Integer),
    Column("population", Integer),
    # text_pattern_ops: PostgreSQL answers a subtree's LIKE prefix from it whatever the
    # database's collation (a plain index serves LIKE only under the C collation)
    Index("ix_org_unit_path", "path", postgresql_ops={"path": "text_pattern_ops"}),
    Index("ix_org_unit_level_district", "level", "district_id"),
    Index("ix_org_unit_parent", "parent_id"),
)

party_org = Table(
    "party_org",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(40), nullable=False, unique=True),
    Column("name", String(100), nullable=False),
    # organ, enterprise, institution, two_new, community, village
    Column("org_type", String(12), nullable=False),
    # the community where the organisation is located
    Column("community_id", Integer, ForeignKey("org_unit.id"), nullable=False),
)

party_member = Table(
    "party_member",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("member_code", String(40), nullable=False, unique=True),
    Column("party_org_id", Integer, ForeignKey("party_org.id"), nullable=False),
    Column("in_service", Boolean, nullable=False),
    Column("residence_community_id", Integer, ForeignKey("org_unit.id"), nullable=False),
    Column("residence_grid_id", Integer, ForeignKey("org_unit.id")),
    Index("ix_party_member_residence", "residence_community_id"),
)

# 双报到: an organisation reports to the community where it is located, a
# member to the community where they live. Exactly one of the two is set.
registration = Table(
    "registration",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(6), nullable=False),  # org / member
    Column("party_org_id", Integer, ForeignKey("party_org.id")),
    Column("member_id", Integer, ForeignKey("party_member.id")),
    Column("community_id", Integer, ForeignKey("org_unit.id"), nullable=False),
    Column("registered_on", Date, nullable=False),
    Column("revoked_on", Date),
    Index("ix_registration_community", "community_id", "kind"),
    Index("ix_registration_member", "member_id"),
    # one registration per member (or organisation) and community, the key imports
    # match on; partial, since the registrant's other column is empty (NULLs differ)
    *(
        Index(
            f"uq_registration_{column}_community",
            column,
            "community_id",
            unique=True,
            sqlite_where=text(f"{column} IS NOT NULL"),
            postgresql_where=text(f"{column} IS NOT NULL"),
        )
        for column in ("member_id", "party_org_id")
    ),
)

# 三张清单: resource, need and service items published in a community.
list_item = Table(
    "list_item",
    metadata,
    Column("id", Integer, primary_key=True),
    # the record number in the reporting system; the key an import matches on
    Column("code", String(40), unique=True),
    Column("community_id", Integer, ForeignKey("org_unit.id"), nullable=False),
    Column("list_type", String(10), nullable=False),  # resource / need / service
    Column("title", String(200), nullable=False),
    Column("publisher_org_id", Integer, ForeignKey("party_org.id")),
    Column("published_on", Date, nullable=False),
    Column("due_on", Date),
    Column("claimed_by_org_id", Integer, ForeignKey("party_org.id")),
    Column("claimed_by_member_id", Integer, ForeignKey("party_member.id")),
    Column("claimed_on", Date),
    Column("completed_on", Date),
    Index("ix_list_item_community_published", "community_id", "published_on"),
)

service_activity = Table(
    "service_activity",
    metadata,
    Column("id", Integer, primary_key=True),
    # the record number in the reporting system; the key an import matches on
    Column("code", String(40), unique=True),
    Column("community_id", Integer, ForeignKey("org_unit.id"), nullable=False),
    Column("grid_id", Integer, ForeignKey("org_unit.id")),
    Column("organiser_org_id", Integer, ForeignKey("party_org.id")),
    Column("held_on", Date, nullable=False),
    # volunteer, patrol, visit, culture, education, environment
    Column("kind", String(12), nullable=False),
    Column("hours", Float, nullable=False),
    Index("ix_service_activity_community_held", "community_id", "held_on"),
    # the whole scope's activities in a window (90 days active, a month's trend)
    Index("ix_service_activity_held", "held_on"),
)

activity_participant = Table(
    "activity_participant",
    metadata,
    Column("activity_id", Integer, ForeignKey("service_activity.id"), primary_key=True),
    Column("member_id", Integer, ForeignKey("party_member.id"), primary_key=True),
    Column("hours", Float, nullable=False),
    Index("ix_activity_participant_member", "member_id"),
)

meeting = Table(
    "meeting",
    metadata,
    Column("id", Integer, primary_key=True),
    # the record number in the reporting system; the key an import matches on
    Column("code", String(40), unique=True),
    # street (street joint meeting), community or grid holding the meeting
    Column("unit_id", Integer, ForeignKey("org_unit.id"), nullable=False),
    # street_joint, community_joint, branch_committee, party_group,
    # general_assembly, party_lecture, themed_day
    Column("meeting_type", String(20), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("attendance", Integer, nullable=False),
    Column("issues_raised", Integer, nullable=False, server_default="0"),
    Column("issues_resolved", Integer, nullable=False, server_default="0"),
    Index("ix_meeting_unit_held", "unit_id", "held_on"),
    Index("ix_meeting_held", "held_on"),
)

resident_problem = Table(
    "resident_problem",
    metadata,
    Column("id", Integer, primary_key=True),
    # the record number in the reporting system; the key an import matches on
    Column("code", String(40), unique=True),
    Column("community_id", Integer, ForeignKey("org_unit.id"), nullable=False),
    Column("grid_id", Integer, ForeignKey("org_unit.id")),
    Column("source", String(10), nullable=False),  # meeting, grid_visit, hotline, list
    Column("raised_on", Date, nullable=False),
    Column("resolved_on", Date),
    Index("ix_resident_problem_community_raised", "community_id", "raised_on"),
)

# Party organisations set up inside a grid: branch, building group, or a
# member household (党员中心户).
grid_party_org = Table(
    "grid_party_org",
    metadata,
    Column("id", Integer, primary_key=True),
    # the organisation's code in the reporting system; the key an import matches on
    Column("code", String(40), unique=True),
    Column("grid_id", Integer, ForeignKey("org_unit.id"), nullable=False),
    Column("kind", String(16), nullable=False),  # branch / building_group / member_household
    Column("set_up_on", Date, nullable=False),
    Column("active", Boolean, nullable=False),
    Index("ix_grid_party_org_grid", "grid_id"),
)

# Grid workers (unit = grid) and full-time community workers (unit = community).
worker = Table(
    "worker",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("worker_code", String(40), nullable=False),
    Column("role", String(10), nullable=False),  # grid / community
    Column("unit_id", Integer, ForeignKey("org_unit.id"), nullable=False),
    Column("started_on", Date, nullable=False),
    Column("ended_on", Date),
    UniqueConstraint("worker_code", "role", name="uq_worker_code_role"),
    Index("ix_worker_unit", "unit_id", "role"),
)

# Dashboard accounts. Passwords are bcrypt hashes. A session (or login
# cookie) issued before `sessions_valid_after` is refused: changing the
# password or a forced logout moves it forward.
app_user = Table(
    "app_user",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(60), nullable=False, unique=True),
    Column("display_name", String(100), nullable=False),
    Column("password_hash", String(100), nullable=False),
    Column("role", String(10), nullable=False),  # admin / leader / district / steward / viewer
    Column("enabled", Boolean, nullable=False),
    Column("sessions_valid_after", UtcDateTime, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

# The org units whose subtrees a user may see (the union of them).
user_scope = Table(
    "user_scope",
    metadata,
    Column("user_id", Integer, ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", Integer, ForeignKey("org_unit.id"), primary_key=True),
)

# Logins, failures, lockouts and account changes, kept for audit.
auth_event = Table(
    "auth_event",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UtcDateTime, nullable=False),
    Column("username", String(60), nullable=False),
    Column("event", String(20), nullable=False),
    Column("detail", String(200)),
    Index("ix_auth_event_username_at", "username", "at"),
)

# One row per sign-in; the login cookie carries its id. Logout ends the row, so a
# copied cookie stops working with the session it belonged to. `id` is the SHA-256 of
# the random id in the cookie: the table alone cannot forge a session.
auth_session = Table(
    "auth_session",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("username", String(60), nullable=False),
    Column("issued_at", UtcDateTime, nullable=False),
    Column("ended_at", UtcDateTime),
    Index("ix_auth_session_username", "username"),
)

# What-if settings a user saved under a name: the view's URL parameters, as JSON.
saved_scenario = Table(
    "saved_scenario",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("app_user.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(40), nullable=False),
    Column("settings", Text, nullable=False),
    Column("saved_at", UtcDateTime, nullable=False),
    UniqueConstraint("user_id", "name"),
)

# Every import of a file, applied or refused.
import_audit = Table(
    "import_audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UtcDateTime, nullable=False),
    Column("username", String(60), nullable=False),
    Column("entity", String(30), nullable=False),
    Column("file_name", String(200), nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Column("outcome", String(10), nullable=False),  # applied / refused
    Column("inserted", Integer, nullable=False),
    Column("updated", Integer, nullable=False),
    Column("unchanged", Integer, nullable=False),
    Column("rejected", Integer, nullable=False),
)

# What each applied import wrote, per district or street (the street where the unit has
# one) and month of the rows' dates: the submissions 报送情况 reads.
import_audit_unit = Table(
    "import_audit_unit",
    metadata,
    Column("audit_id", Integer, ForeignKey("import_audit.id"), primary_key=True),
    Column("unit_id", Integer, ForeignKey("org_unit.id"), primary_key=True),
    Column("month", String(7), primary_key=True),  # "2026-03"
    Column("rows", Integer, nullable=False),
    Index("ix_import_audit_unit_month", "month", "unit_id"),
)

# Summary tables: the indicator counts of each base unit (a community, or a street for
# what a street holds itself), per read day or per reporting period, so that a page
# sums a few thousand rows instead of scanning millions of facts. Written only by
# `data_access.summary`, which keeps them in step on every import and live write.
# `summary_built` names what is complete: a read falls back to the raw facts otherwise.
summary_built = Table(
    "summary_built",
    metadata,
    Column("key", String(40), primary_key=True),  # "day:2026-09-30", "period:2026-Q3", ...
    Column("built_at", UtcDateTime, nullable=False),
)


def _summary(name: str, keys: list[Column], counts: list[str], *, real=()) -> Table:
    # the key is (day/period/month, unit_id, other keys...): reads look rows up by
    # their first key and unit
    first, *others = keys
    return Table(
        name,
        metadata,
        first,
        Column("unit_id", Integer, nullable=False, primary_key=True),
        *others,
        *(Column(c, Float if c in real else Integer, nullable=False) for c in counts),
    )


# stocks read at a day
summary_day = _summary(
    "summary_day",
    [Column("day", Date, primary_key=True)],
    [
        "grids",
        "grids_with_org",
        "grids_with_worker",
        "households",
        "grid_workers",
        "community_workers",
        # grids lacking an organisation or a worker: 短板网格's count without its list
        "gapped_grids",
        "in_service_members",
        "registered_members",
        "active_members",
        "registered_orgs",
    ],
)
# flows over a period, some read at its end
summary_period = _summary(
    "summary_period",
    [Column("period", String(30), primary_key=True)],
    [
        "service_hours",
        "records",
        "units_due",
        "units_compliant",
        "units_amber",
        "units_red",
        # lists and problems of every type and source, so that indicator_table reads
        # two summary tables, not four
        "published",
        "claimed",
        "completed",
        "overdue",
        "raised",
        "resolved",
    ],
    real=("service_hours",),
)
summary_list = _summary(
    "summary_list",
    [
        Column("period", String(30), primary_key=True),
        Column("list_type", String(10), primary_key=True),
    ],
    ["published", "claimed", "completed", "overdue"],
)
# problems raised in a period by how many days they took to resolve (-1: not by its end)
summary_problem = _summary(
    "summary_problem",
    [
        Column("period", String(30), primary_key=True),
        Column("source", String(10), primary_key=True),
        Column("days", Integer, primary_key=True),
    ],
    ["problems"],
)
summary_service = _summary(
    "summary_service",
    [Column("month", String(7), primary_key=True)],
    ["activities", "participations", "hours"],
    real=("hours",),
)
# units behind on 三会一课 over a period (red or amber; the holder itself, not its base
# unit), with the counts their status follows from
summary_behind = _summary(
    "summary_behind",
    [Column("period", String(30), primary_key=True)],
    ["types_due", "types_met", "due", "held"],
)
# meetings held per day and type in each district: a base unit holds only a few
# meetings a month, so it is district rows that make them fewer than the facts
summary_meeting = _summary(
    "summary_meeting",
    [
        Column("month", String(7), primary_key=True),
        Column("day", Date, primary_key=True),
        Column("meeting_type", String(20), primary_key=True),
    ],
    ["meetings", "attendance", "issues_raised", "issues_resolved"],
)
# grids lacking a party organisation or a grid worker at a read day (the grid itself)
summary_gap = _summary(
    "summary_gap",
    [Column("day", Date, primary_key=True)],
    ["has_org", "has_worker"],
)
# problems per district (see summary.read.DISTRICT_GRAIN): as summary_problem, and by
# the month they were raised in, with how many of them were resolved by the period's end
summary_district_problem = _summary(
    "summary_district_problem",
    [
        Column("period", String(30), primary_key=True),
        Column("source", String(10), primary_key=True),
        Column("days", Integer, primary_key=True),
    ],
    ["problems"],
)
summary_problem_month = _summary(
    "summary_problem_month",
    [
        Column("period", String(30), primary_key=True),
        Column("month", String(7), primary_key=True),
    ],
    ["raised", "resolved"],
)

# Work tracking (issue "Work tracking"; seeds 002 Qiuji, 004 Zaozhuang, 003 Xiangyang,
# 000 Zhenjiang). A task is led by one unit and carried out by others; its monthly nodes
# are each owned by one responsible unit, and it is through that unit (or the task's lead
# and executing units) that a scope sees them.
work_task = Table(
    "work_task",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(40), nullable=False, unique=True),
    Column("title", String(200), nullable=False),
    Column("kind", String(8), nullable=False),  # daily (日常) / annual (年度)
    Column("stars", Integer, nullable=False),  # difficulty, 1-5
    Column("points", Integer, nullable=False),  # 1-10
    # county (县级交办) / standing_committee (常委会工作要点) / inspection / observation
    Column("source", String(20), nullable=False),
    Column("leader_role", String(100), nullable=False),  # 第一直接责任人, a role, not a name
    Column("lead_unit_id", Integer, ForeignKey("org_unit.id"), nullable=False),
    Column("published_on", Date, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("remind_days", Integer, nullable=False),  # the reminder comes this many days early
    Column("public", Boolean, nullable=False, server_default=text("false")),
)

work_task_unit = Table(
    "work_task_unit",
    metadata,
    Column("task_id", Integer, ForeignKey("work_task.id"), primary_key=True),
    Column("unit_id", Integer, ForeignKey("org_unit.id"), primary_key=True),
)

# 节点: a task's target for one month and one responsible unit
task_node = Table(
    "task_node",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("task_id", Integer, ForeignKey("work_task.id"), nullable=False),
    Column("month", String(7), nullable=False),  # 'YYYY-MM'
    Column("target", String(200), nullable=False),
    Column("target_value", Float),
    Column("lead_unit_id", Integer, ForeignKey("org_unit.id"), nullable=False),
    Column("responsible_unit_id", Integer, ForeignKey("org_unit.id"), nullable=False),
    Column("owner_role", String(100), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("progress_value", Float),
    Column("completed_on", Date),
    Column("verified_on", Date),
    Column("verified_by", String(40)),
    UniqueConstraint(
        "task_id", "month", "responsible_unit_id", name="uq_task_node_task_month_unit"
    ),
    Index("ix_task_node_unit_due", "responsible_unit_id", "due_on"),
)

# 督办: a problem raised at a meeting or inspection, assigned to a unit to rectify
supervision_item = Table(
    "supervision_item",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(40), nullable=False, unique=True),
    # meeting (调度会) / inspection (督查) / observation (现场观摩)
    Column("raised_at", String(20), nullable=False),
    Column("raised_on", Date, nullable=False),
    Column("issue", String(400), nullable=False),
    Column("unit_id", Integer, ForeignKey("org_unit.id"), nullable=False),
    Column("task_id", Integer, ForeignKey("work_task.id")),
    Column("due_on", Date, nullable=False),
    Column("rectified_on", Date),
    Column("checked_on", Date),
    Column("check_passed", Boolean),  # the checked result (督办问效), once checked
    Index("ix_supervision_item_unit_raised", "unit_id", "raised_on"),
)

# 履责记实: one act of duty, one record, written as it happens and never changed; a
# correction is a new record pointing at the one it corrects
duty_record = Table(
    "duty_record",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("org_unit.id"), nullable=False),
    Column("day", Date, nullable=False),
    Column("action", String(400), nullable=False),
    Column("task_id", Integer, ForeignKey("work_task.id")),
    Column("node_id", Integer, ForeignKey("task_node.id")),
    Column("supervision_id", Integer, ForeignKey("supervision_item.id")),
    Column("recorded_by", String(40), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("corrects_id", Integer, ForeignKey("duty_record.id")),
    Index("ix_duty_record_unit_day", "unit_id", "day"),
)

# 大屏端查询: a read-only board of the public tasks under a unit, reached by a link with
# a random token; only the token's SHA-256 is kept, and revoking ends the link at once
public_board = Table(
    "public_board",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("unit_id", Integer, ForeignKey("org_unit.id"), nullable=False),
    Column("label", String(60), nullable=False),
    Column("created_by", String(60), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("revoked_by", String(60)),
    Column("revoked_at", UtcDateTime),
)

# 述职评议 / 民主测评: an appraisal of units' secretaries at a meeting, voted on phones
# with one-time codes and published on the spot
appraisal = Table(
    "appraisal",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("org_unit.id"), nullable=False),  # whose meeting
    Column("title", String(80), nullable=False),
    Column("meeting", String(80), nullable=False),
    Column("options", String(200), nullable=False),  # "好|较好|一般|差"; the first is "好"
    Column("option_scores", String(200), nullable=False),  # "100|80|60|0"
    Column("excellent_share", Float, nullable=False),  # "好" share needed for 优秀
    Column("vote_weight", Float, nullable=False),
    Column("verification_weight", Float, nullable=False),
    Column("survey_weight", Float, nullable=False),
    Column("opens_at", UtcDateTime, nullable=False),
    Column("closes_at", UtcDateTime, nullable=False),
    Column("closed_at", UtcDateTime),  # closed by hand before closes_at
    Column("frozen_at", UtcDateTime),
    Column("frozen_by", String(60)),
    Column("previous_id", Integer, ForeignKey("appraisal.id")),  # the round compared with
    Column("created_by", String(60), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

# who is appraised: a unit's post (书记, by role title, never a person), with the other
# parts of the composite score entered before the meeting
appraisal_subject = Table(
    "appraisal_subject",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("appraisal_id", Integer, ForeignKey("appraisal.id"), nullable=False),
    Column("unit_id", Integer, ForeignKey("org_unit.id"), nullable=False),
    Column("role_title", String(40), nullable=False),
    Column("position", Integer, nullable=False),
    Column("verification_score", Float),  # 调查核实, 0-100
    Column("survey_score", Float),  # 民意调查, 0-100
    UniqueConstraint("appraisal_id", "unit_id", "role_title"),
)

# a one-time ballot code, kept as its SHA-256 only; `used` is burnt in the transaction
# that stores the ballot, and nothing links the two (no time, no id)
ballot_code = Table(
    "ballot_code",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("appraisal_id", Integer, ForeignKey("appraisal.id"), nullable=False),
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("used", Boolean, nullable=False),
    Index("ix_ballot_code_appraisal", "appraisal_id"),
)

ballot = Table(
    "ballot",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("appraisal_id", Integer, ForeignKey("appraisal.id"), nullable=False),
    Index("ix_ballot_appraisal", "appraisal_id"),
)

# one answer of a ballot: the index of the chosen option for one subject
ballot_vote = Table(
    "ballot_vote",
    metadata,
    Column("ballot_id", Integer, ForeignKey("ballot.id"), primary_key=True),
    Column("subject_id", Integer, ForeignKey("appraisal_subject.id"), primary_key=True),
    Column("choice", Integer, nullable=False),
)

# the result as frozen: published figures kept, reproducible from the ballots
appraisal_result = Table(
    "appraisal_result",
    metadata,
    Column("subject_id", Integer, ForeignKey("appraisal_subject.id"), primary_key=True),
    Column("counts", String(200), nullable=False),  # votes per option, "12|3|1|0"
    Column("good_share", Float),
    Column("vote_score", Float),
    Column("composite", Float),
    Column("grade", String(20), nullable=False),
    Column("rank", Integer),
    Column("last", Boolean, nullable=False),
)
