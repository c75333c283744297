"""Dashboard accounts: passwords, roles, scopes, login throttling and the audit trail.

Kept in the database, not in a YAML file, so that several app processes
share them and a change takes effect on every session's next run.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import bcrypt
import pandas as pd
from sqlalchemy import Connection, delete, func, insert, select, update

from data_access import clock
from data_access.dataset import root_unit_ids
from data_access.query import fetch
from data_access.schema import app_user, auth_event, org_unit, saved_scenario, user_scope
from data_access.scope import Scope, scope_of_units

LOCK_AFTER_FAILURES = 5
LOCK_WINDOW = timedelta(minutes=15)
USERNAME = re.compile(r"^[a-z0-9_.-]{3,60}$")
MIN_PASSWORD_LENGTH = 10


class Role(StrEnum):
    """What an account may do: the pages it gets (dashboard/navigation.py), and whether
    its scope is everything (admin) or its units' subtrees."""

    ADMIN = "admin"
    LEADER = "leader"
    DISTRICT = "district"
    STEWARD = "steward"
    VIEWER = "viewer"


class UserError(ValueError):
    """A request about an account that cannot be carried out; the message says why."""


@dataclass(frozen=True)
class User:
    id: int
    username: str
    display_name: str
    role: Role
    enabled: bool
    sessions_valid_after: datetime
    unit_ids: tuple[int, ...]


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"密码至少 {MIN_PASSWORD_LENGTH} 个字符")
    if len(password.encode()) > 72:
        raise UserError("密码不能超过 72 字节（bcrypt 的上限）")
    if password != password.strip():
        raise UserError("密码首尾不能有空格")
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def random_password() -> str:
    return secrets.token_urlsafe(12)


def get_user(conn: Connection, username: str) -> User | None:
    row = conn.execute(select(app_user).where(app_user.c.username == username)).mappings().first()
    if row is None:
        return None
    units = conn.execute(
        select(user_scope.c.unit_id).where(user_scope.c.user_id == row["id"]).order_by("unit_id")
    ).scalars()
    return User(
        id=row["id"],
        username=row["username"],
        display_name=row["display_name"],
        role=Role(row["role"]),
        enabled=row["enabled"],
        sessions_valid_after=row["sessions_valid_after"],
        unit_ids=tuple(units),
    )


def _require(conn: Connection, username: str) -> User:
    user = get_user(conn, username)
    if user is None:
        raise UserError(f"没有用户 {username}")
    return user


def _unit_ids(conn: Connection, unit_codes: list[str]) -> list[int]:
    found = dict(
        conn.execute(
            select(org_unit.c.code, org_unit.c.id).where(org_unit.c.code.in_(unit_codes))
        ).all()
    )
    missing = [code for code in unit_codes if code not in found]
    if missing:
        raise UserError(f"没有这些单位编码：{', '.join(missing)}")
    return [found[code] for code in unit_codes]


def add_user(
    conn: Connection,
    *,
    username: str,
    display_name: str,
    role: Role | str,
    password: str,
    unit_codes: list[str],
    by: str,
) -> User:
    """Create an account. Every role but admin needs at least one org unit as its scope."""
    if not USERNAME.match(username):
        raise UserError("用户名须为 3-60 个小写字母、数字或 _ . -")
    try:
        role = Role(role)
    except ValueError:
        raise UserError(f"角色须为 {', '.join(Role)} 之一") from None
    if role != Role.ADMIN and not unit_codes:
        raise UserError("除管理员外，每个用户至少要指定一个单位作为可见范围")
    if get_user(conn, username) is not None:
        raise UserError(f"用户 {username} 已存在")
    unit_ids = _unit_ids(conn, unit_codes)
    now = clock.now()
    user_id = conn.execute(
        insert(app_user)
        .values(
            username=username,
            display_name=display_name or username,
            password_hash=hash_password(password),
            role=role,
            enabled=True,
            sessions_valid_after=now,
            created_at=now,
        )
        .returning(app_user.c.id)
    ).scalar_one()
    if unit_ids:
        conn.execute(insert(user_scope), [{"user_id": user_id, "unit_id": u} for u in unit_ids])
    record(conn, username=username, event="user_added", detail=f"role={role} by {by}")
    return _require(conn, username)


def set_password(conn: Connection, *, username: str, password: str, by: str) -> None:
    """Change a password; every session and login cookie issued before now stops working."""
    _require(conn, username)
    conn.execute(
        update(app_user)
        .where(app_user.c.username == username)
        .values(password_hash=hash_password(password), sessions_valid_after=clock.now())
    )
    record(conn, username=username, event="password_set", detail=f"by {by}")


def _keep_an_admin(conn: Connection, username: str) -> None:
    """Refuse to disable or remove the last enabled admin: nobody could manage accounts."""
    others = conn.execute(
        select(func.count())
        .select_from(app_user)
        .where(
            app_user.c.role == Role.ADMIN,
            app_user.c.enabled.is_(True),
            app_user.c.username != username,
        )
    ).scalar()
    if _require(conn, username).role == Role.ADMIN and not others:
        raise UserError("不能停用或删除最后一个启用的管理员")


