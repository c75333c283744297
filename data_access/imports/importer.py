"""Plan an import (read, validate, compare with the database) and apply it.

Nothing is written unless every row is valid; then all rows are written in the
caller's transaction, so an import is all or nothing. Rows are matched on their
natural key (`Entity.key_fields`): a new key is inserted, a known key with other
values updated, a known key with the same values left alone, so importing a file
twice changes nothing the second time. An append-only entity's rows are never
updated: a known key with other values is refused.
"""

import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, bindparam, select, update
from sqlalchemy.exc import IntegrityError

from data_access import clock
from data_access.dataset import advance_data_end
from data_access.imports.cells import HIDDEN, CellError, refuse_formula
from data_access.imports.entities import LEVEL_NAMES, Entity
from data_access.imports.files import MAX_BYTES, FileRefused, Sheet, read_sheet
from data_access.imports.submitted import record_coverage
from data_access.locks import SUMMARIES, exclusive
from data_access.schema import LEVELS, import_audit, org_unit
from data_access.scope import EVERYTHING, Scope
from data_access.summary.build import refresh_facts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    row: int  # as the spreadsheet numbers it; 0 = the file as a whole
    column: str
    reason: str


@dataclass
class Plan:
    entity: Entity
    file_name: str
    sha256: str
    sheet: Sheet | None = None  # as read, for showing rows the way the user wrote them
    inserts: list[tuple[int, dict]] = field(default_factory=list)  # (row number, values)
    updates: list[tuple[int, dict]] = field(default_factory=list)
    replaced: list[dict] = field(default_factory=list)  # the stored rows `updates` change
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # valid rows worth a second look

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def rejected(self) -> int:
        """Rows with at least one problem."""
        return len({p.row for p in self.problems if p.row})


def plan_import(
    conn: Connection,
    entity: Entity,
    content: bytes,
    file_name: str,
    *,
    scope: Scope,
    max_bytes: int = MAX_BYTES,
) -> Plan:
    """What importing the file would do, and every problem that stops it."""
    plan = Plan(entity, file_name, hashlib.sha256(content).hexdigest())
    try:
        sheet = read_sheet(
            content, file_name, required=entity.required_headers, max_bytes=max_bytes
        )
    except FileRefused as why:
        plan.problems.append(Problem(0, "", str(why)))
        return plan
    return plan_sheet(conn, plan, sheet, scope=scope)


def plan_sheet(conn: Connection, plan: Plan, sheet: Sheet, *, scope: Scope) -> Plan:
    """Complete `plan` (entity, source name and fingerprint set) from rows of text headed
    as the entity's template: a file as read, or rows another database gave."""
    entity = plan.entity
    plan.sheet = sheet
    columns = {h: i for i, h in enumerate(sheet.headers)}
    rows: list[tuple[int, dict]] = []  # (row number, values)
    first_seen: dict[tuple, int] = {}  # key -> the row number it first came on
    for number, cells in sheet.rows:
        row = _read_row(entity, columns, number, cells, plan.problems)
        if row is None:
            continue
        key = tuple(row[name] for name in entity.key_fields)
        if key in first_seen:
            plan.problems.append(
                Problem(number, entity.fields[0].header, f"与第 {first_seen[key]} 行重复")
            )
            continue
        first_seen[key] = number
        rows.append((number, row))
    if not rows and not plan.problems:
        plan.problems.append(Problem(0, "", "表头下面没有数据行。"))
    _resolve_references(conn, entity, rows, scope, plan)
    if entity.resolve and rows:
        _resolve_further(conn, entity, rows, plan)
    if rows:
        _compare(conn, entity, rows, scope, plan)
    plan.problems.sort(key=lambda p: p.row)  # in file order, as the user will fix them
    plan.warnings.sort(key=lambda p: p.row)
    return plan


def _read_row(entity, columns, number, cells, problems) -> dict | None:
    row: dict[str, object] = {}
    bad = False
    for spec in entity.fields:
        text = cells[columns[spec.header]] if spec.header in columns else ""
        try:
            refuse_formula(text)
            if not text:
                if spec.required:
                    raise CellError("必填，不能为空")
                row[spec.name] = None
                continue
            row[spec.name] = spec.read(text)
        except CellError as why:
            problems.append(Problem(number, spec.header, str(why)))
            bad = True
    if bad:
        return None
    if mismatch := entity.row_check(row):
        reason, header = mismatch
        problems.append(Problem(number, header, reason))
        return None
    return row


