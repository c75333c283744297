"""A table's download holds what its headers say, as the browser saves it.

总览 for the lead of the small city (tests/small_city.py), Q1 2026: 甲区 has grids G1, G2
and G3, a party organisation in G1 and G2 and a worker in G1 and G3 (2 of 3 each:
66.7%); 乙区 has G4 and G5, an organisation in G5 and a worker in G4 (1 of 2: 50.0%)."""

import re
from pathlib import Path

from tests.browser.conftest import load, open_app, sign_in, wait_for_cookie
from tests.browser.test_what_if import download

PERCENT_CELL = re.compile(r"^(\d{1,3}(\.\d)?|不适用)$")


def test_the_overview_csv_holds_percentages_under_percent_headers(server, browser_context):
    base, _ = server
    page = open_app(browser_context, base)
    sign_in(page, "lead")
    wait_for_cookie(page)
    load(page, base)
    saved = download(page, "下载 CSV")
    assert saved.suggested_filename == "overview.csv"
    header, *rows = Path(saved.path()).read_text(encoding="utf-8-sig").splitlines()
    assert header.split(",") == [
        "区县",
        "本期报送",
        "网格党组织覆盖率（%）",
        "网格员配备率（%）",
        "在职党员报到率（%）",
        "报到党员活跃率(90天)（%）",
        "人均服务时长（小时）",
        "清单认领率（%）",
        "清单完成率（%）",
        "问题解决率（%）",
        "三会一课按期率（%）",
    ]
    cells = [row.split(",") for row in rows]
    assert [row[:4] for row in cells] == [
        ["甲区", "✕ 未报送", "66.7", "66.7"],
        ["乙区", "✕ 未报送", "50.0", "50.0"],
    ]
    for row in cells:  # every rate in percent with one decimal, never a share like 0.667
        assert all(PERCENT_CELL.match(c) for i, c in enumerate(row[2:], 2) if i != 6), row
