from datetime import date

import pytest
from sqlalchemy import func, insert, select, text

from data_access import schema
from data_access.dataset import dataset_facts
from data_access.indicators.comparison import indicator_table
from data_access.indicators.reporting import double_reporting
from data_access.period import Period
from data_access.scope import scope_of_units
from sample_data.populate import populate
from sample_data.presets import DATA_END, Preset

TINY = Preset(
    "tiny", cities=1, districts=6, streets=12, communities=40, grids=160, members=4000, months=12
)
TABLES = [
    "org_unit",
    "party_org",
    "party_member",
    "registration",
    "service_activity",
    "activity_participant",
    "meeting",
    "resident_problem",
    "list_item",
    "grid_party_org",
    "worker",
    "work_task",
    "work_task_unit",
    "task_node",
    "supervision_item",
    "duty_record",
]
# every row of these, compared between two builds
WORK_TABLES = [schema.work_task, schema.task_node, schema.supervision_item, schema.duty_record]


def counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in TABLES}


def test_population_has_the_preset_sizes_and_a_sample_marker(empty_engine):
    populate(empty_engine, TINY)
    with empty_engine.connect() as conn:
        levels = dict(
            conn.execute(
                select(schema.org_unit.c.level, func.count()).group_by(schema.org_unit.c.level)
            ).all()
        )
        members = conn.execute(select(func.count()).select_from(schema.party_member)).scalar()
        facts = dataset_facts(conn)
        last_meeting = conn.execute(select(func.max(schema.meeting.c.held_on))).scalar()
    assert levels == {"city": 1, "district": 6, "street": 12, "community": 40, "grid": 160}
    assert members == 4000
    assert facts["sample"] == "1" and facts["preset"] == "tiny"
    assert facts["data_end"] == DATA_END.isoformat()
    assert str(last_meeting) <= DATA_END.isoformat()
    assert all(n > 0 for n in counts(empty_engine).values())


def test_same_seed_gives_the_same_data(tmp_path):
    from data_access.engine import make_engine
    from data_access.migrate import upgrade_to_head

    digests = []
    for name in ("a", "b"):
        engine = make_engine(f"sqlite:///{tmp_path / name}.sqlite3")
        upgrade_to_head(engine)
        populate(engine, TINY)
        with engine.connect() as conn:
            digests.append(
                (
                    counts(engine),
                    conn.execute(
                        text("SELECT sum(hours), count(DISTINCT held_on) FROM service_activity")
                    ).one(),
                    conn.execute(text("SELECT group_concat(name, ',') FROM org_unit")).scalar(),
                    [conn.execute(select(t).order_by(t.c.id)).all() for t in WORK_TABLES],
                )
            )
        engine.dispose()
    assert digests[0] == digests[1]


def test_populate_refuses_a_database_with_data(city):
    with pytest.raises(ValueError, match="already holds data"):
        populate(city, TINY)


def test_new_rows_after_population_get_fresh_ids(empty_engine):
    # PostgreSQL's id sequences must be moved past the copied-in ids.
    populate(empty_engine, TINY)
    with empty_engine.begin() as conn:
        top = conn.execute(select(func.max(schema.party_org.c.id))).scalar()
        community = conn.execute(
            select(schema.org_unit.c.id).where(schema.org_unit.c.level == "community").limit(1)
        ).scalar()
        new_id = conn.execute(
            insert(schema.party_org)
            .values(code="NEW", name="新建党支部", org_type="two_new", community_id=community)
            .returning(schema.party_org.c.id)
        ).scalar()
        top_item = conn.execute(select(func.max(schema.supervision_item.c.id))).scalar()
        new_item = conn.execute(
            insert(schema.supervision_item)
            .values(
                code="NEW",
                raised_at="meeting",
                raised_on=DATA_END,
                issue="新问题",
                unit_id=community,
                due_on=DATA_END,
            )
            .returning(schema.supervision_item.c.id)
        ).scalar()
    assert new_id > top
    assert new_item > top_item


def test_districts_differ_as_their_roles_say(empty_engine):
    populate(empty_engine, TINY)
    recent = Period.quarter(date(2026, 9, 1))
    early = Period(date(2025, 11, 1), date(2026, 1, 1))
    with empty_engine.connect() as conn:
        scope = scope_of_units(conn, [1])
        table = indicator_table(conn, scope=scope, level="district", period=recent)
        before = double_reporting(conn, scope=scope, level="district", period=early)
    model, laggard, improving = table.iloc[0], table.iloc[1], table.iloc[2]
    assert model["reporting_rate"] > laggard["reporting_rate"] + 0.2
    assert model["active_rate"] > laggard["active_rate"] + 0.2
    assert model["coverage_rate"] > laggard["coverage_rate"]
    assert model["compliance_rate"] > laggard["compliance_rate"]
    # the improving district registers most of its members during the history
    assert improving["reporting_rate"] > before.iloc[2]["reporting_rate"] + 0.2
    # every rate is a real share, and the laggard still has some of everything
    rates = table.drop(
        columns=["unit_id", "unit_code", "unit_name", "parent_id", "hours_per_member"]
    )
    assert ((rates > 0) & (rates <= 1)).all().all()


def test_a_province_is_the_root_of_every_path(empty_engine):
    two_cities = Preset(
        "two", 2, districts=3, streets=3, communities=6, grids=12, members=300, months=3
    )
    populate(empty_engine, two_cities)
    with empty_engine.connect() as conn:
        province = conn.execute(
            select(schema.org_unit.c.id, schema.org_unit.c.path).where(
                schema.org_unit.c.level == "province"
            )
        ).one()
        paths = conn.execute(select(schema.org_unit.c.path)).scalars().all()
        table = indicator_table(
            conn,
            scope=scope_of_units(conn, [province.id]),
            level="district",
            period=Period.month(date(2026, 10, 1)),
        )
    assert province.path == f"/{province.id}/"
    assert len(paths) == 1 + 2 * (1 + 3 + 3 + 6 + 12)
    assert all(p.startswith(province.path) for p in paths)
    assert len(table) == 6  # both cities' districts are in the province's scope
