"""How districts differ, so that every chart has something to say.

Each district gets propensities (0..1) and a trend. The first districts play
set roles: a model district, a laggard, an improving one and a declining one;
the rest vary around the middle. The last third are rural counties.
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Profile:
    rural: bool
    coverage: float  # share of grids with a party branch or building group by the end
    staffing: float  # share of grids with a grid worker
    reporting: float  # share of in-service members registered by the end
    serving: float  # share of registered members who ever serve
    activity: float  # monthly chance that a serving member takes part
    meetings: float  # chance that a due meeting is held
    claiming: float  # chance that a list item is claimed
    resolving: float  # chance that a problem gets resolved
    quota_fill: float  # community workers in post / quota
    trend: float  # + improving, - declining: points gained over the history


ROLES = {
    0: dict(
        coverage=0.98,
        staffing=0.98,
        reporting=0.93,
        serving=0.9,
        activity=0.45,
        meetings=0.96,
        claiming=0.92,
        resolving=0.95,
        quota_fill=1.0,
        trend=0.02,
    ),
    1: dict(
        coverage=0.62,
        staffing=0.7,
        reporting=0.55,
        serving=0.55,
        activity=0.12,
        meetings=0.6,
        claiming=0.6,
        resolving=0.7,
        quota_fill=0.75,
        trend=-0.02,
    ),
    2: dict(
        coverage=0.9,
        staffing=0.9,
        reporting=0.85,
        serving=0.8,
        activity=0.35,
        meetings=0.9,
        claiming=0.85,
        resolving=0.9,
        quota_fill=0.9,
        trend=0.3,
    ),
    3: dict(
        coverage=0.85,
        staffing=0.85,
        reporting=0.8,
        serving=0.7,
        activity=0.3,
        meetings=0.85,
        claiming=0.8,
        resolving=0.85,
        quota_fill=0.95,
        trend=-0.15,
    ),
}


def district_profiles(rng: np.random.Generator, count: int) -> list[Profile]:
    rural_from = count - count // 3
    profiles = []
    for i in range(count):
        values = ROLES.get(i) or dict(
            coverage=rng.uniform(0.75, 0.97),
            staffing=rng.uniform(0.75, 0.97),
            reporting=rng.uniform(0.65, 0.9),
            serving=rng.uniform(0.6, 0.9),
            activity=rng.uniform(0.18, 0.4),
            meetings=rng.uniform(0.7, 0.95),
            claiming=rng.uniform(0.7, 0.92),
            resolving=rng.uniform(0.75, 0.95),
            quota_fill=rng.uniform(0.8, 1.0),
            trend=rng.uniform(-0.05, 0.12),
        )
        profiles.append(Profile(rural=i >= rural_from, **values))
    return profiles


# Monthly activity factor: Spring Festival dip in February, "learn from Lei
# Feng" month in March, summer lull, year-end push.
SEASON = np.array([1.0, 0.6, 1.25, 1.0, 1.0, 1.0, 0.85, 0.85, 1.0, 1.05, 1.05, 1.15])


def over_time(
    base: float | np.ndarray, trend: float | np.ndarray, progress: np.ndarray
) -> np.ndarray:
    """A propensity that reaches `base` at the end, `trend` lower at the start."""
    return np.clip(base - trend * (1.0 - progress), 0.0, 1.0)
