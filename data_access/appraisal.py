"""述职评议 / 民主测评: secretaries appraised at a meeting, voted on phones, published on
the spot (Hunan, seeds/001).

An appraisal names the posts appraised (a unit and a role title, never a person), the
options (好 / 较好 / 一般 / 差 by default, each worth a score) and the rules: the "好"
share a post needs for 优秀 (85%) and the weights by which the vote, the verification on
site (调查核实) and the opinion survey (民意调查) make the composite score.

Voters hold one-time codes of 80 random bits, of which only the SHA-256 is kept. A code
is burnt in the transaction that stores its ballot, and nothing links the two: the code
keeps no time and the ballot no code. Every step is audited, and the result, frozen or
not, is computed from the stored ballots alone.
"""

import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

import pandas as pd
from sqlalchemy import Connection, func, insert, select, true, update

from data_access import users
from data_access.query import fetch
from data_access.schema import (
    appraisal,
    appraisal_result,
    appraisal_subject,
    ballot,
    ballot_code,
    ballot_vote,
    org_unit,
)
from data_access.scope import Scope

DEFAULT_OPTIONS = ("好", "较好", "一般", "差")
DEFAULT_SCORES = (100.0, 80.0, 60.0, 0.0)
EXCELLENT_SHARE = 0.85
# composite score bands below 优秀's; 优秀 also needs the "好" share
BANDS = ((90.0, "excellent"), (80.0, "good"), (60.0, "fair"))
GRADES = ("excellent", "good", "fair", "poor", "pending")
STATES = ("waiting", "open", "closed", "frozen")
# 32 symbols without 0/O and 1/I look-alikes: 16 of them are 80 bits
CODE_SYMBOLS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16
MAX_CODES = 2000
MAX_TITLE = 80
MAX_ROLE = 40
SEPARATOR = "|"
VOTER = "ballot"  # the audit's name for an anonymous voter
USED = "这个投票码已经投过票，每个投票码只能用一次。"
EPSILON = 1e-9  # shares and scores compared with a rule: 17/20 is 85%, whatever floats do


class AppraisalError(ValueError):
    """A set-up or a step refused, with the reason in words for the user."""


class BallotRefused(ValueError):
    """A ballot that cannot be cast; the message is for the voter."""


@dataclass(frozen=True)
class Rules:
    options: tuple[str, ...] = DEFAULT_OPTIONS
    scores: tuple[float, ...] = DEFAULT_SCORES
    excellent_share: float = EXCELLENT_SHARE
    vote_weight: float = 0.5
    verification_weight: float = 0.3
    survey_weight: float = 0.2


@dataclass(frozen=True)
class Subject:
    unit_id: int
    role_title: str
    verification_score: float | None = None
    survey_score: float | None = None


@dataclass(frozen=True)
class Appraisal:
    id: int
    unit_id: int
    unit_name: str
    title: str
    meeting: str
    rules: Rules
    opens_at: datetime
    closes_at: datetime
    closed_at: datetime | None
    frozen_at: datetime | None
    previous_id: int | None

    def state(self, now: datetime) -> str:
        """waiting (not yet open), open, closed (no more ballots) or frozen."""
        if self.frozen_at is not None:
            return "frozen"
        if self.closed_at is not None or now >= self.closes_at:
            return "closed"
        return "waiting" if now < self.opens_at else "open"


@dataclass(frozen=True)
class Ballot:
    """What a voter's code opens: the appraisal and the posts to vote on."""

    appraisal: Appraisal
    code_id: int
    subjects: pd.DataFrame  # subject_id, unit_name, role_title, in order


def _score(value: float | None) -> bool:
    """A score that may be stored: none yet, or 0-100."""
    return value is None or 0 <= value <= 100


