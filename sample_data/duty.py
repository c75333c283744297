"""Supervision items (督办) and duty records (履责记实) of one generated city.

Supervision: three to six items a district, raised at dispatch meetings, inspections
and observation visits over the last ten months, rectified on time, late or not yet as
the district's work score says, most checked and a few failing the check; the laggard
street has one overdue and one that failed. Duty records: every street and about a
third of the communities record what they did over the last six months, some acts tied
to a node or a supervision item; a few streets (the laggard first) have recorded
nothing for the last 30 days or more, every other street has.
"""

import numpy as np
import pandas as pd

from data_access.vocabulary import RAISED_AT
from sample_data.presets import DATA_END
from sample_data.structure import Ids
from sample_data.work_texts import COMMUNITY_ACTIONS, ISSUES, RECORDERS, STREET_ACTIONS, rural

END = pd.Timestamp(DATA_END)
WINDOW_START = (pd.Period(DATA_END, "M") - 5).start_time  # six months of duty records
QUIET_DAYS = 30


def _day(days: int) -> pd.Timestamp:
    return END - pd.Timedelta(days=days)


def _is_rural(units: pd.DataFrame) -> pd.Series:
    return (units["area_kind"] == "rural") | units["name"].str.endswith("县")


def supervision_items(
    rng, ids: Ids, units: pd.DataFrame, work_of: dict[int, float], laggard: int, tasks
) -> pd.DataFrame:
    """Items raised in each district (`work_of`: its work score), some tied to a task it
    or one of its streets leads, plus the laggard street's two."""
    rows = []
    for district, work in work_of.items():
        inside = units[units["district_id"] == district]
        streets = inside.loc[inside["level"] == "street", "id"].tolist()
        communities = inside.loc[inside["level"] == "community", "id"].tolist()
        led = tasks.loc[tasks["lead_unit_id"].isin([district, *streets]), "id"].tolist()
        for _ in range(int(rng.integers(3, 7))):
            where = rng.random()
            pool = streets if where < 0.7 else communities if where < 0.9 else [district]
            raised = _day(int(rng.integers(5, 300)))
            due = raised + pd.Timedelta(days=int(rng.choice([15, 20, 30, 45, 60])))
            fate = rng.random()
            if fate < work - 0.1:
                rectified = raised + pd.Timedelta(
                    days=int(rng.integers(1, (due - raised).days + 1))
                )
            elif fate < work + 0.05:
                rectified = due + pd.Timedelta(days=int(rng.integers(1, 41)))
            else:
                rectified = pd.NaT
            checked, passed = pd.NaT, None
            if rectified is not pd.NaT and rng.random() < 0.8:
                checked = rectified + pd.Timedelta(days=int(rng.integers(3, 21)))
                passed = bool(rng.random() < (0.85 if work > 0.7 else 0.6))
            rows.append(
                dict(
                    unit_id=int(rng.choice(pool or [district])),
                    raised_at=str(rng.choice(list(RAISED_AT), p=[0.4, 0.3, 0.3])),
                    raised_on=raised,
                    issue=str(rng.choice(ISSUES)),
                    task_id=int(rng.choice(led)) if led and rng.random() < 0.4 else None,
                    due_on=due,
                    rectified_on=rectified,
                    checked_on=checked,
                    check_passed=passed,
                )
            )
    # the laggard street: one overdue since September, one rectified that failed its check
    for raised_at, raised, issue, due, rectified, checked, passed in (
        ("observation", 75, ISSUES[0], 45, None, None, None),
        ("inspection", 130, ISSUES[5], 100, 95, 80, False),
    ):
        rows.append(
            dict(
                unit_id=laggard,
                raised_at=raised_at,
                raised_on=_day(raised),
                issue=issue,
                task_id=None,
                due_on=_day(due),
                rectified_on=pd.NaT if rectified is None else _day(rectified),
                checked_on=pd.NaT if checked is None else _day(checked),
                check_passed=passed,
            )
        )
    items = pd.DataFrame(rows)
    # what happens after DATA_END has not happened yet
    for column in ("rectified_on", "checked_on"):
        items[column] = pd.to_datetime(items[column]).where(items[column] <= END)
    items["check_passed"] = items["check_passed"].where(items["checked_on"].notna(), None)
    items = items.sort_values(["raised_on", "unit_id"], kind="stable").reset_index(drop=True)
    items["id"] = ids.take("supervision", len(items))
    city_code = units.loc[units["level"] == "city", "code"].iloc[0]
    items["code"] = [f"{city_code}DB{k + 1:03d}" for k in range(len(items))]
    items["task_id"] = items["task_id"].astype("Int64")
    return items


