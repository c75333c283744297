"""Live views in a real browser: numbers follow the feeder within one refresh interval,
with the filters and the scroll position kept; a database outage shows the last data
under a stale notice, and the page recovers by itself when the database is back."""

import subprocess
import sys
import time

import pytest
from sqlalchemy import text

from data_access.engine import make_engine
from data_access.migrate import upgrade_to_head
from tests import accounts, pg_server, small_city
from tests.browser.conftest import (
    REPO,
    _serve,
    load,
    open_app,
    screenshot,
    sign_in,
    wait_drawn,
    wait_for_cookie,
)
from tests.conftest import unavailable

REFRESH = 3  # seconds
VIEW = f"double_reporting?grain=month&period=2026-04&refresh={REFRESH}"
STATUS = '[data-testid="stCaptionContainer"]:has-text("数据更新于")'
STALE = '[data-testid="stAlertContainer"]:has-text("数据库暂时无法连接")'
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def open_view(page, base: str) -> None:
    sign_in(page, "lead")
    wait_for_cookie(page)
    load(page, f"{base}/{VIEW}")
    page.locator(STATUS).wait_for()


SCROLLER = """() => [document.scrollingElement, ...document.querySelectorAll('*')].find(
    e => e.scrollHeight > e.clientHeight + 50 && getComputedStyle(e).overflowY !== 'hidden')"""


def scroll_by(page, pixels: int) -> None:
    """Scroll the page's scroller by `pixels` (as far as it goes), and wait until it is there."""
    target = page.evaluate(
        f"""() => {{
        const scroller = ({SCROLLER})();
        const target = Math.max(0, Math.min(scroller.scrollTop + {pixels},
                                            scroller.scrollHeight - scroller.clientHeight));
        scroller.scrollBy(0, {pixels});
        return target;
    }}"""
    )
    page.wait_for_function(f"target => Math.abs(({SCROLLER})().scrollTop - target) < 1", arg=target)


def scroll_top(page) -> float:
    return page.evaluate(f"() => ({SCROLLER})().scrollTop")


def test_feeder_rows_show_within_one_refresh_with_filters_and_scroll_kept(server, browser_context):
    base, engine = server
    page = open_app(browser_context, base)
    open_view(page, base)
    assert page.locator(STATUS).inner_text().endswith("群众问题 0 件")
    scroll_by(page, 600)
    scrolled = scroll_top(page)
    assert scrolled > 100

    url = engine.url.render_as_string(hide_password=False)
    fed = subprocess.run(
        [sys.executable, "-m", "sample_data.feed", "--per-minute", "6000", "--minutes", "0.002"]
        + ["--seed", "5", "--database-url", url],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    done = time.monotonic()
    counts = dict(part.rsplit(" ", 1) for part in fed.stdout.split(": ", 1)[1].split(", "))
    expected = f"服务活动 {counts['activity'].strip()} 场"
    page.wait_for_function(
        f"() => [...document.querySelectorAll('[data-testid=\"stCaptionContainer\"]')]"
        f".some(c => c.innerText.includes('{expected}'))",
        timeout=(REFRESH + 10) * 1000,
    )
    waited = time.monotonic() - done
    assert waited <= REFRESH + 2, f"the new rows took {waited:.1f} s to show"
    status = page.locator(STATUS).inner_text()
    assert f"群众问题 {counts['problem'].strip()} 件" in status
    # the filters and the scroll position survived the refresh
    assert "grain=month" in page.url and "period=2026-04" in page.url
    assert page.get_by_text("统计期：2026年4月").count() == 1
    # A reload would put the reader back at the top; a refresh leaves them at the same
    # scroll offset (live views turn the browser's scroll anchoring off). Look once the
    # refresh has been drawn in full, charts included.
    wait_drawn(page)
    assert abs(scroll_top(page) - scrolled) < 5
    assert page.locator(ERRORS).count() == 0
    scroll_by(page, -2000)
    screenshot(page, "live-fresh")


@pytest.fixture
def outage_server():
    """The app on the small city in a PostgreSQL server of its own, which the test stops."""
    try:
        database = pg_server.start()
    except pg_server.NoPostgres as why:
        unavailable(f"PostgreSQL not available: {why}")
    engine = make_engine(database.url)
    upgrade_to_head(engine)
    with engine.begin() as conn:
        small_city.load(conn)
        accounts.add_accounts(conn)
    engine.dispose()
    yield from ((base, database) for base in _serve(database.url))
    database.stop()


def test_a_database_outage_shows_stale_data_and_recovers(outage_server, browser_context):
    base, database = outage_server
    page = open_app(browser_context, base)
    open_view(page, base)
    before = page.locator(STATUS).inner_text()

    database.pause()
    page.locator(STALE).wait_for(timeout=(REFRESH + 10) * 1000)
    stale = page.locator(STALE).inner_text()
    assert "仍显示" in stale and "连接恢复后自动刷新" in stale
    # the last numbers stay on screen, with no error
    assert page.locator('[data-testid="stMetric"]').count() == 5
    assert page.get_by_text("报到率").count() >= 1
    assert page.locator(ERRORS).count() == 0
    screenshot(page, "live-stale")

    database.resume()
    page.locator(STATUS).wait_for(timeout=(REFRESH + 20) * 1000)
    page.locator(STALE).wait_for(state="detached", timeout=10_000)
    assert page.locator(STATUS).inner_text() != before  # read again, at a later time
    assert page.locator(ERRORS).count() == 0
    check = make_engine(database.url)
    with check.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM org_unit")).scalar() == 13
    check.dispose()
