"""Importing the org tree, registrations and activity participants on the small city.
Their rows are matched on natural keys (a unit code; member or organisation and
community; activity and member), and the indicators move by what the files add."""

from datetime import date

from sqlalchemy import select

from data_access.imports.entities import ENTITIES
from data_access.imports.importer import apply_import, plan_import
from data_access.indicators.coverage import grid_coverage
from data_access.indicators.reporting import double_reporting
from data_access.schema import org_unit
from tests.data_access.helpers import CITY, D1, Q1_2026, by_code, run, scope
from tests.data_access.test_imports import do_import

END_Q1 = date(2026, 3, 31)
UNITS_HEADER = "单位编码,单位名称,层级,上级单位编码,城乡类型,网格类型,户数,人口"
# a grid in 西园社区 (甲区) and a village in 乙一街道 (乙区)
UNITS_CSV = f"""{UNITS_HEADER}
G6,西园二网格,网格,M2,城市,一般网格,200,600
M4,北岸村,社区/村,S2,农村,,,
"""


def grids(engine) -> dict[str, int]:
    frame = run(engine, grid_coverage, scope=scope(engine, CITY), level="district", as_of=END_Q1)
    return {code: row["grids"] for code, row in by_code(frame).items()}


def tree_of(engine, code: str) -> dict:
    with engine.connect() as conn:
        unit = conn.execute(select(org_unit).where(org_unit.c.code == code)).mappings().one()
        return dict(unit)


def test_new_units_join_the_tree_and_its_counts(city):
    assert grids(city) == {"D1": 3, "D2": 2}
    plan = do_import(city, "org_units", UNITS_CSV.encode("gbk"), "单位.csv")
    assert plan.ok and len(plan.inserts) == 2
    g6, m4 = tree_of(city, "G6"), tree_of(city, "M4")
    assert g6["path"] == f"/1/2/4/7/{g6['id']}/"
    assert (g6["district_id"], g6["street_id"], g6["community_id"]) == (2, 4, 7)
    assert (m4["path"], m4["community_id"], m4["area_kind"]) == (
        f"/1/3/5/{m4['id']}/",
        m4["id"],
        "rural",
    )
    assert grids(city) == {"D1": 4, "D2": 2}
    # a district user's scope reaches the new grid
    assert g6["path"].startswith(scope(city, D1).paths[0])
    again = do_import(city, "org_units", UNITS_CSV.encode("gbk"), "单位.csv")
    assert (len(again.inserts), len(again.updates), again.unchanged) == (0, 0, 2)


def test_a_corrected_parent_moves_the_unit_and_its_subtree(city):
    # 西园社区 moves from 甲一街道 to 乙一街道: its grid G3 goes with it
    moved = f"{UNITS_HEADER}\nM2,西园社区,社区/村,S2,城市,,1800,5400\n"
    plan = do_import(city, "org_units", moved.encode(), "单位.csv")
    assert (len(plan.inserts), len(plan.updates)) == (0, 1)
    assert grids(city) == {"D1": 2, "D2": 3}
    assert tree_of(city, "G3")["path"] == "/1/3/5/7/11/"
    assert tree_of(city, "G3")["district_id"] == 3


def test_bad_units_are_refused(city):
    before = grids(city)
    bad = f"""{UNITS_HEADER}
G7,新网格,网格,S1,城市,一般网格,,
G8,新网格,网格,M1,城市,,,
G1,东园一网格,社区/村,S1,城市,,400,1200
M5,新社区,社区/村,M9,城市,,,
"""
    plan = do_import(city, "org_units", bad.encode(), "单位.csv")
    assert [(p.row, p.column, p.reason) for p in plan.problems] == [
        (2, "上级单位编码", "上级单位 S1 是街道/乡镇；网格的上级应为社区/村"),
        (3, "网格类型", "网格必须填写网格类型，其他层级不填"),
        (4, "层级", "已有记录的此项不能更改"),
        (5, "上级单位编码", "单位编码 M9 不存在"),
    ]
    assert grids(city) == before


def test_a_district_user_cannot_move_a_unit_in_from_outside(city):
    # 南湾村 belongs to 乙区; a 甲区 user may not take it, even into their own street
    content = f"{UNITS_HEADER}\nM3,南湾村,社区/村,S1,农村,,900,2700\n".encode()
    with city.begin() as conn:
        plan = plan_import(conn, ENTITIES["org_units"], content, "u.csv", scope=scope(city, D1))
        apply_import(conn, plan, username="d1user")
    assert [(p.row, p.column, p.reason) for p in plan.problems] == [
        (2, "单位编码", "该记录属于您范围以外的单位，不能修改")
    ]
    assert tree_of(city, "M3")["parent_id"] == 5


REGISTRATIONS_HEADER = "报到类型,党组织编码,党员编号,报到社区编码,报到日期,撤销日期"
# m02 registered on 2026-04-10 in fact on 02-01 (a correction: in Q1 now); m08 is new;
# P3's revocation was entered by mistake
REGISTRATIONS_CSV = f"""{REGISTRATIONS_HEADER}
在职党员,,m02,M1,2026-02-01,
在职党员,,m08,M3,2026年3月1日,
单位党组织,P3,,M2,2025-04-01,
"""