def _resolve_references(conn, entity, rows, scope, plan) -> None:
    """Replace codes of units, organisations, members and activities by ids, checking
    that they exist, lie in the scope, are of the right level, and fit together (the
    entity's `link_check`); a row with a bad reference is reported and dropped. A unit's
    parent may be a new unit of the same file: its code stays until it is written."""
    problems = plan.problems
    linked = [f for f in entity.fields if f.ref is not None]
    found = {}  # (kind, code) -> row of the lookup
    for reference in {f.ref for f in linked}:
        codes = {row[f.name] for _, row in rows for f in linked if f.ref == reference}
        for chunk in _chunks(sorted(codes - {None})):
            for record in conn.execute(reference.lookup(scope, chunk)):
                found[reference.kind, record.code] = record
    in_file = _new_parents(entity, rows, found, scope) if entity.in_file_parent else {}
    kept = []
    for number, row in rows:
        ok, records = True, {}
        for spec in linked:
            code = row[spec.name]
            if code is None:
                if spec.name == entity.in_file_parent and EVERYTHING_PATH not in scope.paths:
                    problems.append(Problem(number, spec.header, "只有管理员可以新增顶层单位"))
                    ok = False
                continue
            record = found.get((spec.ref.kind, code))
            if record is None and spec.name == entity.in_file_parent:
                record = in_file.get(code)
            noun = spec.ref.noun
            if record is None:
                reason = f"{noun}编码 {code} 不存在"
            elif record is CYCLE:
                reason = f"上级单位 {code} 与本文件中的单位互为上级，无法确定层级关系"
            elif not record.visible:
                reason = f"{noun} {code} 不在您的范围内"
            elif spec.unit_levels and record.level not in spec.unit_levels:
                reason = f"单位 {code} 不是{'或'.join(LEVEL_NAMES[lv] for lv in spec.unit_levels)}"
            else:
                row[spec.name], records[spec.name] = record.id, record
                continue
            problems.append(Problem(number, spec.header, reason))
            ok = False
        if ok and (mismatch := entity.link_check(row, records)):
            reason, header = mismatch
            problems.append(Problem(number, header, reason))
            ok = False
        if ok:
            if notice := entity.link_warning(row, records):
                plan.warnings.append(Problem(number, notice[1], notice[0]))
            kept.append((number, row))
    rows[:] = kept


def _resolve_further(conn, entity, rows, plan) -> None:
    """The entity's own lookups (`Entity.resolve`); a row that fails one is dropped."""
    failed = entity.resolve(conn, rows)
    for number, (reason, header) in failed.items():
        plan.problems.append(Problem(number, header, reason))
    rows[:] = [(number, row) for number, row in rows if number not in failed]


EVERYTHING_PATH = EVERYTHING.paths[0]


@dataclass(frozen=True)
class _NewUnit:
    """A unit that a row of the file adds, standing in for its lookup record; its `id`
    is its code until it is written."""

    code: str
    id: str
    level: str
    community_id: None
    visible: bool


CYCLE = _NewUnit("", "", "", None, False)  # a line of parents that comes back on itself


def _new_parents(entity, rows, found, scope) -> dict:
    """The file's new units (codes not stored yet) by code, each visible when its line of
    parents reaches a stored unit in the scope, or a new top unit that the scope may add."""
    parent = entity.in_file_parent
    new = {row["code"]: row for _, row in rows if ("unit", row["code"]) not in found}
    done: dict = {}

    def record(code: str, line: tuple[str, ...]):
        if code in done:
            return done[code]
        if code in line or len(line) > len(LEVELS):
            return CYCLE
        up = new[code][parent]
        if up is None:
            visible = EVERYTHING_PATH in scope.paths
        elif ("unit", up) in found:
            visible = bool(found["unit", up].visible)
        elif up in new:
            above = record(up, (*line, code))
            if above is CYCLE:
                done[code] = CYCLE
                return CYCLE
            visible = above.visible
        else:
            visible = False  # its parent does not exist: reported on the child's row
        done[code] = _NewUnit(code, code, new[code]["level"], None, visible)
        return done[code]

    for code in new:
        record(code, ())
    return done


