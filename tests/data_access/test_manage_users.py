"""The account command line, on a real SQLite database."""

import io

import pytest

from data_access.engine import make_engine
from data_access.manage_users import main
from data_access.users import get_user
from tests import small_city


@pytest.fixture
def database(tmp_path, monkeypatch, sqlite_template):
    import shutil

    path = tmp_path / "cli.sqlite3"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        small_city.load(conn)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    yield engine
    engine.dispose()


def run(monkeypatch, capsys, *argv, stdin=""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_add_list_reset_disable_remove(database, monkeypatch, capsys):
    code, out, _ = run(
        monkeypatch,
        capsys,
        "add",
        "wang",
        "--name",
        "王",
        "--role",
        "district",
        "--unit",
        "D1",
        "--password-stdin",
        stdin="a-long-password\n",
    )
    assert (code, out.strip()) == (0, "added wang")
    code, out, _ = run(monkeypatch, capsys, "list")
    assert "wang" in out and "甲区" in out
    code, out, _ = run(monkeypatch, capsys, "reset-password", "wang", "--random")
    assert code == 0 and out.startswith("new password for wang: ")
    assert run(monkeypatch, capsys, "disable", "wang")[0] == 0
    with database.connect() as conn:
        assert get_user(conn, "wang").enabled is False
    assert run(monkeypatch, capsys, "remove", "wang")[0] == 0
    with database.connect() as conn:
        assert get_user(conn, "wang") is None


def test_errors_are_reported_without_a_traceback(database, monkeypatch, capsys):
    code, _, err = run(
        monkeypatch,
        capsys,
        "add",
        "liwei",
        "--role",
        "district",
        "--unit",
        "X9",
        "--password-stdin",
        stdin="a-long-password\n",
    )
    assert (code, err.strip()) == (2, "error: 没有这些单位编码：X9")
    code, _, err = run(monkeypatch, capsys, "disable", "nobody")
    assert (code, err.strip()) == (2, "error: 没有用户 nobody")
