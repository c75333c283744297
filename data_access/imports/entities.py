"""What each importable file holds: its Chinese column headers, how each cell is read,
and the checks across cells of a row. Every file's rows are keyed by their record
code (编号), so importing a corrected file updates rows instead of adding them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import Table

from data_access.imports import cells
from data_access.imports.references import MEMBER, PARTY_ORG, UNIT, Reference
from data_access.schema import list_item, meeting, party_member, resident_problem, service_activity
from data_access.vocabulary import ACTIVITY_KINDS, LIST_TYPES, MEETING_TYPES, PROBLEM_SOURCES

LEVEL_NAMES = {"street": "街道/乡镇", "community": "社区/村", "grid": "网格"}


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


@dataclass(frozen=True)
class Entity:
    key: str
    label: str
    table: Table
    fields: tuple[Field, ...]
    # (reason, header) for a row whose cells do not fit together, else None
    row_check: Callable[[dict], tuple[str, str] | None] = field(default=lambda row: None)
    # (grid field, community field): the grid must lie in that community
    grid_in: tuple[str, str] | None = None

    @property
    def key_field(self) -> str:
        """The first field: the record code rows are matched on."""
        return self.fields[0].name

    @property
    def required_headers(self) -> list[str]:
        return [f.header for f in self.fields if f.required]


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


def _choice(header: str, name: str, labels: dict[str, str], example: str) -> Field:
    return Field(
        header,
        name,
        partial(cells.choice, labels=labels),
        example,
        note=f"可选：{'、'.join(labels.values())}",
    )


def _date(header: str, name: str, example: str, required=True) -> Field:
    return Field(
        header, name, cells.day, example, required=required, note="如 2026-03-05 或 2026年3月5日"
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


def _ref(header: str, name: str, ref: Reference, example: str, note: str) -> Field:
    return Field(header, name, cells.code, example, required=False, ref=ref, note=note)


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
    _ordered("raised_on", "resolved_on", "发现日期", "解决日期"),
    grid_in=("grid_id", "community_id"),
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
    _issues_in_order,
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
    grid_in=("grid_id", "community_id"),
)


def _one_claimant(row: dict) -> tuple[str, str] | None:
    if row["claimed_by_org_id"] is not None and row["claimed_by_member_id"] is not None:
        return "认领党组织和认领党员只能填一个", "认领党员编号"
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
        _date("截止日期", "due_on", "2026-03-31", required=False),
        _ref("认领党组织编码", "claimed_by_org_id", PARTY_ORG, "P002", "与认领党员二选一"),
        _ref("认领党员编号", "claimed_by_member_id", MEMBER, "", "与认领党组织二选一"),
        _date("认领日期", "claimed_on", "2026-03-03", required=False),
        _date("完成日期", "completed_on", "2026-03-20", required=False),
    ),
    _all(
        _ordered("published_on", "due_on", "发布日期", "截止日期"),
        _ordered("published_on", "claimed_on", "发布日期", "认领日期"),
        _one_claimant,
        _ordered("claimed_on", "completed_on", "认领日期", "完成日期"),
    ),
)

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
    grid_in=("residence_grid_id", "residence_community_id"),
)

ENTITIES = {entity.key: entity for entity in (PROBLEMS, MEETINGS, ACTIVITIES, LIST_ITEMS, MEMBERS)}
