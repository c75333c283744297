"""Load benchmark for 述职评议: a room of voters submitting their ballots within two
minutes on one 2-core server, while the projector shows the ballots coming back.

    python -m benchmarks.ballots --database-url URL [--voters 300] [--seconds 120]
        [--posts 10] [--workers 2] [--output docs/BALLOTS.md]

An appraisal of `--posts` posts (the first streets of the database) is set up and a
code issued for each voter. Each voter is a websocket client speaking Streamlit's
protocol, as a phone's browser does: it arrives at a random moment of the first
`seconds - 30` s, opens its ballot (`?ballot=<code>`), answers in 5 to 25 s, and
submits its choices in the one form submit the ballot page makes. Both are timed to
the end of their runs (the submit's: the ballot stored and the thank-you drawn). The
projector is headless Chromium, signed in, on the `appraisal` slide (a tick a second,
which reads the turnout each time). The app runs under `python -m dashboard.serve`
(`--workers` processes; more than one behind nginx, as deployed).

Reported: ballots submitted (a thank-you received), ballots stored and codes burnt (read
from the database afterwards), votes stored, p50/p95/max of opening and submitting,
failures, the workers' CPU seconds, and their resident memory with every phone's
page still open.
"""

import argparse
import asyncio
import os
import platform
import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import websockets
from sqlalchemy import func, select
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.typing import Subprotocol

from benchmarks.app_server import publish
from benchmarks.load import (
    RERUN_ENDED,
    UNVERIFIED,
    app_and_browser,
    browser_context,
    quantile,
)
from benchmarks.performance import with_benchmark_user
from data_access import appraisal, clock
from data_access.engine import make_engine
from data_access.schema import ballot_vote, org_unit

THANKS = "投票已提交"
TIMEOUT = 60  # seconds a run may take before the voter gives up


@dataclass
class Room:
    voters: int
    opened: list[float] = field(default_factory=list)  # seconds to the ballot drawn
    submitted: list[float] = field(default_factory=list)  # seconds to the thank-you
    failed: list[str] = field(default_factory=list)
    finished: int = 0
    everyone: asyncio.Event = field(default_factory=asyncio.Event)  # all have voted
    closing: asyncio.Event = field(default_factory=asyncio.Event)  # the phones may leave

    def finish(self) -> None:
        self.finished += 1
        if self.finished == self.voters:
            self.everyone.set()


@dataclass
class Run:
    messages: list[ForwardMsg]
    page_hash: str


async def run_to_end(socket, request: BackMsg) -> Run:
    """Send `request`; every message until the run it starts has ended (a run cut
    short by st.rerun is followed by the run that replaces it)."""
    await socket.send(request.SerializeToString())
    messages, page_hash = [], ""
    while True:
        message = ForwardMsg.FromString(await socket.recv())
        messages.append(message)
        if message.WhichOneof("type") == "new_session":
            page_hash = message.new_session.page_script_hash
        ended = message.WhichOneof("type") == "script_finished"
        if ended and message.script_finished != RERUN_ENDED:
            return Run(messages, page_hash)


def elements(run: Run) -> list:
    return [m.delta.new_element for m in run.messages if m.delta.HasField("new_element")]


async def voter(base: str, code: str, arrives: float, thinks: float, room: Room) -> None:
    """One phone: it opens its ballot, answers, submits, and stays on the page (its
    websocket open, its session held) until every voter has voted and all is read."""
    await asyncio.sleep(arrives)
    finished = False
    try:
        async with websockets.connect(
            base.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=[Subprotocol("streamlit")],
            ssl=UNVERIFIED if base.startswith("https") else None,
            max_size=None,
        ) as socket:
            await vote(socket, code, thinks, room)
            finished = True
            room.finish()
            await room.closing.wait()
    except (OSError, TimeoutError, StopIteration, websockets.WebSocketException) as why:
        if not finished:
            room.failed.append(type(why).__name__)
            room.finish()


async def vote(socket, code: str, thinks: float, room: Room) -> None:
    opening = BackMsg()
    opening.rerun_script.query_string = f"ballot={code}"
    started = time.perf_counter()
    async with asyncio.timeout(TIMEOUT):
        drawn = await run_to_end(socket, opening)
    room.opened.append(time.perf_counter() - started)
    shown = elements(drawn)
    radios = [e.radio for e in shown if e.WhichOneof("type") == "radio"]
    button = next(
        e.button for e in shown if e.WhichOneof("type") == "button" and e.button.is_form_submitter
    )
    await asyncio.sleep(thinks)
    submit = BackMsg()
    submit.rerun_script.query_string = opening.rerun_script.query_string
    submit.rerun_script.page_script_hash = drawn.page_hash
    for radio in radios:  # an option's label, as a browser sends a radio's value
        state = submit.rerun_script.widget_states.widgets.add()
        state.id, state.string_value = radio.id, random.choice(radio.options)
    state = submit.rerun_script.widget_states.widgets.add()
    state.id, state.trigger_value = button.id, True
    started = time.perf_counter()
    async with asyncio.timeout(TIMEOUT):
        done = await run_to_end(socket, submit)
    taken = time.perf_counter() - started
    titles = [e.heading.body for e in elements(done) if e.WhichOneof("type") == "heading"]
    if THANKS in titles:
        room.submitted.append(taken)
    else:
        room.failed.append(f"no thank-you: {titles}")


