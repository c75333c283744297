"""The English switch: `?lang=en`, or 中文/English in the sidebar, shows the pages' titles,
headings, metric labels and units, indicator names, table headers and the sign-in form in
English. Chinese is the default and the source: a text is written in Chinese in the code
and `tr` looks up its English (dashboard/english.py); one without an entry stays Chinese."""

import streamlit as st

from dashboard.english import EN

URL_KEY = "lang"
# Kept apart from the switch's own key: Streamlit drops a widget's state on a run that
# does not draw it (观摩模式 has no sidebar), and the language must outlive that.
LANGUAGE_KEY = "language"
SWITCH_KEY = "language_switch"
LANGUAGES = {"zh": "中文", "en": "English"}


def seed_language() -> None:
    """Before anything is drawn: the language from the URL, once per session."""
    if LANGUAGE_KEY not in st.session_state:
        st.session_state[LANGUAGE_KEY] = "en" if st.query_params.get(URL_KEY) == "en" else "zh"


def english() -> bool:
    return st.session_state.get(LANGUAGE_KEY) == "en"


def tr(text: str) -> str:
    """`text` (Chinese) in the chosen language."""
    return EN.get(text, text) if english() else text


def amount(value: str, unit: str) -> str:
    """A formatted count and its unit ('4 人' / '4'): English counts need no measure word."""
    shown = tr(unit)
    return f"{value} {shown}" if shown else value


def language_switch() -> None:
    """The sidebar's 中文/English, kept in the URL (`lang=en`; Chinese leaves no parameter)."""
    st.session_state[SWITCH_KEY] = st.session_state[LANGUAGE_KEY]
    st.sidebar.segmented_control(
        tr("语言"),
        list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        required=True,
        key=SWITCH_KEY,
        on_change=_switched,
    )
    if english():
        st.query_params[URL_KEY] = "en"
    elif URL_KEY in st.query_params:
        del st.query_params[URL_KEY]


def _switched() -> None:
    st.session_state[LANGUAGE_KEY] = st.session_state[SWITCH_KEY]
