"""Summaries roll over with the data's last day: a new day's keys are built once, even
by two processes at once, and nothing built before is built again."""

import logging
import threading
from collections import Counter
from datetime import UTC, date, datetime

from sqlalchemy import select

from data_access import clock
from data_access.dataset import advance_data_end
from data_access.schema import summary_built
from data_access.summary.build import build, catalogue
from data_access.summary.read import day_key

NEW_DAY = date(2026, 5, 1)  # the small city's data ends on 2026-04-30


def built(engine) -> dict:
    with engine.connect() as conn:
        return dict(conn.execute(select(summary_built.c.key, summary_built.c.built_at)).all())


def test_two_builders_at_once_build_each_new_key_once(summarised_city, monkeypatch, caplog):
    caplog.set_level(logging.INFO, logger="data_access.summary.build")
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 5, 1, 1, tzinfo=UTC))
    with summarised_city.begin() as conn:
        advance_data_end(conn, NEW_DAY)
    before = built(summarised_city)
    new = set(catalogue(NEW_DAY)) - set(before)
    assert day_key(NEW_DAY) in new

    both_ready = threading.Barrier(2)
    failures: list[BaseException] = []

    def builder() -> None:
        both_ready.wait()
        try:
            build(summarised_city)
        except BaseException as failure:  # what a second replica would have met
            failures.append(failure)

    builders = [threading.Thread(target=builder) for _ in range(2)]
    for thread in builders:
        thread.start()
    for thread in builders:
        thread.join()
    assert failures == []
    builds = Counter(r.args[0] for r in caplog.records if r.msg == "summary %s built" and r.args)
    assert builds == dict.fromkeys(new, 1)
    after = built(summarised_city)
    assert set(after) == set(before) | new
    assert {key: after[key] for key in before} == before  # nothing rebuilt
