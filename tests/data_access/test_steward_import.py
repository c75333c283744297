"""A district data steward imports inside its district only; every applied import
records the streets (or districts) and months its rows cover."""

from sqlalchemy import func, select

from data_access.imports.entities import ENTITIES
from data_access.imports.importer import apply_import, plan_import
from data_access.schema import import_audit, import_audit_unit, resident_problem
from tests.data_access.helpers import D1, scope
from tests.data_access.test_import_links import ACTIVITY_CSV, PARTICIPANTS_HEADER, UNITS_CSV
from tests.data_access.test_imports import HEADER, do_import

# rows 2 and 4 lie in 甲区 (M1, M2); rows 3 and 5 in 乙区 (M3)
MIXED = f"""{HEADER}
WT101,M1,G1,热线,2026-02-10,
WT102,M3,G4,热线,2026-02-11,
WT103,M2,,会议,2026-03-01,
WT104,M3,,会议,2026-03-02,
"""
OWN = f"""{HEADER}
WT101,M1,G1,热线,2026-02-10,
WT103,M2,,会议,2026-03-01,
WT105,M1,,会议,2026-03-31,
"""


def steward_import(engine, content: str, entity: str = "problems"):
    d1 = scope(engine, D1)
    with engine.begin() as conn:
        plan = plan_import(conn, ENTITIES[entity], content.encode(), "报送.csv", scope=d1)
        apply_import(conn, plan, username="d1steward")
    return plan


def audits(engine) -> list[tuple]:
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                select(
                    import_audit.c.username,
                    import_audit.c.outcome,
                    import_audit.c.inserted,
                    import_audit.c.rejected,
                ).order_by(import_audit.c.id)
            )
        ]


def covered(engine) -> list[tuple]:
    with engine.connect() as conn:
        query = select(
            import_audit_unit.c.audit_id,
            import_audit_unit.c.unit_id,
            import_audit_unit.c.month,
            import_audit_unit.c.rows,
        ).order_by(import_audit_unit.c.audit_id, import_audit_unit.c.unit_id, "month")
        return [tuple(r) for r in conn.execute(query)]


def problem_count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(resident_problem)).scalar()


def test_rows_of_another_district_are_refused_row_by_row_and_nothing_is_written(city):
    before = problem_count(city)
    plan = steward_import(city, MIXED)
    assert not plan.ok
    assert [(p.row, p.column, p.reason) for p in plan.problems] == [
        (3, "社区编码", "单位 M3 不在您的范围内"),
        (3, "网格编码", "单位 G4 不在您的范围内"),
        (5, "社区编码", "单位 M3 不在您的范围内"),
    ]
    assert problem_count(city) == before
    assert audits(city) == [("d1steward", "refused", 0, 2)]
    assert covered(city) == []


def test_a_stewards_own_rows_are_written_and_covered_by_street_and_month(city):
    before = problem_count(city)
    plan = steward_import(city, OWN)
    assert plan.ok and len(plan.inserts) == 3
    assert problem_count(city) == before + 3
    assert audits(city) == [("d1steward", "applied", 3, 0)]
    # all three lie in 甲一街道 (S1 = 4): one raised in February, two in March
    assert covered(city) == [(1, 4, "2026-02", 1), (1, 4, "2026-03", 2)]
    # the same file again writes nothing, so covers nothing
    steward_import(city, OWN)
    assert covered(city) == [(1, 4, "2026-02", 1), (1, 4, "2026-03", 2)]


def test_a_stored_row_of_another_district_cannot_be_changed(city):
    do_import(city, "problems", f"{HEADER}\nWT200,M3,,热线,2026-02-01,\n".encode(), "p.csv")
    plan = steward_import(city, f"{HEADER}\nWT200,M1,,热线,2026-02-01,\n")
    assert [(p.row, p.reason) for p in plan.problems] == [
        (2, "该记录属于您范围以外的单位，不能修改")
    ]


def test_participants_count_for_their_activitys_street_and_month(city):
    do_import(city, "activities", ACTIVITY_CSV.encode(), "活动.csv")  # HD001 in M2, 2026-03-05
    do_import(city, "participants", f"{PARTICIPANTS_HEADER}\nHD001,m04,2\n".encode(), "参与.csv")
    assert covered(city) == [(1, 4, "2026-03", 1), (2, 4, "2026-03", 1)]


def test_units_without_a_date_count_for_their_parents_street_in_the_import_month(city):
    do_import(city, "org_units", UNITS_CSV.encode("gbk"), "单位.csv")
    with city.connect() as conn:
        at = conn.execute(select(import_audit.c.at)).scalar_one()
    month = f"{at:%Y-%m}"
    # G6 under M2 (甲一街道, 4), M4 under 乙一街道 (5)
    assert covered(city) == [(1, 4, month, 1), (1, 5, month, 1)]
