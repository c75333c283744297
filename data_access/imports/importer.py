"""Plan an import (read, validate, compare with the database) and apply it.

Nothing is written unless every row is valid; then all rows are written in the
caller's transaction, so an import is all or nothing. Rows are matched on their
record code: a new code is inserted, a known code with other values updated, a
known code with the same values left alone, so importing a file twice changes
nothing the second time.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, bindparam, select, update

from data_access.imports.cells import CellError, refuse_formula
from data_access.imports.entities import LEVEL_NAMES, Entity
from data_access.imports.files import MAX_BYTES, FileRefused, Sheet, read_sheet
from data_access.schema import import_audit
from data_access.scope import Scope


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
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

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
    plan.sheet = sheet
    columns = {h: i for i, h in enumerate(sheet.headers)}
    rows, first_seen = [], {}
    for number, cells in sheet.rows:
        row = _read_row(entity, columns, number, cells, plan.problems)
        if row is None:
            continue
        key = row[entity.key_field]
        if key in first_seen:
            plan.problems.append(
                Problem(number, entity.fields[0].header, f"与第 {first_seen[key]} 行重复")
            )
            continue
        first_seen[key] = number
        rows.append((number, row))
    if not rows and not plan.problems:
        plan.problems.append(Problem(0, "", "表头下面没有数据行。"))
    _resolve_references(conn, entity, rows, scope, plan.problems)
    plan.problems.sort(key=lambda p: p.row)  # in file order, as the user will fix them
    if plan.ok:
        _compare(conn, entity, rows, plan)
    return plan


def _read_row(entity, columns, number, cells, problems) -> dict | None:
    row, bad = {}, False
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


def _resolve_references(conn, entity, rows, scope, problems) -> None:
    """Replace codes of units, organisations and members by ids, checking that they
    exist, lie in the scope, are of the right level, and that a grid lies in the row's
    community; a row with a bad reference is reported and dropped."""
    linked = [f for f in entity.fields if f.ref is not None]
    found = {}  # (kind, code) -> row of the lookup
    for kind in {f.ref.kind for f in linked}:
        reference = next(f.ref for f in linked if f.ref.kind == kind)
        codes = {row[f.name] for _, row in rows for f in linked if f.ref.kind == kind}
        for chunk in _chunks(sorted(codes - {None})):
            for record in conn.execute(reference.lookup(scope, chunk)):
                found[kind, record.code] = record
    kept = []
    for number, row in rows:
        ok, written = True, dict(row)
        for spec in linked:
            code = row[spec.name]
            if code is None:
                continue
            record = found.get((spec.ref.kind, code))
            noun = spec.ref.noun
            if record is None:
                reason = f"{noun}编码 {code} 不存在"
            elif not record.visible:
                reason = f"{noun} {code} 不在您的范围内"
            elif spec.unit_levels and record.level not in spec.unit_levels:
                reason = f"单位 {code} 不是{'或'.join(LEVEL_NAMES[lv] for lv in spec.unit_levels)}"
            else:
                row[spec.name] = record.id
                continue
            problems.append(Problem(number, spec.header, reason))
            ok = False
        if ok and entity.grid_in and row[entity.grid_in[0]] is not None:
            grid_field, community_field = entity.grid_in
            grid = found["unit", written[grid_field]]
            if grid.community_id != row[community_field]:
                header = next(f.header for f in entity.fields if f.name == grid_field)
                problems.append(Problem(number, header, f"网格 {grid.code} 不属于该社区"))
                ok = False
        if ok:
            kept.append((number, row))
    rows[:] = kept


def _chunks(values: list, size: int = 1000):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _compare(conn, entity, rows, plan) -> None:
    table = entity.table
    names = [f.name for f in entity.fields]
    existing = {}
    key = entity.key_field
    for chunk in _chunks([row[key] for _, row in rows]):
        for found in conn.execute(
            select(*(table.c[n] for n in names)).where(table.c[key].in_(chunk))
        ).mappings():
            existing[found[key]] = dict(found)
    for number, row in rows:
        before = existing.get(row[key])
        if before is None:
            plan.inserts.append((number, row))
        elif before == row:
            plan.unchanged += 1
        else:
            plan.updates.append((number, row))


def apply_import(conn: Connection, plan: Plan, *, username: str) -> None:
    """Write a valid plan's rows, or nothing for an invalid one, and audit either way.
    Run inside one transaction (`engine.begin()`)."""
    table = plan.entity.table
    if plan.ok:
        if plan.inserts:
            conn.execute(table.insert(), [row for _, row in plan.inserts])
        if plan.updates:
            key = plan.entity.key_field
            names = [f.name for f in plan.entity.fields if f.name != key]
            conn.execute(
                update(table)
                .where(table.c[key] == bindparam("key"))
                .values({n: bindparam(f"new_{n}") for n in names}),
                [
                    {"key": row[key], **{f"new_{n}": row[n] for n in names}}
                    for _, row in plan.updates
                ],
            )
    conn.execute(
        import_audit.insert().values(
            at=datetime.now(),
            username=username,
            entity=plan.entity.key,
            file_name=plan.file_name[:200],
            file_sha256=plan.sha256,
            outcome="applied" if plan.ok else "refused",
            inserted=len(plan.inserts) if plan.ok else 0,
            updated=len(plan.updates) if plan.ok else 0,
            unchanged=plan.unchanged,
            rejected=plan.rejected,
        )
    )


def rows_as_written(plan: Plan, numbers: list[int]) -> list[list[str]]:
    """The file's rows with these numbers, cells as the user wrote them, number first."""
    wanted = set(numbers)
    return [[number, *cells] for number, cells in plan.sheet.rows if number in wanted]
