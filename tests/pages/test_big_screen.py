"""The 大屏 slide under AppTest on the small city (Q1 2026, tests/small_city.py): the six
headline rates as on 总览, the districts' map and ranking on the chosen indicator, and the
counts that need attention."""

import base64
import re

from dashboard import slides
from tests.pages.test_presentation import present, slide_html


def map_svg(html: str) -> str:
    data = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert data, "no map"
    return base64.b64decode(data.group(1)).decode()


def test_the_big_screen_opens_the_default_playlist_with_the_views_numbers(app):
    html = slide_html(present(app))
    assert '<div class="title">党建引领基层治理 · 大屏</div>' in html
    # 总览's headline numbers (tests/pages/test_overview.py); every one rose or held since
    # Q4 2025 (deltas +20.0 ... +0.0), so none is flagged
    for label, value in [("网格党组织覆盖率", "60.0%"), ("在职党员报到率", "57.1%")]:
        assert f'<div class="rate"><div class="label">{label}</div>' in html
        assert f'<div class="value">{value}</div>' in html
    assert 'class="rate weak"' not in html
    # 总览's attention cards, in the strip
    for label, count in [
        ("未建党组织的网格", "2 个"),
        ("无网格员的网格", "2 个"),
        ("三会一课逾期单位（红色）", "3 个"),
        ("报到后 90 天未参加服务的党员", "1 人"),
        ("逾期未完成的清单事项", "3 项"),
    ]:
        assert f'<div class="alert">{label} <b>{count}</b></div>' in html


def test_the_map_and_ranking_show_coverage_with_the_last_district_in_the_weak_colour(app):
    html = slide_html(present(app, play="screen:30"))
    # coverage: 甲区 2 of 3 grids, 乙区 1 of 2
    assert "网格党组织覆盖率：色块越亮越高，末位单独标色" in html
    assert html.index("甲区") < html.index("乙区")
    svg = map_svg(html)
    weak = slides.THEMES["dark"]["weak"]
    assert re.search(rf'<path d="[^"]+" fill="{weak}"', svg)  # one district, 乙区, is last
    assert svg.count(f'fill="{weak}"') == 1
    assert re.search(r'fill="#56B4E9" fill-opacity="1.00"', svg)  # 甲区, the highest
    assert '甲区<tspan x="' in svg and ">66.7%</tspan>" in svg
    assert '乙区<tspan x="' in svg and ">50.0%</tspan>" in svg


def test_the_link_chooses_the_map_s_indicator_and_the_theme_its_colours(app):
    html = slide_html(present(app, play="screen:30", map="meetings", theme="red"))
    assert "三会一课按期率：色块越亮越高，末位单独标色" in html
    assert f'fill="{slides.THEMES["red"]["value"]}"' in map_svg(html)
    html = slide_html(present(app, play="screen:30", map="nothing"))  # unknown: coverage
    assert "网格党组织覆盖率：色块越亮越高" in html


def test_the_coverage_sparkline_runs_over_the_twelve_months_to_march(app):
    html = slide_html(present(app, play="screen:30"))
    sparks = re.findall(r'<div class="spark">(.*?)</div></div>', html)
    assert len(sparks) == 6 and all(spark.count("<div") == 12 for spark in sparks)
    # covered grids at each month's end, Apr 2025 .. Mar 2026: G5 only (20%) in Apr and May,
    # G1 from June (40%), G2 from 10 Feb (60%); heights run from 15% (lowest) to 100%
    heights = re.findall(r"height:(\d+)%", sparks[0])
    assert heights == ["15", "15", *["58"] * 8, "100", "100"]
