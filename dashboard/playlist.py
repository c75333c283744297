"""What presentation mode shows, in which order, and for how long.

A playlist comes from the link, `?play=screen:30,coverage:15,tour:8`: each entry a
slide kind and its seconds on screen. `screen` is the one-screen 大屏 (its map and ranking
on the indicator `?map=` names, a key of RANKINGS). `tour` steps through every unit of the
breakdown level (every district, or every street when the filter is one district), one
slide each. `nodes`, `points` and `supervision` show the work tracked on 任务督办;
`appraisal` an appraisal of 述职评议, live.
"""

from dataclasses import dataclass

# kind -> (title, the indicator a ranking slide shows); screen, overview and tour show several
RANKINGS = {
    "coverage": ("网格党组织覆盖率", "coverage_rate"),
    "reporting": ("在职党员报到率", "reporting_rate"),
    "active": ("报到党员活跃率（90 天）", "active_rate"),
    "lists": ("清单完成率", "completion_rate"),
    "problems": ("群众问题解决率", "resolution_rate"),
    "meetings": ("三会一课按期率", "compliance_rate"),
}
# the work slides: this month's nodes lit up (亮屏), the points ranking, the supervision loop
WORK = ("nodes", "points", "supervision")
# 述职评议 on the spot: ballots returned while the vote is open, then the result
# (the appraisal `?appraisal=<id>` names, else the newest in scope)
KINDS = ("screen", "overview", *RANKINGS, *WORK, "appraisal", "tour")
DEFAULT = "screen:30,overview:20,coverage:15,reporting:15,meetings:15,tour:10"
SHORTEST, LONGEST = 3, 600  # seconds a slide may stay on screen


class PlaylistError(ValueError):
    pass


@dataclass(frozen=True)
class Entry:
    kind: str
    seconds: int


@dataclass(frozen=True)
class Slide:
    kind: str
    seconds: int
    unit_code: str | None = None  # the toured unit


def parse(text: str) -> list[Entry]:
    """`kind:seconds,...`; PlaylistError names the first part that cannot be read."""
    entries = []
    for part in (p.strip() for p in text.split(",")):
        kind, _, seconds = part.partition(":")
        if kind not in KINDS:
            raise PlaylistError(f"“{part}”：未知的页面，可选 {'、'.join(KINDS)}")
        if not seconds.isdigit() or not SHORTEST <= int(seconds) <= LONGEST:
            raise PlaylistError(f"“{part}”：停留时间应为 {SHORTEST} 至 {LONGEST} 秒")
        entries.append(Entry(kind, int(seconds)))
    return entries


def slides(entries: list[Entry], unit_codes: list[str]) -> list[Slide]:
    """The playlist with the tour spread over the units, in order."""
    out = []
    for entry in entries:
        if entry.kind == "tour":
            out += [Slide("tour", entry.seconds, code) for code in unit_codes]
        else:
            out.append(Slide(entry.kind, entry.seconds))
    return out
