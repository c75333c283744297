"""The app's first run on an empty database goes through the Alembic migrations."""

from sqlalchemy import inspect, text

from dashboard.database import prepare
from data_access.engine import make_engine
from data_access.migrate import head_revision
from data_access.schema import metadata
from data_access.users import get_user, list_users


def test_first_run_migrates_and_seeds_the_embedded_database(tmp_path, monkeypatch):
    import dashboard.database as database

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


def test_first_run_creates_one_admin_with_a_random_password_shown_once(empty_engine, capsys):
    prepare(empty_engine, seed_if_empty=False)
    first = capsys.readouterr().out
    prepare(empty_engine, seed_if_empty=False)
    assert capsys.readouterr().out == ""  # never shown again
    password = first.split("password ")[1].split()[0]
    assert len(password) >= 16
    with empty_engine.connect() as conn:
        admin = get_user(conn, "admin")
        assert list(list_users(conn)["username"]) == ["admin"]
        stored = conn.execute(text("SELECT password_hash FROM app_user")).scalar()
    assert admin.role == "admin" and admin.enabled
    assert password not in stored and stored.startswith("$2b$")


def test_a_production_database_is_migrated_but_never_seeded(empty_engine, monkeypatch):
    import dashboard.database as database

    monkeypatch.setattr(database, "populate", lambda *a: (_ for _ in ()).throw(AssertionError))
    prepare(empty_engine, seed_if_empty=False)
    prepare(empty_engine, seed_if_empty=False)  # a second start changes nothing
