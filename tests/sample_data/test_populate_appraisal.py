"""述职评议 in the generated data, on the tiny preset of test_populate.py, both backends:
two frozen rounds in the weakest district, each result what the stored ballots give."""

import pandas as pd

from data_access import appraisal, clock
from data_access.scope import EVERYTHING
from sample_data.appraisal import CODES, ROLE
from sample_data.populate import populate
from tests.sample_data.test_populate import TINY
from tests.sample_data.test_populate_work import LAGGARD


def test_two_frozen_rounds_whose_results_the_ballots_reproduce(empty_engine):
    populate(empty_engine, TINY)
    with empty_engine.connect() as conn:
        listed = appraisal.appraisals(conn, scope=EVERYTHING)
        latest, first = (
            appraisal.appraisal_in(conn, appraisal_id=int(i), scope=EVERYTHING)
            for i in listed["appraisal_id"]
        )
        kept = appraisal.result(conn, latest)
        again = appraisal.tally(conn, latest)
        turnouts = [appraisal.turnout(conn, found.id) for found in (first, latest)]
    assert latest.previous_id == first.id and first.previous_id is None
    assert {latest.state(clock.now()), first.state(clock.now())} == {"frozen"}
    columns = ["subject_id", "counts", "good_share", "vote_score", "composite", "grade", "rank"]
    pd.testing.assert_frame_equal(kept[columns], again[columns], check_dtype=False)
    assert set(kept["role_title"]) == {ROLE}
    assert all(t.issued == CODES and t.used == t.returned <= CODES for t in turnouts)
    assert kept["ballots"].nunique() == 1 and kept["ballots"].iloc[0] == turnouts[1].returned
    # the laggard street of the work data is last here too
    assert kept.loc[kept["last"], "unit_code"].tolist() == [LAGGARD[0]]
    assert kept["previous_rank"].notna().all()
