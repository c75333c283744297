"""大屏端查询 under AppTest on the small city with tests/work_city.py's work (T1 and T3
public, T2 not): the link opens the board without signing in, shows nothing else, and
stops at once when the admin revokes it on 用户管理."""

from datetime import UTC, datetime

import pytest

from data_access import public_board
from tests import work_city
from tests.pages.helpers import open_page


def publish(city, unit_id: int = 1) -> str:
    with city.begin() as conn:
        return public_board.publish(
            conn, unit_id=unit_id, label="测试市任务公开查询", by="root", at=datetime.now(UTC)
        )


def cards(at) -> list[str]:
    return [e.proto.body for e in at.get("html") if 'class="task"' in e.proto.body]


def test_the_link_opens_the_public_tasks_without_signing_in(app, city, works):
    at = app(board=publish(city))
    assert [t.value for t in at.title] == ["测试市任务公开查询"]
    shown = cards(at)
    # worst first: T1 (N3 overdue) then T3 (both nodes done); T2 is not public
    assert len(shown) == 2
    assert "网格党组织全覆盖" in shown[0] and "✕ 逾期未完成" in shown[0]
    assert "已完成 2 / 3 个节点" in shown[0]
    assert "三会一课规范化" in shown[1] and "✓ 按期完成" in shown[1]
    assert not any("清单认领" in card for card in shown)
    # nothing of the app: no sign-in form, no page, no filters, no people
    assert [widget.key for widget in at.text_input] == ["board_search"]
    assert at.sidebar.selectbox == [] and at.sidebar.radio == []
    assert "user" not in at.session_state
    body = " ".join(shown) + " ".join(str(frame.value.to_dict()) for frame in at.dataframe)
    assert work_city.OWNER_ROLE not in body and work_city.LEADER_ROLE not in body


def test_the_search_finds_a_task_or_a_unit(app, city, works):
    at = app(board=publish(city))
    at.text_input(key="board_search").input("规范化").run()
    assert len(cards(at)) == 1 and "三会一课规范化" in cards(at)[0]
    at.text_input(key="board_search").input("南湾村").run()  # T3's N7 is 南湾村's
    assert len(cards(at)) == 1 and "南湾村" in cards(at)[0]


def test_a_district_board_shows_only_that_district(app, city, works):
    at = app(board=publish(city, unit_id=2))  # 甲区: T1's nodes and T3's N6
    assert "乙区" not in " ".join(cards(at)) and "南湾村" not in " ".join(cards(at))
    assert len(cards(at)) == 2


@pytest.mark.parametrize("token", ["not-a-token", ""])
def test_an_unknown_link_says_so(app, works, token):
    at = app(board=token)
    assert [t.value for t in at.title] == ["链接已失效"]
    assert cards(at) == []


def test_the_admin_publishes_and_revokes_a_link(app, city, works):
    at = open_page(app, "root", "users_admin.py")
    at.text_input(key="board_label").input("全市公开任务")
    at.selectbox(key="board_unit").set_value(1)
    at.button(key="FormSubmitter:publish_board-发布链接").click().run()
    assert not at.exception, at.exception
    (code,) = [c.value for c in at.code]
    token = code.split("?board=")[1]
    assert len(token) >= 43
    board = app(board=token)
    assert [t.value for t in board.title] == ["全市公开任务"]
    revoke = next(b for b in at.button if b.key and b.key.startswith("revoke_board_"))
    revoke.click().run()
    assert not at.exception, at.exception
    assert "目前没有有效的公开链接。" in [c.value for c in at.caption]
    board.run()  # the open board's next refresh
    assert [t.value for t in board.title] == ["链接已失效"]