def _chunks(values: list, size: int = 1000):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _compare(conn, entity, rows, scope, plan) -> None:
    """Sort valid rows into inserts, updates and unchanged; a row may not change a stored
    row outside the scope, change a fixed field, or match more than one stored row."""
    table, keys = entity.table, entity.key_fields
    names = entity.columns
    owner = org_unit.alias("owner")
    # narrow the lookup by the first key field every row fills; match the whole key here
    narrow = next(k for k in keys if all(row[k] is not None for _, row in rows))
    # the stored id too: a refresh finds what hangs off an updated row by it
    ids = [table.c.id] if "id" in table.c and "id" not in names else []
    query = select(*(table.c[n] for n in names), *ids)
    if entity.owner:
        query = query.add_columns(scope.covers(owner.c.path).label("in_scope")).join(
            owner, owner.c.id == table.c[entity.owner]
        )
    stored = defaultdict(list)
    for chunk in _chunks(sorted({row[narrow] for _, row in rows})):
        for found in conn.execute(query.where(table.c[narrow].in_(chunk))).mappings():
            stored[tuple(found[k] for k in keys)].append(found)
    header = entity.header(keys[0])
    for number, row in rows:
        matches = stored.get(tuple(row[k] for k in keys), [])
        if not matches:
            plan.inserts.append((number, row))
        elif entity.append_only:
            _compare_appended(entity, number, row, matches, plan)
        elif len(matches) > 1:
            plan.problems.append(
                Problem(
                    number, header, f"数据库中已有 {len(matches)} 条相同记录，无法确定更新哪一条"
                )
            )
        elif entity.owner and not matches[0]["in_scope"]:
            plan.problems.append(Problem(number, header, "该记录属于您范围以外的单位，不能修改"))
        elif changed := [n for n in entity.fixed if matches[0][n] != row[n]]:
            plan.problems.append(
                Problem(number, entity.header(changed[0]), "已有记录的此项不能更改")
            )
        elif all(matches[0][n] == row[n] for n in names):
            plan.unchanged += 1
        else:
            plan.updates.append((number, row))
            plan.replaced.append(dict(matches[0]))
            if notice := entity.update_warning(row, matches[0]):
                plan.warnings.append(Problem(number, notice[1], notice[0]))


def _compare_appended(entity, number, row, matches, plan) -> None:
    """A row of an append-only entity whose key is stored: unchanged if a stored row
    holds the same values, else refused, naming the first value that differs."""
    names = entity.columns
    if any(all(match[n] == row[n] for n in names) for match in matches):
        plan.unchanged += 1
        return
    differs = next(n for n in names if matches[0][n] != row[n])
    key = "、".join(entity.header(k) for k in entity.key_fields)
    plan.problems.append(
        Problem(
            number,
            entity.header(differs),
            f"已有{key}相同的记录，此项与之不同；记录只增不改，如需更正，请另增一条更正记录",
        )
    )


CONFLICT = (
    "数据库拒绝了本次写入：另一处同时写入了相同的记录（{what}）。没有导入任何数据，"
    "请重新上传，按最新数据重新核对。"
)


def import_file(
    engine: Engine,
    entity: Entity,
    content: bytes,
    file_name: str,
    *,
    scope: Scope,
    username: str,
) -> Plan:
    """Plan and apply a file in one transaction that holds the summaries lock, so that
    imports run one after the other: the second plans against the rows the first wrote
    (matching them, not inserting them again). Should the database still refuse a row
    (a writer that is not an import), the result is a refused, audited plan that names
    the conflict, and nothing is written."""
    try:
        with exclusive(engine, SUMMARIES) as conn:
            plan = plan_import(conn, entity, content, file_name, scope=scope)
            apply_import(conn, plan, username=username)
            return plan
    except IntegrityError as conflict:
        log.warning("import of %s refused by a constraint", file_name, exc_info=True)
        plan = Plan(entity, file_name, hashlib.sha256(content).hexdigest())
        what = str(conflict.orig).splitlines()[0][:120]
        plan.problems.append(Problem(0, "", CONFLICT.format(what=what)))
        with engine.begin() as conn:
            apply_import(conn, plan, username=username)  # audits the refusal, writes no data
        return plan


