import os
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, make_url, select, text

from data_access.migrate import head_revision, upgrade_to
from data_access.schema import metadata, summary_day

REPO = Path(__file__).resolve().parents[2]


def test_migrations_match_the_schema_module(empty_engine):
    with empty_engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def test_alembic_cli_builds_the_schema_on_an_empty_postgresql_database(postgres_url):
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    name = f"dashboard_cli_{os.getpid()}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(postgres_url).set(database=name)
    try:
        plain_url = url.set(drivername="postgresql").render_as_string(hide_password=False)
        done = subprocess.run(
            [sys.executable, "-m", "alembic", "upgrade", "head"],
            cwd=REPO,
            env={**os.environ, "DATABASE_URL": plain_url},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        engine = create_engine(url)
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        engine.dispose()
        assert tables == set(metadata.tables) | {"alembic_version"}
        assert version == head_revision()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_postgresql_answers_a_subtree_pattern_from_the_path_index(postgres_url, postgres_template):
    engine = create_engine(make_url(postgres_url).set(database=postgres_template))
    with engine.connect() as conn:
        definition = conn.execute(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_org_unit_path'")
        ).scalar()
    engine.dispose()
    assert definition is not None and "text_pattern_ops" in definition


def test_the_migration_counts_gapped_grids_from_the_built_gap_rows(unmigrated):
    upgrade_to(unmigrated, "0012")
    day = "'2026-03-31'"
    units = [
        (1, "M1", "community", "NULL", "/1/"),
        (2, "M2", "community", "NULL", "/2/"),
        (11, "G1", "grid", "1", "/1/11/"),
        (12, "G2", "grid", "1", "/1/12/"),
        (13, "G3", "grid", "1", "/1/13/"),
    ]
    with unmigrated.begin() as conn:
        for unit_id, code, level, community, path in units:
            conn.execute(
                text(
                    "INSERT INTO org_unit (id, code, name, level, community_id, path)"
                    f" VALUES ({unit_id}, '{code}', 'u', '{level}', {community}, '{path}')"
                )
            )
        counts = ", ".join(["0"] * 10)
        for unit_id in (1, 2):  # as 0012's build wrote them: ten counts
            conn.execute(text(f"INSERT INTO summary_day VALUES ({day}, {unit_id}, {counts})"))
        # G1 and G3 lack something at the day; G2 only on another day
        for grid, gap_day in ((11, day), (13, day), (12, "'2026-02-28'")):
            conn.execute(text(f"INSERT INTO summary_gap VALUES ({gap_day}, {grid}, 1, 0)"))
    upgrade_to(unmigrated, "head")
    with unmigrated.connect() as conn:
        counted = dict(
            conn.execute(select(summary_day.c.unit_id, summary_day.c.gapped_grids)).all()
        )
    assert counted == {1: 2, 2: 0}
