"""The work slides of 观摩模式 on the small city with tests/work_city.py's work, Q1 2026
read on 2026-04-01, the numbers 任务督办 shows (tests/pages/test_work_tracking.py)."""

import re

from tests.pages.test_presentation import present, slide_html


def kpi(html: str, label: str) -> str:
    found = re.search(
        rf'<div class="label">{re.escape(label)}</div><div class="value">([^<]*)<', html
    )
    assert found, label
    return found.group(1)


def bars(html: str) -> list[tuple[str, str, str]]:
    """(class, name, value) of every bar, top to bottom."""
    return re.findall(
        r'<div class="bar ?([a-z]*)"><div class="name">([^<]*)</div>.*?'
        r'<div class="value">([^<]*)</div>',
        html,
    )


def test_the_nodes_slide_lights_up_the_months_nodes_red_first(app, works):
    html = slide_html(present(app, play="nodes:20"))
    assert '<div class="title">2026年3月节点亮屏</div>' in html
    assert kpi(html, "✕ 逾期未完成") == "2" and kpi(html, "▲ 临期") == "0"
    assert kpi(html, "✓ 按期完成") == "1"
    assert '<div class="flag">▼ 需督办</div>' in html  # under the red count only
    assert bars(html) == [
        ("red", "乙一街道 · 清单认领", "✕ 逾期未完成"),  # N5, due 03-25
        ("red", "东园社区 · 网格党组织全覆盖", "✕ 逾期未完成"),  # N3, due 03-31
        ("done", "南湾村 · 清单认领", "✓ 按期完成"),  # N4
    ]
    assert 'style="width:100.0%"' in html and html.count('style="width:0.0%"') == 2


def test_the_points_slide_flags_the_last_placed(app, works):
    html = slide_html(present(app, play="points:20"))
    assert '<div class="title">各区县任务积分排名</div>' in html
    # 甲区 4 points (N1), 乙区 3 (N4); Q4 2025 tied, so not last twice
    assert bars(html) == [("", "1. 甲区", "4.0"), ("last", "2. 乙区", "3.0")]


def test_the_supervision_slide_counts_the_loop(app, works):
    html = slide_html(present(app, play="supervision:20"))
    assert '<div class="title">督办闭环</div>' in html
    shown = {
        label: kpi(html, label)
        for label in ["交办", "整改中", "逾期未整改", "已整改待验收", "已验收", "按时整改率"]
    }
    assert shown == {
        "交办": "6",
        "整改中": "3",
        "逾期未整改": "1",
        "已整改待验收": "1",
        "已验收": "2",
        "按时整改率": "50.0%",
    }
    assert "验收未通过 1 项，整改率 50.0%" in html


def test_a_district_user_s_slides_hold_only_its_district(app, works):
    html = slide_html(present(app, "d1user", play="nodes:20"))
    assert [name for _, name, _ in bars(html)] == ["东园社区 · 网格党组织全覆盖"]
