"""The standing structure of one generated city: units, organisations,
members, grid party organisations and workers."""

from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import pandas as pd

from data_access.indicators.coverage import QuotaRule
from data_access.org_tree import unit_rows_with_tree
from sample_data.names import CITY_NAMES, place_names


@dataclass
class Ids:
    """Next free id per table, carried from one city to the next."""

    unit: int = 1
    org: int = 1
    member: int = 1
    activity: int = 1
    worker: int = 1
    task: int = 1
    node: int = 1
    supervision: int = 1
    appraisal: int = 1
    subject: int = 1
    code: int = 1
    ballot: int = 1

    def take(self, table: str, count: int) -> np.ndarray:
        start = getattr(self, table)
        setattr(self, table, start + count)
        return np.arange(start, start + count)


def split(rng: np.random.Generator, total: int, parts: int) -> np.ndarray:
    """`total` things over `parts` parents, at least one each, unevenly."""
    weights = rng.dirichlet(np.full(parts, 4.0))
    return 1 + rng.multinomial(total - parts, weights)


def random_days(rng, start, span_days, size) -> pd.Series:
    """`size` dates from `start`, uniform over `span_days` days."""
    offsets = rng.integers(0, max(span_days, 1), size=size)
    return pd.Series(pd.Timestamp(start) + pd.to_timedelta(offsets, unit="D"))


def build_units(rng, ids: Ids, *, preset, city_number, parent_id, profiles) -> pd.DataFrame:
    """City, districts, streets, communities and grids with codes, names and households."""
    city_id = int(ids.take("unit", 1)[0])
    city_code = f"C{city_number:02d}"
    rows = [
        dict(
            id=city_id,
            code=city_code,
            name=f"{CITY_NAMES[city_number - 1]}市",
            level="city",
            parent_id=parent_id,
        )
    ]
    district_ids = ids.take("unit", preset.districts)
    district_names = place_names(rng, preset.districts, ["区"])
    for k, (unit_id, profile) in enumerate(zip(district_ids, profiles, strict=True)):
        name = district_names[k][:-1] + ("县" if profile.rural else "区")
        rows.append(
            dict(
                id=int(unit_id),
                code=f"{city_code}D{k + 1:02d}",
                name=name,
                level="district",
                parent_id=city_id,
            )
        )

    streets_per = split(rng, preset.streets, preset.districts)
    street_parent = np.repeat(district_ids, streets_per)
    street_ids = ids.take("unit", preset.streets)
    communities_per = split(rng, preset.communities, preset.streets)
    community_parent = np.repeat(street_ids, communities_per)
    community_ids = ids.take("unit", preset.communities)
    grids_per = split(rng, preset.grids, preset.communities)
    grid_parent = np.repeat(community_ids, grids_per)
    grid_ids = ids.take("unit", preset.grids)

    rural_of = {int(d): p.rural for d, p in zip(district_ids, profiles, strict=True)}
    codes = {r["id"]: r["code"] for r in rows}

    def add_level(
        level: str, unit_ids: np.ndarray, parents: np.ndarray, letter: str, suffixes: list[str]
    ) -> None:
        names = place_names(rng, len(unit_ids), suffixes)
        counters: dict[int, int] = {}
        for unit_id, parent, name in zip(unit_ids, parents, names, strict=True):
            n = counters[int(parent)] = counters.get(int(parent), 0) + 1
            codes[int(unit_id)] = f"{codes[int(parent)]}{letter}{n:02d}"
            rows.append(
                dict(
                    id=int(unit_id),
                    code=codes[int(unit_id)],
                    name=name,
                    level=level,
                    parent_id=int(parent),
                )
            )

    add_level("street", street_ids, street_parent, "S", ["街道", "街道", "镇"])
    add_level("community", community_ids, community_parent, "M", ["社区"])
    add_level("grid", grid_ids, grid_parent, "G", ["网格"])
    # the province above the city (when there is one) starts every path
    province = [dict(id=parent_id, parent_id=None, level="province")] if parent_id else []
    units = pd.DataFrame(unit_rows_with_tree(province + rows)[len(province) :])

    rural = units["district_id"].map(rural_of).fillna(False).astype(bool)
    is_grid = units["level"] == "grid"
    low_level = units["level"].isin(["street", "community", "grid"])
    # numpy's stubs take no None for np.where's third argument; numpy makes an object array
    units["area_kind"] = np.where(low_level, np.where(rural, "rural", "urban"), None)  # type: ignore[call-overload]
    rural_names = low_level & rural & (units["level"] != "grid")
    units.loc[rural_names & (units["level"] == "street"), "name"] = units["name"].str.replace(
        "街道", "镇"
    )
    units.loc[rural_names & (units["level"] == "community"), "name"] = units["name"].str.replace(
        "社区", "村"
    )
    # Grids: urban 300-500 households, rural about 300; a tenth of urban
    # grids are dedicated (organs, schools, hospitals, parks).
    households = np.where(
        rural, rng.integers(240, 360, len(units)), rng.integers(300, 501, len(units))
    )
    units["households"] = np.where(is_grid, households, 0)
    dedicated = is_grid & ~rural & (rng.random(len(units)) < 0.1)
    # None as for area_kind above
    units["grid_kind"] = np.where(is_grid, np.where(dedicated, "dedicated", "general"), None)  # type: ignore[call-overload]
    units.loc[dedicated, "households"] = rng.integers(20, 120, int(dedicated.sum()))
    totals = units[is_grid].groupby("community_id")["households"].sum()
    community = units["level"] == "community"
    units.loc[community, "households"] = units.loc[community, "id"].map(totals).values
    has_households = units["level"].isin(["community", "grid"])
    units["households"] = units["households"].where(has_households, None)
    units["population"] = (units["households"] * 2.8).round().where(has_households, None)
    return units


