"""述职评议: set up an appraisal of secretaries, hand out one-time ballot codes, open and
close the vote, watch the ballots come back, and publish the result on the spot: each
post's shares, composite score, grade and rank with 末位, frozen, exported and compared
with the round before. Voters use dashboard/ballot.py; the projector, the `appraisal`
slide of 观摩模式."""

from datetime import datetime, time, timedelta

import pandas as pd
import streamlit as st

from dashboard import ballot, ballot_sheet, live
from dashboard.database import engine
from dashboard.formatting import percent, plain
from dashboard.i18n import amount, tr
from dashboard.labels import APPRAISAL_GRADES, APPRAISAL_STATES
from dashboard.session import current_scope, current_user
from dashboard.tables import DECIMAL, FLAG, PERCENT, RANK_CHANGE, TEXT, show_table
from dashboard.url_state import own_address
from data_access import appraisal, clock
from data_access.appraisal import AppraisalError, Rules, Subject
from data_access.scope import Scope
from data_access.units import unit_options

URL_KEY = "appraisal"
ISSUED = "appraisal_issued"  # codes just issued: shown once, in this session only


def show() -> None:
    st.title(tr("述职评议"))
    scope = current_scope()
    with engine().connect() as conn:
        listed = appraisal.appraisals(conn, scope=scope)
    with st.expander(tr("新建测评"), expanded=listed.empty):
        _new(scope, listed)
    if listed.empty:
        st.info(tr("还没有测评。新建一个测评后，可发放投票码、开始投票并当场公布结果。"))
        return
    titles = dict(zip(listed["appraisal_id"], listed["title"], strict=True))
    wanted = st.query_params.get(URL_KEY)
    start = int(wanted) if wanted and wanted.isdigit() and int(wanted) in titles else None
    chosen = st.selectbox(
        tr("测评"),
        list(titles),
        index=list(titles).index(start) if start else 0,
        format_func=lambda i: f"#{i} {titles[i]}",
        key="appraisal_chosen",
    )
    st.query_params[URL_KEY] = str(chosen)
    with engine().connect() as conn:
        found = appraisal.appraisal_in(conn, appraisal_id=int(chosen), scope=scope)
    if found is None:  # deleted or moved out of scope since the list was read
        st.rerun()
    _status(found)
    _result(found)
    _codes(found)
    _scores(found)


def _new(scope: Scope, listed: pd.DataFrame) -> None:
    with engine().connect() as conn:
        meetings = unit_options(conn, scope=scope, levels=("city", "district", "street"))
        posts = unit_options(conn, scope=scope, levels=("district", "street", "community"))
    names = dict(zip(meetings["unit_id"], meetings["name"], strict=True))
    post_names = dict(zip(posts["unit_id"], posts["name"], strict=True))
    previous = dict(zip(listed["appraisal_id"], listed["title"], strict=True))
    now = clock.local(clock.now())
    with st.form("new_appraisal"):
        title = st.text_input(tr("测评名称"), key="new_title")
        meeting = st.text_input(tr("会议名称"), value=tr("抓基层党建工作述职评议会"))
        unit_id = st.selectbox(
            tr("组织单位"), list(names), format_func=names.__getitem__, key="new_unit"
        )
        subjects = st.multiselect(
            tr("被测评单位"), list(post_names), format_func=post_names.__getitem__, key="new_posts"
        )
        role = st.text_input(tr("被测评职务"), value=tr("党组织书记"), key="new_role")
        left, right = st.columns(2)
        options = left.text_input(
            tr("评价选项（用 | 分隔，第一个为“好”）"), value="|".join(appraisal.DEFAULT_OPTIONS)
        )
        scores = right.text_input(
            tr("各选项分值"), value="|".join(f"{s:g}" for s in appraisal.DEFAULT_SCORES)
        )
        cells = st.columns(4)
        share = cells[0].number_input(
            tr("优秀所需“好”票比例（%）"), 1.0, 100.0, appraisal.EXCELLENT_SHARE * 100, 1.0
        )
        defaults = Rules()
        weights = [
            cell.number_input(tr(label), 0.0, 1.0, value, 0.05)
            for cell, label, value in zip(
                cells[1:],
                ("现场测评权重", "调查核实权重", "民意调查权重"),
                (defaults.vote_weight, defaults.verification_weight, defaults.survey_weight),
                strict=True,
            )
        ]
        cells = st.columns(4)
        day = cells[0].date_input(tr("开始日期"), value=now.date())
        at = cells[1].time_input(tr("开始时间"), value=time(now.hour, now.minute))
        minutes = cells[2].number_input(tr("投票时长（分钟）"), 1, 24 * 60, 30)
        ballots = cells[3].number_input(tr("投票码数量"), 1, appraisal.MAX_CODES, 50)
        before = st.selectbox(
            tr("与上一轮比较"),
            [None, *previous],
            format_func=lambda i: tr("不比较") if i is None else f"#{i} {previous[i]}",
        )
        if not st.form_submit_button(tr("新建测评"), type="primary"):
            return
    opens = datetime.combine(day, at, tzinfo=clock.zone())
    try:
        rules = Rules(
            tuple(options.split("|")),
            tuple(float(s) for s in scores.split("|")),
            share / 100,
            *weights,
        )
    except ValueError:
        st.error(tr("各选项分值应为用 | 分隔的数字。"))
        return
    user, stamp = current_user().username, clock.now()
    try:
        with engine().begin() as conn:
            appraisal_id = appraisal.create(
                conn,
                unit_id=int(unit_id),
                title=title,
                meeting=meeting,
                subjects=[Subject(int(u), role) for u in subjects],
                rules=rules,
                opens_at=opens,
                closes_at=opens + timedelta(minutes=int(minutes)),
                by=user,
                at=stamp,
                previous_id=before,
            )
            codes = appraisal.issue_codes(
                conn, appraisal_id=appraisal_id, count=int(ballots), by=user, at=stamp
            )
    except AppraisalError as why:
        st.error(tr(str(why)))
        return
    st.session_state[ISSUED] = (appraisal_id, codes)
    st.query_params[URL_KEY] = str(appraisal_id)
    st.session_state.pop("appraisal_chosen", None)
    st.rerun()


