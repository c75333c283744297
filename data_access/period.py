"""Reporting periods: whole calendar months, from a first to a last month."""

from dataclasses import dataclass
from datetime import date, timedelta


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """Months `first` .. `last` inclusive; both are first days of a month."""

    first: date
    last: date

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
        return add_months(self.last, 1) - timedelta(days=1)

    @property
    def months(self) -> int:
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1

    def previous(self) -> "Period":
        """The period of the same length just before this one."""
        return Period(add_months(self.first, -self.months), add_months(self.first, -1))
