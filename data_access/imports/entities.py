"""What each importable file holds: its Chinese column headers, how each cell is read,
and the checks across cells of a row. Rows are matched on their natural key (a record
code, or for registrations and participants the records they link), so importing a
corrected file updates rows instead of adding them; duty records, which are never
changed, are matched on their unit, day and action, and a changed one is refused."""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import Connection, Table

from data_access.duty_records import MAX_ACTION
from data_access.imports import cells, duty
from data_access.imports.references import (
    ACTIVITY,
    MEMBER,
    PARTY_ORG,
    SUPERVISION_ITEM,
    TASK,
    UNIT,
    Reference,
)
from data_access.org_tree import refresh_tree
from data_access.schema import (
    LEVELS,
    activity_participant,
    duty_record,
    grid_party_org,
    list_item,
    meeting,
    org_unit,
    party_member,
    party_org,
    registration,
    resident_problem,
    service_activity,
    supervision_item,
    task_node,
    work_task,
    worker,
)
from data_access.vocabulary import (
    ACTIVITY_KINDS,
    AREA_KINDS,
    GRID_KINDS,
    GRID_ORG_KINDS,
    LIST_TYPES,
    MEETING_TYPES,
    PARTY_ORG_TYPES,
    PROBLEM_SOURCES,
    RAISED_AT,
    REGISTRATION_KINDS,
    TASK_KINDS,
    TASK_SOURCES,
    WORKER_ROLES,
)
from data_access.vocabulary import UNIT_LEVELS as LEVEL_NAMES

Finding = tuple[str, str] | None  # (reason, header) of a problem, or None
Resolver = Callable[[Connection, list[tuple[int, dict]]], dict[int, tuple[str, str]]]


@dataclass(frozen=True)
class Field:
    header: str  # the column header in the file and the template
    name: str  # the table column it fills
    read: Callable[[str], object]
    example: str
    required: bool = True
    ref: Reference | None = None  # the code names an existing record
    unit_levels: tuple[str, ...] = ()  # for a unit: the levels it may be
    note: str = ""  # how to fill it, for the template
    # a date something happened on (not a deadline): the data's last day follows it
    happened: bool = False
    # False: no column holds it; the entity's `resolve` reads it with another field
    stored: bool = True


@dataclass(frozen=True)
class Entity:
    key: str
    label: str
    table: Table
    fields: tuple[Field, ...]
    # the table column naming the unit a stored row belongs to: an import may only
    # change rows of units in the importer's scope (None: a key field already says so)
    owner: str | None
    # the fields a row is matched on; by default the first, its record code. The
    # first one every row of a file fills narrows the lookup, so put the sharpest first.
    match_on: tuple[str, ...] = ()
    # a row whose cells do not fit together
    row_check: Callable[[dict], Finding] = field(default=lambda row: None)
    # a row whose references do not fit together, given the record each one names
    link_check: Callable[[dict, dict], Finding] = field(default=lambda row, records: None)
    # a valid row worth a second look, shown before importing (given the records it names)
    link_warning: Callable[[dict, dict], Finding] = field(default=lambda row, records: None)
    # an update worth a second look, given the stored row it changes
    update_warning: Callable[[dict, dict], Finding] = field(default=lambda row, stored: None)
    fixed: tuple[str, ...] = ()  # fields a stored row keeps: an update may not change them
    # values for columns filled only by `after_write`, which runs in the import's transaction
    placeholders: dict = field(default_factory=dict)
    after_write: Callable[[Connection], None] | None = None
    # a field naming a record of this same entity, which may be a new row of the same file
    # (a unit's parent): such rows are written parents first
    in_file_parent: str | None = None
    # lookups beyond codes, once they are ids: fills a row's columns from stored records
    # (or other rows of the file), returning (reason, header) by row number where it fails
    resolve: Resolver | None = None
    write: Callable[[Connection, list[dict]], None] | None = None  # new rows, if not an INSERT
    # rows are never changed: a row matching a stored one must equal it
    append_only: bool = False

    @property
    def key_fields(self) -> tuple[str, ...]:
        return self.match_on or (self.fields[0].name,)

    @property
    def columns(self) -> list[str]:
        """The table columns the file fills."""
        return [f.name for f in self.fields if f.stored]

    def header(self, name: str) -> str:
        return next(f.header for f in self.fields if f.name == name)

    @property
    def required_headers(self) -> list[str]:
        return [f.header for f in self.fields if f.required]

    @property
    def happened(self) -> list[str]:
        """The date fields that say when something happened."""
        return [f.name for f in self.fields if f.happened]


