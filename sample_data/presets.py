"""Sizes of the generated data. Magnitudes follow ../shared/DOMAIN.md."""

from dataclasses import dataclass
from datetime import date

# The generated history ends here, so that every build of a preset is identical.
DATA_END = date(2026, 10, 31)


@dataclass(frozen=True)
class Preset:
    name: str
    cities: int
    districts: int  # per city; the last third are rural counties
    streets: int  # per city
    communities: int  # per city
    grids: int  # per city
    members: int  # per city
    months: int  # of history up to DATA_END


PRESETS = {
    p.name: p
    for p in (
        # one invented city, quick to build on the embedded default
        Preset("demo", 1, 9, 60, 500, 2_500, 50_000, 24),
        # a full prefecture-level city
        Preset("city", 1, 9, 100, 1_500, 5_000, 300_000, 36),
        # a province (stress): 16 cities, 144 districts, ~85,000 grids, 4.8 M members
        Preset("province", 16, 9, 116, 1_550, 5_300, 300_000, 36),
    )
}
