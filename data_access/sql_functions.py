"""SQL functions that SQLite and PostgreSQL spell differently."""

from sqlalchemy import Integer, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class year_month(FunctionElement):
    """'YYYY-MM' of a date column."""

    type = String()
    inherit_cache = True


@compiles(year_month, "sqlite")
def _year_month_sqlite(element, compiler, **kw):
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


@compiles(year_month, "postgresql")
def _year_month_postgresql(element, compiler, **kw):
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


class days_between(FunctionElement):
    """Whole days from the first date column to the second."""

    type = Integer()
    inherit_cache = True


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw):
    first, second = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(julianday({second}) - julianday({first}) AS INTEGER)"


@compiles(days_between, "postgresql")
def _days_between_postgresql(element, compiler, **kw):
    first, second = (compiler.process(c, **kw) for c in element.clauses)
    return f"({second} - {first})"


class day_number(FunctionElement):
    """Days from 2000-01-01 to a date column, for arithmetic on many dates outside SQL."""

    type = Integer()
    inherit_cache = True


@compiles(day_number, "sqlite")
def _day_number_sqlite(element, compiler, **kw):
    day = compiler.process(element.clauses, **kw)
    return f"CAST(julianday({day}) - julianday('2000-01-01') AS INTEGER)"


@compiles(day_number, "postgresql")
def _day_number_postgresql(element, compiler, **kw):
    return f"({compiler.process(element.clauses, **kw)} - DATE '2000-01-01')"
