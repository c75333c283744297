"""Widget values mirrored in the URL, so a copied link reproduces the view.

A widget's first value comes from the URL when the URL names a valid one;
every run writes the current value back. Done here rather than with
`bind="query-params"`, which ignores parameters that arrive before the
widget first exists (the login form runs first).
"""

from collections.abc import Sequence
from urllib.parse import urlsplit

import streamlit as st


def seed(key: str, options: Sequence[str], default: str) -> None:
    """Before drawing a single-choice widget: start from the URL's value if it is an option.
    The value is written on every run (see `_assert`)."""
    wanted = st.query_params.get(key)
    start = wanted if wanted is not None and wanted in options else default
    value = st.session_state.get(key, start)
    _assert(key, value if value in options else start)


def seed_many(key: str, options: Sequence[str]) -> None:
    """Before drawing a multiselect: start from the URL's comma-separated values."""
    if key not in st.session_state:
        wanted = st.query_params.get(key, "")
        st.session_state[key] = [v for v in wanted.split(",") if v in options]
    _assert(key, st.session_state[key])


def _assert(key: str, value: str | list[str]) -> None:
    """Write the widget's value through Session State on every run, not only the first: a
    value written so is sent with the widget, and the browser shows it. Sent only once, it
    was lost when that run was cut short (the login cookie's component reruns the app), and
    the browser then showed the widget's first option while the app used the value."""
    st.session_state[key] = value


def mirror(key: str, value: str | list[str]) -> None:
    """Write the widget's value into the URL (a list as comma-separated values)."""
    text = ",".join(value) if isinstance(value, list) else value
    if text:
        st.query_params[key] = text
    elif key in st.query_params:
        del st.query_params[key]


def choice(widget, label: str, options: Sequence[str], *, key: str, default: str, **kwargs) -> str:
    """Draw a single-choice `widget` (a selectbox, a segmented control...) bound to the URL."""
    seed(key, options, default)
    value = widget(label, options, key=key, **kwargs)
    mirror(key, value)
    return value


def choices(widget, label: str, options: Sequence[str], *, key: str, **kwargs) -> list[str]:
    """Draw a multiselect `widget` bound to the URL."""
    seed_many(key, options)
    value = widget(label, options, key=key, **kwargs)
    mirror(key, value)
    return value


def own_address(query: str) -> str:
    """This app's address at its own origin (as the browser reached it) with `query`."""
    address = urlsplit(st.context.url or "")
    origin = f"{address.scheme}://{address.netloc}" if address.netloc else ""
    return f"{origin}/?{query}"