def _status(found: appraisal.Appraisal) -> None:
    now = clock.now()
    state = found.state(now)
    with engine().connect() as conn:
        turnout = appraisal.turnout(conn, found.id)
    st.caption(
        tr("{meeting} · {unit} · {opens} 至 {closes} · {state}").format(
            meeting=plain(found.meeting),
            unit=plain(found.unit_name),
            opens=f"{clock.local(found.opens_at):%Y-%m-%d %H:%M}",
            closes=f"{clock.local(found.closed_at or found.closes_at):%H:%M}",
            state=tr(APPRAISAL_STATES[state]),
        )
    )
    cells = st.columns(3)
    cells[0].metric(tr("已收回选票"), f"{turnout.returned:,} / {turnout.issued:,}")
    cells[1].metric(tr("收回率"), "—" if turnout.share is None else percent(turnout.share))
    cells[2].metric(tr("状态"), tr(APPRAISAL_STATES[state]))
    row = st.container(horizontal=True)
    user = current_user().username
    if state == "waiting" and row.button(tr("现在开始投票"), type="primary"):
        with engine().begin() as conn:
            appraisal.open_now(conn, appraisal_id=found.id, by=user, at=clock.now())
        st.rerun()
    if state == "open" and row.button(tr("结束投票并公布结果"), type="primary"):
        with engine().begin() as conn:
            appraisal.close(conn, appraisal_id=found.id, by=user, at=clock.now())
        st.rerun()
    if state == "closed" and row.button(tr("固定结果")):
        with engine().begin() as conn:
            appraisal.freeze(conn, found=found, by=user, at=clock.now())
        st.rerun()
    present = f"present=1&play=appraisal:600&{URL_KEY}={found.id}"
    row.link_button(tr("在观摩模式中投屏"), own_address(present), icon=":material/slideshow:")


def _address(code: str) -> str:
    return own_address(f"{ballot.URL_KEY}={code}")


def _codes(found: appraisal.Appraisal) -> None:
    issued = st.session_state.get(ISSUED)
    if found.state(clock.now()) in ("waiting", "open"):
        with st.form("more_codes"):
            count = st.number_input(tr("追加投票码"), 1, appraisal.MAX_CODES, 10)
            if st.form_submit_button(tr("发放投票码")):
                with engine().begin() as conn:
                    codes = appraisal.issue_codes(
                        conn,
                        appraisal_id=found.id,
                        count=int(count),
                        by=current_user().username,
                        at=clock.now(),
                    )
                issued = st.session_state[ISSUED] = (found.id, codes)
    if not issued or issued[0] != found.id:
        return
    codes = issued[1]
    st.success(tr("已发放 {n} 个投票码。请现在下载或打印，它们只显示这一次：").format(n=len(codes)))
    row = st.container(horizontal=True)
    row.download_button(
        tr("下载投票码（可打印，含二维码）"),
        ballot_sheet.sheet(found.title, found.meeting, codes, _address),
        f"ballot_codes_{found.id}.html",
        "text/html",
        icon=":material/qr_code_2:",
        on_click="ignore",
    )
    row.download_button(
        tr("下载投票码 CSV"),
        ballot_sheet.table(codes, _address).to_csv(index=False).encode("utf-8-sig"),
        f"ballot_codes_{found.id}.csv",
        "text/csv",
        icon=":material/download:",
        on_click="ignore",
    )


