"""A city gets its data in with files alone: an empty, migrated database loaded through
the import command line from the rows of tests/small_city.py written out as CSV files
with the template headers, the whole unit tree in one shuffled file. The views then show
the same hand-computed numbers as on the fixture loaded directly, in the default period."""

import csv
import os
import random
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, make_url, select, text

from data_access.imports.__main__ import main as import_main
from data_access.imports.entities import ENTITIES
from data_access.indicators import work
from data_access.period import Period
from data_access.schema import duty_record, import_audit, org_unit
from data_access.scope import EVERYTHING
from data_access.vocabulary import (
    ACTIVITY_KINDS,
    AREA_KINDS,
    GRID_KINDS,
    GRID_ORG_KINDS,
    LIST_TYPES,
    MEETING_TYPES,
    PARTY_ORG_TYPES,
    PROBLEM_SOURCES,
    RAISED_AT,
    TASK_KINDS,
    TASK_SOURCES,
    UNIT_LEVELS,
)
from tests import small_city, work_city
from tests.pages.helpers import deltas, metrics, open_page, table
from tests.pages.test_overview import CITY_ATTENTION, CITY_DELTAS, CITY_HEADLINE
from tests.pages.test_views import (  # noqa: F401  (run again here, on the loaded city)
    REPORTING_HEADLINE,
    test_comparison_ranks_districts_and_their_change,
    test_grid_coverage,
    test_meetings,
)

UNIT_CODE = {u["id"]: u["code"] for u in small_city.UNITS}
ORG_CODE = {o[0]: o[1] for o in small_city.PARTY_ORGS}
MEMBER_CODE = {m[0]: m[1] for m in small_city.MEMBERS}
# each community's own party organisation claims its list items: a claim names a claimant
COMMUNITY_ORG = {6: "P1", 7: "P3", 8: "P4"}
Q1 = Period(date(2026, 1, 1), date(2026, 3, 1))


def _day(value) -> str:
    return "" if value is None else value.isoformat()


def _unit_rows() -> list[list]:
    rows = [
        [
            u["code"],
            u["name"],
            UNIT_LEVELS[u["level"]],
            UNIT_CODE.get(u["parent_id"], ""),
            AREA_KINDS.get(u["area_kind"], ""),
            GRID_KINDS.get(u["grid_kind"], ""),
            u["households"] or "",
            u["population"] or "",
        ]
        for u in small_city.UNITS
    ]
    random.Random(7).shuffle(rows)  # children before parents, the root anywhere
    assert [r[0] for r in rows] != [u["code"] for u in small_city.UNITS]
    return rows


def _files() -> dict[str, list[list]]:
    """The fixture's rows per entity, as a city's spreadsheets would hold them."""
    c = small_city
    grid_workers = [("网格员", *w) for w in c.GRID_WORKERS]
    community_workers = [("专职社区工作者", *w) for w in c.COMMUNITY_WORKERS]
    return {
        "org_units": _unit_rows(),
        "party_orgs": [
            [code, name, PARTY_ORG_TYPES[kind], UNIT_CODE[m]]
            for _, code, name, kind, m in c.PARTY_ORGS
        ],
        "members": [
            [code, ORG_CODE[org], "是" if serving else "否", UNIT_CODE[m], UNIT_CODE[g]]
            for _, code, org, serving, m, g in c.MEMBERS
        ],
        "grid_party_orgs": [
            [f"WG{i}", UNIT_CODE[g], GRID_ORG_KINDS[kind], _day(on), "是" if active else "否"]
            for i, (g, kind, on, active) in enumerate(c.GRID_PARTY_ORGS, 1)
        ],
        "workers": [
            [code, role, UNIT_CODE[unit], _day(start), _day(end)]
            for role, code, unit, start, end in grid_workers + community_workers
        ],
        "registrations": [
            ["在职党员", "", MEMBER_CODE[who], UNIT_CODE[m], _day(on), _day(off)]
            for who, m, on, off in c.MEMBER_REGISTRATIONS
        ]
        + [
            ["单位党组织", ORG_CODE[org], "", UNIT_CODE[m], _day(on), _day(off)]
            for org, m, on, off in c.ORG_REGISTRATIONS
        ],
        "list_items": [
            [
                f"QD{i}",
                UNIT_CODE[m],
                LIST_TYPES[kind],
                f"清单事项{i}",
                "",
                _day(published),
                _day(due),
                COMMUNITY_ORG[m] if claimed else "",
                "",
                _day(claimed),
                _day(completed),
            ]
            for i, (m, kind, published, due, claimed, completed) in enumerate(c.LIST_ITEMS, 1)
        ],
        "activities": [
            [f"HD{i}", UNIT_CODE[m], UNIT_CODE[g], ACTIVITY_KINDS[kind], _day(on), hours]
            for i, m, g, _, on, kind, hours in c.ACTIVITIES
        ],
        "participants": [
            [f"HD{activity}", MEMBER_CODE[who], hours] for activity, who, hours in c.PARTICIPANTS
        ],
        "problems": [
            [f"WT{i}", UNIT_CODE[m], "", PROBLEM_SOURCES[source], _day(raised), _day(resolved)]
            for i, (m, source, raised, resolved) in enumerate(c.PROBLEMS, 1)
        ],
        "meetings": [
            [f"HY{i}", UNIT_CODE[unit], MEETING_TYPES[kind], _day(on), people, raised, solved]
            for i, (unit, kind, on, people, raised, solved) in enumerate(c.MEETINGS, 1)
        ],
        **_work_files(),
    }


