"""What-if settings saved by a user under a name. A user sees only their own.

The settings are the view's URL parameters (strings), so opening a saved
scenario and opening a shared link go through the same parsing.
"""

import json

from sqlalchemy import Connection, delete, select, update

from data_access import clock
from data_access.query import fetch
from data_access.schema import app_user, saved_scenario

MAX_NAME = 40
MAX_SCENARIOS = 50  # per user


class ScenarioError(ValueError):
    """A request refused, with the reason in words for the user."""


def clean_name(name: str) -> str:
    """The name as stored, trimmed."""
    name = name.strip()
    if not name:
        raise ScenarioError("请填写方案名称。")
    if len(name) > MAX_NAME:
        raise ScenarioError(f"方案名称最多 {MAX_NAME} 个字。")
    return name


def scenario_names(conn: Connection, *, username: str) -> list[str]:
    """The user's saved scenarios, newest first."""
    rows = fetch(
        conn,
        select(saved_scenario.c.name)
        .join(app_user, app_user.c.id == saved_scenario.c.user_id)
        .where(app_user.c.username == username)
        .order_by(saved_scenario.c.saved_at.desc(), saved_scenario.c.id.desc()),
    )
    return rows["name"].tolist()


def load_scenario(conn: Connection, *, username: str, name: str) -> dict[str, str] | None:
    """The settings saved under `name` by `username`, or None."""
    text = conn.execute(
        select(saved_scenario.c.settings)
        .join(app_user, app_user.c.id == saved_scenario.c.user_id)
        .where(app_user.c.username == username, saved_scenario.c.name == name)
    ).scalar()
    return None if text is None else json.loads(text)


def save_scenario(conn: Connection, *, username: str, name: str, settings: dict[str, str]) -> None:
    """Save `settings` under `name`, replacing the user's scenario of that name."""
    name = clean_name(name)
    user_id = conn.execute(select(app_user.c.id).where(app_user.c.username == username)).scalar()
    if user_id is None:
        raise ValueError(f"no user {username!r}")
    mine = saved_scenario.c.user_id == user_id
    values = {"settings": json.dumps(settings, ensure_ascii=False), "saved_at": clock.now()}
    replaced = conn.execute(
        update(saved_scenario).where(mine, saved_scenario.c.name == name).values(**values)
    ).rowcount
    if replaced:
        return
    count = len(scenario_names(conn, username=username))
    if count >= MAX_SCENARIOS:
        raise ScenarioError(f"最多保存 {MAX_SCENARIOS} 个方案，请先删除不用的方案。")
    conn.execute(saved_scenario.insert().values(user_id=user_id, name=name, **values))


def delete_scenario(conn: Connection, *, username: str, name: str) -> None:
    user_id = select(app_user.c.id).where(app_user.c.username == username).scalar_subquery()
    conn.execute(
        delete(saved_scenario).where(
            saved_scenario.c.user_id == user_id, saved_scenario.c.name == name
        )
    )
