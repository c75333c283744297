"""Only a connection that cannot be had is an outage; any other database error is a bug,
logged with its traceback and shown as an error, never as "数据库暂时无法连接"."""

import logging
import socket

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from dashboard import queries
from dashboard.database import is_outage

OUTAGE = "数据库暂时无法连接"
FAILURE = "页面出现错误"


def unreachable(engine) -> str:
    """A URL of the same kind that nothing answers on."""
    if engine.dialect.name == "sqlite":
        return "sqlite:////nonexistent-directory/dashboard.sqlite3"
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    return engine.url.set(host="127.0.0.1", port=port).render_as_string(hide_password=False)


def raised(engine, statement: str) -> DBAPIError:
    with pytest.raises(DBAPIError) as caught, engine.connect() as conn:
        conn.execute(text(statement))
    return caught.value


def test_a_wrong_statement_is_no_outage_but_a_refused_connection_is(city):
    assert not is_outage(raised(city, "SELECT * FROM no_such_table"))
    assert not is_outage(raised(city, "SELECT no_such_column FROM org_unit"))
    assert not is_outage(ValueError("not a database error"))
    assert is_outage(raised(create_engine(unreachable(city)), "SELECT 1"))


def broken(error: Exception):
    def query(conn, **filters):
        raise error

    return query


def test_a_schema_mismatch_shows_an_error_not_an_outage(app, city, monkeypatch, caplog):
    mismatch = raised(city, "SELECT no_such_column FROM org_unit")
    monkeypatch.setitem(queries.READERS, "indicator_table", broken(mismatch))
    with caplog.at_level(logging.ERROR, logger="dashboard"):
        at = app("lead")
    shown = [e.value for e in at.error] + [w.value for w in at.warning]
    assert any(FAILURE in text for text in shown), shown
    assert not any(OUTAGE in text for text in shown), shown
    assert "no_such_column" in caplog.text  # the traceback is in the log


def test_an_outage_shows_the_outage_notice(app, monkeypatch):
    lost = OperationalError("SELECT 1", {}, Exception("server closed the connection"))
    monkeypatch.setitem(queries.READERS, "indicator_table", broken(lost))
    at = app("lead")
    shown = [e.value for e in at.error] + [w.value for w in at.warning]
    assert any(OUTAGE in text for text in shown), shown
    assert not any(FAILURE in text for text in shown), shown
