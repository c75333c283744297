"""No traceback ever reaches the screen: an error is logged and a plain message shown."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

log = logging.getLogger("dashboard")


@contextmanager
def no_traceback(what: str) -> Iterator[None]:
    """Around a page run, and around a fragment, whose reruns skip the page's guard."""
    try:
        yield
    except Exception:
        log.exception("%s failed", what)
        st.error("页面出现错误，已记录。请稍后重试或联系管理员。")
