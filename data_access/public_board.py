"""大屏端查询: read-only boards of the public tasks, for cadres and the public.

An admin publishes a board of a unit's subtree and gets its link once: a token of 256
random bits, of which only the SHA-256 is stored (the table alone opens no board). The
link shows the tasks marked public whose nodes lie under that unit, and of them only
titles, units, nodes, progress and warnings: never a person, a role or other data.
Revoking ends the link for every screen showing it, on its next refresh.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import Connection, insert, select, update

from data_access import users
from data_access.indicators import work
from data_access.query import fetch
from data_access.schema import org_unit, public_board
from data_access.scope import Scope, scope_of_units

MAX_LABEL = 60
# what a board shows of a node: no owner, leader or verifier
BOARD_COLUMNS = [
    "task_code",
    "task_title",
    "month",
    "target",
    "unit_name",
    "due_on",
    "progress",
    "warning",
]


class BoardError(ValueError):
    pass


@dataclass(frozen=True)
class Board:
    id: int
    label: str
    unit_name: str
    scope: Scope


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def publish(conn: Connection, *, unit_id: int, label: str, by: str, at: datetime) -> str:
    """A new board of `unit_id`'s subtree; returns its token, which is not kept."""
    label = label.strip()
    if not label:
        raise BoardError("看板名称不能为空。")
    if len(label) > MAX_LABEL:
        raise BoardError(f"看板名称不能超过 {MAX_LABEL} 字。")
    token = secrets.token_urlsafe(32)
    board_id = conn.execute(
        insert(public_board)
        .values(token_hash=_hash(token), unit_id=unit_id, label=label, created_by=by, created_at=at)
        .returning(public_board.c.id)
    ).scalar_one()
    users.record(conn, username=by, event="board_published", detail=f"#{board_id}", at=at)
    return token


def revoke(conn: Connection, *, board_id: int, by: str, at: datetime) -> None:
    """End a board's link; revoking one already revoked changes nothing."""
    ended = conn.execute(
        update(public_board)
        .where(public_board.c.id == board_id, public_board.c.revoked_at.is_(None))
        .values(revoked_by=by, revoked_at=at)
    ).rowcount
    if ended:
        users.record(conn, username=by, event="board_revoked", detail=f"#{board_id}", at=at)


def board_for(conn: Connection, token: str) -> Board | None:
    """The board a link's token opens, or None: unknown, malformed or revoked."""
    if not token or len(token) > 100:
        return None
    row = conn.execute(
        select(public_board.c.id, public_board.c.label, public_board.c.unit_id, org_unit.c.name)
        .join(org_unit, org_unit.c.id == public_board.c.unit_id)
        .where(public_board.c.token_hash == _hash(token), public_board.c.revoked_at.is_(None))
    ).first()
    if row is None:
        return None
    return Board(row.id, row.label, row.name, scope_of_units(conn, [row.unit_id]))


def boards(conn: Connection) -> pd.DataFrame:
    """Every board, the open ones first. Columns: board_id, label, unit_name,
    created_by, created_at, revoked_by, revoked_at."""
    return fetch(
        conn,
        select(
            public_board.c.id.label("board_id"),
            public_board.c.label,
            org_unit.c.name.label("unit_name"),
            public_board.c.created_by,
            public_board.c.created_at,
            public_board.c.revoked_by,
            public_board.c.revoked_at,
        )
        .join(org_unit, org_unit.c.id == public_board.c.unit_id)
        .order_by(public_board.c.revoked_at.is_not(None), public_board.c.id.desc()),
    )


def board_nodes(conn: Connection, *, scope: Scope, as_of: date) -> pd.DataFrame:
    """The nodes of public tasks under the board's scope, worst first, with only
    BOARD_COLUMNS (progress: 0-1, NaN where it cannot be measured)."""
    nodes = work.nodes(conn, scope=scope, as_of=as_of, public_only=True)
    nodes["progress"] = [
        work.node_progress(warning, value, target)
        for warning, value, target in zip(
            nodes["warning"], nodes["progress_value"], nodes["target_value"], strict=True
        )
    ]
    return nodes[BOARD_COLUMNS]
