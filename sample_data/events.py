"""What happens over the history of one generated city: registrations,
service activities, meetings, resident problems and three-list items."""

from datetime import date

import numpy as np
import pandas as pd

from data_access import vocabulary
from data_access.indicators.coverage import COVERING_KINDS
from data_access.indicators.meetings import CADENCE
from data_access.vocabulary import ACTIVITY_KINDS, PROBLEM_SOURCES
from sample_data.profiles import SEASON, over_time
from sample_data.structure import Ids, random_days

KINDS = list(ACTIVITY_KINDS)
SOURCES = list(PROBLEM_SOURCES)
LIST_TYPES = list(vocabulary.LIST_TYPES)


class History:
    """Months of history ending at `end`, and per-unit lookups of the district profile."""

    def __init__(self, end: date, months: int, units: pd.DataFrame, profile_of: dict):
        self.end = pd.Timestamp(end)
        self.month_starts = pd.date_range(end=self.end.replace(day=1), periods=months, freq="MS")
        self.start = self.month_starts[0]
        self.progress = np.linspace(0.0, 1.0, months)
        self.season = SEASON[self.month_starts.month - 1]
        self.units = units
        self.profile_of = profile_of
        self.district_of = units.set_index("id")["district_id"]

    def profiles(self, unit_ids) -> list:
        return [self.profile_of[d] for d in self.district_of.loc[np.asarray(unit_ids)].values]

    def days_in(self, rng, month_index: np.ndarray) -> pd.Series:
        """A random day inside each given month, never after the end of the history."""
        first = self.month_starts[month_index]
        length = first.days_in_month.values
        days = pd.Series(
            first + pd.to_timedelta((rng.random(len(first)) * length).astype(int), "D")
        )
        return days.clip(upper=self.end)

    def cap(self, dates: pd.Series) -> pd.Series:
        """Dates after the end of the history have not happened yet."""
        return dates.where(dates <= self.end)


def member_registrations(rng, history: History, members: pd.DataFrame) -> pd.DataFrame:
    """In-service members register where they live; improving districts register late."""
    serving = members[members["in_service"]].reset_index(drop=True)
    profiles = history.profiles(serving["residence_community_id"])
    chance = np.array([p.reporting for p in profiles])
    late = np.array([p.trend > 0.1 for p in profiles])
    chosen = rng.random(len(serving)) < chance
    serving, late = serving[chosen].reset_index(drop=True), late[chosen]
    span = (history.end - history.start).days
    share = np.where(late, rng.beta(2.5, 1.0, len(serving)), rng.beta(1.0, 1.6, len(serving)))
    # Half of the early registrations predate the history.
    early = ~late & (rng.random(len(serving)) < 0.5)
    offset = np.where(early, -rng.integers(1, 700, len(serving)), (share * span).astype(int))
    registered = history.start + pd.to_timedelta(offset, unit="D")
    revoked = registered + pd.to_timedelta(rng.integers(60, 900, len(serving)), unit="D")
    return pd.DataFrame(
        {
            "kind": "member",
            "member_id": serving["id"].values,
            "party_org_id": None,
            "community_id": serving["residence_community_id"].values,
            "registered_on": registered,
            "revoked_on": history.cap(pd.Series(revoked).where(rng.random(len(serving)) < 0.03)),
        }
    )


def org_registrations(rng, history: History, orgs: pd.DataFrame) -> pd.DataFrame:
    work = orgs[~orgs["org_type"].isin(["community", "village"])]
    chance = np.array(
        [min(p.reporting + 0.08, 1.0) for p in history.profiles(work["community_id"])]
    )
    work = work[rng.random(len(work)) < chance]
    span = (history.end - history.start).days
    return pd.DataFrame(
        {
            "kind": "org",
            "member_id": None,
            "party_org_id": work["id"].values,
            "community_id": work["community_id"].values,
            "registered_on": random_days(
                rng, history.start - pd.Timedelta(days=400), 400 + span // 2, len(work)
            ).values,
            "revoked_on": pd.NaT,
        }
    )


