"""The app's first run on an empty database goes through the Alembic migrations."""

from sqlalchemy import inspect, text

from dashboard.database import prepare
from data_access.engine import make_engine
from data_access.schema import metadata


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
    assert version == "0001"
    assert seeded == ["demo"]


def test_a_production_database_is_migrated_but_never_seeded(empty_engine, monkeypatch):
    import dashboard.database as database

    monkeypatch.setattr(database, "populate", lambda *a: (_ for _ in ()).throw(AssertionError))
    prepare(empty_engine, seed_if_empty=False)
    prepare(empty_engine, seed_if_empty=False)  # a second start changes nothing
