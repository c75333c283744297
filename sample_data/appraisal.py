"""述职评议 of one generated city: two quarterly rounds in which the street secretaries of
the laggard street's district report and are appraised, each round voted with 60
one-time codes (most returned), closed and frozen, the second compared with the first.
A street's votes and its verification and survey scores follow one hidden quality,
drifting a little between the rounds, so a weak street is weak in all three; the
laggard street (sample_data/work.py) is the weakest."""

from datetime import UTC, datetime, time, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Table

from data_access import appraisal, clock, schema
from sample_data.presets import DATA_END
from sample_data.structure import Ids

CODES = 60
RULES = appraisal.Rules()  # the defaults: 好/较好/一般/差, 85%, weights 0.5/0.3/0.2
ROLE = "街道（乡镇）党（工）委书记"
ROUNDS = (
    ("2026 年第三季度街道（乡镇）党（工）委书记述职评议", 84),  # days before DATA_END
    ("2026 年第四季度街道（乡镇）党（工）委书记述职评议", 0),
)
MEETING = "抓基层党建工作述职评议会"
STARTS = time(14, 30)  # local time
MINUTES = 40


def appraisal_tables(
    rng, ids: Ids, units: pd.DataFrame, laggard: int
) -> list[tuple[Table, pd.DataFrame]]:
    """(table, frame) pairs of the city's appraisals, in foreign-key order."""
    district = int(units.loc[units["id"] == laggard, "district_id"].iloc[0])
    streets = units[(units["level"] == "street") & (units["district_id"] == district)]
    streets = streets.sort_values("code")
    weakest = (streets["id"] == laggard).to_numpy()
    quality = rng.uniform(0.6, 0.9, len(streets))
    frames: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
    previous = None
    for title, days_before in ROUNDS:
        (appraisal_id,) = ids.take("appraisal", 1)
        opens = datetime.combine(DATA_END - timedelta(days=days_before), STARTS, clock.zone())
        closes = opens + timedelta(minutes=MINUTES)
        frames["appraisal"].append(
            pd.DataFrame(
                [
                    {
                        "id": appraisal_id,
                        "unit_id": district,
                        "title": title,
                        "meeting": MEETING,
                        **appraisal.rule_columns(RULES),
                        "opens_at": _utc(opens),
                        "closes_at": _utc(closes),
                        "frozen_at": _utc(closes + timedelta(minutes=3)),
                        "frozen_by": "示例管理员",
                        "previous_id": previous,
                        "created_by": "示例管理员",
                        "created_at": _utc(opens - timedelta(days=3)),
                    }
                ]
            )
        )
        quality = np.clip(quality + rng.normal(0, 0.04, len(quality)), 0.55, 0.93)
        quality[weakest] = 0.45
        _round(rng, ids, int(appraisal_id), streets, quality, frames)
        previous = int(appraisal_id)
    return [(table, pd.concat(frames[name], ignore_index=True)) for name, table in TABLES.items()]


TABLES = {
    table.name: table
    for table in (
        schema.appraisal,
        schema.appraisal_subject,
        schema.ballot_code,
        schema.ballot,
        schema.ballot_vote,
        schema.appraisal_result,
    )
}


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _round(rng, ids: Ids, appraisal_id: int, streets, quality, frames) -> None:
    subject_ids = ids.take("subject", len(streets))
    subjects = pd.DataFrame(
        {
            "id": subject_ids,
            "appraisal_id": appraisal_id,
            "unit_id": streets["id"].to_numpy(),
            "role_title": ROLE,
            "position": range(len(streets)),
            "verification_score": (60 + 35 * quality + rng.normal(0, 2, len(quality))).round(1),
            "survey_score": (55 + 40 * quality + rng.normal(0, 3, len(quality))).round(1),
        }
    )
    returned = int(rng.integers(CODES - 6, CODES + 1))
    codes = ["".join(rng.choice(list(appraisal.CODE_SYMBOLS), 16)) for _ in range(CODES)]
    ballot_ids = ids.take("ballot", returned)
    # 好, 较好, 一般, 差 with 好 as likely as the street's quality
    odds = np.column_stack([quality, (1 - quality) * 0.6, (1 - quality) * 0.3, (1 - quality) * 0.1])
    choices = np.array([rng.choice(4, size=returned, p=p) for p in odds])  # street x ballot
    frames["appraisal_subject"].append(subjects)
    frames["ballot_code"].append(
        pd.DataFrame(
            {
                "id": ids.take("code", CODES),
                "appraisal_id": appraisal_id,
                "code_hash": [appraisal.code_hash(c) for c in codes],
                "used": [i < returned for i in range(CODES)],
            }
        )
    )
    frames["ballot"].append(pd.DataFrame({"id": ballot_ids, "appraisal_id": appraisal_id}))
    frames["ballot_vote"].append(
        pd.DataFrame(
            {
                "ballot_id": np.tile(ballot_ids, len(streets)),
                "subject_id": np.repeat(subject_ids, returned),
                "choice": choices.ravel(),
            }
        )
    )
    posts = subjects.rename(columns={"id": "subject_id"}).assign(
        unit_code=streets["code"].to_numpy(),
        counts=[np.bincount(row, minlength=4).tolist() for row in choices],
    )
    result = appraisal.scored(posts, RULES)
    frames["appraisal_result"].append(
        result.assign(
            counts=[appraisal.SEPARATOR.join(map(str, c)) for c in result["counts"]],
            rank=result["rank"].astype(int),
        )[[c.name for c in schema.appraisal_result.c]]
    )
