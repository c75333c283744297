"""Importing from another platform's database instead of files.

A mapping file (TOML) names, for each entity, the SQL query to run on the source
and which source column fills which template header:

    [problems]
    query = "SELECT wt_no, shequ, laiyuan, faxian, jiejue FROM wt_taizhang ORDER BY wt_no"
    [problems.columns]
    问题编号 = "wt_no"
    社区编码 = "shequ"
    问题来源 = "laiyuan"
    发现日期 = "faxian"
    解决日期 = "jiejue"

Each entity's rows then take exactly the path of a file (`plan_sheet`): the same
checks, matching and audit. Entities run in dependency order in one transaction, each
seeing the ones before it, so a dry run reports what applying would do; anything
refused rolls back every entity. Row numbers are the query's rows, counted from 1.
"""

import hashlib
import tomllib
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from data_access.imports.entities import ENTITIES
from data_access.imports.files import Sheet
from data_access.imports.importer import Plan, apply_import, plan_sheet
from data_access.locks import SUMMARIES, hold
from data_access.scope import Scope


class MappingError(ValueError):
    """The mapping file cannot be used; the message says why."""


def read_mapping(path: Path) -> dict[str, dict]:
    """{entity key: {"query": str, "columns": {header: source column}}}, checked."""
    try:
        mapping = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as why:
        raise MappingError(f"无法读取映射文件 {path.name}：{why}") from why
    for key, part in mapping.items():
        if key not in ENTITIES:
            raise MappingError(f"映射文件中的 [{key}] 不是可导入的数据类型")
        if not isinstance(part.get("query"), str) or not isinstance(part.get("columns"), dict):
            raise MappingError(f"[{key}] 须有 query 和 [{key}.columns]")
        entity = ENTITIES[key]
        known = {f.header for f in entity.fields}
        if unknown := sorted(set(part["columns"]) - known):
            raise MappingError(f"[{key}.columns] 中的 {'、'.join(unknown)} 不是模板的列")
        if missing := [h for h in entity.required_headers if h not in part["columns"]]:
            raise MappingError(f"[{key}.columns] 缺少必填列：{'、'.join(missing)}")
    return mapping


def cell_text(value: object) -> str:
    """A source value as the text a spreadsheet cell would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def source_sheet(source: Connection, part: Mapping) -> tuple[Sheet, str]:
    """The query's rows under the template headers, and their SHA-256."""
    headers = list(part["columns"])
    result = source.execute(text(part["query"])).mappings()
    rows, digest = [], hashlib.sha256()
    for number, record in enumerate(result, start=1):
        cells = [cell_text(record[part["columns"][h]]) for h in headers]
        digest.update("\x1f".join(cells).encode() + b"\x1e")
        rows.append((number, cells))
    return Sheet(header_row=0, headers=headers, rows=rows), digest.hexdigest()


def sync(
    engine: Engine,
    source: Engine,
    mapping: dict[str, dict],
    *,
    scope: Scope,
    username: str,
    apply: bool,
) -> list[Plan]:
    """Plan every mapped entity in dependency order inside one transaction; keep it when
    `apply` and every plan is valid, else roll it back. Refused plans are audited."""
    plans: list[Plan] = []
    with engine.connect() as conn, source.connect() as read:
        with conn.begin() as writing:
            hold(conn, SUMMARIES)  # imports one at a time (data_access/locks.py)
            for key in (k for k in ENTITIES if k in mapping):
                sheet, sha256 = source_sheet(read, mapping[key])
                plan = plan_sheet(
                    conn, Plan(ENTITIES[key], f"sync:{key}", sha256), sheet, scope=scope
                )
                plans.append(plan)
                if not plan.ok:
                    break  # later entities would only repeat the missing references
                apply_import(conn, plan, username=username)
            if not (apply and all(p.ok for p in plans)):
                writing.rollback()
        refused = [p for p in plans if not p.ok]
        if refused:
            with conn.begin():
                for plan in refused:
                    apply_import(conn, plan, username=username)  # audits, writes no data
    return plans