def _work_files() -> dict[str, list[list]]:
    """tests/work_city.py's tasks, nodes, supervision items and duty records, as files
    would hold them; a correction names the record it corrects by its day and action."""
    w = work_city
    task_code = {task[0]: task[1] for task in w.TASKS}
    # a duty record by its place in the list: its day and action
    named = {i: [_day(r[1]), r[2]] for i, r in enumerate(w.DUTY_RECORDS)}
    return {
        "tasks": [
            [code, title, TASK_KINDS[kind], stars, points, TASK_SOURCES["county"]]
            + [w.LEADER_ROLE, UNIT_CODE[lead], _day(published), _day(due), remind]
            + ["是" if public else "否"]
            for _, code, title, kind, stars, points, lead, remind, published, due, public in w.TASKS
        ],
        "nodes": [
            [task_code[task], month, UNIT_CODE[unit], f"节点{id_}", "", UNIT_CODE[unit]]
            + [w.OWNER_ROLE, _day(due), "", _day(done), "", ""]
            for id_, task, month, unit, due, done in w.NODES
        ],
        "supervision": [
            [code, RAISED_AT["observation"], _day(raised), f"问题{code}", UNIT_CODE[unit], ""]
            + [_day(due), _day(rectified), _day(checked), {True: "是", False: "否"}.get(passed, "")]
            for code, unit, raised, due, rectified, checked, passed in w.ITEMS
        ],
        "duty_records": [
            [
                UNIT_CODE[unit],
                _day(day),
                action,
                by,
                "",
                "",
                "",
                *named.get(c, ["", ""]),
            ]
            for unit, day, action, by, c in w.DUTY_RECORDS
        ],
    }


def load_by_files(url: str, folder: Path) -> None:
    """Each file through the command line, in the order the README gives."""
    files = _files()
    for key, entity in ENTITIES.items():
        path = folder / f"{key}.csv"
        with path.open("w", newline="", encoding="utf-8-sig") as out:
            csv.writer(out).writerows([[f.header for f in entity.fields], *files[key]])
        assert import_main([key, str(path), "--database-url", url, "--user", "loader"]) == 0


def write_source(url: str, mapping_path: Path) -> None:
    """Another platform's database holding the same rows under its own table and column
    names (src_<entity>, c0, c1, ...), and the mapping file that reads them."""
    source, toml = create_engine(url), []
    with source.begin() as conn:
        for key, rows in _files().items():
            headers = [f.header for f in ENTITIES[key].fields]
            names = [f"c{i}" for i in range(len(headers))]
            conn.execute(
                text(f"CREATE TABLE src_{key} (n INTEGER, {', '.join(f'{c} TEXT' for c in names)})")
            )
            conn.execute(
                text(f"INSERT INTO src_{key} VALUES (:n, {', '.join(':' + c for c in names)})"),
                [
                    {"n": n, **dict(zip(names, map(str, row), strict=True))}
                    for n, row in enumerate(rows)
                ],
            )
            toml += [
                f"[{key}]",
                f'query = "SELECT * FROM src_{key} ORDER BY n"',
                f"[{key}.columns]",
            ]
            toml += [f'"{h}" = "{c}"' for h, c in zip(headers, names, strict=True)]
    source.dispose()
    mapping_path.write_text("\n".join(toml) + "\n", encoding="utf-8")


def sync_command(source_url: str, mapping: Path, target_url: str, *more: str) -> int:
    return import_main(
        [
            "sync",
            "--source-url",
            source_url,
            "--mapping",
            str(mapping),
            "--database-url",
            target_url,
            *more,
        ]
    )


