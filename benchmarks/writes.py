"""Benchmark: what a write costs, summary refresh included.

    python -m benchmarks.writes --database-url URL [--activities 10000] [--events 300]

On a database filled by `python -m sample_data` (it adds rows to it):

1. Correcting one row: a resident problem is imported, then imported again with
   another resolved date (`plan_import` + `apply_import` in one transaction, as the
   import page does); the second import is timed, several times.
2. A bulk import: `--activities` service activities over the data's last 60 days,
   then three participants each, two imports timed one after the other.
3. The live feed: `--events` events written as `sample_data.feed` writes them, each
   its own transaction; wall time and this process's CPU time per event.

Prints one Markdown table.
"""

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

import numpy as np
from sqlalchemy import Engine, select

from data_access.dataset import data_end
from data_access.engine import make_engine
from data_access.imports.entities import ENTITIES
from data_access.imports.importer import apply_import, plan_import
from data_access.schema import org_unit, party_member
from data_access.scope import EVERYTHING
from sample_data.feed import read_pools, write_event

CORRECTIONS = 7


def imported(engine: Engine, entity: str, text: str) -> float:
    """Seconds to plan and apply an import of the CSV `text`; fails unless it applied."""
    started = time.perf_counter()
    with engine.begin() as conn:
        plan = plan_import(conn, ENTITIES[entity], text.encode(), f"{entity}.csv", scope=EVERYTHING)
        assert plan.ok, plan.problems[:5]
        apply_import(conn, plan, username="benchmark")
    return time.perf_counter() - started


def correcting_one_row(engine: Engine, community: str, day: date) -> list[float]:
    header = "问题编号,社区编码,网格编码,问题来源,发现日期,解决日期\n"
    raised = day - timedelta(days=20)
    imported(engine, "problems", f"{header}BENCH1,{community},,热线,{raised},\n")
    return [
        imported(
            engine,
            "problems",
            f"{header}BENCH1,{community},,热线,{raised},{raised + timedelta(days=n % 5)}\n",
        )
        for n in range(CORRECTIONS)
    ]


def bulk_import(engine: Engine, day: date, count: int) -> tuple[float, float]:
    rng = np.random.default_rng(7)
    with engine.connect() as conn:
        communities = (
            conn.execute(select(org_unit.c.code).where(org_unit.c.level == "community"))
            .scalars()
            .all()
        )
        members = conn.execute(select(party_member.c.member_code).limit(20_000)).scalars().all()
    activities, participants = (
        ["活动编号,社区编码,网格编码,活动类型,活动日期,时长（小时）"],
        ["活动编号,党员编号,服务时长（小时）"],
    )
    tag = f"BENCH{time.time_ns()}-"  # new activities on every run, never a re-import
    for n in range(count):
        held = day - timedelta(days=int(rng.integers(0, 60)))
        activities.append(f"{tag}{n},{rng.choice(communities)},,志愿服务,{held},2")
        for member in rng.choice(members, size=3, replace=False):
            participants.append(f"{tag}{n},{member},2")
    return (
        imported(engine, "activities", "\n".join(activities) + "\n"),
        imported(engine, "participants", "\n".join(participants) + "\n"),
    )


def live_events(engine: Engine, day: date, count: int) -> tuple[list[float], float]:
    """Wall seconds per event, and this process's CPU seconds per event."""
    rng = np.random.default_rng(11)
    with engine.connect() as conn:
        pools = read_pools(conn, day)
    walls = []
    cpu = time.process_time()
    for _ in range(count):
        started = time.perf_counter()
        with engine.begin() as conn:
            write_event(conn, rng, pools, day)
        walls.append(time.perf_counter() - started)
    return walls, (time.process_time() - cpu) / count


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _p95(values: list[float]) -> float:
    return float(np.percentile(values, 95))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.writes", description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=300)
    args = parser.parse_args(argv)
    engine = make_engine(args.database_url)
    with engine.connect() as conn:
        day = data_end(conn)
        community = conn.execute(
            select(org_unit.c.code).where(org_unit.c.level == "community").order_by(org_unit.c.id)
        ).scalar()
    if community is None:
        parser.error("the database holds no community")

    def measure(name: str, run: Callable[[], str], target: str) -> None:
        print(f"| {name} | {run()} | {target} |", flush=True)

    print(f"{engine.url.get_backend_name()}, data end {day}\n")
    print("| write | measured | target |\n|---|---|---|")
    times = correcting_one_row(engine, community, day)
    measure(
        "correct one problem row (plan + apply + refresh)",
        lambda: (
            f"median {_ms(statistics.median(times))}, max {_ms(max(times))} ({CORRECTIONS} runs)"
        ),
        "< 200 ms",
    )
    if args.activities:
        spent = bulk_import(engine, day, args.activities)
        measure(
            f"import {args.activities:,} activities, then their {3 * args.activities:,} "
            "participants",
            lambda: f"{spent[0]:.1f} s + {spent[1]:.1f} s = {sum(spent):.1f} s",
            "< 30 s",
        )
    walls, cpu = live_events(engine, day, args.events)
    measure(
        f"one live event ({args.events} events)",
        lambda: (
            f"wall median {_ms(statistics.median(walls))}, p95 {_ms(_p95(walls))}; "
            f"feeder CPU {_ms(cpu)} an event ({60 / cpu:,.0f} events a minute on one core)"
        ),
        "< 50 ms; 600 a minute",
    )


if __name__ == "__main__":
    main()
