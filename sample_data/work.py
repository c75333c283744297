"""Work tracking of one generated city (issue 19): 30-40 tasks split into monthly nodes
owned by streets (and some by districts), from eleven months before DATA_END's month to
three after it, done on schedule, late or not at all as the district's profile says;
supervision items and duty records come from `duty`.

Two streets play set roles: the laggard, in the district that does least of its work,
whose nodes are mostly late or open and who has stopped recording its duties; and a
street of the declining district that did almost nothing on schedule in the two
quarters before DATA_END's, so that it ranks last among the city's streets (末位) in
both of them, as `indicators.work.quarterly_ranking` reads it.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Table

from data_access import schema
from data_access.period import Period
from data_access.vocabulary import TASK_SOURCES
from sample_data import duty
from sample_data.presets import DATA_END
from sample_data.profiles import Profile, over_time
from sample_data.structure import Ids
from sample_data.work_texts import LEADERS, STANDING, TITLES, by_stars, rural

END = pd.Timestamp(DATA_END)
THIS_MONTH = pd.Period(DATA_END, "M")
FIRST, LAST = -11, 3  # the nodes' months, counted from DATA_END's
# the quarters the designed street is last in: 2026-Q2 and 2026-Q3
LAST_IN = (Period.quarter(DATA_END).previous().previous(), Period.quarter(DATA_END).previous())
SILENT = 3  # streets with no duty record in the last 30+ days, the laggard among them
# most tasks are assigned by the county or set by the standing committee's work plan
SOURCE_SHARES = dict(zip(TASK_SOURCES, (0.4, 0.3, 0.15, 0.15), strict=True))


def work_score(profile: Profile) -> float:
    """How reliably a district's units do the work they are given (0..1)."""
    return (profile.meetings + profile.resolving) / 2


@dataclass(frozen=True)
class Cast:
    """The streets that play set roles."""

    laggard: int
    last: int  # 末位 in both quarters of LAST_IN
    silent: tuple[int, ...]  # the laggard first


def work_tables(
    rng, ids: Ids, units: pd.DataFrame, profile_of: dict[int, Profile], cast: Cast
) -> list[tuple[Table, pd.DataFrame]]:
    """(table, frame) pairs of the city's work tracking, in foreign-key order."""
    work_of = {d: work_score(p) for d, p in profile_of.items()}
    tasks, nodes = tasks_and_nodes(rng, ids, units, profile_of, cast)
    items = duty.supervision_items(rng, ids, units, work_of, cast.laggard, tasks)
    records = duty.duty_records(rng, units, work_of, cast.silent, tasks, nodes, items)
    executing = nodes[["task_id", "responsible_unit_id"]].drop_duplicates()
    return [
        (schema.work_task, tasks[[c.name for c in schema.work_task.c]]),
        (schema.work_task_unit, executing.set_axis(["task_id", "unit_id"], axis=1)),
        (schema.task_node, nodes[[c.name for c in schema.task_node.c]]),
        (schema.supervision_item, items),
        (schema.duty_record, records),
    ]


def choose_cast(rng, units: pd.DataFrame, profile_of: dict[int, Profile]) -> Cast:
    districts = units.loc[units["level"] == "district", "id"].tolist()
    streets = units[units["level"] == "street"]
    laggard_district = min(districts, key=lambda d: work_score(profile_of[d]))
    others = [d for d in districts if d != laggard_district] or districts
    declining = min(others, key=lambda d: profile_of[d].trend)
    in_laggard = streets.loc[streets["district_id"] == laggard_district, "id"].tolist()
    laggard = int(rng.choice(in_laggard or streets["id"].tolist()))
    candidates = [
        s for s in streets.loc[streets["district_id"] == declining, "id"] if s != laggard
    ] or [s for s in streets["id"] if s != laggard]
    last = int(rng.choice(candidates)) if candidates else laggard
    quiet = [int(s) for s in streets["id"] if s not in (laggard, last)]
    more = rng.choice(quiet, size=min(SILENT - 1, len(quiet)), replace=False)
    return Cast(laggard, last, (laggard, *sorted(int(s) for s in more)))