def activities(
    rng,
    ids: Ids,
    history: History,
    registrations: pd.DataFrame,
    members: pd.DataFrame,
    orgs: pd.DataFrame,
):
    """Service activities and who took part.

    Each registered member who serves at all takes part in a month with a
    chance set by the district, its trend and the season, at most twice a
    month (two rounds); participants of one community, month and round are
    grouped into activities of about eight.
    """
    regs = registrations[registrations["kind"] == "member"].reset_index(drop=True)
    profiles = history.profiles(regs["community_id"])
    serves = rng.random(len(regs)) < np.array([p.serving for p in profiles])
    regs, profiles = (
        regs[serves].reset_index(drop=True),
        [p for p, s in zip(profiles, serves, strict=True) if s],
    )
    base = np.array([p.activity for p in profiles])
    trend = np.array([p.trend for p in profiles])
    chance = np.clip(base[:, None] - trend[:, None] * (1 - history.progress[None, :]), 0, 1)
    chance = np.clip(chance * history.season[None, :], 0, 1)
    month_end = history.month_starts + pd.offsets.MonthEnd(0)
    registered = regs["registered_on"].values[:, None] <= month_end.values[None, :]
    revoked = regs["revoked_on"].values
    still = pd.isna(revoked)[:, None] | (revoked[:, None] > history.month_starts.values[None, :])
    eligible = registered & still
    first = eligible & (rng.random(chance.shape) < chance)
    second = first & (rng.random(chance.shape) < 0.35)
    events = []
    for round_number, taken in enumerate((first, second)):
        row, month = np.nonzero(taken)
        events.append(pd.DataFrame({"reg": row, "month": month, "round": round_number}))
    events = pd.concat(events, ignore_index=True)
    events["community_id"] = regs["community_id"].values[events["reg"]]
    events["member_id"] = regs["member_id"].values[events["reg"]]
    events = events.sort_values(["community_id", "month", "round", "member_id"], kind="stable")
    events["slot"] = events.groupby(["community_id", "month", "round"]).cumcount() // 8
    keys = ["community_id", "month", "round", "slot"]
    acts = events[keys].drop_duplicates().reset_index(drop=True)
    acts["id"] = ids.take("activity", len(acts))
    acts["held_on"] = history.days_in(rng, acts["month"].values).values
    acts["kind"] = rng.choice(KINDS, size=len(acts), p=[0.3, 0.15, 0.2, 0.12, 0.13, 0.1])
    acts["hours"] = rng.choice([1.0, 1.5, 2.0, 2.5, 3.0, 4.0], size=len(acts))
    grid_of = members.set_index("id")["residence_grid_id"]
    first_member = events.groupby(keys)["member_id"].first()
    acts["grid_id"] = grid_of.loc[
        first_member.loc[list(acts[keys].itertuples(index=False, name=None))].values
    ].values
    own_org = orgs[orgs["org_type"].isin(["community", "village"])].set_index("community_id")["id"]
    acts["organiser_org_id"] = own_org.loc[acts["community_id"]].values
    participants = events.merge(acts[[*keys, "id", "hours"]], on=keys)
    activity_rows = acts[
        ["id", "community_id", "grid_id", "organiser_org_id", "held_on", "kind", "hours"]
    ]
    participant_rows = participants.rename(columns={"id": "activity_id"})[
        ["activity_id", "member_id", "hours"]
    ]
    return activity_rows, participant_rows


def meetings(rng, history: History, units: pd.DataFrame, grid_orgs: pd.DataFrame) -> pd.DataFrame:
    """Meetings of every holder at its cadence.

    Disciplined holders hold almost every due meeting, the others about half;
    joint meetings raise and resolve issues, and some quarters have a second one.
    """
    covering = grid_orgs[grid_orgs["kind"].isin(COVERING_KINDS) & grid_orgs["active"]]
    set_up = covering.groupby("grid_id")["set_up_on"].min()
    frames = []
    months = len(history.month_starts)
    for meeting_type, (level, every) in CADENCE.items():
        holders = units.loc[units["level"] == level, "id"].values
        if level == "grid":
            holders = set_up.index.values
        slots = np.arange(0, months, every)
        unit_grid, slot_grid = np.meshgrid(np.arange(len(holders)), slots, indexing="ij")
        unit_ix, slot_ix = unit_grid.ravel(), slot_grid.ravel()
        unit_ids = holders[unit_ix]
        profiles = history.profiles(unit_ids)
        base = np.array([p.meetings for p in profiles])
        trend = np.array([p.trend for p in profiles]) * 0.5
        # Discipline is a trait of the holder: the district's share of
        # disciplined holders grows (or shrinks) with its trend, and a holder
        # stays disciplined once its draw is below that share.
        share = over_time(base, trend, history.progress[slot_ix])
        disciplined = rng.random(len(holders))[unit_ix] < share
        held = rng.random(len(unit_ids)) < np.where(disciplined, 0.995, 0.45)
        if meeting_type.endswith("joint"):
            again = held & (rng.random(len(unit_ids)) < 0.45)
            unit_ids = np.concatenate([unit_ids[held], unit_ids[again]])
            slot_ix = np.concatenate([slot_ix[held], slot_ix[again]])
        else:
            unit_ids, slot_ix = unit_ids[held], slot_ix[held]
        month = np.minimum(slot_ix + rng.integers(0, every, len(slot_ix)), months - 1)
        frame = pd.DataFrame(
            {
                "unit_id": unit_ids,
                "meeting_type": meeting_type,
                "held_on": history.days_in(rng, month).values,
            }
        )
        if level == "grid":
            frame = frame[frame["held_on"].values >= set_up.loc[frame["unit_id"]].values]
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    size = {"street_joint": (10, 26), "community_joint": (8, 20), "party_group": (4, 13)}
    low = np.array([size.get(t, (6, 40))[0] for t in out["meeting_type"]])
    high = np.array([size.get(t, (6, 40))[1] for t in out["meeting_type"]])
    out["attendance"] = rng.integers(low, high)
    joint = out["meeting_type"].str.endswith("joint").values
    raised = np.where(joint, rng.poisson(3.0, len(out)), rng.poisson(0.3, len(out)))
    resolving = np.array([p.resolving for p in history.profiles(out["unit_id"])])
    out["issues_raised"] = raised
    out["issues_resolved"] = rng.binomial(raised, resolving * 0.9)
    return out


