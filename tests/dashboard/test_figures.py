"""The data offered beside each chart is what the chart draws: the same rows and
values, missing values still missing, rates in the % the axis shows."""

import math

import pandas as pd
import pytest

from dashboard import figures

UNITS = pd.DataFrame(
    {
        "unit_code": ["D1", "D2", "D3"],
        "unit_name": ["东区", "西区", "南区"],
        "rate": [0.5, float("nan"), 0.875],
        "count": [3, 0, 7],
    }
)


def test_ranked_bars_data_is_best_first_with_missing_kept():
    chart = figures.ranked_bars(UNITS, value="rate", unit="覆盖率（%）", title="t")
    assert list(chart.data.columns) == ["单位", "覆盖率（%）"]
    assert chart.data["单位"].tolist() == ["南区", "东区", "西区"]
    assert chart.data["覆盖率（%）"].tolist()[:2] == [87.5, 50.0]
    assert math.isnan(chart.data["覆盖率（%）"].iloc[2])
    # the figure draws the missing unit as an empty bar labelled —
    bar = chart.figure.data[0]
    assert list(bar.text) == ["—", "50.0%", "87.5%"]
    # the last-placed known value in orange; the missing one is not ranked
    assert list(bar.marker.color) == [figures.PALETTE[0], figures.LAST, figures.PALETTE[0]]


@pytest.mark.parametrize(
    ("values", "last"),
    [
        ([0.5, 0.7, 0.5], [True, False, True]),
        ([0.7, 0.7], [False, False]),
        ([0.6, float("nan")], [False, False]),
        # compared as shown: 59.996% and 60.0% are both 60.0%; 60.04% and 60.06% are not
        ([0.6, 0.6000001], [False, False]),
        ([0.59996, 0.6, 0.9], [True, True, False]),
        ([0.6004, 0.6006], [True, False]),
    ],
)
def test_the_last_placed_are_the_lowest_of_unequal_values_as_shown(values, last):
    assert figures.last_placed(pd.Series(values)).tolist() == last


def test_the_last_placed_of_other_numbers_compare_at_their_own_digits():
    hours = pd.Series([3.24, 3.26, 3.3])  # shown 3.2, 3.3, 3.3
    assert figures.last_placed(hours, digits=1, scale=1).tolist() == [True, False, False]
    assert figures.last_placed(hours, digits=0, scale=1).tolist() == [False, False, False]


def test_ranked_bars_of_numbers_keep_their_values():
    chart = figures.ranked_bars(UNITS, value="count", unit="件", title="t", percent=False)
    assert chart.data.to_dict("list") == {"单位": ["南区", "东区", "西区"], "件": [7, 3, 0]}


def test_change_bars_draw_the_change_signed_and_coloured():
    frame = pd.DataFrame(
        {"unit_name": ["甲", "乙", "丙"], "a": [96.28, 70.0, 80.0], "b": [96.8, 69.5, 80.0]}
    )
    chart = figures.change_bars(frame, before="a", after="b", title="t", unit="分")
    assert chart.data.to_dict("list") == {
        "单位": ["甲", "乙", "丙"],
        "基准": [96.28, 70.0, 80.0],
        "推演": [96.8, 69.5, 80.0],
        "分": [0.52, -0.5, 0.0],
    }
    bars = chart.figure.data[0]  # drawn from the bottom: the frame's first row on top
    assert list(bars.y) == ["丙", "乙", "甲"]
    assert list(bars.text) == ["0.00", "-0.50", "+0.52"]
    assert list(bars.marker.color) == [
        figures.RAG["not_due"],
        figures.RAG["red"],
        figures.RAG["green"],
    ]
    # the axis spans the changes (half a point shows), not the 0-100 scores
    assert chart.figure.layout.xaxis.range == (-0.52 * 1.4, 0.52 * 1.4)


def test_stacked_bars_data_is_one_row_per_month_with_total():
    tally = pd.DataFrame(
        {
            "month": ["2026-02", "2026-01", "2026-01"],
            "meeting_type": ["themed_day", "themed_day", "party_lecture"],
            "meetings": [4, 2, 1],
        }
    )
    chart = figures.stacked_bars(
        tally,
        x="month",
        color="meeting_type",
        y="meetings",
        title="t",
        unit="次",
        labels={"themed_day": "主题党日", "party_lecture": "党课"},
    )
    data = chart.data.fillna(0)
    assert data.to_dict("list") == {
        "月份": ["2026-01", "2026-02"],
        "主题党日": [2, 4],
        "党课": [1, 0],
        "合计": [3, 4],
    }


