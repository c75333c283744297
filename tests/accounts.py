"""Test accounts, made at test time: passwords are random per run, never committed."""

import secrets
from functools import cache

import bcrypt
from sqlalchemy import Connection, insert, select

from data_access.clock import now
from data_access.schema import app_user, org_unit, user_scope

# username: (role, unit codes) over tests/small_city.py
ACCOUNTS = {
    "root": ("admin", []),
    "lead": ("leader", ["C"]),
    "d1user": ("district", ["D1"]),
    "s2user": ("district", ["S2"]),
    "d1steward": ("steward", ["D1"]),
    "viewer": ("viewer", ["C"]),
}


@cache
def password(username: str) -> str:
    return secrets.token_urlsafe(16)


@cache
def _hash(username: str) -> str:
    # few rounds keep the tests quick; the app checks any bcrypt cost alike
    return bcrypt.hashpw(password(username).encode(), bcrypt.gensalt(rounds=4)).decode()


def add_accounts(conn: Connection, only: tuple[str, ...] = tuple(ACCOUNTS)) -> None:
    """Insert the test accounts (all, or those named in `only`) into a database
    holding the small city (any database will do for the admin `root`)."""
    ids = dict(conn.execute(select(org_unit.c.code, org_unit.c.id)).all())
    past = now().replace(year=2000)
    for username in only:
        role, codes = ACCOUNTS[username]
        user_id = conn.execute(
            insert(app_user)
            .values(
                username=username,
                display_name=username,
                password_hash=_hash(username),
                role=role,
                enabled=True,
                sessions_valid_after=past,
                created_at=past,
            )
            .returning(app_user.c.id)
        ).scalar_one()
        for code in codes:
            conn.execute(insert(user_scope).values(user_id=user_id, unit_id=ids[code]))
