"""大屏端查询 in a real browser on a phone: the link opens the public tasks without
signing in, shows none of the private ones and nothing else of the app, and once the
admin revokes it the open screen says the link is no longer valid."""

from datetime import UTC, datetime

from data_access import public_board
from tests import work_city
from tests.browser.conftest import SCREENSHOTS, load, new_context, wait_drawn

REFRESH = 2  # seconds


def test_the_public_board_opens_without_signing_in_and_ends_when_revoked(server, chromium):
    base, engine = server
    with engine.begin() as conn:
        work_city.load(conn)
        token = public_board.publish(
            conn, unit_id=1, label="测试市任务公开查询", by="root", at=datetime.now(UTC)
        )
    context = new_context(chromium)
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    load(page, f"{base}/?board={token}&refresh={REFRESH}")
    page.get_by_role("heading", name="测试市任务公开查询").wait_for()
    cards = page.locator(".task .title")
    # T1 and T3 are public, T2 (清单认领) is not; the worst warning first
    assert cards.all_inner_texts() == ["网格党组织全覆盖", "三会一课规范化"]
    assert page.get_by_text("清单认领").count() == 0
    assert page.get_by_role("button", name="登录", exact=True).count() == 0
    assert page.locator('[data-testid="stSidebar"]:visible').count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # fits the phone
    wait_drawn(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "public_board-390x844.png", full_page=True)

    # another page's address with the same token is the board again, never the page
    other = context.new_page()
    load(other, f"{base}/work_tracking?board={token}")
    other.get_by_role("heading", name="测试市任务公开查询").wait_for()
    assert other.get_by_role("heading", name="任务督办").count() == 0
    other.close()

    with engine.begin() as conn:
        (board_id,) = public_board.boards(conn)["board_id"]
        public_board.revoke(conn, board_id=board_id, by="root", at=datetime.now(UTC))
    # the open screen, on its next refresh
    page.get_by_role("heading", name="链接已失效").wait_for(timeout=(REFRESH + 10) * 1000)
    assert page.locator(".task").count() == 0
    assert page.get_by_text("已撤销或不存在").count() == 1
    load(page)  # and after a reload
    page.get_by_role("heading", name="链接已失效").wait_for()
    context.close()