def _code(header: str, example: str) -> Field:
    return Field(
        header, "code", cells.code, example, note="记录编号，唯一；再次导入同一编号即更新该记录"
    )


def _unit(header: str, name: str, levels: tuple[str, ...], example: str, required=True) -> Field:
    names = "或".join(LEVEL_NAMES[level] for level in levels)
    return Field(
        header,
        name,
        cells.code,
        example,
        required=required,
        ref=UNIT,
        unit_levels=levels,
        note=f"{names}的单位编码",
    )


def _choice(
    header: str, name: str, labels: dict[str, str], example: str, required=True, when=""
) -> Field:
    return Field(
        header,
        name,
        partial(cells.choice, labels=labels),
        example,
        required=required,
        note=f"{when}可选：{'、'.join(labels.values())}",
    )


def _date(header: str, name: str, example: str, required=True, happened=True) -> Field:
    return Field(
        header,
        name,
        cells.day,
        example,
        required=required,
        note="如 2026-03-05 或 2026年3月5日",
        happened=happened,
    )


def _ordered(first: str, then: str, first_header: str, then_header: str):
    def check(row: dict) -> tuple[str, str] | None:
        if row.get(then) is not None and row[then] < row[first]:
            return f"{then_header}早于{first_header}", then_header
        return None

    return check


def _all(*checks):
    """The first failing check's finding."""

    def check(row: dict) -> tuple[str, str] | None:
        return next((found for c in checks if (found := c(row))), None)

    return check


def _ref(header: str, name: str, ref: Reference, example: str, note: str, required=False) -> Field:
    return Field(header, name, cells.code, example, required=required, ref=ref, note=note)


def _grid_in(grid: str, community: str, header: str):
    """The grid, if given, must lie in the row's community."""

    def check(row: dict, records: dict) -> Finding:
        found = records.get(grid)
        if found is not None and found.community_id != row[community]:
            return f"网格 {found.code} 不属于该社区", header
        return None

    return check


PROBLEMS = Entity(
    "problems",
    "居民问题",
    resident_problem,
    (
        _code("问题编号", "WT2026000123"),
        _unit("社区编码", "community_id", ("community",), "C01D01S01M01"),
        _unit("网格编码", "grid_id", ("grid",), "C01D01S01M01G01", required=False),
        _choice("问题来源", "source", PROBLEM_SOURCES, "热线"),
        _date("发现日期", "raised_on", "2026-03-05"),
        _date("解决日期", "resolved_on", "2026-03-12", required=False),
    ),
    owner="community_id",
    row_check=_ordered("raised_on", "resolved_on", "发现日期", "解决日期"),
    link_check=_grid_in("grid_id", "community_id", "网格编码"),
)


def _issues_in_order(row: dict) -> tuple[str, str] | None:
    if row["issues_resolved"] > row["issues_raised"]:
        return "解决议题数大于提出议题数", "解决议题数"
    return None


MEETINGS = Entity(
    "meetings",
    "会议",
    meeting,
    (
        _code("会议编号", "HY2026000456"),
        _unit("召开单位编码", "unit_id", ("street", "community", "grid"), "C01D01S01M01"),
        _choice("会议类型", "meeting_type", MEETING_TYPES, "主题党日"),
        _date("召开日期", "held_on", "2026年3月5日"),
        Field("参会人数", "attendance", partial(cells.whole_number, high=10_000), "23"),
        Field("提出议题数", "issues_raised", partial(cells.whole_number, high=1_000), "2"),
        Field("解决议题数", "issues_resolved", partial(cells.whole_number, high=1_000), "1"),
    ),
    owner="unit_id",
    row_check=_issues_in_order,
)

