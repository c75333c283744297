"""The app's one engine, and the first-run set-up of the embedded database."""

import logging
import os
import sys
import threading
from dataclasses import dataclass, field
from datetime import date

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from data_access.dataset import is_empty
from data_access.engine import make_engine
from data_access.migrate import upgrade_to_head
from data_access.private_files import write_private
from data_access.settings import REPO_ROOT
from data_access.summary.build import build
from data_access.users import create_first_admin
from sample_data.populate import populate

log = logging.getLogger(__name__)
FIRST_PASSWORD_FILE = REPO_ROOT / "data" / "first_admin_password"


def prepare(engine: Engine, *, seed_if_empty: bool) -> None:
    """Bring the schema up to date, create the first admin account if there is none,
    fill an empty embedded database with the demo preset, and build the summary
    tables the views read (only what is missing: nothing on a later start the
    same day, the new running periods on the first start of a day).

    A production database (DATABASE_URL set) is migrated but never filled
    with sample data.
    """
    upgrade_to_head(engine)
    with engine.begin() as conn:
        password = create_first_admin(conn)
    if password:
        hand_over(password)
    if seed_if_empty:
        with engine.connect() as conn:
            empty = is_empty(conn)
        if empty:
            log.warning("empty embedded database: generating the demo sample data")
            populate(engine, "demo")
    build(engine)


# SQLite reports a wrong schema or statement as an OperationalError too: those are bugs.
SQLITE_STATEMENT_ERRORS = ("no such table", "no such column", "has no column", "syntax error")


def is_outage(error: BaseException) -> bool:
    """Only a lost, refused or timed-out connection means "the database cannot be
    reached" (and old numbers held meanwhile). Anything else, a ProgrammingError or a
    schema that does not match the code, is a bug: logged, and shown as an error."""
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    if not isinstance(error, (OperationalError, InterfaceError)):
        return False
    return not any(part in str(error.orig).lower() for part in SQLITE_STATEMENT_ERRORS)


def hand_over(password: str) -> None:
    """The first admin password, shown once: on the terminal that started the app, or,
    with no terminal (a service, whose output goes to its logs), in a file only the
    app's owner can read. Never stored in clear anywhere else."""
    if sys.stdout.isatty():
        print(
            f"\n首次运行：已创建管理员账户 admin，密码 {password}（仅显示这一次）\n"
            f"First run: created account 'admin' with password {password} (shown once)\n",
            flush=True,
        )
        return
    write_private(FIRST_PASSWORD_FILE, f"admin {password}\n", replace=True)
    log.warning(
        "first run: the password of account 'admin' is in %s (readable by its owner only);"
        " delete the file after signing in",
        FIRST_PASSWORD_FILE,
    )


@dataclass
class _Rollovers:
    days: set[date] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


@st.cache_resource
def _rollovers() -> _Rollovers:
    return _Rollovers()


def roll_over(day: date) -> threading.Thread | None:
    """Summaries follow the data's last day by themselves: the first run of this process
    that sees a new day builds its keys in the background, under the summaries lock
    (data_access/locks.py), so replicas build each key once. Views read the facts
    meanwhile (correct, slower; data_access/summary/read.py logs it). The thread, or
    None when this day was seen already."""
    rollovers = _rollovers()
    with rollovers.lock:
        if day in rollovers.days:
            return None
        rollovers.days.add(day)
    thread = threading.Thread(target=_build_quietly, name=f"summaries {day}", daemon=True)
    thread.start()
    return thread


def _build_quietly() -> None:
    try:
        build(engine())
    except Exception:
        log.exception("building the summaries failed; the views read the facts meanwhile")


@st.cache_resource(show_spinner="正在准备数据库…")
def engine() -> Engine:
    """The process-wide engine, migrated (and seeded on the embedded default) on first use."""
    created = make_engine()
    prepare(created, seed_if_empty=not os.environ.get("DATABASE_URL"))
    return created