def set_enabled(conn: Connection, *, username: str, enabled: bool, by: str) -> None:
    _require(conn, username)
    if not enabled:
        _keep_an_admin(conn, username)
    conn.execute(update(app_user).where(app_user.c.username == username).values(enabled=enabled))
    record(conn, username=username, event="enabled" if enabled else "disabled", detail=f"by {by}")


def force_logout(conn: Connection, *, username: str, by: str) -> None:
    """End every session and login cookie of the user issued before now."""
    _require(conn, username)
    conn.execute(
        update(app_user)
        .where(app_user.c.username == username)
        .values(sessions_valid_after=clock.now())
    )
    record(conn, username=username, event="forced_logout", detail=f"by {by}")


def remove_user(conn: Connection, *, username: str, by: str) -> None:
    user = _require(conn, username)
    _keep_an_admin(conn, username)
    conn.execute(delete(user_scope).where(user_scope.c.user_id == user.id))
    conn.execute(delete(saved_scenario).where(saved_scenario.c.user_id == user.id))
    conn.execute(delete(app_user).where(app_user.c.id == user.id))
    record(conn, username=username, event="removed", detail=f"by {by}")


def list_users(conn: Connection) -> pd.DataFrame:
    """Columns: username, display_name, role, enabled, units (comma-separated unit names)."""
    users = fetch(
        conn,
        select(
            app_user.c.id,
            app_user.c.username,
            app_user.c.display_name,
            app_user.c.role,
            app_user.c.enabled,
        ).order_by(app_user.c.username),
    )
    units = fetch(
        conn,
        select(user_scope.c.user_id, org_unit.c.name).join(
            org_unit, org_unit.c.id == user_scope.c.unit_id
        ),
    )
    names = units.groupby("user_id")["name"].agg("、".join).to_dict()
    users["units"] = [names.get(user_id, "全部") for user_id in users["id"]]
    return users.drop(columns=["id"])


def credentials(conn: Connection) -> dict:
    """Enabled accounts in the shape streamlit-authenticator expects (hashes, never passwords)."""
    rows = conn.execute(
        select(
            app_user.c.username, app_user.c.display_name, app_user.c.password_hash, app_user.c.role
        ).where(app_user.c.enabled.is_(True))
    )
    return {
        "usernames": {
            r.username: {"name": r.display_name, "password": r.password_hash, "roles": [r.role]}
            for r in rows
        }
    }


def scope_of_user(conn: Connection, user: User) -> Scope:
    """Admins see the whole hierarchy; everyone else the union of their units' subtrees."""
    if user.role == Role.ADMIN:
        return scope_of_units(conn, root_unit_ids(conn))
    return scope_of_units(conn, user.unit_ids)


def record(
    conn: Connection, *, username: str, event: str, detail: str | None = None, at=None
) -> None:
    conn.execute(
        insert(auth_event).values(
            at=at or clock.now(), username=username[:60], event=event, detail=detail
        )
    )


def locked_until(
    conn: Connection, *, username: str, now: datetime | None = None
) -> datetime | None:
    """When the account unlocks, if LOCK_AFTER_FAILURES failed logins (since the last
    successful one) fall within LOCK_WINDOW before `now`; None if it is not locked."""
    now = now or clock.now()
    last_login = conn.execute(
        select(func.max(auth_event.c.at)).where(
            auth_event.c.username == username, auth_event.c.event == "login"
        )
    ).scalar()
    since = max(now - LOCK_WINDOW, last_login) if last_login else now - LOCK_WINDOW
    failures = list(
        conn.execute(
            select(auth_event.c.at)
            .where(
                auth_event.c.username == username,
                auth_event.c.event == "login_failed",
                auth_event.c.at > since,
            )
            .order_by(auth_event.c.at.desc())
        ).scalars()
    )
    if len(failures) < LOCK_AFTER_FAILURES:
        return None
    return failures[0] + LOCK_WINDOW


def create_first_admin(conn: Connection) -> str | None:
    """With no account at all, create `admin` and return its one-time random password."""
    if conn.execute(select(func.count()).select_from(app_user)).scalar():
        return None
    password = random_password()
    add_user(
        conn,
        username="admin",
        display_name="系统管理员",
        role=Role.ADMIN,
        password=password,
        unit_codes=[],
        by="first run",
    )
    return password


def never_signed_in(conn: Connection) -> bool:
    """True until the first successful login of any account (a fresh installation)."""
    return not conn.execute(
        select(func.count()).select_from(auth_event).where(auth_event.c.event == "login")
    ).scalar()


def auth_events(conn: Connection, *, limit: int = 200) -> pd.DataFrame:
    """The latest audit events. Columns: at, username, event, detail."""
    return fetch(
        conn,
        select(auth_event.c.at, auth_event.c.username, auth_event.c.event, auth_event.c.detail)
        .order_by(auth_event.c.at.desc(), auth_event.c.id.desc())
        .limit(limit),
    )
