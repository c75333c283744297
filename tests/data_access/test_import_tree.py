"""Getting a city's own data in with files alone: the root and the whole unit tree in one
file in any row order, grid party organisations and workers, the checks that used to be
silent, and the data's last day following what arrives."""

from datetime import date

from sqlalchemy import select

from data_access import clock
from data_access.dataset import data_end
from data_access.imports.entities import ENTITIES
from data_access.imports.importer import apply_import, plan_import
from data_access.indicators.coverage import community_workforce, grid_coverage
from data_access.schema import org_unit, worker
from data_access.scope import EVERYTHING
from tests.data_access.helpers import CITY, D1, by_code, run, scope
from tests.data_access.test_import_links import UNITS_HEADER, tree_of
from tests.data_access.test_imports import do_import

END_Q1 = date(2026, 3, 31)

# 测试市 with one district, street, two communities and three grids, children before
# their parents and the root in the middle
TREE_CSV = f"""{UNITS_HEADER}
G2,东园二网格,网格,M1,城市,专属网格,300,900
M2,西园社区,社区/村,S1,城市,,1800,5400
G1,东园一网格,网格,M1,城市,一般网格,400,1200
S1,甲一街道,街道/乡镇,D1,城市,,,
C,测试市,市,,,,,
G3,西园一网格,网格,M2,城市,一般网格,500,1500
M1,东园社区,社区/村,S1,城市,,2600,7800
D1,甲区,区县,C,,,,
"""


def problems(plan) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.reason) for p in plan.problems]


def warnings(plan) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.reason) for p in plan.warnings]


def import_as(engine, entity: str, content: str, *, unit_ids: tuple[int, ...]):
    with engine.begin() as conn:
        plan = plan_import(
            conn, ENTITIES[entity], content.encode(), "f.csv", scope=scope(engine, *unit_ids)
        )
        apply_import(conn, plan, username="steward")
    return plan


def test_a_whole_tree_in_one_file_in_any_order(empty_engine):
    plan = do_import(empty_engine, "org_units", TREE_CSV.encode(), "单位.csv")
    assert plan.ok and len(plan.inserts) == 8
    city, g3 = tree_of(empty_engine, "C"), tree_of(empty_engine, "G3")
    d1, s1, m2 = (tree_of(empty_engine, code)["id"] for code in ("D1", "S1", "M2"))
    assert (city["parent_id"], city["path"], city["city_id"]) == (
        None,
        f"/{city['id']}/",
        city["id"],
    )
    assert g3["path"] == f"/{city['id']}/{d1}/{s1}/{m2}/{g3['id']}/"
    assert (g3["city_id"], g3["district_id"], g3["street_id"], g3["community_id"]) == (
        city["id"],
        d1,
        s1,
        m2,
    )
    frame = run(
        empty_engine,
        grid_coverage,
        scope=scope(empty_engine, city["id"]),
        level="community",
        as_of=END_Q1,
    )
    assert {code: row["grids"] for code, row in by_code(frame).items()} == {"M1": 2, "M2": 1}
    again = do_import(empty_engine, "org_units", TREE_CSV.encode(), "单位.csv")
    assert (len(again.inserts), len(again.updates), again.unchanged) == (0, 0, 8)


def test_a_province_with_its_cities(empty_engine):
    content = f"{UNITS_HEADER}\nC2,乙市,市,P,,,,\nP,某省,省,,,,,\nC1,甲市,市,P,,,,\n"
    assert do_import(empty_engine, "org_units", content.encode(), "单位.csv").ok
    province = tree_of(empty_engine, "P")["id"]
    assert (
        tree_of(empty_engine, "C2")["path"] == f"/{province}/{tree_of(empty_engine, 'C2')['id']}/"
    )