def checked_rules(rules: Rules) -> Rules:
    """`rules` if they make sense, else AppraisalError saying what does not."""
    options = tuple(o.strip() for o in rules.options)
    if not 2 <= len(options) <= 6 or any(not o or SEPARATOR in o for o in options):
        raise AppraisalError("选项要有 2 到 6 个，每个不能为空，也不能含“|”。")
    if len(set(options)) != len(options):
        raise AppraisalError("选项不能重复。")
    if len(rules.scores) != len(options) or any(not 0 <= s <= 100 for s in rules.scores):
        raise AppraisalError("每个选项都要有一个 0 到 100 的分值。")
    if not 0 < rules.excellent_share <= 1:
        raise AppraisalError("评为优秀所需的“好”票比例应在 0 到 100% 之间。")
    weights = (rules.vote_weight, rules.verification_weight, rules.survey_weight)
    if any(w < 0 for w in weights) or rules.vote_weight <= 0:
        raise AppraisalError("权重不能为负，现场测评的权重要大于 0。")
    return replace(rules, options=options, scores=tuple(float(s) for s in rules.scores))


def create(
    conn: Connection,
    *,
    unit_id: int,
    title: str,
    meeting: str,
    subjects: Sequence[Subject],
    rules: Rules,
    opens_at: datetime,
    closes_at: datetime,
    by: str,
    at: datetime,
    previous_id: int | None = None,
) -> int:
    """A new appraisal; returns its id. Codes are issued separately (`issue_codes`)."""
    title, meeting = _text(title, "测评名称"), _text(meeting, "会议名称")
    rules = checked_rules(rules)
    if closes_at <= opens_at:
        raise AppraisalError("结束时间要晚于开始时间。")
    if not subjects:
        raise AppraisalError("请至少选择一个被测评对象。")
    seen = set()
    for number, subject in enumerate(subjects, start=1):
        role = subject.role_title.strip()
        if not role or len(role) > MAX_ROLE:
            raise AppraisalError(f"第 {number} 个测评对象：职务不能为空，不能超过 {MAX_ROLE} 字。")
        if (subject.unit_id, role) in seen:
            raise AppraisalError(f"第 {number} 个测评对象与前面的重复。")
        seen.add((subject.unit_id, role))
        if not (_score(subject.verification_score) and _score(subject.survey_score)):
            raise AppraisalError(f"第 {number} 个测评对象：核实和民调得分应在 0 到 100 之间。")
    appraisal_id = conn.execute(
        insert(appraisal)
        .values(
            unit_id=unit_id,
            title=title,
            meeting=meeting,
            **rule_columns(rules),
            opens_at=opens_at,
            closes_at=closes_at,
            previous_id=previous_id,
            created_by=by,
            created_at=at,
        )
        .returning(appraisal.c.id)
    ).scalar_one()
    conn.execute(
        insert(appraisal_subject),
        [
            {
                "appraisal_id": appraisal_id,
                "unit_id": s.unit_id,
                "role_title": s.role_title.strip(),
                "position": position,
                "verification_score": s.verification_score,
                "survey_score": s.survey_score,
            }
            for position, s in enumerate(subjects)
        ],
    )
    users.record(conn, username=by, event="appraisal_created", detail=f"#{appraisal_id}", at=at)
    return appraisal_id


def rule_columns(rules: Rules) -> dict[str, object]:
    """`rules` as the appraisal table stores them (`_load` reads them back)."""
    return {
        "options": SEPARATOR.join(rules.options),
        "option_scores": SEPARATOR.join(f"{s:g}" for s in rules.scores),
        "excellent_share": rules.excellent_share,
        "vote_weight": rules.vote_weight,
        "verification_weight": rules.verification_weight,
        "survey_weight": rules.survey_weight,
    }


def _text(value: str, name: str) -> str:
    value = value.strip()
    if not value or len(value) > MAX_TITLE:
        raise AppraisalError(f"{name}不能为空，不能超过 {MAX_TITLE} 字。")
    return value


