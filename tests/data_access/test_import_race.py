"""Imports one at a time: two imports of one registrations file at once write its row
once (the second plans after the first committed), on both backends. A row the
database still refuses comes back as a message, audited, with nothing written; and
migration 0012 will not make the registration key unique over duplicates."""

import threading
from contextlib import suppress

import pytest
from sqlalchemy import func, insert, select, text

from data_access.imports import importer
from data_access.imports.entities import ENTITIES
from data_access.migrate import upgrade_to
from data_access.schema import import_audit, party_member, registration
from data_access.scope import EVERYTHING
from tests.data_access.test_import_links import REGISTRATIONS_HEADER

# m08 lives in M3 and is not registered yet
FILE = f"{REGISTRATIONS_HEADER}\n在职党员,,m08,M3,2026-03-01,\n".encode()


def registrations(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(registration)).scalar()


def import_registrations(engine):
    return importer.import_file(
        engine, ENTITIES["registrations"], FILE, "报到.csv", scope=EVERYTHING, username="tester"
    )


def test_two_imports_of_one_file_at_once_write_its_row_once(city, monkeypatch):
    before = registrations(city)
    # Both imports should plan before either applies. With imports serialised the
    # second cannot plan until the first committed, so the first waits in vain and
    # goes on when the barrier times out; the second then finds the barrier broken.
    both_planned = threading.Barrier(2, timeout=3)
    plan_import = importer.plan_import

    def plan_then_wait(*args, **kwargs):
        plan = plan_import(*args, **kwargs)
        with suppress(threading.BrokenBarrierError):
            both_planned.wait()
        return plan

    monkeypatch.setattr(importer, "plan_import", plan_then_wait)
    plans = []
    imports = [
        threading.Thread(target=lambda: plans.append(import_registrations(city))) for _ in range(2)
    ]
    for thread in imports:
        thread.start()
    for thread in imports:
        thread.join()
    assert registrations(city) == before + 1
    # the first inserted the row, the second found it as it would write it
    assert sorted((p.ok, len(p.inserts), p.unchanged) for p in plans) == [
        (True, 0, 1),
        (True, 1, 0),
    ]


def test_a_row_the_database_refuses_is_a_message_and_changes_nothing(city, monkeypatch):
    before = registrations(city)
    plan_import = importer.plan_import

    def plan_then_someone_else_writes(conn, *args, **kwargs):
        plan = plan_import(conn, *args, **kwargs)
        # a writer that is not an import adds the same registration meanwhile
        member = conn.execute(
            select(party_member.c.id).where(party_member.c.member_code == "m08")
        ).scalar_one()
        row = plan.inserts[0][1]
        conn.execute(insert(registration).values({**row, "member_id": member}))
        return plan

    monkeypatch.setattr(importer, "plan_import", plan_then_someone_else_writes)
    plan = import_registrations(city)
    assert not plan.ok
    assert "另一处同时写入了相同的记录" in plan.problems[0].reason
    assert registrations(city) == before  # the import and that row rolled back together
    with city.connect() as conn:
        last = conn.execute(
            select(import_audit.c.outcome, import_audit.c.file_name).order_by(
                import_audit.c.id.desc()
            )
        ).first()
    assert tuple(last) == ("refused", "报到.csv")


def test_the_migration_refuses_duplicate_registrations(unmigrated):
    upgrade_to(unmigrated, "0011")
    with unmigrated.begin() as conn:
        for statement in (
            "INSERT INTO org_unit (id, code, name, level, path)"
            " VALUES (1, 'M1', 'm', 'community', '/1/')",
            "INSERT INTO party_org (id, code, name, org_type, community_id)"
            " VALUES (1, 'P1', 'p', 'unit', 1)",
            "INSERT INTO party_member (id, member_code, party_org_id, in_service,"
            " residence_community_id) VALUES (7, 'm7', 1, true, 1)",
            *(
                "INSERT INTO registration (id, kind, member_id, community_id, registered_on)"
                f" VALUES ({number}, 'member', 7, 1, '2026-03-01')"
                for number in (1, 2)
            ),
        ):
            conn.execute(text(statement))
    with pytest.raises(RuntimeError, match="member_id=7，community_id=1，2 行"):
        upgrade_to(unmigrated, "head")


def test_the_audit_keeps_a_file_name_without_its_hidden_characters(city):
    name = "报到\u202egsm.csv\n"  # would show as "报到vsc.msg"
    importer.import_file(
        city, ENTITIES["registrations"], FILE, name, scope=EVERYTHING, username="tester"
    )
    with city.connect() as conn:
        stored = conn.execute(
            select(import_audit.c.file_name).order_by(import_audit.c.id.desc())
        ).scalar()
    assert stored == "报到gsm.csv"