def set_up(url: str, voters: int, posts: int) -> tuple[int, list[str]]:
    """An appraisal of the first `posts` streets, open for the next hour, and its codes."""
    engine = make_engine(url)
    now = clock.now()
    with engine.begin() as conn:
        streets = conn.execute(
            select(org_unit.c.id).where(org_unit.c.level == "street").order_by(org_unit.c.code)
        ).scalars()
        subjects = [
            appraisal.Subject(int(s), "街道党（工）委书记", 90.0, 90.0)
            for s in list(streets)[:posts]
        ]
        root = conn.execute(select(func.min(org_unit.c.id))).scalar_one()
        appraisal_id = appraisal.create(
            conn,
            unit_id=root,
            title=f"负载测试 {now:%Y-%m-%d %H:%M}",
            meeting="benchmarks.ballots",
            subjects=subjects,
            rules=appraisal.Rules(),
            opens_at=now - timedelta(minutes=1),
            closes_at=now + timedelta(hours=1),
            by="benchmark",
            at=now,
        )
        codes = appraisal.issue_codes(
            conn, appraisal_id=appraisal_id, count=voters, by="benchmark", at=now
        )
    engine.dispose()
    return appraisal_id, codes


def stored_then_closed(url: str, appraisal_id: int) -> tuple[appraisal.Turnout, int]:
    """The turnout and the votes stored, read after the room has voted; then the vote is
    closed, so that the benchmark's appraisal takes no more ballots."""
    engine = make_engine(url)
    with engine.begin() as conn:
        turnout = appraisal.turnout(conn, appraisal_id)
        votes = conn.execute(
            select(func.count())
            .select_from(ballot_vote)
            .where(
                ballot_vote.c.subject_id.in_(
                    appraisal.subjects(conn, appraisal_id)["subject_id"].tolist()
                )
            )
        ).scalar_one()
        appraisal.close(conn, appraisal_id=appraisal_id, by="benchmark", at=clock.now())
    engine.dispose()
    return turnout, votes


async def measure(url: str, voters: int, seconds: int, posts: int, workers: int) -> str:
    appraisal_id, codes = set_up(url, voters, posts)
    room = Room(voters)
    async with app_and_browser(url, workers) as (served, browser, cookies):
        projector = await (await browser_context(browser, cookies)).new_page()
        await projector.goto(
            f"{served.base}/?present=1&play=appraisal:600&appraisal={appraisal_id}"
        )
        await projector.locator(".slide .kpi").first.wait_for(timeout=60_000)
        before = served.cpu()
        rng = random.Random(7)
        arriving = seconds - 30
        started = time.monotonic()
        phones = asyncio.gather(
            *(
                voter(served.base, code, rng.uniform(0, arriving), rng.uniform(5, 25), room)
                for code in codes
            )
        )
        await room.everyone.wait()
        elapsed = time.monotonic() - started
        # read while every phone still holds its page open
        count = projector.locator(".slide .kpi .value").first
        caught_up = f"{len(room.submitted)} / {voters}"
        await count.filter(has_text=caught_up).wait_for(timeout=10_000)
        shown = await count.inner_text()
        cpu, memory = served.cpu() - before, served.memory()
        room.closing.set()
        await phones
    turnout, votes = stored_then_closed(url, appraisal_id)
    rows = {
        "voters (codes issued)": voters,
        "ballots submitted (thank-you received)": len(room.submitted),
        "ballots stored": turnout.returned,
        "codes burnt": turnout.used,
        f"votes stored (ballots × {posts} posts)": votes,
        "failed": f"{len(room.failed)} {sorted(set(room.failed))[:3] if room.failed else ''}",
        "all submitted within (s)": f"{elapsed:.0f}",
        "open ballot p50 / p95 / max (s)": spread(room.opened),
        "submit p50 / p95 / max (s)": spread(room.submitted),
        "projector's count at the end": shown,
        "workers' CPU seconds (all voters)": f"{cpu:.1f}",
        "workers' resident memory, every phone's page open (MB)": f"{memory:.0f}",
    }
    command = (
        f"python -m benchmarks.ballots --voters {voters} --seconds {seconds} "
        f"--posts {posts} --workers {workers}"
    )
    return f"""## Ballots, {datetime.now():%Y-%m-%d %H:%M}

- Command: `{command}` (database: `{url.split("@")[-1]}`)
- Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()};
  the voters' clients and the projector's Chromium run on the same cores as the app.

| | |
|---|---:|
{chr(10).join(f"| {name} | {value} |" for name, value in rows.items())}
"""


def spread(values: list[float]) -> str:
    return " / ".join(quantile(values, q) for q in (0.5, 0.95, 1))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ballots", description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--voters", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--posts", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--output", type=Path, help="append the report to this file")
    args = parser.parse_args()
    remove = with_benchmark_user(args.database_url)
    try:
        text = asyncio.run(
            measure(args.database_url, args.voters, args.seconds, args.posts, args.workers)
        )
    finally:
        remove()
    publish(text, args.output)


if __name__ == "__main__":
    main()
