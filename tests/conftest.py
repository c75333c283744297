"""Databases for the tests: every data-layer test runs on SQLite and on PostgreSQL.

PostgreSQL comes from TEST_DATABASE_URL (a server URL whose user may create
databases) or from a throwaway server started here. Where neither works the
PostgreSQL half is skipped with the reason, except under CI, where it fails.
"""

import itertools
import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text

from data_access.engine import make_engine
from data_access.migrate import upgrade_to_head
from data_access.summary.build import build
from tests import pg_server, small_city, work_city

UNDER_CI = os.environ.get("CI", "").lower() == "true"
_numbers = itertools.count()


def unavailable(reason: str) -> None:
    """Skip, or fail under CI, where a test's server or browser cannot be had."""
    if UNDER_CI:
        pytest.fail(f"{reason} (under CI this must not be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_url():
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        yield url
        return
    try:
        server = pg_server.start()
    except pg_server.NoPostgres as why:
        unavailable(f"PostgreSQL not available: {why}")
    yield server.url
    server.stop()


def _admin(url: str) -> Engine:
    return create_engine(url, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def postgres_template(postgres_url):
    """A migrated database that each test's database is copied from."""
    name = f"dashboard_template_{os.getpid()}"
    admin = _admin(postgres_url)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(make_url(postgres_url).set(database=name).render_as_string(False))
    upgrade_to_head(engine)
    engine.dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    engine.dispose()
    return path


def _sqlite_copy(template: Path, path: Path) -> Engine:
    shutil.copy(template, path)
    return make_engine(f"sqlite:///{path}")


def _postgres_copy(server_url: str, template: str) -> tuple[Engine, str]:
    name = f"dashboard_test_{os.getpid()}_{next(_numbers)}"
    with _admin(server_url).connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    return make_engine(make_url(server_url).set(database=name).render_as_string(False)), name


def _drop(server_url: str, name: str) -> None:
    admin = _admin(server_url)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def _copies(request, tmp_path, sqlite_template: str, postgres_template: str):
    """A fresh copy of a template database on the backend the test is run for."""
    if request.param == "sqlite":
        engine = _sqlite_copy(request.getfixturevalue(sqlite_template), tmp_path / "test.sqlite3")
        yield engine
        engine.dispose()
        return
    server_url = request.getfixturevalue("postgres_url")
    engine, name = _postgres_copy(server_url, request.getfixturevalue(postgres_template))
    yield engine
    engine.dispose()
    _drop(server_url, name)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request, tmp_path):
    """A freshly migrated, empty database on each backend."""
    yield from _copies(request, tmp_path, "sqlite_template", "postgres_template")


@pytest.fixture
def city(empty_engine):
    """The small hand-checked city of tests/small_city.py, on each backend."""
    with empty_engine.begin() as conn:
        small_city.load(conn)
    return empty_engine


@pytest.fixture
def works(city):
    """The city (whichever `city` the tests see: the pages' is summarised) with the
    hand-checked work of tests/work_city.py: tasks, nodes, supervision items, records."""
    with city.begin() as conn:
        work_city.load(conn)
    return city


def _summarise(engine: Engine) -> None:
    with engine.begin() as conn:
        small_city.load(conn)
    build(engine)
    engine.dispose()


@pytest.fixture(scope="session")
def summarised_sqlite_template(sqlite_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("summarised") / "city.sqlite3"
    _summarise(_sqlite_copy(sqlite_template, path))
    return path


@pytest.fixture(scope="session")
def summarised_postgres_template(postgres_url, postgres_template):
    engine, name = _postgres_copy(postgres_url, postgres_template)
    _summarise(engine)
    yield name
    _drop(postgres_url, name)


@pytest.fixture(params=["sqlite", "postgresql"])
def summarised_city(request, tmp_path):
    """The small city with its summary tables built, as the app reads it, on each backend."""
    yield from _copies(
        request, tmp_path, "summarised_sqlite_template", "summarised_postgres_template"
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def unmigrated(request, tmp_path):
    """An engine on an empty database, on each backend, for migrating step by step."""
    if request.param == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
        yield engine
        engine.dispose()
        return
    postgres_url = request.getfixturevalue("postgres_url")
    name = f"dashboard_unmigrated_{os.getpid()}_{next(_numbers)}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_engine(make_url(postgres_url).set(database=name))
    yield engine
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
