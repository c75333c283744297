"""The app's first run on an empty database goes through the Alembic migrations."""

import io
import os
import stat
import sys

import bcrypt
import pytest
from sqlalchemy import inspect, text

from dashboard import database, settings
from dashboard.database import prepare
from data_access.engine import make_engine
from data_access.migrate import head_revision
from data_access.private_files import write_private
from data_access.schema import metadata
from data_access.users import get_user, list_users


def test_first_run_migrates_and_seeds_the_embedded_database(tmp_path, monkeypatch):
    seeded = []
    monkeypatch.setattr(database, "populate", lambda engine, preset: seeded.append(preset))
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    prepare(engine, seed_if_empty=True)
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert set(metadata.tables) <= tables
    assert version == head_revision()
    assert seeded == ["demo"]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def password_file(tmp_path, monkeypatch):
    path = tmp_path / "data" / "first_admin_password"
    monkeypatch.setattr(database, "FIRST_PASSWORD_FILE", path)
    return path


def stored_hash(engine) -> str:
    with engine.connect() as conn:
        return conn.execute(text("SELECT password_hash FROM app_user")).scalar()


def test_first_run_creates_one_admin_shown_once_on_the_terminal(
    empty_engine, monkeypatch, password_file
):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    prepare(empty_engine, seed_if_empty=False)
    first = terminal.getvalue()
    prepare(empty_engine, seed_if_empty=False)
    assert terminal.getvalue() == first  # never shown again
    password = first.split("password ")[1].split()[0]
    assert len(password) >= 16
    assert not password_file.exists()
    with empty_engine.connect() as conn:
        admin = get_user(conn, "admin")
        assert list(list_users(conn)["username"]) == ["admin"]
    stored = stored_hash(empty_engine)
    assert admin.role == "admin" and admin.enabled
    assert password not in stored and bcrypt.checkpw(password.encode(), stored.encode())


def test_without_a_terminal_the_first_password_goes_to_a_private_file_not_the_logs(
    empty_engine, password_file, capfd, caplog
):
    prepare(empty_engine, seed_if_empty=False)
    username, password = password_file.read_text().split()
    assert username == "admin"
    assert bcrypt.checkpw(password.encode(), stored_hash(empty_engine).encode())
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    output = capfd.readouterr()
    assert password not in output.out + output.err + caplog.text
    assert str(password_file) in caplog.text  # the log says where to look


def test_the_embedded_database_and_the_cookie_key_are_private_from_the_start(tmp_path, monkeypatch):
    previous = os.umask(0o022)  # the usual default, under which SQLite makes 0644 files
    try:
        path = tmp_path / "data" / "dashboard.sqlite3"
        engine = make_engine(f"sqlite:///{path}")
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (x INTEGER)"))
            conn.execute(text("INSERT INTO t VALUES (1)"))
        with engine.connect() as conn:  # WAL and shared memory exist while connected
            conn.execute(text("SELECT * FROM t")).all()
            modes = {
                name: stat.S_IMODE((tmp_path / "data" / name).stat().st_mode)
                for name in ("dashboard.sqlite3", "dashboard.sqlite3-wal", "dashboard.sqlite3-shm")
            }
        engine.dispose()
        key_file = tmp_path / "keys" / "cookie_key"
        monkeypatch.setattr(settings, "GENERATED_KEY_FILE", key_file)
        monkeypatch.delenv("DASHBOARD_COOKIE_KEY", raising=False)
        monkeypatch.delenv("DATABASE_URL", raising=False)
        key = settings.cookie_key()
        assert settings.cookie_key() == key  # made once, then read
    finally:
        os.umask(previous)
    assert modes == dict.fromkeys(modes, 0o600)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    assert len(key) >= 32


def test_a_private_file_already_there_is_kept_unless_replaced(tmp_path):
    path = tmp_path / "key"
    assert write_private(path, "first")
    assert not write_private(path, "second")
    assert path.read_text() == "first"
    assert write_private(path, "third", replace=True)
    assert path.read_text() == "third"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key"]  # no temporary left
