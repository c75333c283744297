"""A small, hand-checkable city. Every expected value in the data-layer tests
is worked out from the rows below; the comments give the reasoning.

    测试市 C (1)
    ├── 甲区 D1 (2) ── 甲一街道 S1 (4) ─┬─ 东园社区 M1 (6, 2600 hh): grids G1 (9), G2 (10)
    │                                   └─ 西园社区 M2 (7, 1800 hh): grid G3 (11)
    └── 乙区 D2 (3) ── 乙一街道 S2 (5) ─── 南湾村 M3 (8, rural, 900 hh): grids G4 (12), G5 (13)

The test period is Q1 2026 (2026-01-01 .. 2026-03-31), read at 2026-03-31.
"""

from datetime import date

from sqlalchemy import Connection, insert

from data_access import schema
from data_access.bulk import advance_id_sequence
from data_access.org_tree import unit_rows_with_tree

d = date


def unit(id, code, name, level, parent_id, area_kind=None, grid_kind=None, households=None):
    return {
        "id": id,
        "code": code,
        "name": name,
        "level": level,
        "parent_id": parent_id,
        "area_kind": area_kind,
        "grid_kind": grid_kind,
        "households": households,
        "population": None if households is None else households * 3,
    }


UNITS = [
    unit(1, "C", "测试市", "city", None),
    unit(2, "D1", "甲区", "district", 1),
    unit(3, "D2", "乙区", "district", 1),
    unit(4, "S1", "甲一街道", "street", 2, "urban"),
    unit(5, "S2", "乙一街道", "street", 3, "rural"),
    unit(6, "M1", "东园社区", "community", 4, "urban", households=2600),
    unit(7, "M2", "西园社区", "community", 4, "urban", households=1800),
    unit(8, "M3", "南湾村", "community", 5, "rural", households=900),
    unit(9, "G1", "东园一网格", "grid", 6, "urban", "general", 400),
    unit(10, "G2", "东园医院网格", "grid", 6, "urban", "dedicated", 300),
    unit(11, "G3", "西园一网格", "grid", 7, "urban", "general", 500),
    unit(12, "G4", "南湾一网格", "grid", 8, "rural", "general", 300),
    unit(13, "G5", "南湾二网格", "grid", 8, "rural", "general", 350),
]

# Covered at 2026-03-31: G1, G2 (set up 02-10), G5. G3 has only a member
# household, G4's branch is inactive. At 2026-01-31 only G1 and G5.
GRID_PARTY_ORGS = [
    (9, "branch", d(2025, 6, 1), True),
    (10, "building_group", d(2026, 2, 10), True),
    (11, "member_household", d(2025, 1, 1), True),
    (12, "branch", d(2025, 1, 1), False),
    (13, "branch", d(2025, 3, 1), True),
]

# Grid workers in post at 2026-03-31: W1 (G1), W3 (G3), W4 and W5 (G4); W2 left.
GRID_WORKERS = [
    ("W1", 9, d(2025, 1, 1), None),
    ("W2", 9, d(2025, 1, 1), d(2026, 2, 1)),
    ("W3", 11, d(2026, 1, 15), None),
    ("W4", 12, d(2025, 5, 1), None),
    ("W5", 12, d(2025, 5, 1), None),
]

# Community workers: M1 has 6 (quota 7 for 2600 households), M2 has 5 (quota
# 5), plus one who left M2 on 2025-12-31. M3 is rural: no quota.
COMMUNITY_WORKERS = [(f"CW{i}", 6, d(2024, 1, 1), None) for i in range(1, 7)] + [
    *((f"CW{i}", 7, d(2024, 1, 1), None) for i in range(7, 12)),
    ("CW12", 7, d(2024, 1, 1), d(2025, 12, 31)),
]

PARTY_ORGS = [
    (1, "P1", "东园社区党委", "community", 6),
    (2, "P2", "某局机关党支部", "organ", 6),
    (3, "P3", "某企业党支部", "enterprise", 7),
    (4, "P4", "南湾村党支部", "village", 8),
]