def test_parents_that_are_missing_or_circular_are_row_errors(empty_engine):
    content = f"""{UNITS_HEADER}
C,测试市,市,,,,,
M1,东园社区,社区/村,S9,城市,,2600,
S1,甲一街道,街道/乡镇,D1,城市,,,
D1,甲区,区县,S1,,,,
D2,乙区,区县,,,,,
P,某省,省,C,,,,
"""
    plan = do_import(empty_engine, "org_units", content.encode(), "单位.csv")
    assert problems(plan) == [
        (3, "上级单位编码", "单位编码 S9 不存在"),
        (4, "上级单位编码", "上级单位 D1 与本文件中的单位互为上级，无法确定层级关系"),
        (5, "上级单位编码", "上级单位 S1 与本文件中的单位互为上级，无法确定层级关系"),
        (6, "上级单位编码", "区县必须填写上级单位编码（只有省、市可作顶层单位）"),
        (7, "上级单位编码", "省是最高层级，不填上级单位编码"),
    ]
    assert tree_of_all(empty_engine) == []


def tree_of_all(engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(org_unit.c.code).order_by(org_unit.c.code)).scalars())


def test_a_district_user_adds_a_subtree_only_under_its_own_units(city):
    content = f"""{UNITS_HEADER}
M9,新社区,社区/村,S9,城市,,1000,
S9,甲二街道,街道/乡镇,D1,城市,,,
S8,乙二街道,街道/乡镇,D2,农村,,,
M8,新村,社区/村,S8,农村,,,
C2,另一市,市,,,,,
"""
    plan = import_as(city, "org_units", content, unit_ids=(D1,))
    assert problems(plan) == [
        (4, "上级单位编码", "单位 D2 不在您的范围内"),
        (5, "上级单位编码", "单位 S8 不在您的范围内"),
        (6, "上级单位编码", "只有管理员可以新增顶层单位"),
    ]
    # the same file without the rows outside 甲区 goes in, the new street first
    inside = "\n".join(content.splitlines()[:3]) + "\n"
    assert import_as(city, "org_units", inside, unit_ids=(D1,)).ok
    assert tree_of(city, "M9")["district_id"] == D1


def test_a_community_needs_its_area_kind_and_the_quota_its_households(city):
    content = f"""{UNITS_HEADER}
M9,新社区,社区/村,S1,,,1000,
M8,新城社区,社区/村,S1,城市,,,
M7,新村,社区/村,S2,农村,,,
"""
    plan = do_import(city, "org_units", content.encode(), "单位.csv")
    assert problems(plan) == [(2, "城乡类型", "社区/村必须填写城乡类型（员额测算只计城市社区）")]
    valid = content.replace("M9,新社区,社区/村,S1,,,1000,\n", "")
    plan = do_import(city, "org_units", valid.encode(), "单位.csv")
    assert plan.ok and warnings(plan) == [(2, "户数", "城市社区未填户数，员额测算不计入该社区")]


GRID_ORGS_HEADER = "组织编码,网格编码,组织类型,成立日期,是否启用"
WORKERS_HEADER = "人员编号,岗位,所在单位编码,到岗日期,离岗日期"


def coverage(engine, as_of=END_Q1) -> dict[str, tuple[int, int]]:
    frame = run(engine, grid_coverage, scope=scope(engine, CITY), level="district", as_of=as_of)
    return {c: (r["grids_with_org"], r["grids_with_worker"]) for c, r in by_code(frame).items()}


