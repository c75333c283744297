"""One number formatter for screen, slide and download: round half up (四舍五入),
thousands separators, percentages as percentages, flags as 是/否, rank changes with
arrows. Every expectation is written out by hand."""

import math

import pandas as pd
import pytest

from dashboard.formatting import (
    NOT_EXPECTED,
    flag,
    number,
    percent,
    point_change,
    rank_change,
    rounded,
)
from dashboard.tables import DECIMAL, FLAG, NUMBER, PERCENT, RANK_CHANGE, TEXT, download_frame

NAN = float("nan")


@pytest.mark.parametrize(
    ("value", "digits", "shown"),
    [
        (462.5, 0, "463"),  # round() gives 462 (half to even)
        (463.5, 0, "464"),
        (462.4999, 0, "462"),
        (24614.5, 1, "24,614.5"),
        (24614.5, 0, "24,615"),
        (3223, 0, "3,223"),
        (1234567.891, 2, "1,234,567.89"),
        (2.675, 2, "2.68"),  # as written, not its binary neighbour 2.67499...
        (-0.5, 0, "-1"),  # half away from zero
        (-0.4, 0, "0"),  # never "-0"
        (0, 0, "0"),
        (NAN, 0, NOT_EXPECTED),
        (None, 2, NOT_EXPECTED),
    ],
)
def test_a_number_is_rounded_half_up_with_thousands_separators(value, digits, shown):
    assert number(value, digits) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.0625, "6.3%"),  # format(0.0625, ".1%") gives 6.2%
        (0.0635, "6.4%"),
        (0.06249, "6.2%"),
        (0.9514018691588785, "95.1%"),
        (0.145, "14.5%"),
        (1.0, "100.0%"),
        (0.0, "0.0%"),
        (NAN, NOT_EXPECTED),
    ],
)
def test_a_rate_is_a_percentage_rounded_half_up(value, shown):
    assert percent(value) == shown


def test_a_whole_percent_for_targets():
    assert percent(0.855, 0) == "86%"
    assert percent(0.845, 0) == "85%"


def test_a_change_in_points_is_signed_and_rounded_half_up():
    assert point_change(0.5, 0.4375) == "+6.3 个百分点"  # 6.25 points
    assert point_change(0.4375, 0.5) == "-6.3 个百分点"
    assert point_change(0.5, 0.5) == "+0.0 个百分点"
    assert point_change(0.5, 0.50001) == "+0.0 个百分点"  # rounds to zero: no "-0.0"
    assert point_change(NAN, 0.5) is None


@pytest.mark.parametrize(
    ("change", "shown"), [(2.0, "▲2"), (1, "▲1"), (-1.0, "▼1"), (0, "—"), (NAN, "—")]
)
def test_a_rank_change_has_an_arrow(change, shown):
    assert rank_change(change) == shown


def test_flags_are_yes_or_no():
    assert [flag(v) for v in (True, False, 1, 0)] == ["是", "否", "是", "否"]


def test_rounded_keeps_a_number_for_tables_and_files():
    assert rounded(0.0625, 1, scale=100) == 6.3
    assert rounded(462.5) == 463.0
    assert math.isnan(rounded(NAN))


def test_a_download_holds_what_its_headers_say():
    frame = pd.DataFrame(
        {
            "unit_name": ["甲区", "乙区", "丙区"],
            "coverage_rate": [0.9514018691588785, 0.0625, NAN],
            "rank": [1.0, 2.0, NAN],
            "hours": [24614.5, 3223.0, 462.555],
            "last": [False, True, False],
            "rank_change": [2.0, -1.0, NAN],
        }
    )
    columns = {
        "unit_name": ("区县", TEXT),
        "coverage_rate": ("网格党组织覆盖率（%）", PERCENT),
        "rank": ("名次", NUMBER),
        "hours": ("服务时长（小时）", DECIMAL),
        "last": ("末位", FLAG),
        "rank_change": ("名次变化", RANK_CHANGE),
    }
    out = download_frame(frame, columns)
    assert list(out.columns) == [
        "区县",
        "网格党组织覆盖率（%）",
        "名次",
        "服务时长（小时）",
        "末位",
        "名次变化",
    ]
    assert out.to_csv(index=False).splitlines() == [
        "区县,网格党组织覆盖率（%）,名次,服务时长（小时）,末位,名次变化",
        "甲区,95.1,1,24614.5,否,▲2",
        "乙区,6.3,2,3223.0,是,▼1",
        f"丙区,{NOT_EXPECTED},,462.56,否,—",
    ]


def test_a_rate_header_says_percent_in_the_download():
    frame = pd.DataFrame({"rate": [0.5]})
    out = download_frame(frame, {"rate": ("覆盖率", PERCENT)})
    assert list(out.columns) == ["覆盖率（%）"]
    assert out.iloc[0, 0] == 50.0
