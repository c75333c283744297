"""Reporting periods: whole calendar months, from a first to a last month, possibly
still running (read up to the data's last day)."""

from dataclasses import dataclass, replace
from datetime import date, timedelta


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """Months `first` .. `last` inclusive; both are first days of a month. A period
    still running ends at `through`, the data's last day, where stock indicators are
    read and windows (90 days active, overdue, meetings due) end."""

    first: date
    last: date
    through: date | None = None

    def __post_init__(self) -> None:
        if self.first.day != 1 or self.last.day != 1:
            raise ValueError("a period runs over whole months: pass first days of months")
        if self.last < self.first:
            raise ValueError(f"period ends ({self.last}) before it starts ({self.first})")

    @classmethod
    def month(cls, day: date) -> "Period":
        return cls(month_start(day), month_start(day))

    @classmethod
    def quarter(cls, day: date) -> "Period":
        first = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return cls(first, add_months(first, 2))

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 1))

    @property
    def start(self) -> date:
        """First day of the period."""
        return self.first

    @property
    def end(self) -> date:
        """Last day of the period, the date at which stock indicators are read."""
        whole = add_months(self.last, 1) - timedelta(days=1)
        return min(whole, self.through) if self.through else whole

    def to_date(self, day: date) -> "Period":
        """This period read up to `day`, if it runs past it."""
        return replace(self, through=day) if day < self.end else self

    @property
    def months(self) -> int:
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1

    @property
    def months_ended(self) -> int:
        """The period's months whose last day is on or before `end`: all of them, unless
        the period is still running (then the month `end` falls in counts once it ends)."""
        begun = (self.end.year - self.first.year) * 12 + self.end.month - self.first.month + 1
        month_over = (self.end + timedelta(days=1)).day == 1
        return begun if month_over else begun - 1

    def previous(self) -> "Period":
        """The period of the same length just before this one."""
        return Period(add_months(self.first, -self.months), add_months(self.first, -1))


def period_key(period: Period) -> str:
    """'2026-09' for a month, '2026-Q3' for a quarter, '2026' for a year, else 'first..last'."""
    if period.months == 1:
        return f"{period.first:%Y-%m}"
    if period.months == 3 and period.first.month % 3 == 1:
        return f"{period.first.year}-Q{(period.first.month - 1) // 3 + 1}"
    if period.months == 12 and period.first.month == 1:
        return str(period.first.year)
    return f"{period.first:%Y-%m}..{period.last:%Y-%m}"


def parse_period(key: str) -> Period:
    """The inverse of `period_key`; ValueError for anything else."""
    if ".." in key:
        first, last = key.split("..")
        return Period(parse_period(first).first, parse_period(last).last)
    if "-Q" in key:
        year, quarter = key.split("-Q")
        return Period.quarter(date(int(year), int(quarter) * 3, 1))
    if len(key) == 4:
        return Period.year(int(key))
    year, month = key.split("-")
    return Period.month(date(int(year), int(month), 1))


def period_containing(grain: str, day: date) -> Period:
    """The whole month, quarter or year that `day` falls in."""
    if grain == "year":
        return Period.year(day.year)
    return {"month": Period.month, "quarter": Period.quarter}[grain](day)


# How many whole periods of each grain the dashboard offers (and summaries hold).
HISTORY = {"month": 36, "quarter": 12, "year": 4}


def complete_periods(grain: str, data_end: date, count: int) -> list[Period]:
    """The latest `count` whole months, quarters or years ending on or before `data_end`."""
    step = {"month": 1, "quarter": 3, "year": 12}[grain]
    current = period_containing(grain, data_end)
    if current.end > data_end:
        current = period_containing(grain, add_months(current.first, -step))
    periods: list[Period] = []
    while len(periods) < count:
        periods.append(current)
        current = period_containing(grain, add_months(current.first, -step))
    return periods