def code_hash(code: str) -> str:
    """What is kept of a code: its SHA-256."""
    return hashlib.sha256(code.encode()).hexdigest()


def normalised(code: str) -> str:
    """A code as typed (any case, with spaces or dashes) in its stored form."""
    return "".join(c for c in code.upper() if c not in " -")


def shown(code: str) -> str:
    """A code for print: four groups of four."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def issue_codes(
    conn: Connection, *, appraisal_id: int, count: int, by: str, at: datetime
) -> list[str]:
    """`count` new one-time codes for the appraisal; they are returned once, never kept."""
    if not 1 <= count <= MAX_CODES:
        raise AppraisalError(f"一次可发放 1 到 {MAX_CODES} 个投票码。")
    codes = [
        "".join(secrets.choice(CODE_SYMBOLS) for _ in range(CODE_LENGTH)) for _ in range(count)
    ]
    conn.execute(
        insert(ballot_code),
        [{"appraisal_id": appraisal_id, "code_hash": code_hash(c), "used": False} for c in codes],
    )
    users.record(
        conn, username=by, event="ballot_codes_issued", detail=f"#{appraisal_id} ×{count}", at=at
    )
    return codes


def _load(conn: Connection, condition) -> Appraisal | None:
    row = conn.execute(
        select(appraisal, org_unit.c.name.label("unit_name"))
        .join(org_unit, org_unit.c.id == appraisal.c.unit_id)
        .where(condition)
    ).first()
    if row is None:
        return None
    rules = Rules(
        tuple(row.options.split(SEPARATOR)),
        tuple(float(s) for s in row.option_scores.split(SEPARATOR)),
        row.excellent_share,
        row.vote_weight,
        row.verification_weight,
        row.survey_weight,
    )
    return Appraisal(
        row.id,
        row.unit_id,
        row.unit_name,
        row.title,
        row.meeting,
        rules,
        row.opens_at,
        row.closes_at,
        row.closed_at,
        row.frozen_at,
        row.previous_id,
    )


def appraisal_in(conn: Connection, *, appraisal_id: int, scope: Scope) -> Appraisal | None:
    """The appraisal if its meeting's unit lies in the scope, else None."""
    return _load(conn, (appraisal.c.id == appraisal_id) & scope.covers(org_unit.c.path))


def shown_appraisal(conn: Connection, *, scope: Scope, wanted: str | None) -> Appraisal | None:
    """The appraisal a link names (`wanted`, its id) if in scope, else the newest in scope."""
    if wanted and wanted.isdigit():
        named = appraisal_in(conn, appraisal_id=int(wanted), scope=scope)
        if named is not None:
            return named
    newest = (
        select(func.max(appraisal.c.id))
        .join(org_unit, org_unit.c.id == appraisal.c.unit_id)
        .where(scope.covers(org_unit.c.path))
    )
    return _load(conn, appraisal.c.id == newest.scalar_subquery())


def appraisals(conn: Connection, *, scope: Scope) -> pd.DataFrame:
    """The appraisals of units in the scope, the newest first. Columns: appraisal_id,
    title, meeting, unit_name, opens_at, closes_at, closed_at, frozen_at."""
    return fetch(
        conn,
        select(
            appraisal.c.id.label("appraisal_id"),
            appraisal.c.title,
            appraisal.c.meeting,
            org_unit.c.name.label("unit_name"),
            appraisal.c.opens_at,
            appraisal.c.closes_at,
            appraisal.c.closed_at,
            appraisal.c.frozen_at,
        )
        .join(org_unit, org_unit.c.id == appraisal.c.unit_id)
        .where(scope.covers(org_unit.c.path))
        .order_by(appraisal.c.id.desc()),
    )


