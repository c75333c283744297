from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from data_access import clock, sessions, users
from data_access.schema import auth_session
from data_access.scope import scope_of_units
from data_access.users import UserError
from tests.data_access.helpers import CITY, D1, S1, S2

GOOD = "correct-horse-9"


def add(conn, username="wang", role="district", units=("D1",), password=GOOD):
    return users.add_user(
        conn,
        username=username,
        display_name="王",
        role=role,
        password=password,
        unit_codes=list(units),
        by="test",
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"username": "Wang Li"}, "用户名须为"),
        ({"role": "superuser"}, "角色须为"),
        ({"units": ()}, "至少要指定一个单位"),
        ({"units": ("D1", "NOPE")}, "没有这些单位编码：NOPE"),
        ({"password": "short"}, "至少 10 个字符"),
        ({"password": "密" * 30}, "72 字节"),
        ({"password": " padded-password "}, "首尾不能有空格"),
    ],
)
def test_bad_account_requests_are_refused_with_the_reason(city, kwargs, message):
    with city.begin() as conn, pytest.raises(UserError, match=message):
        add(conn, **kwargs)
    with city.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM app_user")).scalar() == 0


def test_add_user_stores_a_bcrypt_hash_and_the_scope(city):
    with city.begin() as conn:
        user = add(conn, units=("S1", "S2"))
        with pytest.raises(UserError, match="已存在"):
            add(conn)
        stored = conn.execute(text("SELECT password_hash FROM app_user")).scalar()
        scope = users.scope_of_user(conn, user)
        assert scope == scope_of_units(conn, [S1, S2])
    assert user.unit_ids == (S1, S2) and user.role == "district"
    assert stored.startswith("$2b$") and GOOD not in stored


def test_admin_sees_everything_others_their_units(city):
    with city.begin() as conn:
        admin = add(conn, username="boss", role="admin", units=())
        leader = add(conn, username="lead", role="leader", units=("D1",))
        assert users.scope_of_user(conn, admin) == scope_of_units(conn, [CITY])
        assert users.scope_of_user(conn, leader) == scope_of_units(conn, [D1])


def test_credentials_hold_only_enabled_accounts(city):
    with city.begin() as conn:
        add(conn, username="boss", role="admin", units=())
        add(conn)
        users.set_enabled(conn, username="wang", enabled=False, by="test")
        creds = users.credentials(conn)
    assert list(creds["usernames"]) == ["boss"]
    assert creds["usernames"]["boss"]["roles"] == ["admin"]


def test_the_last_admin_cannot_be_disabled_or_removed(city):
    with city.begin() as conn:
        add(conn, username="boss", role="admin", units=())
        for action in (
            lambda: users.set_enabled(conn, username="boss", enabled=False, by="test"),
            lambda: users.remove_user(conn, username="boss", by="test"),
        ):
            with pytest.raises(UserError, match="最后一个启用的管理员"):
                action()
        add(conn, username="deputy", role="admin", units=())
        users.remove_user(conn, username="boss", by="test")
        assert users.get_user(conn, "boss") is None


def test_a_session_stands_until_logout_or_until_its_hours_pass(city):
    with city.begin() as conn:
        t0 = add(conn).sessions_valid_after
        first = sessions.start(conn, username="wang", hours=12, now=t0)
        second = sessions.start(conn, username="wang", hours=12, now=t0)

        def stands(session_id, *, username="wang", now=t0):
            return sessions.stands(conn, session_id, username=username, hours=12, now=now)

        assert stands(first) and stands(second)
        assert not stands(first, username="root")  # another account's cookie
        assert not stands("made-up-id") and not stands(None)
        almost = t0 + timedelta(hours=12) - timedelta(microseconds=1)
        assert stands(first, now=almost)
        assert not stands(first, now=t0 + timedelta(hours=12))
        sessions.end(conn, first)
        assert not stands(first)
        assert stands(second)  # another sign-in of the same account goes on
        # a new sign-in drops the rows too old to stand
        sessions.start(conn, username="wang", hours=12, now=t0 + timedelta(hours=13))
        assert conn.execute(select(func.count()).select_from(auth_session)).scalar() == 1


def test_a_password_change_forced_logout_disable_or_removal_end_every_session(city):
    with city.begin() as conn:
        add(conn)

        def start_and_check(at=None) -> str:
            session_id = sessions.start(conn, username="wang", hours=12, now=at)
            assert sessions.stands(conn, session_id, username="wang", hours=12, now=at)
            return session_id

        def stands(session_id) -> bool:
            return sessions.stands(conn, session_id, username="wang", hours=12)

        before = start_and_check()
        users.set_password(conn, username="wang", password="another-password-2", by="test")
        assert not stands(before)
        # a sign-in at the very moment of the change stands
        start_and_check(users.get_user(conn, "wang").sessions_valid_after)
        before = start_and_check()
        users.force_logout(conn, username="wang", by="test")
        assert not stands(before)
        before = start_and_check()
        users.set_enabled(conn, username="wang", enabled=False, by="test")
        assert not stands(before)
        users.set_enabled(conn, username="wang", enabled=True, by="test")
        assert stands(before)  # enabled again, the session had not been ended
        users.remove_user(conn, username="wang", by="test")
        assert not stands(before)


def test_five_failures_in_the_window_lock_until_fifteen_minutes_after_the_last(city):
    now = clock.now()
    with city.begin() as conn:

        def fail(minutes_ago):
            users.record(
                conn, username="wang", event="login_failed", at=now - timedelta(minutes=minutes_ago)
            )

        fail(30)  # outside the window: does not count
        for minutes_ago in (10, 8, 6, 4):
            fail(minutes_ago)
        assert users.locked_until(conn, username="wang", now=now) is None
        fail(2)
        assert users.locked_until(conn, username="wang", now=now) == now - timedelta(minutes=2) + (
            users.LOCK_WINDOW
        )
        # 14 minutes on, the failure 10 minutes ago has left the window
        assert users.locked_until(conn, username="wang", now=now + timedelta(minutes=5)) is None
        assert users.locked_until(conn, username="other", now=now) is None


def test_a_successful_login_clears_earlier_failures(city):
    now = clock.now()
    with city.begin() as conn:
        for minutes_ago in (9, 8, 7, 6):
            users.record(
                conn, username="wang", event="login_failed", at=now - timedelta(minutes=minutes_ago)
            )
        users.record(conn, username="wang", event="login", at=now - timedelta(minutes=5))
        users.record(conn, username="wang", event="login_failed", at=now - timedelta(minutes=1))
        assert users.locked_until(conn, username="wang", now=now) is None


def test_first_admin_is_created_once(city):
    with city.begin() as conn:
        password = users.create_first_admin(conn)
        assert password and len(password) >= 16
        assert users.create_first_admin(conn) is None
        assert users.get_user(conn, "admin").role == "admin"