ACTIVITIES = Entity(
    "activities",
    "服务活动",
    service_activity,
    (
        _code("活动编号", "HD2026000789"),
        _unit("社区编码", "community_id", ("community",), "C01D01S01M01"),
        _unit("网格编码", "grid_id", ("grid",), "C01D01S01M01G01", required=False),
        _choice("活动类型", "kind", ACTIVITY_KINDS, "志愿服务"),
        _date("活动日期", "held_on", "2026/3/5"),
        Field("时长（小时）", "hours", cells.hours, "2.5"),
    ),
    owner="community_id",
    link_check=_grid_in("grid_id", "community_id", "网格编码"),
)


def _one_claimant(row: dict) -> tuple[str, str] | None:
    if row["claimed_by_org_id"] is not None and row["claimed_by_member_id"] is not None:
        return "认领党组织和认领党员只能填一个", "认领党员编号"
    claimant = row["claimed_by_org_id"] is not None or row["claimed_by_member_id"] is not None
    if row["claimed_on"] is not None and not claimant:
        return "已填认领日期，但没有认领党组织或认领党员", "认领党组织编码"
    if claimant and row["claimed_on"] is None:
        return "已填认领方，但没有认领日期", "认领日期"
    if row["completed_on"] is not None and row["claimed_on"] is None:
        return "已填完成日期，但没有认领日期", "认领日期"
    return None


LIST_ITEMS = Entity(
    "list_items",
    "清单事项",
    list_item,
    (
        _code("事项编号", "QD2026000321"),
        _unit("社区编码", "community_id", ("community",), "C01D01S01M01"),
        _choice("清单类型", "list_type", LIST_TYPES, "需求清单"),
        Field("事项名称", "title", cells.title, "为独居老人代购药品", note="不超过 200 字"),
        _ref("发布党组织编码", "publisher_org_id", PARTY_ORG, "P001", "发布该事项的党组织"),
        _date("发布日期", "published_on", "2026-03-01"),
        _date("截止日期", "due_on", "2026-03-31", required=False, happened=False),
        _ref("认领党组织编码", "claimed_by_org_id", PARTY_ORG, "P002", "与认领党员二选一"),
        _ref("认领党员编号", "claimed_by_member_id", MEMBER, "", "与认领党组织二选一"),
        _date("认领日期", "claimed_on", "2026-03-03", required=False),
        _date("完成日期", "completed_on", "2026-03-20", required=False),
    ),
    owner="community_id",
    row_check=_all(
        _ordered("published_on", "due_on", "发布日期", "截止日期"),
        _ordered("published_on", "claimed_on", "发布日期", "认领日期"),
        _one_claimant,
        _ordered("claimed_on", "completed_on", "认领日期", "完成日期"),
    ),
)


def _member_moves(row: dict, stored: dict) -> Finding:
    """The same member code arriving with another home is often two people under one code
    (two districts' files numbering alike), not a move."""
    if stored["residence_community_id"] != row["residence_community_id"]:
        return (
            f"党员编号 {row['member_code']} 已存在且居住社区不同，本行将改写该党员的居住社区；"
            "如是另一名党员，请改用新编号",
            "党员编号",
        )
    return None


MEMBERS = Entity(
    "members",
    "党员",
    party_member,
    (
        Field(
            "党员编号",
            "member_code",
            cells.code,
            "DY000123",
            note="化名编号，不填姓名和身份证号；再次导入同一编号即更新",
        ),
        Field(
            "所在党组织编码",
            "party_org_id",
            cells.code,
            "P001",
            ref=PARTY_ORG,
            note="组织关系所在党组织",
        ),
        Field("是否在职", "in_service", cells.yes_no, "是", note="是 / 否"),
        _unit("居住社区编码", "residence_community_id", ("community",), "C01D01S01M01"),
        _unit("居住网格编码", "residence_grid_id", ("grid",), "C01D01S01M01G01", required=False),
    ),
    owner="residence_community_id",
    link_check=_grid_in("residence_grid_id", "residence_community_id", "居住网格编码"),
    update_warning=_member_moves,
)


