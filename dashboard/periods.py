"""Default periods relative to the end of the data."""

from datetime import date

from data_access.period import Period, add_months


def last_full_quarter(data_end: date) -> Period:
    """The latest calendar quarter that ends on or before `data_end`."""
    quarter = Period.quarter(data_end)
    if quarter.end <= data_end:
        return quarter
    return Period.quarter(add_months(quarter.first, -3))