def test_grid_party_organisations_import_and_count_from_their_set_up_day(city):
    # at 03-31: G1 and G2 covered in 甲区 (G3 has only a member household), G5 in 乙区
    assert coverage(city) == {"D1": (2, 2), "D2": (1, 1)}
    content = f"""{GRID_ORGS_HEADER}
WG1,G3,网格党支部,2026-03-31,是
WG2,G4,楼栋党小组,2026-04-01,是
WG3,G4,党员中心户,2026-01-01,是
"""
    plan = do_import(city, "grid_party_orgs", content.encode(), "网格党组织.csv")
    assert plan.ok and len(plan.inserts) == 3
    # G3's branch counts from its set-up day on; G4's group is a day late; a member
    # household never covers a grid
    assert coverage(city) == {"D1": (3, 2), "D2": (1, 1)}
    assert coverage(city, date(2026, 3, 30)) == {"D1": (2, 2), "D2": (1, 1)}
    assert coverage(city, date(2026, 4, 1)) == {"D1": (3, 2), "D2": (2, 1)}
    stopped = content.replace("2026-03-31,是", "2026-03-31,否")
    plan = do_import(city, "grid_party_orgs", stopped.encode(), "网格党组织.csv")
    assert (len(plan.updates), plan.unchanged) == (1, 2)
    assert coverage(city) == {"D1": (2, 2), "D2": (1, 1)}


def test_grid_party_organisations_name_a_grid_in_scope(city):
    content = (
        f"{GRID_ORGS_HEADER}\nWG1,M1,网格党支部,2026-03-01,是\nWG2,G4,网格党支部,2026-03-01,是\n"
    )
    plan = import_as(city, "grid_party_orgs", content, unit_ids=(D1,))
    assert problems(plan) == [
        (2, "网格编码", "单位 M1 不是网格"),
        (3, "网格编码", "单位 G4 不在您的范围内"),
    ]


def workforce(engine) -> dict[str, int]:
    frame = run(engine, community_workforce, scope=scope(engine, CITY), as_of=END_Q1)
    return dict(zip(frame["unit_code"], frame["workers"], strict=True))


def test_workers_import_match_on_code_and_role(city):
    assert workforce(city) == {"M1": 6, "M2": 5}
    content = f"""{WORKERS_HEADER}
W9,网格员,G2,2026-03-31,
CW20,专职社区工作者,M1,2026-03-01,
W9,专职社区工作者,M2,2026-01-01,2026-03-30
"""
    plan = do_import(city, "workers", content.encode(), "人员.csv")
    assert plan.ok and len(plan.inserts) == 3
    # W9 staffs G2 from 03-31; as a community worker in M2 W9 left on 03-30
    assert coverage(city)["D1"] == (2, 3)
    assert workforce(city) == {"M1": 7, "M2": 5}
    # a worker who leaves on the read day is no longer in post that day
    left = content.replace("G2,2026-03-31,", "G2,2026-03-31,2026-03-31")
    plan = do_import(city, "workers", left.encode(), "人员.csv")
    assert (len(plan.inserts), len(plan.updates), plan.unchanged) == (0, 1, 2)
    assert coverage(city)["D1"] == (2, 2)
    with city.connect() as conn:
        stored = conn.execute(select(worker.c.ended_on).where(worker.c.worker_code == "W9"))
        assert sorted(stored.scalars()) == [date(2026, 3, 30), date(2026, 3, 31)]


def test_a_worker_sits_in_the_unit_of_its_role(city):
    content = f"""{WORKERS_HEADER}
W9,网格员,M1,2026-03-01,
CW20,专职社区工作者,G1,2026-03-01,
W8,网格员,G1,2026-03-01,2026-02-01
"""
    plan = do_import(city, "workers", content.encode(), "人员.csv")
    assert problems(plan) == [
        (2, "所在单位编码", "网格员的所在单位应为网格，M1 是社区/村"),
        (3, "所在单位编码", "专职社区工作者的所在单位应为社区/村，G1 是网格"),
        (4, "离岗日期", "离岗日期早于到岗日期"),
    ]
    assert coverage(city)["D1"] == (2, 2)


LIST_HEADER = (
    "事项编号,社区编码,清单类型,事项名称,发布党组织编码,发布日期,截止日期,"
    "认领党组织编码,认领党员编号,认领日期,完成日期"
)