@pytest.fixture
def source_url(empty_engine, tmp_path, request):
    """An empty second database of the same kind as the target."""
    if empty_engine.dialect.name == "sqlite":
        yield f"sqlite:///{tmp_path / 'platform.sqlite3'}"
        return
    server = request.getfixturevalue("postgres_url")
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    name = f"platform_{os.getpid()}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(server).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["files", "sync"])
def city(request, empty_engine, tmp_path, source_url):
    """The small city, loaded into an empty database by its files only, or read by the
    sync command from another database with its own table and column names."""
    target = empty_engine.url.render_as_string(hide_password=False)
    if request.param == "files":
        load_by_files(target, tmp_path)
    else:
        write_source(source_url, tmp_path / "mapping.toml")
        assert sync_command(source_url, tmp_path / "mapping.toml", target) == 0  # a dry run
        assert count_units(empty_engine) == 0
        assert sync_command(source_url, tmp_path / "mapping.toml", target, "--apply") == 0
    return empty_engine


def count_units(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(org_unit)).scalar()


def test_a_second_sync_changes_nothing_and_a_bad_source_row_stops_it_all(
    empty_engine, source_url, tmp_path, capsys
):
    target = empty_engine.url.render_as_string(hide_password=False)
    mapping = tmp_path / "mapping.toml"
    write_source(source_url, mapping)
    assert sync_command(source_url, mapping, target, "--apply") == 0
    assert sync_command(source_url, mapping, target, "--apply") == 0
    assert "[meetings] 会议\n  已新增 0 行，已更新 0 行，25 行无变化。" in capsys.readouterr().out
    source = create_engine(source_url)
    with source.begin() as conn:  # a problem of a community the city does not have
        conn.execute(text("UPDATE src_problems SET c1 = 'M9' WHERE n = 2"))
        conn.execute(text("UPDATE src_meetings SET c5 = '3' WHERE n = 0"))
    source.dispose()
    with empty_engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(import_audit)).scalar()
    assert sync_command(source_url, mapping, target, "--apply") == 1
    out = capsys.readouterr().out
    assert "  第 3 行 社区编码：单位编码 M9 不存在" in out
    assert "同步未执行" in out and "[meetings]" not in out  # stopped at the first refusal
    with empty_engine.connect() as conn:
        audits = conn.execute(
            select(import_audit.c.entity, import_audit.c.outcome, import_audit.c.file_name)
            .where(import_audit.c.id > 0)
            .order_by(import_audit.c.id)
        ).all()[before:]
    assert audits == [("problems", "refused", "sync:problems")]


def test_the_default_period_shows_the_imported_numbers(app):
    at = app("lead")
    assert metrics(at) == CITY_HEADLINE | CITY_ATTENTION
    assert deltas(at) == CITY_DELTAS
    # no period picked: the default is the latest whole quarter of the imported data
    captions = [c.value for c in at.main.caption]
    assert any("统计期：2026年第1季度（2026-01-01 至 2026-03-31）" in c for c in captions)
    assert "正式数据 · 数据截至 2026年4月10日" in captions  # m02 registered on 04-10
    assert not [w for w in at.warning if "示例数据" in w.value]


def test_double_reporting_headline(app):
    at = open_page(app, "lead", "double_reporting.py")
    assert metrics(at) == REPORTING_HEADLINE
    # units with equal rates come in id order, which the file's row order set here
    lists = table(at, 1)
    assert list(lists["published"]) == [3, 2] and list(lists["raised"]) == [4, 1]


def test_work_tracking_reads_the_same_from_files(city):
    """The work indicators on the loaded city equal those on work_city loaded directly
    (tests/data_access/test_work.py): nodes due, on schedule and overdue by district,
    the supervision loop, and duty records by month, the correction pointing at the
    record it corrects."""
    corrected = duty_record.alias("corrected")
    with city.connect() as conn:
        frame = work.on_schedule(conn, scope=EVERYTHING, level="district", as_of=date(2026, 3, 25))
        loop = work.supervision(conn, scope=EVERYTHING, level="total", as_of=date(2026, 3, 25))
        duty = work.duty_records_by_month(conn, scope=EVERYTHING, level="community", period=Q1)
        corrections = conn.execute(
            select(duty_record.c.action, corrected.c.action).join(
                corrected, corrected.c.id == duty_record.c.corrects_id
            )
        ).all()
    assert {
        code: (due, done, late)
        for code, due, done, late in frame[
            ["unit_code", "nodes_due", "on_schedule", "overdue"]
        ].itertuples(index=False)
    } == {"D1": (3, 2, 0), "D2": (2, 2, 0)}
    assert loop.loc[0, ["raised", "checked", "failed", "overdue"]].tolist() == [5, 2, 1, 1]
    assert list(duty[["unit_code", "month", "records"]].itertuples(index=False, name=None)) == [
        ("M1", "2026-02", 1),
        ("M1", "2026-03", 2),
        ("M2", "2026-01", 1),
    ]
    assert [tuple(row) for row in corrections] == [("更正：联席会改为 3 月 2 日召开", "召开联席会")]