def subjects(conn: Connection, appraisal_id: int) -> pd.DataFrame:
    """The posts appraised, in order: subject_id, unit_id, unit_code, unit_name,
    role_title, verification_score, survey_score."""
    return fetch(
        conn,
        select(
            appraisal_subject.c.id.label("subject_id"),
            appraisal_subject.c.unit_id,
            org_unit.c.code.label("unit_code"),
            org_unit.c.name.label("unit_name"),
            appraisal_subject.c.role_title,
            appraisal_subject.c.verification_score,
            appraisal_subject.c.survey_score,
        )
        .join(org_unit, org_unit.c.id == appraisal_subject.c.unit_id)
        .where(appraisal_subject.c.appraisal_id == appraisal_id)
        .order_by(appraisal_subject.c.position),
    )


def set_scores(
    conn: Connection,
    *,
    found: Appraisal,
    scores: Mapping[int, tuple[float | None, float | None]],
    by: str,
    at: datetime,
) -> None:
    """Enter the verification and survey scores (subject id -> (verification, survey));
    refused once the result is frozen, or for a score outside 0-100."""
    if found.frozen_at is not None:
        raise AppraisalError("结果已经固定，得分不能再改。")
    for subject_id, pair in scores.items():
        if not all(map(_score, pair)):
            raise AppraisalError("核实和民调得分应在 0 到 100 之间。")
        conn.execute(
            update(appraisal_subject)
            .where(
                appraisal_subject.c.id == subject_id,
                appraisal_subject.c.appraisal_id == found.id,
            )
            .values(verification_score=pair[0], survey_score=pair[1])
        )
    users.record(conn, username=by, event="appraisal_scores_set", detail=f"#{found.id}", at=at)


def open_now(conn: Connection, *, appraisal_id: int, by: str, at: datetime) -> None:
    """Start the vote now, if it is still waiting."""
    started = conn.execute(
        update(appraisal)
        .where(appraisal.c.id == appraisal_id, appraisal.c.opens_at > at)
        .where(appraisal.c.closed_at.is_(None), appraisal.c.closes_at > at)
        .values(opens_at=at)
    ).rowcount
    if started:
        users.record(conn, username=by, event="appraisal_opened", detail=f"#{appraisal_id}", at=at)


def close(conn: Connection, *, appraisal_id: int, by: str, at: datetime) -> None:
    """End the vote now; no ballot is taken after this commits."""
    ended = conn.execute(
        update(appraisal)
        .where(appraisal.c.id == appraisal_id, appraisal.c.closed_at.is_(None))
        .values(closed_at=at)
    ).rowcount
    if ended:
        users.record(conn, username=by, event="appraisal_closed", detail=f"#{appraisal_id}", at=at)


def ballot_for(conn: Connection, code: str, now: datetime) -> Ballot:
    """What `code` opens, or BallotRefused saying why not."""
    code = normalised(code)
    if len(code) != CODE_LENGTH:
        raise BallotRefused("投票码应为 16 位字母和数字，请核对后重新输入。")
    row = conn.execute(
        select(ballot_code.c.id, ballot_code.c.appraisal_id, ballot_code.c.used).where(
            ballot_code.c.code_hash == code_hash(code)
        )
    ).first()
    if row is None:
        raise BallotRefused("投票码无效，请核对后重新输入。")
    if row.used:
        raise BallotRefused(USED)
    found = _load(conn, appraisal.c.id == row.appraisal_id)
    assert found is not None  # the code's foreign key
    state = found.state(now)
    if state == "waiting":
        raise BallotRefused("投票尚未开始，请等主持人宣布开始后再投。")
    if state != "open":
        raise BallotRefused("投票已经结束。")
    return Ballot(found, row.id, subjects(conn, found.id))