def problems(rng, history: History, units: pd.DataFrame) -> pd.DataFrame:
    """Resident problems, one a month per 600 households, resolved at the district's rate."""
    communities = units[units["level"] == "community"]
    rate = communities["households"].values[:, None] / 600 * history.season[None, :]
    counts = rng.poisson(rate)
    community_ix, month = np.nonzero(counts)
    repeat = counts[community_ix, month]
    community_ids = np.repeat(communities["id"].values[community_ix], repeat)
    raised = history.days_in(rng, np.repeat(month, repeat))
    profiles = history.profiles(community_ids)
    resolving = np.array([p.resolving for p in profiles])
    slow = np.array([18.0 if p.resolving < 0.8 else 6.0 for p in profiles])
    days = 1 + rng.exponential(slow).astype(int)
    resolved = raised + pd.to_timedelta(days, unit="D")
    grids = units[units["level"] == "grid"].groupby("community_id")["id"].apply(np.array)
    return pd.DataFrame(
        {
            "community_id": community_ids,
            "grid_id": [rng.choice(grids.loc[c]) for c in community_ids],
            "source": rng.choice(SOURCES, size=len(community_ids), p=[0.45, 0.3, 0.15, 0.1]),
            "raised_on": raised.values,
            "resolved_on": history.cap(
                resolved.where(rng.random(len(community_ids)) < resolving)
            ).values,
        }
    )


def list_items(rng, history: History, units: pd.DataFrame, orgs: pd.DataFrame) -> pd.DataFrame:
    """Three-list items: published, claimed by a work-unit organisation, completed."""
    communities = units[units["level"] == "community"]
    counts = rng.poisson(0.8, (len(communities), len(history.month_starts)))
    community_ix, month = np.nonzero(counts)
    repeat = counts[community_ix, month]
    community_ids = np.repeat(communities["id"].values[community_ix], repeat)
    n = len(community_ids)
    published = history.days_in(rng, np.repeat(month, repeat))
    profiles = history.profiles(community_ids)
    claiming = np.array([p.claiming for p in profiles])
    completing = np.array([p.resolving for p in profiles])
    claimed = published + pd.to_timedelta(rng.integers(0, 11, n), unit="D")
    claimed = claimed.where(rng.random(n) < claiming)
    completed = claimed + pd.to_timedelta(rng.integers(3, 41, n), unit="D")
    completed = completed.where(rng.random(n) < completing)
    work = orgs.loc[~orgs["org_type"].isin(["community", "village"]), "id"].values
    types = rng.choice(LIST_TYPES, size=n, p=[0.45, 0.25, 0.3])
    claimed = history.cap(claimed)
    return pd.DataFrame(
        {
            "community_id": community_ids,
            "list_type": types,
            "title": [
                f"{t}事项"
                for t in pd.Series(types).map(
                    {"need": "需求", "resource": "资源", "service": "服务"}
                )
            ],
            "published_on": published.values,
            "due_on": (published + pd.to_timedelta(rng.integers(20, 61, n), unit="D")).values,
            "claimed_by_org_id": np.where(claimed.notna(), rng.choice(work, size=n), None),
            "claimed_on": claimed.values,
            "completed_on": history.cap(completed).values,
        }
    )