# (id, code, org, in service, residence community, residence grid)
# In service by residence: M1 m01 m02; M2 m03 m04; M3 m05 m07 m08. m06 is retired.
MEMBERS = [
    (1, "m01", 2, True, 6, 9),
    (2, "m02", 2, True, 6, 10),
    (3, "m03", 2, True, 7, 11),
    (4, "m04", 3, True, 7, 11),
    (5, "m05", 3, True, 8, 12),
    (6, "m06", 1, False, 6, 9),
    (7, "m07", 4, True, 8, 13),
    (8, "m08", 3, True, 8, 13),
]

# Registered at 2026-03-31: m01 (M1), m04 (M2), m05 and m07 (M3).
# m02 registers after the period, m03 was revoked, m06 is not in service.
MEMBER_REGISTRATIONS = [
    (1, 6, d(2025, 3, 1), None),
    (2, 6, d(2026, 4, 10), None),
    (3, 7, d(2025, 5, 1), d(2026, 2, 1)),
    (4, 7, d(2025, 6, 1), None),
    (5, 8, d(2025, 7, 1), None),
    (6, 6, d(2025, 1, 1), None),
    (7, 8, d(2026, 3, 31), None),
]

# Organisations registered at 2026-03-31: P2 (M1) and P4 (M3); P3 was revoked.
ORG_REGISTRATIONS = [
    (2, 6, d(2025, 4, 1), None),
    (3, 7, d(2025, 4, 1), d(2026, 3, 1)),
    (4, 8, d(2025, 4, 1), None),
]

# (id, community, grid, organiser, held on, kind, hours)
ACTIVITIES = [
    (1, 6, 9, 2, d(2026, 1, 10), "volunteer", 3.0),
    (2, 6, 10, 2, d(2026, 3, 20), "patrol", 2.0),
    (3, 7, 11, 3, d(2025, 12, 20), "visit", 2.0),  # before the 90-day window
    (4, 8, 12, 4, d(2026, 2, 15), "culture", 4.0),
    (5, 8, 13, 4, d(2026, 4, 2), "volunteer", 2.0),  # after the period
]

# Active (registered, served in 2026-01-01 .. 03-31): m01, m05, m07; m04 is not.
# Q1 hours of registered in-service members: D1 m01 3+2 = 5; D2 m05 4 + m07 4 = 8.
PARTICIPANTS = [
    (1, 1, 3.0),
    (1, 6, 3.0),
    (1, 2, 3.0),
    (2, 1, 2.0),
    (3, 4, 2.0),
    (4, 5, 4.0),
    (4, 7, 4.0),
    (5, 8, 2.0),
]

# (community, type, published, due, claimed, completed)
# Q1 D1: published L1 L2 L3, claimed L1 L2, completed L1; overdue L2 and L5.
# Q1 D2: published L6 L7, claimed L6, completed none; overdue L6.
LIST_ITEMS = [
    (6, "need", d(2026, 1, 5), d(2026, 2, 1), d(2026, 1, 6), d(2026, 1, 20)),
    (6, "resource", d(2026, 2, 1), d(2026, 3, 1), d(2026, 2, 3), None),
    (6, "service", d(2026, 3, 15), d(2026, 5, 1), None, None),
    (7, "need", d(2025, 11, 1), d(2026, 1, 1), d(2025, 11, 2), d(2026, 2, 1)),
    (7, "need", d(2025, 10, 1), d(2025, 12, 1), d(2025, 10, 5), None),
    (8, "need", d(2026, 2, 10), d(2026, 3, 10), d(2026, 2, 12), d(2026, 4, 5)),
    (8, "service", d(2026, 3, 30), None, d(2026, 4, 1), None),
]

# (community, source, raised, resolved)
# Q1 D1: raised 4, resolved 2 (10 and 4 days: median 7). D2: raised 1, resolved 1 (3 days).
PROBLEMS = [
    (6, "hotline", d(2026, 1, 2), d(2026, 1, 12)),
    (6, "meeting", d(2026, 2, 1), d(2026, 2, 5)),
    (6, "grid_visit", d(2026, 3, 1), None),
    (7, "hotline", d(2026, 3, 10), d(2026, 4, 2)),
    (8, "meeting", d(2026, 1, 15), d(2026, 1, 18)),
    (8, "hotline", d(2025, 12, 30), d(2026, 1, 5)),
]