def test_monthly_lines_data():
    frame = pd.DataFrame({"month": ["2026-01", "2026-02"], "raised": [5, 8], "resolved": [4, 6]})
    chart = figures.monthly_lines(
        frame, series={"raised": "提出", "resolved": "已解决"}, title="t", unit="件"
    )
    assert chart.data.to_dict("list") == {
        "月份": ["2026-01", "2026-02"],
        "提出": [5, 8],
        "已解决": [4, 6],
    }


def test_calendar_data_lists_every_day_including_empty_ones():
    daily = pd.DataFrame({"day": pd.to_datetime(["2026-03-02", "2026-03-04"]), "meetings": [2, 5]})
    chart = figures.calendar_heatmap(daily, title="t")
    assert chart.data.to_dict("list") == {
        "日期": ["2026-03-02", "2026-03-03", "2026-03-04"],
        "会议（次）": [2, 0, 5],
    }
    assert figures.calendar_heatmap(daily.iloc[:0], title="t").data.empty


def test_treemap_data_names_each_box_and_its_parent():
    tree = pd.DataFrame(
        {
            "id": ["o1", "i7", "i8"],
            "parent": ["", "o1", "o1"],
            "label": ["东区", "甲街道", "乙街道"],
            "grids": [10, 4, 6],
            "coverage_rate": [0.8, 0.75, 5 / 6],
        }
    )
    data = figures.coverage_treemap(tree, title="t").data
    assert data["单位"].tolist() == ["东区", "甲街道", "乙街道"]
    assert data["上级单位"].tolist()[1:] == ["东区", "东区"]
    assert pd.isna(data["上级单位"].iloc[0])
    assert data["网格数"].tolist() == [10, 4, 6]
    assert data["覆盖率（%）"].tolist() == [80.0, 75.0, 83.3333]


def test_small_bars_keep_the_table_s_order_and_mark_the_last():
    chart = figures.small_bars(UNITS, value="rate", label="覆盖率", unit="%")
    assert list(chart.data.columns) == ["单位", "覆盖率（%）"]
    assert chart.data["覆盖率（%）"].tolist()[::2] == [50.0, 87.5]
    assert math.isnan(chart.data["覆盖率（%）"].iloc[1])
    bars = chart.figure.data[0]
    assert list(bars.y) == ["东区", "西区", "南区"] and list(bars.text) == ["50.0%", "—", "87.5%"]
    assert list(bars.marker.color) == [figures.LAST, figures.PALETTE[0], figures.PALETTE[0]]
    counts = figures.small_bars(UNITS, value="count", label="问题", unit="件")
    assert counts.data["问题（件）"].tolist() == [3, 0, 7]
    assert counts.figure.layout.xaxis.range == (0, 1.3 * 7)  # room for "7" past its bar


def test_choropleth_data_lists_drawn_districts_only():
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    geojson = {
        "features": [
            {"id": code, "geometry": square, "properties": {"centre": [0.5, 0.5]}}
            for code in ("D1", "D3")
        ]
    }
    chart = figures.choropleth(
        UNITS, geojson, value="rate", header="覆盖率（%）", title="t", percent=True
    )
    assert chart.data.to_dict("list") == {
        "单位编码": ["D1", "D3"],
        "单位": ["东区", "南区"],
        "覆盖率（%）": [50.0, 87.5],
    }


def test_rag_counts_data():
    frame = pd.DataFrame(
        {
            "unit_name": ["东区"],
            "units_compliant": [5],
            "units_amber": [2],
            "units_red": [1],
        }
    )
    assert figures.rag_counts(frame, title="t").data.to_dict("list") == {
        "单位": ["东区"],
        "按期": [5],
        "部分": [2],
        "逾期": [1],
    }


