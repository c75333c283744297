"""No traceback ever reaches the screen: an error is logged and a plain message shown."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from dashboard.database import is_outage
from dashboard.queries import DataUnavailable

log = logging.getLogger("dashboard")


@contextmanager
def no_traceback(what: str) -> Iterator[None]:
    """Around a page run, and around a fragment, whose reruns skip the page's guard."""
    try:
        yield
    except Exception as error:
        if isinstance(error, DataUnavailable) or is_outage(error):
            log.warning("%s: the database cannot be reached", what, exc_info=True)
            st.warning(
                "数据库暂时无法连接，本页还没有可显示的数据；连接恢复后会自动刷新。",
                icon=":material/cloud_off:",
            )
        else:
            show_failure(what)


def show_failure(what: str) -> None:
    """Inside an `except`: log the error with its traceback, show a plain notice."""
    log.exception("%s failed", what)
    st.error("页面出现错误，已记录。请稍后重试或联系管理员。")
