"""综合评分与推演 in a real browser: sliders rerank on the spot and land in the URL.

Scores from tests/pages/test_composite_score.py: with completion and compliance
weighted 0, 乙区 73.23 overtakes 甲区 66.25 (default: 甲区 65.22, 乙区 58.58).
"""

from pathlib import Path

from playwright.sync_api import Download

from tests.browser.conftest import load, open_app, run_after, sign_in, wait_for_cookie, wait_ready

ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def bar_labels(page) -> list[str]:
    """The score labels written on the ranking chart, top bar first."""
    chart = page.locator(".js-plotly-plot").first
    labels = chart.locator("text.bartext").all_text_contents()
    return list(reversed(labels))  # plotly draws the lowest bar first


def weight_slider(page, label: str):
    return (
        page.locator('[data-testid="stSlider"]').filter(has_text=label).first.get_by_role("slider")
    )


def download(page, button: str) -> Download:
    """The file the first button named `button` gives. The click runs nothing (the
    buttons ignore clicks), so no click that follows can be lost to a run."""
    wait_ready(page)
    before = page.evaluate("() => window.__app.starts")
    with page.expect_download() as started:
        page.get_by_role("button", name=button).first.click()
    assert page.evaluate("() => window.__app.starts") == before
    return started.value


def test_dragging_weights_reranks_and_updates_the_link(server, browser_context):
    base, _ = server
    page = open_app(browser_context, base)
    sign_in(page, "lead")
    wait_for_cookie(page)
    load(page, f"{base}/composite_score")
    page.wait_for_selector(".js-plotly-plot text.bartext")
    assert bar_labels(page) == ["65.22", "58.58"]

    for label in ("清单完成率", "三会一课按期率"):
        shown = page.locator('[data-testid="stSlider"]').filter(has_text=label).first
        # One press, on a page at rest: run_after waits until the page's opening runs and
        # the previous move's run have ended and been drawn before it focuses the slider,
        # so the key cannot land on sliders such a run is redrawing (a press was lost so).
        run_after(page, lambda label=label: weight_slider(page, label).press("Home"))  # 0
        assert shown.locator('[data-testid="stSliderThumbValue"]').inner_text() == "0"
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot text.bartext')]"
        ".some(t => t.textContent === '73.23')",
        timeout=30_000,
    )
    assert bar_labels(page) == ["73.23", "66.25"]
    assert page.locator(ERRORS).count() == 0
    page.wait_for_function(
        "location.search.includes('weights=15%2C10%2C15%2C10%2C10%2C10%2C0%2C10%2C0')"
    )

    # downloads are made on click and hold what the table shows
    lines = Path(download(page, "下载 CSV").path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("区县,综合得分,名次")
    assert lines[1].startswith("乙区,73.23,1")
    # so does the data behind the chart, in the chart's order
    chart_data = download(page, "图表数据 CSV")
    assert chart_data.suggested_filename == "scores_chart.csv"
    lines = Path(chart_data.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines == ["单位,综合得分（百分制）", "乙区,73.23", "甲区,66.25"]

    # the copied link reproduces the weights in a fresh tab
    copied = browser_context.new_page()
    load(copied, page.url)
    copied.wait_for_selector(".js-plotly-plot text.bartext")
    assert bar_labels(copied) == ["73.23", "66.25"]