def apply_import(conn: Connection, plan: Plan, *, username: str) -> None:
    """Write a valid plan's rows, or nothing for an invalid one, and audit either way.
    Run inside one transaction (`engine.begin()`)."""
    entity = plan.entity
    if plan.ok:
        ids = _insert(conn, entity, [row for _, row in plan.inserts])
        # from here on the rows name new parents by id, as they were written
        plan.inserts = [(n, _with_parent_ids(entity, row, ids)) for n, row in plan.inserts]
        plan.updates = [(n, _with_parent_ids(entity, row, ids)) for n, row in plan.updates]
        if plan.updates:
            _update(conn, entity, [row for _, row in plan.updates])
        if entity.after_write and (plan.inserts or plan.updates):
            entity.after_write(conn)
        _refresh_summaries(conn, plan)
        _advance_data_end(conn, plan)
    audit_id = conn.execute(
        import_audit.insert()
        .values(
            at=clock.now(),
            username=username,
            entity=plan.entity.key,
            # shown in 导入记录: no hidden character may reorder or break what it shows
            file_name=HIDDEN.sub("", plan.file_name)[:200],
            file_sha256=plan.sha256,
            outcome="applied" if plan.ok else "refused",
            inserted=len(plan.inserts) if plan.ok else 0,
            updated=len(plan.updates) if plan.ok else 0,
            unchanged=plan.unchanged,
            rejected=plan.rejected,
        )
        .returning(import_audit.c.id)
    ).scalar_one()
    if plan.ok:
        rows = [row for _, row in plan.inserts + plan.updates]
        record_coverage(conn, audit_id=audit_id, entity=entity.key, rows=rows)


def _update(conn: Connection, entity: Entity, rows: list[dict]) -> None:
    """Write the rows over the records their keys match. A key field may be empty (a
    registration names a member or an organisation): rows are grouped by which keys
    are, so each match is `=` or IS NULL, which an index serves (IS NOT DISTINCT FROM
    is not: on PostgreSQL it read the whole table for every row)."""
    table, keys = entity.table, entity.key_fields
    names = [n for n in entity.columns if n not in keys]
    groups: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for row in rows:
        groups[tuple(k for k in keys if row[k] is not None)].append(row)
    for present, group in groups.items():
        match = [
            table.c[k] == bindparam(f"key_{k}") if k in present else table.c[k].is_(None)
            for k in keys
        ]
        conn.execute(
            update(table).where(*match).values({n: bindparam(f"new_{n}") for n in names}),
            [
                {**{f"key_{k}": row[k] for k in present}, **{f"new_{n}": row[n] for n in names}}
                for row in group
            ],
        )


def _insert(conn: Connection, entity: Entity, rows: list[dict]) -> dict[str, int]:
    """Insert the rows; where a parent is a new row of the same file, level by level from
    the top, so each parent has its id before its children are written. Returns the ids
    of the new records that rows of this file name as parents, by code."""
    table = entity.table
    if entity.write:
        entity.write(conn, rows)
        return {}
    if not entity.in_file_parent:
        if rows:
            conn.execute(table.insert(), [entity.placeholders | row for row in rows])
        return {}
    ids: dict[str, int] = {}
    for level in LEVELS:
        batch = [_with_parent_ids(entity, row, ids) for row in rows if row["level"] == level]
        if not batch:
            continue
        conn.execute(table.insert(), [entity.placeholders | row for row in batch])
        for chunk in _chunks([row["code"] for row in batch]):
            ids.update(
                conn.execute(select(table.c.code, table.c.id).where(table.c.code.in_(chunk))).all()
            )
    return ids


def _with_parent_ids(entity: Entity, row: dict, ids: dict[str, int]) -> dict:
    """`row` with a parent named by the code of a new record replaced by its id."""
    parent = entity.in_file_parent
    if parent and isinstance(row[parent], str):
        return {**row, parent: ids[row[parent]]}
    return row


def _advance_data_end(conn: Connection, plan: Plan) -> None:
    """The data runs up to the latest day a written row says something happened."""
    days = [
        row[name]
        for _, row in plan.inserts + plan.updates
        for name in plan.entity.happened
        if row[name] is not None
    ]
    if days:
        advance_data_end(conn, max(days))


def _refresh_summaries(conn: Connection, plan: Plan) -> None:
    """Bring the summaries the written rows feed (as written, and as they were) up to date."""
    # an update's row as written, with what the file does not hold (its id) as stored
    updated = [{**old, **row} for (_, row), old in zip(plan.updates, plan.replaced, strict=True)]
    written = [row for _, row in plan.inserts] + updated
    table = plan.entity.table
    refresh_facts(conn, {table: written}, {table: plan.replaced})


def rows_as_written(plan: Plan, numbers: list[int]) -> tuple[list[str], list[list[int | str]]]:
    """The file's headers, and its rows with these numbers, cells as the user wrote them,
    number first."""
    if plan.sheet is None:
        raise ValueError(f"{plan.file_name} was refused before its rows were read")
    wanted = set(numbers)
    rows: list[list[int | str]] = [
        [number, *cells] for number, cells in plan.sheet.rows if number in wanted
    ]
    return plan.sheet.headers, rows