def build_orgs(rng, ids: Ids, units: pd.DataFrame, in_service_members: int) -> pd.DataFrame:
    """One community/village party organisation per community, plus work-unit organisations."""
    communities = units[units["level"] == "community"]
    own = pd.DataFrame(
        {
            "id": ids.take("org", len(communities)),
            "name": communities["name"].values + "党委",
            "org_type": np.where(communities["area_kind"] == "rural", "village", "community"),
            "community_id": communities["id"].values,
        }
    )
    urban = communities[communities["area_kind"] == "urban"]
    count = max(in_service_members // 30, 1)
    located = rng.choice(
        urban["id"].values, size=count, p=(urban["households"] / urban["households"].sum()).values
    )
    kinds = rng.choice(
        ["organ", "enterprise", "institution", "two_new"], size=count, p=[0.25, 0.3, 0.25, 0.2]
    )
    label = {
        "organ": "机关党支部",
        "enterprise": "企业党支部",
        "institution": "事业单位党支部",
        "two_new": "两新组织党支部",
    }
    work_ids = ids.take("org", count)
    work = pd.DataFrame(
        {
            "id": work_ids,
            "name": [f"第{i}{label[k]}" for i, k in zip(work_ids, kinds, strict=True)],
            "org_type": kinds,
            "community_id": located,
        }
    )
    orgs = pd.concat([own, work], ignore_index=True)
    orgs["code"] = [f"O{i:07d}" for i in orgs["id"]]
    return orgs


def build_members(rng, ids: Ids, units: pd.DataFrame, orgs: pd.DataFrame, count: int):
    """Members with residence (weighted by households) and in-service flag."""
    grids = units[units["level"] == "grid"]
    grid_index = rng.choice(
        len(grids), size=count, p=(grids["households"] / grids["households"].sum()).values
    )
    home_grid = grids.iloc[grid_index]
    rural = (home_grid["area_kind"] == "rural").values
    in_service = rng.random(count) < np.where(rural, 0.4, 0.72)
    own_org = orgs[orgs["org_type"].isin(["community", "village"])].set_index("community_id")["id"]
    work_orgs = orgs.loc[~orgs["org_type"].isin(["community", "village"]), "id"].values
    member_ids = ids.take("member", count)
    return pd.DataFrame(
        {
            "id": member_ids,
            "member_code": [f"P{i:08d}" for i in member_ids],
            "party_org_id": np.where(
                in_service,
                rng.choice(work_orgs, size=count),
                own_org.loc[home_grid["community_id"].values].values,
            ),
            "in_service": in_service,
            "residence_community_id": home_grid["community_id"].values,
            "residence_grid_id": home_grid["id"].values,
        }
    )


def build_grid_orgs(rng, units, profile_of, start, end) -> pd.DataFrame:
    """Branches or building groups in most grids (fewer in laggards), plus member households."""
    grids = units[units["level"] == "grid"].reset_index(drop=True)
    profiles = [profile_of[d] for d in grids["district_id"]]
    coverage = np.array([p.coverage for p in profiles])
    improving = np.array([p.trend > 0.1 for p in profiles])
    covered = rng.random(len(grids)) < coverage / 0.97  # 3% of set-up orgs go inactive
    n = int(covered.sum())
    span = (end - start).days
    # Improving districts set most of theirs up during the history; others mostly before it.
    before = rng.random(n) < np.where(improving[covered], 0.3, 0.75)
    set_up = np.where(
        before,
        random_days(rng, start - timedelta(days=1500), 1500, n),
        random_days(rng, start, span, n),
    )
    orgs = pd.DataFrame(
        {
            "grid_id": grids.loc[covered, "id"].values,
            "kind": rng.choice(["branch", "building_group"], size=n),
            "set_up_on": pd.to_datetime(set_up),
            "active": rng.random(n) > 0.03,
        }
    )
    households = grids.sample(frac=0.3, random_state=int(rng.integers(1 << 31)))
    members = pd.DataFrame(
        {
            "grid_id": households["id"].values,
            "kind": "member_household",
            "set_up_on": random_days(rng, start - timedelta(days=700), 700 + span, len(households)),
            "active": True,
        }
    )
    return pd.concat([orgs, members], ignore_index=True)


def build_workers(rng, ids: Ids, units, profile_of, start, end) -> pd.DataFrame:
    """Grid workers (some grids none, some two, some turnover) and community workers."""
    span = (end - start).days
    grids = units[units["level"] == "grid"]
    staffing = np.array([profile_of[d].staffing for d in grids["district_id"]])
    first = grids[rng.random(len(grids)) < staffing]
    second = first.sample(frac=0.15, random_state=int(rng.integers(1 << 31)))
    posts = pd.concat([first, second])
    n = len(posts)
    started = random_days(rng, start - timedelta(days=900), 900 + span, n)
    leaves = rng.random(n) < 0.06
    ended = started + pd.to_timedelta(rng.integers(30, 700, n), unit="D")
    grid_workers = pd.DataFrame(
        {
            "role": "grid",
            "unit_id": posts["id"].values,
            "started_on": started.values,
            "ended_on": ended.where(leaves & (ended <= pd.Timestamp(end))).values,
        }
    )
    communities = units[(units["level"] == "community") & (units["area_kind"] == "urban")]
    fill = np.array([profile_of[d].quota_fill for d in communities["district_id"]])
    quota = QuotaRule().quota(communities["households"].to_numpy(dtype="int64"))
    staff = np.maximum(1, np.round(quota * fill * rng.uniform(0.9, 1.1, len(quota)))).astype(int)
    community_workers = pd.DataFrame(
        {
            "role": "community",
            "unit_id": np.repeat(communities["id"].values, staff),
            "started_on": random_days(
                rng, start - timedelta(days=1500), 1500, int(staff.sum())
            ).values,
            "ended_on": pd.NaT,
        }
    )
    workers = pd.concat([grid_workers, community_workers], ignore_index=True)
    workers["worker_code"] = [f"W{i:07d}" for i in ids.take("worker", len(workers))]
    return workers
