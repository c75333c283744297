"""What needs attention in a scope and period: the counts 总览's cards and the 大屏's strip show."""

from dataclasses import dataclass

from dashboard import queries
from dashboard.filters import Filters


@dataclass(frozen=True)
class Item:
    page: str  # the view (a key of navigation.PAGES) that shows the details
    label: str
    count: float
    unit: str


def items(chosen: Filters) -> list[Item]:
    scope, period = chosen.scope, chosen.period
    coverage = queries.grid_coverage(scope=scope, level="total", as_of=period.end).iloc[0]
    reporting = queries.double_reporting(scope=scope, level="total", period=period).iloc[0]
    lists = queries.three_lists(scope=scope, level="total", period=period).iloc[0]
    meetings = queries.cadence_compliance(scope=scope, level="total", period=period).iloc[0]
    return [
        Item("coverage", "未建党组织的网格", coverage["grids"] - coverage["grids_with_org"], "个"),
        Item("coverage", "无网格员的网格", coverage["grids"] - coverage["grids_with_worker"], "个"),
        Item("meetings", "三会一课逾期单位（红色）", meetings["units_red"], "个"),
        Item(
            "reporting",
            "报到后 90 天未参加服务的党员",
            reporting["registered_members"] - reporting["active_members"],
            "人",
        ),
        Item("reporting", "逾期未完成的清单事项", lists["overdue"], "项"),
    ]
