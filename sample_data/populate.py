"""Filling an empty, migrated database with a preset's sample data."""

import logging
import time
from datetime import UTC, datetime

import numpy as np
import pandas as pd
from sqlalchemy import Engine, func, insert, select, text

from data_access import schema
from data_access.bulk import insert_frame
from data_access.org_tree import unit_rows_with_tree
from sample_data import appraisal, events, structure, work
from sample_data.presets import DATA_END, PRESETS, Preset
from sample_data.profiles import district_profiles
from sample_data.submissions import add_submissions

log = logging.getLogger(__name__)

SEED = 20261031
SAMPLE_LABEL = "虚构地名与人员，仅供演示"


def populate(engine: Engine, preset: str | Preset = "demo", *, seed: int = SEED) -> None:
    """Generate `preset` into `engine`'s database, which must be migrated and empty.

    The same preset and seed always give the same rows. Everything is
    written in one transaction: a failure leaves the database empty.
    """
    preset = PRESETS[preset] if isinstance(preset, str) else preset
    started = time.perf_counter()
    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(schema.org_unit)).scalar():
            raise ValueError("the database already holds data; populate needs an empty one")
        if conn.dialect.name == "postgresql":
            # moments are written as UTC text (duty records' recorded_at), read as such
            conn.execute(text("SET LOCAL TIME ZONE 'UTC'"))
        ids = structure.Ids()
        parent_id = None
        if preset.cities > 1:
            parent_id = int(ids.take("unit", 1)[0])
            conn.execute(
                insert(schema.org_unit),
                unit_rows_with_tree(
                    [dict(id=parent_id, code="P", name="示例省", level="province", parent_id=None)]
                ),
            )
        for number in range(1, preset.cities + 1):
            rng = np.random.default_rng([seed, number])
            for table, frame in generate_city(rng, ids, preset, number, parent_id):
                insert_frame(conn, table, frame)
            log.info("city %d of %d written", number, preset.cities)
        add_submissions(conn, np.random.default_rng([seed, 0]), data_end=DATA_END)
        conn.execute(
            insert(schema.dataset_info),
            [
                {"key": "sample", "value": "1"},
                {"key": "label", "value": SAMPLE_LABEL},
                {"key": "preset", "value": preset.name},
                {"key": "seed", "value": str(seed)},
                {"key": "data_end", "value": DATA_END.isoformat()},
                {"key": "generated_at", "value": datetime.now(UTC).isoformat(timespec="seconds")},
            ],
        )
    log.info("preset %s built in %.1f s", preset.name, time.perf_counter() - started)


def generate_city(rng, ids: structure.Ids, preset: Preset, number: int, parent_id):
    """(table, frame) pairs for one city, in an order that satisfies foreign keys."""
    profiles = district_profiles(rng, preset.districts)
    units = structure.build_units(
        rng, ids, preset=preset, city_number=number, parent_id=parent_id, profiles=profiles
    )
    district_ids = units.loc[units["level"] == "district", "id"].tolist()
    profile_of = dict(zip(district_ids, profiles, strict=True))
    history = events.History(DATA_END, preset.months, units, profile_of)
    start, end = history.start.date(), DATA_END
    in_service_estimate = int(preset.members * 0.65)
    orgs = structure.build_orgs(rng, ids, units, in_service_estimate)
    members = structure.build_members(rng, ids, units, orgs, preset.members)
    grid_orgs = structure.build_grid_orgs(rng, units, profile_of, start, end)
    registrations = pd.concat(
        [
            events.member_registrations(rng, history, members),
            events.org_registrations(rng, history, orgs),
        ],
        ignore_index=True,
    )
    activity_rows, participants = events.activities(rng, ids, history, registrations, members, orgs)
    unit_columns = [c.name for c in schema.org_unit.c]
    tables = [
        (schema.org_unit, units[unit_columns]),
        (schema.party_org, orgs),
        (schema.party_member, members),
        (schema.grid_party_org, grid_orgs),
        (schema.worker, structure.build_workers(rng, ids, units, profile_of, start, end)),
        (schema.registration, registrations),
        (schema.service_activity, activity_rows),
        (schema.activity_participant, participants),
        (schema.meeting, events.meetings(rng, history, units, grid_orgs)),
        (schema.resident_problem, events.problems(rng, history, units)),
        (schema.list_item, events.list_items(rng, history, units, orgs)),
    ]
    # drawn last, so that adding it left everything drawn before it as it was
    cast = work.choose_cast(rng, units, profile_of)
    return (
        tables
        + work.work_tables(rng, ids, units, profile_of, cast)
        + appraisal.appraisal_tables(rng, ids, units, cast.laggard)
    )