ROOT_LEVELS = ("province", "city")


def _unit_cells_fit(row: dict) -> Finding:
    if (row["grid_kind"] is not None) != (row["level"] == "grid"):
        return "网格必须填写网格类型，其他层级不填", "网格类型"
    if row["level"] == LEVELS[0] and row["parent_id"] is not None:
        return f"{LEVEL_NAMES[LEVELS[0]]}是最高层级，不填上级单位编码", "上级单位编码"
    if row["parent_id"] is None and row["level"] not in ROOT_LEVELS:
        return f"{LEVEL_NAMES[row['level']]}必须填写上级单位编码（只有省、市可作顶层单位）", (
            "上级单位编码"
        )
    if row["level"] == "community" and row["area_kind"] is None:
        # the community-worker quota counts urban communities only: no kind, no quota
        return "社区/村必须填写城乡类型（员额测算只计城市社区）", "城乡类型"
    return None


def _parent_one_level_up(row: dict, records: dict) -> Finding:
    parent, wanted = records.get("parent_id"), LEVELS[LEVELS.index(row["level"]) - 1]
    if parent is not None and parent.level != wanted:
        return (
            f"上级单位 {parent.code} 是{LEVEL_NAMES[parent.level]}；"
            f"{LEVEL_NAMES[row['level']]}的上级应为{LEVEL_NAMES[wanted]}",
            "上级单位编码",
        )
    return None


def _quota_needs_households(row: dict, records: dict) -> Finding:
    if row["level"] == "community" and row["area_kind"] == "urban" and row["households"] is None:
        return "城市社区未填户数，员额测算不计入该社区", "户数"
    return None


ORG_UNITS = Entity(
    "org_units",
    "组织架构（单位与网格）",
    org_unit,
    (
        Field(
            "单位编码", "code", cells.code, "C01D01S01M01G09", note="唯一；再次导入同一编码即更新"
        ),
        Field("单位名称", "name", partial(cells.title, longest=100), "东园九网格"),
        _choice("层级", "level", {k: LEVEL_NAMES[k] for k in LEVELS}, "网格"),
        _ref(
            "上级单位编码",
            "parent_id",
            UNIT,
            "C01D01S01M01",
            "上一级单位，可以是本文件中的单位（行序不限）；只有顶层的省或市不填；"
            "改填即调整隶属关系",
        ),
        _choice("城乡类型", "area_kind", AREA_KINDS, "城市", required=False, when="社区/村必填，"),
        _choice(
            "网格类型", "grid_kind", GRID_KINDS, "一般网格", required=False, when="仅网格填写，"
        ),
        Field("户数", "households", partial(cells.whole_number, high=1_000_000), "320", False),
        Field("人口", "population", partial(cells.whole_number, high=10_000_000), "860", False),
    ),
    owner="id",
    row_check=_unit_cells_fit,
    link_check=_parent_one_level_up,
    link_warning=_quota_needs_households,
    fixed=("level",),
    # a new unit's path and ancestor ids follow from its parent once it has an id
    placeholders={"path": ""},
    after_write=refresh_tree,
    in_file_parent="parent_id",
)

PARTY_ORGS = Entity(
    "party_orgs",
    "党组织",
    party_org,
    (
        Field("党组织编码", "code", cells.code, "P001", note="唯一；再次导入同一编码即更新"),
        Field("党组织名称", "name", partial(cells.title, longest=100), "某局机关党支部"),
        _choice("党组织类型", "org_type", PARTY_ORG_TYPES, "机关"),
        _unit("所在社区编码", "community_id", ("community",), "C01D01S01M01"),
    ),
    owner="community_id",
)


