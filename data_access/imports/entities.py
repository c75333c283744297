"""What each importable file holds: its Chinese column headers, how each cell is read,
and the checks across cells of a row. Every file's rows are keyed by their record
code (编号), so importing a corrected file updates rows instead of adding them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import Table

from data_access.imports import cells
from data_access.schema import meeting, resident_problem, service_activity
from data_access.vocabulary import ACTIVITY_KINDS, MEETING_TYPES, PROBLEM_SOURCES

LEVEL_NAMES = {"street": "街道/乡镇", "community": "社区/村", "grid": "网格"}


@dataclass(frozen=True)
class Field:
    header: str  # the column header in the file and the template
    name: str  # the table column it fills
    read: Callable[[str], object]
    example: str
    required: bool = True
    # for an org unit reference: the levels the code may name
    unit_levels: tuple[str, ...] = ()
    note: str = ""  # how to fill it, for the template


@dataclass(frozen=True)
class Entity:
    key: str
    label: str
    table: Table
    fields: tuple[Field, ...]
    # (reason, header) for a row whose cells do not fit together, else None
    row_check: Callable[[dict], tuple[str, str] | None] = field(default=lambda row: None)

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
)

ENTITIES = {entity.key: entity for entity in (PROBLEMS, MEETINGS, ACTIVITIES)}
