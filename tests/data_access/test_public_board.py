"""Public task boards on tests/work_city.py (T1 and T3 public, T2 not), both backends."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from data_access import public_board
from data_access.schema import auth_event
from data_access.schema import public_board as board_table

AT = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
ON = date(2026, 4, 1)


def publish(engine, unit_id: int = 1) -> str:
    with engine.begin() as conn:
        return public_board.publish(conn, unit_id=unit_id, label="全市任务", by="root", at=AT)


def test_a_board_shows_the_public_tasks_nodes_and_nothing_of_people(works):
    token = publish(works)
    assert len(token) >= 43  # 32 random bytes
    with works.connect() as conn:
        assert token not in str(conn.execute(select(board_table)).all())  # only its hash
        board = public_board.board_for(conn, token)
        assert board is not None and board.unit_name == "测试市"
        nodes = public_board.board_nodes(conn, scope=board.scope, as_of=ON)
    assert list(nodes.columns) == public_board.BOARD_COLUMNS
    assert sorted(nodes["task_code"].unique()) == ["T1", "T3"]  # T2 is not public
    assert len(nodes) == 5  # N1 N2 N3 of T1, N6 N7 of T3
    assert nodes["warning"].iloc[0] == "red"  # N3, worst first
    assert list(nodes["progress"].iloc[1:]) == [1.0, 1.0, 1.0, 1.0]  # done is whole


def test_a_board_of_a_district_holds_only_that_district(works):
    token = publish(works, unit_id=3)  # 乙区: N4, N5 (T2, private) and N7 (T3)
    with works.connect() as conn:
        board = public_board.board_for(conn, token)
        nodes = public_board.board_nodes(conn, scope=board.scope, as_of=ON)
    assert list(nodes["unit_name"]) == ["南湾村"] and list(nodes["task_code"]) == ["T3"]


def test_revoking_ends_the_link_and_both_are_audited(works):
    token = publish(works)
    with works.begin() as conn:
        (board_id,) = public_board.boards(conn)["board_id"]
        public_board.revoke(conn, board_id=board_id, by="root", at=AT)
        public_board.revoke(conn, board_id=board_id, by="root", at=AT)  # again: nothing
    with works.connect() as conn:
        assert public_board.board_for(conn, token) is None
        events = conn.execute(select(auth_event.c.event, auth_event.c.detail)).all()
        listed = public_board.boards(conn)
    assert [tuple(e) for e in events] == [
        ("board_published", f"#{board_id}"),
        ("board_revoked", f"#{board_id}"),
    ]
    assert listed["revoked_by"].tolist() == ["root"]


@pytest.mark.parametrize("token", ["", "x", "a" * 43, "a" * 5000])
def test_an_unknown_token_opens_nothing(works, token):
    publish(works)
    with works.connect() as conn:
        assert public_board.board_for(conn, token) is None


def test_a_board_needs_a_name(works):
    with works.begin() as conn, pytest.raises(public_board.BoardError, match="不能为空"):
        public_board.publish(conn, unit_id=1, label=" ", by="root", at=AT)
