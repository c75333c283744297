"""python -m sample_data [--preset demo|city|province] [--database-url URL]

Migrates the database, fills it with a preset's sample data and builds its summaries.
"""

import argparse
import logging
import time

from data_access.engine import make_engine
from data_access.migrate import upgrade_to_head
from data_access.summary.build import build
from sample_data.populate import populate
from sample_data.presets import PRESETS


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m sample_data", description=__doc__)
    parser.add_argument("--preset", choices=sorted(PRESETS), default="demo")
    parser.add_argument("--database-url", help="default: DATABASE_URL, or the embedded SQLite file")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    engine = make_engine(args.database_url)
    started = time.perf_counter()
    upgrade_to_head(engine)
    populate(engine, args.preset)
    facts = time.perf_counter() - started
    build(engine)
    total = time.perf_counter() - started
    print(
        f"{args.preset}: built in {total:.1f} s ({facts:.1f} s facts, {total - facts:.1f} s "
        f"summaries) at {engine.url!r}"
    )


if __name__ == "__main__":
    main()
