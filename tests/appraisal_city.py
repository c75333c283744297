"""An appraisal of the small city's three communities (tests/small_city.py), its 20
ballots and the helpers that set it up, for the data and page tests.

The fixture's 20 ballots, with the default rules (好 100, 较好 80, 一般 60, 差 0; weights
vote 0.5, verification 0.3, survey 0.2; 优秀 needs 90 and 85% "好"):
- 东园社区 书记: 17 好 3 较好, share 85% exactly; vote (1700+240)/20 = 97;
  composite 0.5*97 + 0.3*90 + 0.2*85 = 92.5: 优秀 (85% is enough), rank 2.
- 西园社区 书记: 16 好 4 较好, share 80%; vote (1600+320)/20 = 96;
  composite 0.5*96 + 0.3*95 + 0.2*90 = 94.5: 良好 (the share rules out 优秀), rank 1.
- 南湾村 书记: 5/5/6/4, share 25%; vote (500+400+360)/20 = 63;
  composite 0.5*63 + 0.3*70 + 0.2*60 = 64.5: 一般, rank 3, 末位.
"""

from datetime import UTC, datetime, timedelta

from data_access import appraisal
from data_access.appraisal import Rules, Subject
from data_access.scope import scope_of_units

OPENS = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
DURING = OPENS + timedelta(minutes=5)
CLOSES = OPENS + timedelta(hours=1)
SUBJECTS = [
    Subject(6, "社区党委书记", verification_score=90, survey_score=85),
    Subject(7, "社区党委书记", verification_score=95, survey_score=90),
    Subject(8, "村党组织书记", verification_score=70, survey_score=60),
]
CHOICES = [
    [0] * 17 + [1] * 3,
    [0] * 16 + [1] * 4,
    [0] * 5 + [1] * 5 + [2] * 6 + [3] * 4,
]


def create(
    engine,
    *,
    unit_id: int = 1,
    previous_id: int | None = None,
    subjects=SUBJECTS,
    opens_at: datetime = OPENS,
) -> int:
    with engine.begin() as conn:
        return appraisal.create(
            conn,
            unit_id=unit_id,
            title="2026 年度村（社区）党组织书记述职评议",
            meeting="抓基层党建述职评议会",
            subjects=subjects,
            rules=Rules(),
            opens_at=opens_at,
            closes_at=opens_at + timedelta(hours=1),
            by="root",
            at=opens_at - timedelta(days=1),
            previous_id=previous_id,
        )


def issue(engine, appraisal_id: int, count: int = 20) -> list[str]:
    with engine.begin() as conn:
        return appraisal.issue_codes(
            conn, appraisal_id=appraisal_id, count=count, by="root", at=OPENS
        )


def found(engine, appraisal_id: int) -> appraisal.Appraisal:
    with engine.connect() as conn:
        loaded = appraisal.appraisal_in(
            conn, appraisal_id=appraisal_id, scope=scope_of_units(conn, [1])
        )
    assert loaded is not None
    return loaded


def subject_ids(engine, appraisal_id: int) -> list[int]:
    with engine.connect() as conn:
        return appraisal.subjects(conn, appraisal_id)["subject_id"].tolist()


def vote_all(
    engine, appraisal_id: int, codes: list[str], choices=CHOICES, now: datetime = DURING
) -> None:
    ids = subject_ids(engine, appraisal_id)
    for i, code in enumerate(codes):
        with engine.begin() as conn:
            appraisal.cast(
                conn,
                code=code,
                choices={s: choices[k][i] for k, s in enumerate(ids)},
                now=now,
            )
