"""Keeping each unit's `path` and ancestor ids in step with `parent_id`."""

from collections.abc import Iterable, Mapping

from sqlalchemy import Connection, bindparam, select, update

from data_access.schema import org_unit

# The ancestor columns stored on every unit; a unit's own level column holds its own id.
ANCESTOR_LEVELS = ("city", "district", "street", "community")


def tree_columns(units: Iterable[tuple[int, int | None, str]]) -> dict[int, dict]:
    """Path and ancestor ids for every `(id, parent_id, level)`.

    Parents may come in any order; a unit whose parent is missing is a root.
    """
    by_id = {unit_id: (parent_id, level) for unit_id, parent_id, level in units}
    done: dict[int, dict] = {}

    def columns(unit_id: int) -> dict:
        if unit_id in done:
            return done[unit_id]
        parent_id, level = by_id[unit_id]
        if parent_id in by_id:
            inherited = dict(columns(parent_id))
        else:
            inherited = {"path": "/", **{f"{lvl}_id": None for lvl in ANCESTOR_LEVELS}}
        inherited["path"] = f"{inherited['path']}{unit_id}/"
        if level in ANCESTOR_LEVELS:
            inherited[f"{level}_id"] = unit_id
        done[unit_id] = inherited
        return inherited

    for unit_id in by_id:
        columns(unit_id)
    return done


def refresh_tree(conn: Connection) -> None:
    """Recompute path and ancestor ids of every unit from `parent_id`, writing only the
    units whose columns change (an import adds a few units to a tree of 100,000)."""
    names = ["path", *(f"{lvl}_id" for lvl in ANCESTOR_LEVELS)]
    stored = conn.execute(
        select(
            org_unit.c.id, org_unit.c.parent_id, org_unit.c.level, *(org_unit.c[n] for n in names)
        )
    ).all()
    computed = tree_columns((u.id, u.parent_id, u.level) for u in stored)
    changed = [
        {"unit_id": u.id, **{f"new_{n}": computed[u.id][n] for n in names}}
        for u in stored
        if any(getattr(u, n) != computed[u.id][n] for n in names)
    ]
    if changed:
        conn.execute(
            update(org_unit)
            .where(org_unit.c.id == bindparam("unit_id"))
            .values({n: bindparam(f"new_{n}") for n in names}),
            changed,
        )


def move_unit(conn: Connection, *, unit_id: int, new_parent_id: int) -> None:
    """Re-parent a unit; its whole subtree (and every scope built on it) follows."""
    conn.execute(update(org_unit).where(org_unit.c.id == unit_id).values(parent_id=new_parent_id))
    refresh_tree(conn)


def unit_rows_with_tree(rows: Iterable[Mapping]) -> list[dict]:
    """Unit rows (with id, parent_id, level) completed with their tree columns, for bulk inserts."""
    rows = [dict(r) for r in rows]
    computed = tree_columns((r["id"], r.get("parent_id"), r["level"]) for r in rows)
    return [{**r, **computed[r["id"]]} for r in rows]