def _one_registrant(row: dict) -> Finding:
    header = "党组织编码" if row["kind"] == "org" else "党员编号"
    given = row["party_org_id" if row["kind"] == "org" else "member_id"] is not None
    other = row["member_id" if row["kind"] == "org" else "party_org_id"] is not None
    if not given or other:
        return f"{REGISTRATION_KINDS[row['kind']]}报到只填{header}，另一个留空", header
    return None


def _registered_away_from_home(row: dict, records: dict) -> Finding:
    """A member reports to the community where they live (双报到); elsewhere is allowed
    but usually a slip, and the member then counts as unregistered at home."""
    member = records.get("member_id")
    if member is not None and member.community_id != row["community_id"]:
        return f"党员 {member.code} 的居住社区不是报到社区，报到率按居住社区计", "报到社区编码"
    return None


REGISTRATIONS = Entity(
    "registrations",
    "双报到登记",
    registration,
    (
        _choice("报到类型", "kind", REGISTRATION_KINDS, "在职党员"),
        _ref("党组织编码", "party_org_id", PARTY_ORG, "", "单位党组织报到时填写"),
        _ref("党员编号", "member_id", MEMBER, "DY000123", "在职党员报到时填写"),
        _unit("报到社区编码", "community_id", ("community",), "C01D01S01M01"),
        _date("报到日期", "registered_on", "2026-03-05"),
        _date("撤销日期", "revoked_on", "", required=False),
    ),
    owner=None,  # the community matched on is in scope, so is the stored row
    # one registration per organisation or member and community; dates can be corrected
    match_on=("member_id", "party_org_id", "community_id"),
    row_check=_all(
        _one_registrant, _ordered("registered_on", "revoked_on", "报到日期", "撤销日期")
    ),
    link_warning=_registered_away_from_home,
)

PARTICIPANTS = Entity(
    "participants",
    "活动参与",
    activity_participant,
    (
        _ref(
            "活动编号", "activity_id", ACTIVITY, "HD2026000789", "已导入的服务活动", required=True
        ),
        _ref("党员编号", "member_id", MEMBER, "DY000123", "参加活动的党员", required=True),
        Field("服务时长（小时）", "hours", cells.hours, "2"),
    ),
    owner=None,  # the activity matched on is in scope, so is its participant row
    match_on=("activity_id", "member_id"),
)

GRID_PARTY_ORGS = Entity(
    "grid_party_orgs",
    "网格党组织",
    grid_party_org,
    (
        Field("组织编码", "code", cells.code, "WG000123", note="唯一；再次导入同一编码即更新"),
        _unit("网格编码", "grid_id", ("grid",), "C01D01S01M01G01"),
        _choice("组织类型", "kind", GRID_ORG_KINDS, "网格党支部"),
        _date("成立日期", "set_up_on", "2025-06-01"),
        Field("是否启用", "active", cells.yes_no, "是", note="是 / 否；停用的组织不计入覆盖率"),
    ),
    owner="grid_id",
)


def _worker_unit_fits_role(row: dict, records: dict) -> Finding:
    wanted = "grid" if row["role"] == "grid" else "community"
    if records["unit_id"].level != wanted:
        return (
            f"{WORKER_ROLES[row['role']]}的所在单位应为{LEVEL_NAMES[wanted]}，"
            f"{records['unit_id'].code} 是{LEVEL_NAMES[records['unit_id'].level]}",
            "所在单位编码",
        )
    return None


WORKERS = Entity(
    "workers",
    "网格员与社区工作者",
    worker,
    (
        Field("人员编号", "worker_code", cells.code, "WY000123", note="化名编号，不填姓名"),
        _choice("岗位", "role", WORKER_ROLES, "网格员"),
        _unit("所在单位编码", "unit_id", ("community", "grid"), "C01D01S01M01G01"),
        _date("到岗日期", "started_on", "2025-01-01"),
        _date("离岗日期", "ended_on", "", required=False),
    ),
    owner="unit_id",
    # one post per person and role; a later file corrects the dates or records leaving
    match_on=("worker_code", "role"),
    row_check=_ordered("started_on", "ended_on", "到岗日期", "离岗日期"),
    link_check=_worker_unit_fits_role,
)

