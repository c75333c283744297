"""A unit name written in markdown shows as written in Chromium: no bold, no link, no
image fetched from another host (Streamlit renders captions, lists and headings as
markdown; plotly reads HTML in chart labels)."""

from sqlalchemy import update

from data_access.schema import org_unit
from tests.browser.conftest import load, open_app, sign_in, wait_drawn, wait_for_cookie

NAME = "**粗体**[链接](http://example.com)![](http://example.com/x.png)"
WORD_JOINER = "\u2060"  # invisible; dashboard/formatting.py puts it inside "http://"
# Anything in the page that points at the name's host: a link, an image, an SVG link.
POINTING_AWAY = """() => [...document.querySelectorAll('*')].filter(e =>
  ['href', 'src', 'xlink:href'].some(a => (e.getAttribute(a) || '').includes('example.com'))
).map(e => e.outerHTML.slice(0, 120))"""


def shown(locator) -> str:
    return locator.inner_text().replace(WORD_JOINER, "")


def test_a_markdown_unit_name_is_shown_as_written(server, browser_context):
    base, engine = server
    with engine.begin() as conn:
        conn.execute(update(org_unit).where(org_unit.c.code == "D2").values(name=NAME))
    page = open_app(browser_context, base)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    sign_in(page, "lead")
    wait_for_cookie(page)

    load(page, f"{base}/?unit=D2")  # 总览 of the renamed district
    wait_drawn(page)
    scope = page.locator('[data-testid="stCaptionContainer"]').filter(has_text="范围：").first
    assert shown(scope).startswith(f"范围：{NAME} · 统计期：")
    assert "**粗体**" in scope.inner_text()
    assert scope.locator("strong, a, img").count() == 0
    assert page.evaluate(POINTING_AWAY) == []

    # the what-if list, and the ranking chart's labels
    load(page, f"{base}/composite_score?adjust=D2:coverage_rate:target")
    page.wait_for_selector(".js-plotly-plot text.bartext")
    wait_drawn(page)
    listed = page.locator('[data-testid="stMarkdownContainer"] li').filter(has_text="达到目标值")
    assert shown(listed) == f"{NAME}：网格党组织覆盖率达到目标值"
    assert "**粗体**" in listed.inner_text()
    assert listed.locator("strong, a, img").count() == 0
    ticks = page.locator(".js-plotly-plot").first.locator(".ytick text").all_text_contents()
    assert NAME in ticks
    assert page.evaluate(POINTING_AWAY) == []

    assert [url for url in fetched if "example.com" in url] == []