# (unit, type, held on, attendance, issues raised, issues resolved)
# Q1 status: S1 green, S2 red (nothing held), M1 green, M2 amber (6 of 9
# counted), M3 red (1 of 9), G1 green, G2 red (1 of 3), G5 amber (2 of 3).
MEETINGS = [
    (4, "street_joint", d(2026, 2, 20), 12, 5, 3),
    (6, "community_joint", d(2026, 1, 15), 15, 4, 2),
    *((6, "branch_committee", d(2026, m, 5), 7, 0, 0) for m in (1, 2, 3)),
    (6, "general_assembly", d(2026, 3, 25), 30, 1, 1),
    (6, "party_lecture", d(2026, 2, 25), 28, 0, 0),
    *((6, "themed_day", d(2026, m, 10), 25, 0, 0) for m in (1, 2, 3)),
    (7, "branch_committee", d(2026, 1, 6), 6, 0, 0),
    (7, "branch_committee", d(2026, 2, 6), 6, 0, 0),
    *((7, "themed_day", d(2026, m, 11), 20, 0, 0) for m in (1, 2, 3)),
    (7, "community_joint", d(2026, 3, 15), 14, 2, 2),
    (8, "themed_day", d(2026, 1, 12), 18, 0, 0),
    (8, "branch_committee", d(2025, 12, 20), 5, 0, 0),
    *((9, "party_group", d(2026, m, 8), 6, 0, 0) for m in (1, 2, 3)),
    (10, "party_group", d(2026, 3, 9), 5, 0, 0),
    (11, "party_group", d(2026, 1, 20), 4, 0, 0),  # G3 is not expected to meet
    (13, "party_group", d(2026, 1, 9), 5, 1, 0),
    (13, "party_group", d(2026, 2, 9), 5, 0, 0),
]


def rows(columns: str, values) -> list[dict]:
    names = columns.split()
    return [dict(zip(names, v, strict=True)) for v in values]


def load(conn: Connection) -> None:
    """Insert the small city into an empty, migrated database."""
    s = schema
    conn.execute(
        insert(s.dataset_info),
        [{"key": "sample", "value": "1"}, {"key": "data_end", "value": "2026-04-30"}],
    )
    conn.execute(insert(s.org_unit), unit_rows_with_tree(UNITS))
    conn.execute(insert(s.grid_party_org), rows("grid_id kind set_up_on active", GRID_PARTY_ORGS))
    workers = [("grid", *w) for w in GRID_WORKERS] + [("community", *w) for w in COMMUNITY_WORKERS]
    conn.execute(insert(s.worker), rows("role worker_code unit_id started_on ended_on", workers))
    conn.execute(insert(s.party_org), rows("id code name org_type community_id", PARTY_ORGS))
    conn.execute(
        insert(s.party_member),
        rows(
            "id member_code party_org_id in_service residence_community_id residence_grid_id",
            MEMBERS,
        ),
    )
    conn.execute(
        insert(s.registration),
        [
            {"kind": "member", "party_org_id": None, **r}
            for r in rows("member_id community_id registered_on revoked_on", MEMBER_REGISTRATIONS)
        ]
        + [
            {"kind": "org", "member_id": None, **r}
            for r in rows("party_org_id community_id registered_on revoked_on", ORG_REGISTRATIONS)
        ],
    )
    conn.execute(
        insert(s.service_activity),
        rows("id community_id grid_id organiser_org_id held_on kind hours", ACTIVITIES),
    )
    conn.execute(insert(s.activity_participant), rows("activity_id member_id hours", PARTICIPANTS))
    conn.execute(
        insert(s.list_item),
        [
            {"title": f"清单事项{i}", **r}
            for i, r in enumerate(
                rows(
                    "community_id list_type published_on due_on claimed_on completed_on", LIST_ITEMS
                )
            )
        ],
    )
    conn.execute(
        insert(s.resident_problem), rows("community_id source raised_on resolved_on", PROBLEMS)
    )
    conn.execute(
        insert(s.meeting),
        rows("unit_id meeting_type held_on attendance issues_raised issues_resolved", MEETINGS),
    )
    for table in (s.org_unit, s.party_org, s.party_member, s.service_activity):  # explicit ids
        advance_id_sequence(conn, table)