@pytest.mark.parametrize("rate", [0.1, 0.123456789])
def test_percent_as_shown_is_exact_to_four_places(rate):
    frame = UNITS.assign(rate=rate)
    data = figures.ranked_bars(frame, value="rate", unit="%", title="t").data
    assert data["%"].iloc[0] == round(rate * 100, 4)


# Plotly draws <a href> as a live link and <b> as bold in any text, tick labels too.
LINK = '<a href="http://example.com">甲&amp;</a>'
DRAWN = '&lt;a href="http://example.com"&gt;甲&amp;amp;&lt;/a&gt;'


def named(frame: pd.DataFrame, column: str = "unit_name") -> pd.DataFrame:
    return frame.assign(**{column: [LINK, *frame[column].iloc[1:]]})


def test_charts_draw_names_as_written_and_offer_them_unchanged():
    chart = figures.ranked_bars(named(UNITS), value="count", unit="件", title="t", percent=False)
    assert list(chart.figure.data[0].y) == ["西区", DRAWN, "南区"]
    assert chart.data["单位"].tolist() == ["南区", LINK, "西区"]
    pairs = pd.DataFrame({"unit_name": [LINK, "乙"], "a": [1.0, 2.0], "b": [1.5, 2.0]})
    changed = figures.change_bars(pairs, before="a", after="b", title="t", unit="分")
    assert list(changed.figure.data[0].y) == ["乙", DRAWN]
    small = figures.small_bars(named(UNITS), value="count", label="问题", unit="件")
    assert list(small.figure.data[0].y) == [DRAWN, "西区", "南区"]
    rag = pd.DataFrame(
        {"unit_name": [LINK], "units_compliant": [5], "units_amber": [2], "units_red": [1]}
    )
    assert list(figures.rag_counts(rag, title="t").figure.data[0].y) == [DRAWN]


def test_the_treemap_and_the_map_draw_names_as_written():
    tree = pd.DataFrame(
        {"id": ["o1"], "parent": [""], "label": [LINK], "grids": [10], "coverage_rate": [0.8]}
    )
    assert list(figures.coverage_treemap(tree, title="t").figure.data[0].labels) == [DRAWN]
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    geojson = {"features": [{"id": "D1", "geometry": square, "properties": {"centre": [0, 0]}}]}
    chart = figures.choropleth(
        named(UNITS), geojson, value="rate", header="%", title="t", percent=True
    )
    assert list(chart.figure.data[-1].text) == [f"<b>{DRAWN}</b><br>50.0%"]
    assert chart.data["单位"].tolist() == [LINK]


def test_node_timeline_puts_each_tasks_worst_node_in_its_month():
    nodes = pd.DataFrame(
        {
            "node_id": [1, 2, 3, 4],
            "task_code": ["T1", "T1", "T1", "T2"],
            "task_title": ["网格全覆盖", "网格全覆盖", "网格全覆盖", "清单认领"],
            "month": ["2026-01", "2026-01", "2026-02", "2026-01"],
            "warning": ["done", "red", "amber", "late"],
        }
    )
    labels = {w: w for w in figures.WARNING_COLOURS}
    chart = figures.node_timeline(nodes, title="t", labels=labels)
    heatmap = chart.figure.data[0]
    # rows bottom up (the first task on top), a column a month
    assert list(heatmap.y) == ["T2 清单认领", "T1 网格全覆盖"]
    assert list(heatmap.x) == ["2026-01", "2026-02"]
    # T1 in January: one of two done, the worst is red; in February amber, none done
    assert heatmap.text.tolist() == [["1/1", ""], ["1/2", "0/1"]]
    order = list(figures.WARNING_COLOURS)
    assert heatmap.z[1].tolist() == [order.index("red"), order.index("amber")]
    assert heatmap.z[0][0] == order.index("late") and math.isnan(heatmap.z[0][1])
    # each warning a legend entry in its colour
    legend = {trace.name: trace.marker.color for trace in chart.figure.data[1:]}
    assert legend == figures.WARNING_COLOURS
    assert chart.data.iloc[0].tolist() == ["T1 网格全覆盖", "1/2 red", "0/1 amber"]
    assert chart.data.iloc[1].tolist()[:2] == ["T2 清单认领", "1/1 late"]
    assert pd.isna(chart.data.iloc[1, 2])  # no node that month