def duty_records(
    rng,
    units: pd.DataFrame,
    work_of: dict[int, float],
    silent: tuple[int, ...],
    tasks: pd.DataFrame,
    nodes: pd.DataFrame,
    items: pd.DataFrame,
) -> pd.DataFrame:
    """Records of the last six months of every street and a third of the communities
    (more where the district works better), a quarter of the streets' about one of
    their nodes, two per supervision item; the `silent` streets stopped recording."""
    span = (END - WINDOW_START).days + 1
    months = span / 30.4
    streets = units[units["level"] == "street"]
    communities = units[units["level"] == "community"]
    communities = communities[rng.random(len(communities)) < 0.3]
    recording = pd.concat([streets, communities])
    work = recording["district_id"].map(work_of).to_numpy()
    rate = np.where(recording["level"] == "street", 2 + 5 * work, 1 + 2 * work)
    counts = rng.poisson(rate * months)
    records = pd.DataFrame(
        {
            "unit_id": np.repeat(recording["id"].to_numpy(), counts),
            "day": WINDOW_START + pd.to_timedelta(rng.integers(0, span, counts.sum()), "D"),
            "task_id": None,
            "node_id": None,
            "supervision_id": None,
        }
    )
    level = records["unit_id"].map(units.set_index("id")["level"])
    records["action"] = np.where(
        level == "street",
        rng.choice(STREET_ACTIONS, len(records)),
        rng.choice(COMMUNITY_ACTIONS, len(records)),
    )
    _link_nodes(rng, records, level, tasks, nodes)
    records = pd.concat([records, _on_items(rng, items)], ignore_index=True)
    records = _quiet(rng, records, units, silent)
    level_of = units.set_index("id")["level"].to_dict()
    unit_rural = _is_rural(units).set_axis(units["id"]).to_dict()

    def as_said(text: str, unit: int) -> str:
        return rural(text) if unit_rural[unit] else text

    records["action"] = [
        as_said(a, u) for a, u in zip(records["action"], records["unit_id"], strict=True)
    ]
    pick = rng.integers(0, 1 << 30, len(records))
    records["recorded_by"] = [
        as_said(RECORDERS[level_of[u]][k % len(RECORDERS[level_of[u]])], u)
        for u, k in zip(records["unit_id"], pick, strict=True)
    ]
    # recorded the same day (随做随记) between 08:00 and 22:00 Beijing, a few the day after;
    # UTC text as the database keeps it (populate reads it as UTC on PostgreSQL)
    n = len(records)
    next_day = (rng.random(n) < 0.08) & (records["day"] < END)
    at = (
        records["day"]
        + pd.to_timedelta(next_day.astype(int), "D")
        + pd.to_timedelta(rng.integers(0, 14 * 60, n), "min")
    )
    records["recorded_at"] = at.dt.strftime("%Y-%m-%d %H:%M:%S.%f")
    for column in ("task_id", "node_id", "supervision_id"):
        records[column] = records[column].astype("Int64")
    columns = ["unit_id", "day", "action", "task_id", "node_id", "supervision_id"]
    return records.sort_values(["day", "unit_id"], kind="stable").reset_index(drop=True)[
        [*columns, "recorded_by", "recorded_at"]
    ]


def _link_nodes(rng, records, level, tasks, nodes) -> None:
    """A quarter of the streets' records become work on one of their nodes of that month."""
    picked = records[(level == "street") & (rng.random(len(records)) < 0.25)]
    pairs = (
        picked[["unit_id"]]
        .assign(record=picked.index, month=picked["day"].dt.strftime("%Y-%m"))
        .merge(
            nodes[["id", "task_id", "responsible_unit_id", "month", "target"]].rename(
                columns={"id": "node_id", "responsible_unit_id": "unit_id"}
            ),
            on=["unit_id", "month"],
        )
    )
    # one of the unit's nodes of the month, at random
    pairs = pairs.iloc[rng.permutation(len(pairs))].drop_duplicates("record")
    titles = pairs["task_id"].map(tasks.set_index("id")["title"])
    records.loc[pairs["record"], "task_id"] = pairs["task_id"].to_numpy()
    records.loc[pairs["record"], "node_id"] = pairs["node_id"].to_numpy()
    records.loc[pairs["record"], "action"] = (
        "推进" + titles + "（节点：" + pairs["target"] + "）"
    ).to_numpy()


def _on_items(rng, items: pd.DataFrame) -> pd.DataFrame:
    """Each supervision item in the window: a record when work on it began, and one when
    it was rectified."""
    began = pd.DataFrame(
        {
            "unit_id": items["unit_id"],
            "day": (items["raised_on"] + pd.to_timedelta(rng.integers(0, 4, len(items)), "D")).clip(
                upper=END
            ),
            "supervision_id": items["id"],
            "task_id": items["task_id"],
            "action": "研究部署整改：" + items["issue"],
        }
    )
    done = items[items["rectified_on"].notna()]
    finished = pd.DataFrame(
        {
            "unit_id": done["unit_id"],
            "day": done["rectified_on"],
            "supervision_id": done["id"],
            "task_id": done["task_id"],
            "action": "完成整改并报送销号材料：" + done["issue"],
        }
    )
    both = pd.concat([began, finished], ignore_index=True)
    return both[both["day"] >= WINDOW_START]


def _quiet(rng, records: pd.DataFrame, units: pd.DataFrame, silent: tuple[int, ...]):
    """The silent streets (and their communities) stop recording 31-75 days before
    DATA_END; every other street records something in the last two weeks."""
    street_of = units.set_index("id")["street_id"]
    street = records["unit_id"].map(street_of)
    stopped = {s: _day(int(rng.integers(31, 76))) for s in silent}
    cut = street.map(stopped)
    records = records[cut.isna() | (records["day"] <= cut)]
    street = street[records.index]
    recent = set(street[records["day"] > _day(QUIET_DAYS)].dropna().astype(int))
    streets = units.loc[units["level"] == "street", "id"]
    missing = [int(s) for s in streets if s not in recent and s not in stopped]
    extra = pd.DataFrame(
        {
            "unit_id": missing,
            "day": [_day(int(d)) for d in rng.integers(0, 14, len(missing))],
            "action": rng.choice(STREET_ACTIONS, len(missing)) if missing else [],
        }
    )
    records = pd.concat([records, extra], ignore_index=True)
    records["day"] = pd.to_datetime(records["day"])
    return records
