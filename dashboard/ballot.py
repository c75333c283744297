"""民主测评投票: a voter's ballot on a phone, opened by a one-time code (`?ballot=<code>`,
from the printed QR code, or typed in) without an account. The run draws nothing but
the ballot: no sidebar, no page of the app, no user, no other data. The ballot is one
form, so answering costs the server nothing until it is submitted; the code is burnt
only in the transaction that stores the ballot (data_access/appraisal.py)."""

import streamlit as st

from dashboard.board import STYLE
from dashboard.database import engine
from dashboard.formatting import plain
from dashboard.guard import no_traceback
from dashboard.i18n import tr
from data_access import appraisal, clock

URL_KEY = "ballot"
CAST = "ballot_cast"  # this session stored its ballot


def show(code: str) -> None:
    """The whole run for a ballot link."""
    st.html(STYLE)
    page = st.Page(lambda: _ballot(code), title=tr("民主测评投票"), default=True)
    st.navigation([page], position="hidden").run()


def _ballot(code: str) -> None:
    with no_traceback("ballot"):
        if st.session_state.get(CAST):
            st.title(tr("投票已提交"))
            st.success(tr("您的选票已经收到，谢谢！本页可以关闭。"))
            return
        if not code:
            _ask_for_code()
            return
        try:
            with engine().connect() as conn:
                opened = appraisal.ballot_for(conn, code, clock.now())
        except appraisal.BallotRefused as why:
            st.title(tr("民主测评投票"))
            st.error(tr(str(why)))
            _ask_for_code()
            return
        _form(code, opened)


def _ask_for_code() -> None:
    with st.form("ballot_code"):
        typed = st.text_input(tr("投票码"), placeholder="XXXX-XXXX-XXXX-XXXX", key="typed_code")
        if st.form_submit_button(tr("打开选票"), type="primary"):
            st.query_params[URL_KEY] = appraisal.normalised(typed)
            st.rerun()


def _form(code: str, opened: appraisal.Ballot) -> None:
    found = opened.appraisal
    st.title(plain(found.title))
    st.caption(
        tr("{meeting} · 共 {n} 项，每项选择一个评价，全部选完后提交。").format(
            meeting=plain(found.meeting), n=len(opened.subjects)
        )
    )
    options = found.rules.options
    with st.form("ballot"):
        for number, subject in enumerate(opened.subjects.itertuples(), start=1):
            st.radio(
                f"{number}. {plain(subject.unit_name)} {plain(subject.role_title)}",
                range(len(options)),
                format_func=lambda i: plain(options[i]),
                index=None,
                horizontal=True,
                key=f"vote_{subject.subject_id}",
            )
        submitted = st.form_submit_button(tr("提交选票"), type="primary", width="stretch")
    if not submitted:
        return
    choices = {
        int(s): st.session_state[f"vote_{s}"]
        for s in opened.subjects["subject_id"]
        if st.session_state.get(f"vote_{s}") is not None
    }
    missing = [
        tr("第 {n} 项（{post}）").format(n=number, post=f"{s.unit_name} {s.role_title}")
        for number, s in enumerate(opened.subjects.itertuples(), start=1)
        if s.subject_id not in choices
    ]
    if missing:
        st.error(
            tr("还有 {n} 项没有选择：{posts}").format(
                n=len(missing), posts=plain(tr("；").join(missing))
            )
        )
        return
    try:
        with engine().begin() as conn:
            appraisal.cast(conn, code=code, choices=choices, now=clock.now())
    except appraisal.BallotRefused as why:
        st.error(tr(str(why)))
        return
    st.session_state[CAST] = True
    st.rerun()
