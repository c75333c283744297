"""What a user may see: a `Scope` is a set of org subtrees.

Every indicator query takes a Scope and filters its rows with `Scope.covers`,
so a district user's query can never return another district's rows,
whatever filters the page passes. A narrower filter unit is applied by
`narrow`, which can only shrink a scope, never widen it.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, and_, false, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal

from data_access.schema import org_unit


@dataclass(frozen=True)
class Scope:
    """Materialised path prefixes ("/1/4/") of the subtrees that are visible."""

    paths: tuple[str, ...]

    def covers(self, path_column) -> ColumnElement[bool]:
        """SQL condition: the row's unit lies inside one of the subtrees."""
        if not self.paths:
            return false()
        return or_(*(_Under(path_column, p) for p in self.paths))

    def touches(self, path_column) -> ColumnElement[bool]:
        """SQL condition: the unit lies inside the scope or is an ancestor of part of it.

        Used to list the grouping units: a street user grouping by district
        sees one district row, holding only that street's facts.
        """
        if not self.paths:
            return false()
        ancestors = (literal(p).startswith(path_column) for p in self.paths)
        return or_(self.covers(path_column), *ancestors)


class _Under(ColumnElement[bool]):
    """A path column starts with `prefix`. PostgreSQL plans the LIKE with its path index;
    SQLite never uses an index for this LIKE, so there it is the equal range of paths
    (paths compare byte by byte, and `prefix` ends in "/"), which it can."""

    inherit_cache = True
    _traverse_internals = [
        ("pattern", InternalTraversal.dp_clauseelement),
        ("span", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, path_column, prefix: str) -> None:
        self.pattern = path_column.startswith(prefix, autoescape=True)
        following = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # just past every "prefix..."
        self.span = and_(path_column >= prefix, path_column < following)


@compiles(_Under)
def _as_like(element: _Under, compiler, **kw) -> str:
    return compiler.process(element.pattern, **kw)


@compiles(_Under, "sqlite")
def _as_range(element: _Under, compiler, **kw) -> str:
    return f"({compiler.process(element.span, **kw)})"


# the whole hierarchy, units yet to be added included: an operator's or an admin's import
EVERYTHING = Scope(("/",))


def scope_of_units(conn: Connection, unit_ids: Iterable[int]) -> Scope:
    """The union of the subtrees rooted at `unit_ids` (unknown ids add nothing).

    Paths are read now, so a scope follows its units when they are moved.
    """
    ids = sorted(set(unit_ids))
    if not ids:
        return Scope(())
    rows = conn.execute(select(org_unit.c.path).where(org_unit.c.id.in_(ids)))
    paths = sorted(row.path for row in rows)
    # A subtree inside another adds nothing and would only lengthen the SQL.
    kept = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    return Scope(tuple(kept))


def narrow(conn: Connection, scope: Scope, unit_id: int | None) -> Scope:
    """`scope` limited to the subtree of `unit_id`; empty if that unit is outside it."""
    if unit_id is None:
        return scope
    path = conn.execute(select(org_unit.c.path).where(org_unit.c.id == unit_id)).scalar()
    if path is None:
        return Scope(())
    if any(path.startswith(p) for p in scope.paths):
        return Scope((path,))
    inner = tuple(p for p in scope.paths if p.startswith(path))
    return Scope(inner)