def cast(conn: Connection, *, code: str, choices: Mapping[int, int], now: datetime) -> None:
    """Store a ballot (`choices`: subject id -> option index) and burn its code, in the
    caller's transaction; BallotRefused if the code cannot vote or a post is unanswered."""
    opened = ballot_for(conn, code, now)
    options = opened.appraisal.rules.options
    for subject in opened.subjects.itertuples():
        choice = choices.get(subject.subject_id)
        if choice is None or not 0 <= choice < len(options):
            raise BallotRefused(f"请为“{subject.unit_name} {subject.role_title}”选择一项。")
    burnt = conn.execute(
        update(ballot_code)
        .where(ballot_code.c.id == opened.code_id, ballot_code.c.used.is_(False))
        .values(used=True)
    ).rowcount
    if burnt != 1:  # another submit of the same code got there first
        raise BallotRefused(USED)
    appraisal_id = opened.appraisal.id
    ballot_id = conn.execute(
        insert(ballot).values(appraisal_id=appraisal_id).returning(ballot.c.id)
    ).scalar_one()
    conn.execute(
        insert(ballot_vote),
        [
            {"ballot_id": ballot_id, "subject_id": s, "choice": choices[s]}
            for s in opened.subjects["subject_id"]
        ],
    )
    users.record(conn, username=VOTER, event="ballot_cast", detail=f"#{appraisal_id}", at=now)


@dataclass(frozen=True)
class Turnout:
    issued: int  # codes issued: N
    returned: int  # ballots stored: n
    used: int  # codes burnt, which must equal `returned`

    @property
    def share(self) -> float | None:
        """Ballots returned over codes issued; None before any code is issued."""
        return self.returned / self.issued if self.issued else None


def turnout(conn: Connection, appraisal_id: int) -> Turnout:
    issued, used = conn.execute(
        select(func.count(), func.count().filter(ballot_code.c.used == true())).where(
            ballot_code.c.appraisal_id == appraisal_id
        )
    ).one()
    returned = conn.execute(
        select(func.count()).where(ballot.c.appraisal_id == appraisal_id)
    ).scalar_one()
    return Turnout(issued, returned, used)


def tally(conn: Connection, found: Appraisal) -> pd.DataFrame:
    """Each post's result computed from the stored ballots, best first (see `scored`)."""
    posts = subjects(conn, found.id)
    votes = conn.execute(
        select(ballot_vote.c.subject_id, ballot_vote.c.choice, func.count())
        .join(ballot, ballot.c.id == ballot_vote.c.ballot_id)
        .where(ballot.c.appraisal_id == found.id)
        .group_by(ballot_vote.c.subject_id, ballot_vote.c.choice)
    ).all()
    counts = {s: [0] * len(found.rules.options) for s in posts["subject_id"]}
    for subject_id, choice, n in votes:
        counts[subject_id][choice] = n
    posts["counts"] = [counts[s] for s in posts["subject_id"]]
    return scored(posts, found.rules)


