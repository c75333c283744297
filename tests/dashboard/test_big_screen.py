"""The 大屏's parts on hand-made values: which rates are flagged, the sparkline's heights and
the map's colours."""

import base64
import math

import pandas as pd

from dashboard import big_screen, slides

COLOURS = slides.THEMES["dark"]


def test_a_rate_is_flagged_only_when_it_fell_as_shown():
    total = pd.Series({"a": 0.60, "b": 0.59996, "c": 0.61, "d": 0.5, "e": math.nan})
    before = pd.Series({"a": 0.61, "b": 0.6, "c": 0.6, "d": math.nan, "e": 0.5})
    # a fell 61.0% -> 60.0%; b shows 60.0% both times; c rose; d and e cannot be compared
    assert big_screen.weak_rates(total, before, list("abcde")) == {
        "a": True,
        "b": False,
        "c": False,
        "d": False,
        "e": False,
    }


def test_sparkline_heights_run_from_the_lowest_to_the_highest_month():
    html = big_screen.sparkline(pd.Series([0.2, math.nan, 0.4, 0.6]))
    assert html == (
        '<div class="spark"><div style="height:15%"></div><div style="height:0%"></div>'
        '<div style="height:58%"></div><div style="height:100%"></div></div>'
    )
    assert big_screen.sparkline(pd.Series([math.nan, math.nan])) == '<div class="spark"></div>'
    flat = big_screen.sparkline(pd.Series([0.5, 0.5]))
    assert flat.count("height:15%") == 2  # no change: every month a stub


def square(code: str, x: float) -> dict:
    ring = [[x, 30.0], [x + 1, 30.0], [x + 1, 31.0], [x, 31.0], [x, 30.0]]
    return {"id": code, "geometry": {"type": "Polygon", "coordinates": [ring]}}


GEOJSON = {"features": [square("D1", 120.0), square("D2", 121.0), square("D3", 122.0)]}


def units(rates: list[float], reported: list[bool] | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_code": ["D1", "D2", "D3"],
            "unit_name": ["甲区", "乙区", "丙区"],
            "rate": rates,
            "reported": reported or [True, True, True],
        }
    )


def svg(html: str) -> str:
    return base64.b64decode(html.split("base64,")[1].split('"')[0]).decode()


def test_the_map_fills_by_rate_and_marks_the_last_district():
    drawn = svg(
        big_screen.district_map(GEOJSON, units([0.9, 0.5, 0.7]), value="rate", colours=COLOURS)
    )
    fills = [part.split('"')[0] for part in drawn.split('fill="')[1:4]]
    assert fills == [COLOURS["value"], COLOURS["weak"], COLOURS["value"]]
    assert 'fill-opacity="1.00"' in drawn  # 甲区, the highest
    assert 'fill-opacity="0.60"' in drawn  # 丙区, halfway: 0.2 + 0.8 * 0.5
    assert ">90.0%</tspan>" in drawn and ">50.0%</tspan>" in drawn


def test_a_map_of_equal_rates_has_no_last_and_an_unreported_district_is_blank():
    drawn = svg(
        big_screen.district_map(
            GEOJSON, units([0.7, 0.7, 0.2], [True, True, False]), value="rate", colours=COLOURS
        )
    )
    assert COLOURS["weak"] not in drawn
    assert drawn.count(f'fill="{COLOURS["track"]}"') == 1  # 丙区 has not reported
    assert f">{slides.MISSING}</tspan>" in drawn


def test_no_map_without_the_districts_shapes():
    assert (
        big_screen.district_map(None, units([0.9, 0.5, 0.7]), value="rate", colours=COLOURS) == ""
    )
    other = {"features": [square("X9", 120.0)]}
    assert (
        big_screen.district_map(other, units([0.9, 0.5, 0.7]), value="rate", colours=COLOURS) == ""
    )