WORK_UNITS = ("city", "district", "street", "community")


def _role(header: str, name: str, example: str) -> Field:
    return Field(header, name, partial(cells.title, longest=100), example, note="填职务，不填姓名")


def _deadline(header: str, name: str, example: str) -> Field:
    return Field(header, name, cells.deadline, example, note="如 2026-03-31；可晚于今天")


TASKS = Entity(
    "tasks",
    "任务",
    work_task,
    (
        _code("任务编号", "RW2026001"),
        Field("任务名称", "title", cells.title, "网格党组织全覆盖", note="不超过 200 字"),
        _choice("任务类型", "kind", TASK_KINDS, "年度工作"),
        Field(
            "难度（星）", "stars", partial(cells.whole_number, low=1, high=5), "4", note="1 至 5"
        ),
        Field("分值", "points", partial(cells.whole_number, low=1, high=10), "8", note="1 至 10"),
        _choice("任务来源", "source", TASK_SOURCES, "县级交办"),
        _role("第一直接责任人（职务）", "leader_role", "街道党工委书记"),
        _unit("牵头单位编码", "lead_unit_id", WORK_UNITS, "C01D01S01"),
        _date("发布日期", "published_on", "2026-01-05", happened=False),
        _deadline("完成时限", "due_on", "2026-06-30"),
        Field("提前提醒天数", "remind_days", partial(cells.whole_number, high=90), "5"),
        Field("是否公开", "public", cells.yes_no, "是", note="是：在公开任务看板上可查询"),
    ),
    owner="lead_unit_id",
    row_check=_ordered("published_on", "due_on", "发布日期", "完成时限"),
)

NODES = Entity(
    "nodes",
    "任务节点与进度",
    task_node,
    (
        _ref("任务编号", "task_id", TASK, "RW2026001", "已导入的任务", required=True),
        Field("月份", "month", cells.month, "2026-03", note="如 2026-03"),
        _unit("责任单位编码", "responsible_unit_id", (*WORK_UNITS, "grid"), "C01D01S01M01"),
        Field("节点目标", "target", cells.title, "组建 3 个网格党支部", note="不超过 200 字"),
        Field("目标值", "target_value", cells.measure, "3", required=False),
        _unit("牵头单位编码", "lead_unit_id", WORK_UNITS, "C01D01S01"),
        _role("责任人（职务）", "owner_role", "社区党组织书记"),
        _deadline("节点时限", "due_on", "2026-03-31"),
        Field("完成值", "progress_value", cells.measure, "2", required=False),
        _date("完成日期", "completed_on", "", required=False, happened=False),
        _date("核验日期", "verified_on", "", required=False, happened=False),
        Field("核验人", "verified_by", cells.code, "", required=False, note="核验人的账号或编号"),
    ),
    owner="responsible_unit_id",
    # one node per task, month and responsible unit: a later file records its progress
    match_on=("task_id", "month", "responsible_unit_id"),
    row_check=_ordered("completed_on", "verified_on", "完成日期", "核验日期"),
)


def _checked_after_rectified(row: dict) -> Finding:
    if row.get("checked_on") is not None:
        if row.get("rectified_on") is None:
            return "核查日期已填但整改完成日期未填", "整改完成日期"
        if row["checked_on"] < row["rectified_on"]:
            return "核查日期早于整改完成日期", "核查日期"
        if row.get("check_passed") is None:
            return "已核查的事项须填核查结果（是 / 否）", "核查结果"
    elif row.get("check_passed") is not None:
        return "核查结果已填但核查日期未填", "核查日期"
    return None