def scored(posts: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """`posts` (with `counts`, votes per option) with ballots, good_share, vote_score,
    composite, grade, rank and last (末位), best first.

    vote_score is the mean of the options' scores over the ballots; the composite is the
    weighted mean of vote, verification and survey scores (a part weighted 0 is left
    out; a weighted part not yet entered leaves the composite and grade pending). 优秀
    needs a composite of 90 and the "好" share; ranks go by composite, ties sharing the
    better rank; 末位 is the last rank when the posts are not all tied."""
    out = posts.copy()
    out["ballots"] = [sum(c) for c in out["counts"]]
    out["good_share"] = [c[0] / sum(c) if sum(c) else None for c in out["counts"]]
    out["vote_score"] = [
        round(sum(n * s for n, s in zip(c, rules.scores, strict=True)) / sum(c), 6)
        if sum(c)
        else None
        for c in out["counts"]
    ]
    out["composite"] = [
        _composite(rules, vote, verification, survey)
        for vote, verification, survey in zip(
            out["vote_score"], out["verification_score"], out["survey_score"], strict=True
        )
    ]
    out["grade"] = [
        _grade(rules, composite, share)
        for composite, share in zip(out["composite"], out["good_share"], strict=True)
    ]
    composite = pd.to_numeric(out["composite"])
    out["rank"] = composite.rank(ascending=False, method="min").astype("Int64")
    worst = composite.min()
    out["last"] = (composite == worst) & (composite.nunique() > 1)
    return out.sort_values(["rank", "unit_code"], na_position="last").reset_index(drop=True)


def _composite(
    rules: Rules, vote: float | None, verification: float | None, survey: float | None
) -> float | None:
    parts = (
        (rules.vote_weight, vote),
        (rules.verification_weight, verification),
        (rules.survey_weight, survey),
    )
    weighted = [(w, s) for w, s in parts if w > 0]
    known = [(w, s) for w, s in weighted if s is not None and not pd.isna(s)]
    if len(known) < len(weighted):
        return None
    return round(sum(w * s for w, s in known) / sum(w for w, _ in known), 6)


def _grade(rules: Rules, composite: float | None, good_share: float | None) -> str:
    if composite is None or pd.isna(composite) or good_share is None or pd.isna(good_share):
        return "pending"
    for floor, grade in BANDS:
        if composite >= floor - EPSILON:
            if grade == "excellent" and good_share < rules.excellent_share - EPSILON:
                continue  # "好" under the share rules out 优秀, whatever the score
            return grade
    return "poor"


def freeze(conn: Connection, *, found: Appraisal, by: str, at: datetime) -> None:
    """Keep the closed appraisal's result as published; refused while votes can come."""
    if found.state(at) != "closed":
        raise AppraisalError("投票结束后才能固定结果。")
    result = tally(conn, found)
    conn.execute(
        insert(appraisal_result),
        [
            {
                "subject_id": r.subject_id,
                "counts": SEPARATOR.join(str(n) for n in r.counts),
                "good_share": r.good_share,
                "vote_score": r.vote_score,
                "composite": r.composite,
                "grade": r.grade,
                "rank": None if pd.isna(r.rank) else int(r.rank),
                "last": bool(r.last),
            }
            for r in result.itertuples()
        ],
    )
    conn.execute(
        update(appraisal).where(appraisal.c.id == found.id).values(frozen_at=at, frozen_by=by)
    )
    users.record(conn, username=by, event="appraisal_frozen", detail=f"#{found.id}", at=at)


def frozen_result(conn: Connection, found: Appraisal) -> pd.DataFrame:
    """The result as it was frozen, in the columns of `tally`."""
    posts = subjects(conn, found.id)
    kept = fetch(
        conn,
        select(appraisal_result).where(appraisal_result.c.subject_id.in_(posts["subject_id"])),
    )
    out = posts.merge(kept, on="subject_id")
    out["counts"] = [[int(n) for n in c.split(SEPARATOR)] for c in out["counts"]]
    out["ballots"] = [sum(c) for c in out["counts"]]
    out["rank"] = out["rank"].astype("Int64")
    out["last"] = out["last"].astype(bool)
    return out.sort_values(["rank", "unit_code"], na_position="last").reset_index(drop=True)


def _published(conn: Connection, found: Appraisal) -> pd.DataFrame:
    return frozen_result(conn, found) if found.frozen_at is not None else tally(conn, found)


def result(conn: Connection, found: Appraisal) -> pd.DataFrame:
    """The frozen result if there is one, else the live tally; with previous_composite
    and previous_rank from the round it is compared with (NaN where none)."""
    current = _published(conn, found)
    before = _load(conn, appraisal.c.id == found.previous_id) if found.previous_id else None
    if before is None:
        current["previous_composite"] = None
        current["previous_rank"] = pd.array([pd.NA] * len(current), dtype="Int64")
        return current
    earlier = _published(conn, before)[["unit_id", "role_title", "composite", "rank"]]
    earlier = earlier.rename(columns={"composite": "previous_composite", "rank": "previous_rank"})
    return current.merge(earlier, on=["unit_id", "role_title"], how="left")