def tasks_and_nodes(
    rng, ids: Ids, units: pd.DataFrame, profile_of: dict[int, Profile], cast: Cast
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The city's tasks and their monthly nodes, completed as their units would."""
    tasks = _tasks(rng, ids, units)
    nodes = _nodes(rng, ids, tasks, units)
    _complete(rng, nodes, units, profile_of, cast)
    _keep_last(nodes, tasks, units, cast.last)
    due = nodes.groupby("task_id")["due_on"].max()
    tasks["due_on"] = tasks["id"].map(due)
    return tasks, nodes


def _tasks(rng, ids: Ids, units: pd.DataFrame) -> pd.DataFrame:
    """Standing tasks for every street, then tasks led by a district (for some or all
    of its streets, and some for itself) or by a street (for itself and a neighbour)."""
    district_ids = units.loc[units["level"] == "district", "id"].tolist()
    streets = units[units["level"] == "street"]
    streets_of = {d: streets.loc[streets["district_id"] == d, "id"].tolist() for d in district_ids}
    district_of = dict(zip(streets["id"], streets["district_id"], strict=True))
    rows = [
        dict(
            spec._asdict(),
            lead=int(rng.choice(district_ids)),
            executors=streets["id"].tolist(),
        )
        for spec in STANDING
    ]
    total = int(rng.integers(30, 41))
    for k, index in enumerate(rng.choice(len(TITLES), size=total - len(STANDING), replace=False)):
        title, target, low, high = TITLES[index]
        annual = rng.random() < 0.3
        first = int(rng.integers(FIRST, -5) if annual else rng.integers(FIRST, 1))
        last = int(rng.choice([1, 2, 2, 3])) if annual else min(first + rng.integers(0, 4), LAST)
        if k < len(district_ids) or rng.random() < 0.7:  # every district leads one or more
            lead = district_ids[k] if k < len(district_ids) else int(rng.choice(district_ids))
            own = streets_of[lead]
            size = max(1, round(len(own) * rng.uniform(0.5, 1.0))) if own else 0
            executors = sorted(int(s) for s in rng.choice(own, size=size, replace=False))
            if not executors or rng.random() < 0.3:
                executors.append(lead)
        else:
            lead = int(rng.choice(streets["id"]))
            executors = [lead]
            siblings = [s for s in streets_of[district_of[lead]] if s != lead]
            if siblings and rng.random() < 0.3:
                executors.append(int(rng.choice(siblings)))
        stars = int(rng.integers(3, 6) if annual else rng.integers(1, 5))
        rows.append(
            dict(
                title=title,
                target=target,
                values=(low, high),
                kind="annual" if annual else "daily",
                stars=stars,
                due_day=0 if annual else int(rng.choice([10, 15, 20, 25, 0])),
                remind_days=int(rng.choice([3, 5, 7, 10])),
                months=(first, last),
                source=str(rng.choice(list(SOURCE_SHARES), p=list(SOURCE_SHARES.values()))),
                lead=lead,
                executors=executors,
            )
        )
    tasks = pd.DataFrame(rows)
    n = len(tasks)
    first_month = [(THIS_MONTH + m[0]).start_time for m in tasks["months"]]
    tasks["published_on"] = pd.Series(first_month) - pd.to_timedelta(rng.integers(3, 21, n), "D")
    tasks["points"] = np.clip(2 * tasks["stars"] - rng.integers(0, 2, n), 1, 10)
    tasks["public"] = rng.random(n) < 0.5
    tasks = tasks.sort_values(["published_on", "title"], kind="stable").reset_index(drop=True)
    tasks["id"] = ids.take("task", n)
    city_code = units.loc[units["level"] == "city", "code"].iloc[0]
    tasks["code"] = [f"{city_code}RW{k + 1:03d}" for k in range(n)]
    tasks["lead_unit_id"] = tasks["lead"]
    role = _roles(units)
    tasks["leader_role"] = [
        role(lead, stars) for lead, stars in zip(tasks["lead"], tasks["stars"], strict=True)
    ]
    return tasks


def _roles(units: pd.DataFrame):
    """role(unit, stars): the role title that answers for a task of `stars` at `unit`
    (a district or street), as a county or township calls it when rural."""
    level_of = units.set_index("id")["level"].to_dict()
    is_rural = (units["area_kind"] == "rural") | units["name"].str.endswith("县")
    rural_of = dict(zip(units["id"], is_rural, strict=True))

    def role(unit: int, stars: int) -> str:
        title = by_stars(LEADERS[level_of[unit]], stars)
        return rural(title) if rural_of[unit] else title

    return role


def _due(month: pd.Period, due_day: int) -> pd.Timestamp:
    return (
        month.end_time.normalize()
        if due_day == 0
        else month.start_time + pd.Timedelta(days=due_day - 1)
    )


def _nodes(rng, ids: Ids, tasks: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """One node per task, month and executing unit."""
    role = _roles(units)
    rows = []
    for task in tasks.itertuples():
        for offset in range(task.months[0], task.months[1] + 1):
            month = THIS_MONTH + offset
            when = dict(
                offset=offset,
                month=str(month),
                month_start=month.start_time,
                due_on=_due(month, task.due_day),
            )
            for unit in task.executors:
                rows.append(
                    dict(
                        when,
                        task_id=task.id,
                        responsible_unit_id=unit,
                        lead_unit_id=task.lead,
                        owner_role=role(unit, task.stars),
                        target_text=task.target,
                        low=task.values[0],
                        high=task.values[1],
                    )
                )
    nodes = pd.DataFrame(rows)
    nodes["id"] = ids.take("node", len(nodes))
    nodes["target_value"] = rng.integers(nodes["low"], nodes["high"] + 1).astype(float)
    nodes["target"] = [
        text.format(n=int(v))
        for text, v in zip(nodes["target_text"], nodes["target_value"], strict=True)
    ]
    nodes["district_id"] = nodes["responsible_unit_id"].map(units.set_index("id")["district_id"])
    return nodes


def _complete(
    rng, nodes: pd.DataFrame, units: pd.DataFrame, profile_of: dict[int, Profile], cast: Cast
) -> None:
    """Completion days and progress: on schedule, late (up to 40 days) or still open,
    as the district's work score (with its trend) says; nothing after DATA_END."""
    n = len(nodes)
    profiles = [profile_of[d] for d in nodes["district_id"]]
    base = np.array([work_score(p) for p in profiles])
    trend = np.array([p.trend for p in profiles])
    progress = np.clip((nodes["offset"].to_numpy() - FIRST) / (LAST - FIRST), 0.0, 1.0)
    on_time_chance = np.clip(over_time(base, trend, progress) - 0.08, 0.05, 0.95)
    late_share = np.full(n, 0.65)
    laggard = (nodes["responsible_unit_id"] == cast.laggard).to_numpy()
    on_time_chance[laggard], late_share[laggard] = 0.2, 0.5
    sliding = (nodes["responsible_unit_id"] == cast.last) & nodes["due_on"].between(
        pd.Timestamp(LAST_IN[0].start), pd.Timestamp(LAST_IN[-1].end)
    )
    on_time_chance[sliding.to_numpy()] = 0.12
    on_time = rng.random(n) < on_time_chance
    late = ~on_time & (rng.random(n) < late_share)
    room = (nodes["due_on"] - nodes["month_start"]).dt.days.to_numpy()
    early = pd.to_timedelta(np.minimum(rng.integers(0, 13, n), room), "D")
    late_by = pd.to_timedelta(rng.integers(1, 41, n), "D")
    completed = pd.Series(pd.NaT, index=nodes.index, dtype="datetime64[ns]")
    completed[on_time] = (nodes["due_on"] - early)[on_time]
    completed[late] = (nodes["due_on"] + late_by)[late]
    nodes["completed_on"] = completed.where(completed <= END)
    partial = np.floor(nodes["target_value"] * rng.uniform(0.1, 0.9, n))
    begun = nodes["offset"] <= 0
    nodes["progress_value"] = np.where(
        nodes["completed_on"].notna(), nodes["target_value"], np.where(begun, partial, np.nan)
    )
    verified = nodes["completed_on"] + pd.to_timedelta(rng.integers(1, 11, n), "D")
    nodes["verified_on"] = verified.where((rng.random(n) < 0.5) & (verified <= END))
    codes = units.set_index("id")["code"]
    nodes["verified_by"] = (nodes["district_id"].map(codes) + "-JW").where(
        nodes["verified_on"].notna()
    )


def _keep_last(nodes: pd.DataFrame, tasks: pd.DataFrame, units: pd.DataFrame, last: int) -> None:
    """Make `last` the one street with the fewest points in each quarter of LAST_IN:
    a street at or below it gets one more node done on schedule (or, with none left to
    do, `last` one fewer), until it is alone at the bottom. Points as
    `indicators.work.points` counts them: a task's points shared by all its nodes."""
    per_task = nodes.groupby("task_id")["id"].transform("count")
    share = nodes["task_id"].map(tasks.set_index("id")["points"]) / per_task
    streets = units.loc[units["level"] == "street", "id"].tolist()
    for quarter in LAST_IN:
        in_quarter = nodes["due_on"].between(pd.Timestamp(quarter.start), pd.Timestamp(quarter.end))
        while True:
            on_time = nodes["completed_on"].notna() & (nodes["completed_on"] <= nodes["due_on"])
            earned = (
                share.where(in_quarter & on_time, 0.0)
                .groupby(nodes["responsible_unit_id"])
                .sum()
                .reindex(streets, fill_value=0.0)
            )
            behind = earned.drop(last)
            behind = behind[behind <= earned[last] + 1e-6]
            if behind.empty:
                break
            street = nodes["responsible_unit_id"] == behind.index[0]
            todo = nodes.index[in_quarter & street & ~on_time]
            done = nodes.index[in_quarter & (nodes["responsible_unit_id"] == last) & on_time]
            if len(todo):
                _set_done(nodes, todo[0], days=-1)
            elif len(done):
                _set_done(nodes, done[0], days=7)
            else:  # a street with no node in the quarter: nothing to move
                break


def _set_done(nodes: pd.DataFrame, index, *, days: int) -> None:
    """Node `index` completed `days` after its due day (before it when negative)."""
    nodes.loc[index, "completed_on"] = nodes.loc[index, "due_on"] + pd.Timedelta(days=days)
    nodes.loc[index, "progress_value"] = nodes.loc[index, "target_value"]
    nodes.loc[index, ["verified_on", "verified_by"]] = [pd.NaT, None]