def _scores(found: appraisal.Appraisal) -> None:
    """The other parts of the composite score, entered before the result is frozen."""
    with engine().connect() as conn:
        posts = appraisal.subjects(conn, found.id)
    st.subheader(tr("核实与民调得分"))
    rules = found.rules
    st.caption(
        tr(
            "综合得分 = 现场测评 × {vote:g} + 调查核实 × {check:g} + 民意调查 × {survey:g}"
            "（按权重之和折算）；“好”票比例低于 {share:.0%} 的不能评为优秀。"
        ).format(
            vote=rules.vote_weight,
            check=rules.verification_weight,
            survey=rules.survey_weight,
            share=rules.excellent_share,
        )
    )
    shown = pd.DataFrame(
        {
            tr("被测评对象"): posts["unit_name"] + " " + posts["role_title"],
            tr("调查核实"): posts["verification_score"],
            tr("民意调查"): posts["survey_score"],
        }
    )
    frozen = found.frozen_at is not None
    edited = st.data_editor(
        shown,
        hide_index=True,
        disabled=frozen or [tr("被测评对象")],
        column_config={
            tr("调查核实"): st.column_config.NumberColumn(min_value=0, max_value=100),
            tr("民意调查"): st.column_config.NumberColumn(min_value=0, max_value=100),
        },
        key=f"scores_{found.id}",
    )
    if frozen or not st.button(tr("保存得分")):
        return
    pairs = {
        int(s): (_score(v), _score(u))
        for s, v, u in zip(
            posts["subject_id"], edited[tr("调查核实")], edited[tr("民意调查")], strict=True
        )
    }
    try:
        with engine().begin() as conn:
            appraisal.set_scores(
                conn, found=found, scores=pairs, by=current_user().username, at=clock.now()
            )
    except AppraisalError as why:
        st.error(tr(str(why)))
        return
    st.rerun()


def _score(value) -> float | None:
    return None if pd.isna(value) else float(value)


def _result(found: appraisal.Appraisal) -> None:
    st.subheader(tr("测评结果"))
    if found.state(clock.now()) in ("waiting", "open"):
        st.info(tr("投票结束后当场公布结果。"))
        return
    with engine().connect() as conn:
        result = appraisal.result(conn, found)
    options = found.rules.options
    counts = pd.DataFrame(result["counts"].tolist(), columns=list(options))
    shown = pd.concat([result, counts.add_prefix("votes_")], axis=1).assign(
        post=result["unit_name"] + " " + result["role_title"],
        rank_text=result["rank"].map(lambda r: "—" if pd.isna(r) else str(r)),
        grade_text=result["grade"].map(APPRAISAL_GRADES).map(tr),
        change=result["previous_rank"] - result["rank"],
    )
    columns = {
        "rank_text": ("名次", TEXT),
        "post": ("被测评对象", TEXT),
        **{f"votes_{o}": (o, TEXT) for o in options},
        "good_share": ("“好”票比例", PERCENT),
        "vote_score": ("现场测评得分", DECIMAL),
        "verification_score": ("调查核实", DECIMAL),
        "survey_score": ("民意调查", DECIMAL),
        "composite": ("综合得分", DECIMAL),
        "grade_text": ("等次", TEXT),
        "last": ("末位", FLAG),
    }
    if found.previous_id is not None:
        columns["change"] = ("名次变化", RANK_CHANGE)
    for option in options:
        shown[f"votes_{option}"] = shown[f"votes_{option}"].astype(str)
    if found.frozen_at is not None:
        st.caption(
            tr("结果已于 {at} 固定。").format(at=f"{clock.local(found.frozen_at):%Y-%m-%d %H:%M}")
        )
    show_table(shown, columns, name=f"appraisal_{found.id}")
    turnout_note = amount(f"{int(result['ballots'].max() or 0):,}", "张")
    st.caption(tr("有效选票：{n}").format(n=turnout_note))


live.run_live(show, "述职评议")