def reporting(engine) -> dict:
    frame = run(
        engine, double_reporting, scope=scope(engine, CITY), level="district", period=Q1_2026
    )
    return {
        code: (row["registered_members"], row["reporting_rate"], row["registered_orgs"])
        for code, row in by_code(frame).items()
    }


def test_registrations_update_by_member_or_organisation_and_community(city):
    # D1: m01 m04 of 4 in service, P2; D2: m05 m07 of 3, P4
    assert reporting(city) == {"D1": (2, 0.5, 1), "D2": (2, 2 / 3, 1)}
    plan = do_import(city, "registrations", REGISTRATIONS_CSV.encode("gbk"), "报到.csv")
    assert (len(plan.inserts), len(plan.updates), plan.unchanged) == (1, 2, 0)
    assert reporting(city) == {"D1": (3, 0.75, 2), "D2": (3, 1.0, 1)}
    again = do_import(city, "registrations", REGISTRATIONS_CSV.encode("gbk"), "报到.csv")
    assert (len(again.inserts), len(again.updates), again.unchanged) == (0, 0, 3)


def test_a_registration_names_either_a_member_or_an_organisation(city):
    bad = f"""{REGISTRATIONS_HEADER}
在职党员,P2,m02,M1,2026-02-01,
单位党组织,,,M1,2026-02-01,
在职党员,,m02,M1,2026-02-01,2026-01-01
"""
    plan = do_import(city, "registrations", bad.encode(), "报到.csv")
    assert [(p.row, p.column, p.reason) for p in plan.problems] == [
        (2, "党员编号", "在职党员报到只填党员编号，另一个留空"),
        (3, "党组织编码", "单位党组织报到只填党组织编码，另一个留空"),
        (4, "撤销日期", "撤销日期早于报到日期"),
    ]
    assert reporting(city)["D1"] == (2, 0.5, 1)


ACTIVITY_CSV = (
    "活动编号,社区编码,网格编码,活动类型,活动日期,时长（小时）\nHD001,M2,G3,志愿服务,2026-03-05,2\n"
)
PARTICIPANTS_HEADER = "活动编号,党员编号,服务时长（小时）"


def service(engine) -> tuple:
    frame = run(
        engine, double_reporting, scope=scope(engine, CITY), level="district", period=Q1_2026
    )
    d1 = by_code(frame)["D1"]
    return d1["service_hours"], d1["active_members"], d1["hours_per_member"]


def test_participants_add_hours_to_registered_members(city):
    assert service(city) == (5.0, 1, 2.5)  # m01: 3 + 2 hours; 2 registered members
    do_import(city, "activities", ACTIVITY_CSV.encode(), "活动.csv")
    # m04 is registered in M2; m03's registration was revoked on 2026-02-01
    content = f"{PARTICIPANTS_HEADER}\nHD001,m04,2\nHD001,m03,2\n"
    plan = do_import(city, "participants", content.encode("gbk"), "参与.csv")
    assert (len(plan.inserts), plan.ok) == (2, True)
    assert service(city) == (7.0, 2, 3.5)
    corrected = content.replace("HD001,m04,2", "HD001,m04,3")
    plan = do_import(city, "participants", corrected.encode("gbk"), "参与.csv")
    assert (len(plan.inserts), len(plan.updates), plan.unchanged) == (0, 1, 1)
    assert service(city) == (8.0, 2, 4.0)


def test_a_participant_of_an_unknown_activity_is_refused(city):
    content = f"{PARTICIPANTS_HEADER}\nHD999,m04,2\nHD999,m04,3\n"
    plan = do_import(city, "participants", content.encode(), "参与.csv")
    assert [(p.row, p.column, p.reason) for p in plan.problems] == [
        (2, "活动编号", "活动编码 HD999 不存在"),
        (3, "活动编号", "与第 2 行重复"),
    ]
    assert service(city) == (5.0, 1, 2.5)


def test_party_organisations_import_and_members_can_join_them(city):
    orgs = "党组织编码,党组织名称,党组织类型,所在社区编码\nP5,某医院党支部,事业单位,M2\n"
    assert do_import(city, "party_orgs", orgs.encode("gbk"), "党组织.csv").ok
    members = "党员编号,所在党组织编码,是否在职,居住社区编码\nDY009,P5,是,M2\n"
    assert len(do_import(city, "members", members.encode(), "党员.csv").inserts) == 1
    # registered as an organisation in its community, it counts for 甲区
    registered = f"{REGISTRATIONS_HEADER}\n单位党组织,P5,,M2,2026-01-10,\n"
    do_import(city, "registrations", registered.encode(), "报到.csv")
    assert reporting(city)["D1"] == (2, 0.4, 2)  # DY009 is in service but not registered
