"""Member counts and service hours for many read days and periods, from one read of
the member facts, for building summaries.

`reporting.member_counts` and `reporting.service_hours` define them in SQL, one
read day or period per query; at province scale each scans millions of members,
registrations and participations, so a build would scan them over a hundred
times. Here the same definitions are evaluated over arrays read once.
`tests/data_access/test_summary.py` holds the two equal.
"""

from datetime import date, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Connection, and_, select

from data_access.bulk import read_numbers
from data_access.indicators.common import BASE, group_column
from data_access.indicators.reporting import ACTIVE_WINDOW_DAYS, MEMBER_COUNTS
from data_access.period import Period
from data_access.schema import (
    activity_participant,
    org_unit,
    party_member,
    registration,
    service_activity,
)
from data_access.scope import Scope
from data_access.sql_functions import day_number

FIRST_DAY = date(2000, 1, 1)  # day_number's zero
NEVER = np.iinfo(np.int32).max


def _number(day: date) -> int:
    return (day - FIRST_DAY).days


class MemberFacts:
    """The in-service members of a scope (by base unit of their home), their member
    registrations and their participations in service activities."""

    def __init__(self, conn: Connection, scope: Scope) -> None:
        home = org_unit.alias("home")
        member_home = party_member.join(home, party_member.c.residence_community_id == home.c.id)
        in_scope = and_(party_member.c.in_service.is_(True), scope.covers(home.c.path))
        members = read_numbers(
            conn,
            select(party_member.c.id, group_column(home, BASE).label("unit_id"))
            .select_from(member_home)
            .where(in_scope),
        )
        registrations = read_numbers(
            conn,
            select(
                registration.c.member_id,
                day_number(registration.c.registered_on).label("since"),
                day_number(registration.c.revoked_on).label("until"),
            )
            .select_from(
                registration.join(member_home, registration.c.member_id == party_member.c.id)
            )
            .where(registration.c.kind == "member", in_scope),
        )
        served = read_numbers(
            conn,
            select(
                activity_participant.c.member_id,
                day_number(service_activity.c.held_on).label("on"),
                activity_participant.c.hours,
            )
            .select_from(
                activity_participant.join(
                    service_activity, activity_participant.c.activity_id == service_activity.c.id
                ).join(member_home, activity_participant.c.member_id == party_member.c.id)
            )
            .where(in_scope)
            .order_by("on"),
        )
        self.units, self.unit_ids = pd.factorize(members["unit_id"].astype("int64"))
        position = pd.Index(members["id"].astype("int64"))
        self.registrant = position.get_indexer(registrations["member_id"])
        self.since = registrations["since"].to_numpy()
        self.until = registrations["until"].fillna(NEVER).to_numpy()
        self.server = position.get_indexer(served["member_id"])
        self.served_on = served["on"].to_numpy()
        self.hours = served["hours"].to_numpy()
        self.members = len(members)

    def _registered(self, day: date) -> np.ndarray:
        number = _number(day)
        registered = np.zeros(self.members, dtype=bool)
        registered[self.registrant[(self.since <= number) & (self.until > number)]] = True
        return registered

    def _served_between(self, first: date, last: date) -> slice:
        """Participations held from `first` to `last` (they are sorted by day)."""
        start = np.searchsorted(self.served_on, _number(first), side="left")
        return slice(start, np.searchsorted(self.served_on, _number(last), side="right"))

    def _per_unit(self, columns: dict[str, np.ndarray]) -> pd.DataFrame:
        size = len(self.unit_ids)
        sums = {n: np.bincount(self.units, weights=w, minlength=size) for n, w in columns.items()}
        return pd.DataFrame({"unit_id": self.unit_ids.to_numpy(), **sums})

    def counts_at(self, day: date) -> pd.DataFrame:
        """MEMBER_COUNTS per base unit at `day` (see `reporting.member_counts`)."""
        registered = self._registered(day)
        window = self._served_between(day - timedelta(days=ACTIVE_WINDOW_DAYS - 1), day)
        served = np.zeros(self.members, dtype=bool)
        served[self.server[window]] = True
        values = [np.ones(self.members), registered, registered & served]
        return self._per_unit(dict(zip(MEMBER_COUNTS, values, strict=True)))

    def hours_over(self, period: Period) -> pd.DataFrame:
        """service_hours per base unit over `period` (see `reporting.service_hours`)."""
        registered = self._registered(period.end)
        window = self._served_between(period.start, period.end)
        counted = registered[self.server[window]]
        hours = np.zeros(self.members)
        np.add.at(hours, self.server[window][counted], self.hours[window][counted])
        return self._per_unit({"service_hours": hours})