SUPERVISION = Entity(
    "supervision",
    "督办事项",
    supervision_item,
    (
        _code("督办编号", "DB2026001"),
        _choice("提出场合", "raised_at", RAISED_AT, "现场观摩"),
        _date("提出日期", "raised_on", "2026-03-01", happened=False),
        Field("问题", "issue", partial(cells.title, longest=400), "网格党支部活动记录不全"),
        _unit("责任单位编码", "unit_id", WORK_UNITS, "C01D01S01M01"),
        _ref("关联任务编号", "task_id", TASK, "", "可不填"),
        _deadline("整改时限", "due_on", "2026-03-31"),
        _date("整改完成日期", "rectified_on", "", required=False, happened=False),
        _date("核查日期", "checked_on", "", required=False, happened=False),
        Field(
            "核查结果",
            "check_passed",
            cells.yes_no,
            "",
            required=False,
            note="是：通过；否：未通过",
        ),
    ),
    owner="unit_id",
    row_check=_all(
        _ordered("raised_on", "due_on", "提出日期", "整改时限"),
        _ordered("raised_on", "rectified_on", "提出日期", "整改完成日期"),
        _checked_after_rectified,
    ),
)


def _duty_cells_fit(row: dict) -> Finding:
    if (row["corrected_day"] is None) != (row["corrects_id"] is None):
        return f"{duty.CORRECTED_DAY}和{duty.CORRECTED}须同时填写或同时不填", duty.CORRECTED
    if row["node_id"] is not None and row["task_id"] is None:
        return f"填写{duty.NODE}时须填写关联任务编号", "关联任务编号"
    if row["corrected_day"] is not None and row["day"] < row["corrected_day"]:
        return f"履责日期早于{duty.CORRECTED_DAY}", "履责日期"
    return None


def _item_of_the_unit(row: dict, records: dict) -> Finding:
    item = records.get("supervision_id")
    if item is not None and item.unit_id != row["unit_id"]:
        return f"督办事项 {item.code} 的责任单位不是本单位", "关联督办编号"
    return None


DUTY_RECORDS = Entity(
    "duty_records",
    "履责记实",
    duty_record,
    (
        _unit("单位编码", "unit_id", (*WORK_UNITS, "grid"), "C01D01S01M01"),
        _date("履责日期", "day", "2026-03-05"),
        Field(
            "履责事项",
            "action",
            partial(cells.title, longest=MAX_ACTION),
            "主持召开社区大党委联席会",
            note=f"一事一记，不超过 {MAX_ACTION} 字",
        ),
        Field(
            "记录人（职务）",
            "recorded_by",
            partial(cells.title, longest=40),
            "社区党组织书记",
            note="填职务，不填姓名",
        ),
        _ref("关联任务编号", "task_id", TASK, "RW2026001", "可不填"),
        Field(
            duty.NODE,
            "node_id",
            cells.month,
            "2026-03",
            required=False,
            note="可不填；填写时须填关联任务编号，指本单位负责的该任务当月节点",
        ),
        _ref(
            "关联督办编号", "supervision_id", SUPERVISION_ITEM, "", "可不填；须是本单位的督办事项"
        ),
        Field(
            duty.CORRECTED_DAY,
            "corrected_day",
            cells.day,
            "",
            required=False,
            note="更正已有记录时填写：被更正记录的履责日期",
            stored=False,
        ),
        Field(
            duty.CORRECTED,
            "corrects_id",
            partial(cells.title, longest=MAX_ACTION),
            "",
            required=False,
            note="更正已有记录时填写：被更正记录的履责事项（本单位的记录，可在本文件中）",
        ),
    ),
    owner="unit_id",
    # no record code: one act, one record, so the unit, day and action name a record
    match_on=("unit_id", "day", "action"),
    row_check=_duty_cells_fit,
    link_check=_item_of_the_unit,
    resolve=duty.resolve,
    write=duty.write,
    append_only=True,
)

ENTITIES = {
    entity.key: entity
    for entity in (
        ORG_UNITS,
        PARTY_ORGS,
        MEMBERS,
        GRID_PARTY_ORGS,
        WORKERS,
        REGISTRATIONS,
        LIST_ITEMS,
        ACTIVITIES,
        PARTICIPANTS,
        PROBLEMS,
        MEETINGS,
        TASKS,
        NODES,
        SUPERVISION,
        DUTY_RECORDS,
    )
}