def test_a_claim_needs_both_a_claimant_and_a_date(city):
    content = f"""{LIST_HEADER}
QD1,M1,需求清单,代购药品,P1,2026-03-01,,,,2026-03-02,
QD2,M1,需求清单,代购药品,P1,2026-03-01,,P2,,,
QD3,M1,需求清单,代购药品,P1,2026-03-05,,P2,,2026-03-04,
QD4,M1,需求清单,代购药品,P1,2026-03-01,,P2,,2026-03-05,2026-03-04
"""
    plan = do_import(city, "list_items", content.encode(), "清单.csv")
    assert problems(plan) == [
        (2, "认领党组织编码", "已填认领日期，但没有认领党组织或认领党员"),
        (3, "认领日期", "已填认领方，但没有认领日期"),
        (4, "认领日期", "认领日期早于发布日期"),
        (5, "完成日期", "完成日期早于认领日期"),
    ]


REGISTRATIONS_HEADER = "报到类型,党组织编码,党员编号,报到社区编码,报到日期,撤销日期"


def test_a_member_registering_away_from_home_is_a_warning(city):
    # m02 lives in M1; m05 lives in M3 and registers there
    content = (
        f"{REGISTRATIONS_HEADER}\n在职党员,,m02,M2,2026-02-01,\n在职党员,,m05,M3,2026-02-01,\n"
    )
    plan = do_import(city, "registrations", content.encode(), "报到.csv")
    assert plan.ok
    assert warnings(plan) == [
        (2, "报到社区编码", "党员 m02 的居住社区不是报到社区，报到率按居住社区计")
    ]


def test_a_member_code_arriving_with_another_home_is_a_warning(city):
    # m02 lives in M1 (甲区); a 乙区 file numbering its own members alike names it in M3
    content = "党员编号,所在党组织编码,是否在职,居住社区编码\nm02,P3,是,M3\nm01,P1,是,M1\n"
    with city.connect() as conn:
        plan = plan_import(conn, ENTITIES["members"], content.encode(), "m.csv", scope=EVERYTHING)
    assert plan.ok and warnings(plan) == [
        (
            2,
            "党员编号",
            "党员编号 m02 已存在且居住社区不同，本行将改写该党员的居住社区；"
            "如是另一名党员，请改用新编号",
        )
    ]


PROBLEMS_HEADER = "问题编号,社区编码,网格编码,问题来源,发现日期,解决日期"


def test_the_data_runs_up_to_the_latest_day_that_arrived(empty_engine):
    assert do_import(empty_engine, "org_units", TREE_CSV.encode(), "单位.csv").ok
    with empty_engine.connect() as conn:
        assert data_end(conn) == clock.today()  # nothing happened yet
    content = f"{PROBLEMS_HEADER}\nWT1,M1,G1,热线,2025-06-10,2025-07-02\nWT2,M2,,热线,2025-05-01,\n"
    do_import(empty_engine, "problems", content.encode(), "问题.csv")
    with empty_engine.connect() as conn:
        assert data_end(conn) == date(2025, 7, 2)
    earlier = f"{PROBLEMS_HEADER}\nWT3,M1,,热线,2025-01-10,\n"
    do_import(empty_engine, "problems", earlier.encode(), "问题.csv")
    with empty_engine.connect() as conn:
        assert data_end(conn) == date(2025, 7, 2)  # never moves back
    # a deadline is not something that happened
    items = f"{LIST_HEADER}\nQD1,M1,需求清单,代购药品,,2025-07-01,2025-08-31,,,,\n"
    do_import(empty_engine, "list_items", items.encode(), "清单.csv")
    with empty_engine.connect() as conn:
        assert data_end(conn) == date(2025, 7, 2)


def test_an_import_dry_run_leaves_the_data_end(city):
    content = f"{PROBLEMS_HEADER}\nWT1,M1,G1,热线,2026-06-10,\n"
    with city.connect() as conn:
        plan = plan_import(conn, ENTITIES["problems"], content.encode(), "p.csv", scope=EVERYTHING)
        assert plan.ok and data_end(conn) == date(2026, 4, 30)
