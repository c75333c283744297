"""The English switch: `?lang=en`, or 中文/English in the sidebar, shows the pages' titles,
headings, metric labels and units, indicator names, table headers and the sign-in form in
English. Chinese is the default and the source: a text is written in Chinese in the code
and `tr` looks up its English (dashboard/english.py); one without an entry stays Chinese."""

from datetime import date

import streamlit as st

from dashboard.english import EN

URL_KEY = "lang"
# Kept apart from the switch's own key: Streamlit drops a widget's state on a run that
# does not draw it (观摩模式 has no sidebar), and the language must outlive that.
LANGUAGE_KEY = "language"
SWITCH_KEY = "language_switch"
LANGUAGES = {"zh": "中文", "en": "English"}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def seed_language() -> None:
    """Before anything is drawn: the language from the URL, once per session."""
    if LANGUAGE_KEY not in st.session_state:
        st.session_state[LANGUAGE_KEY] = "en" if st.query_params.get(URL_KEY) == "en" else "zh"


def english() -> bool:
    return st.session_state.get(LANGUAGE_KEY) == "en"


def tr(text: str) -> str:
    """`text` (Chinese) in the chosen language. A label with its unit or note in brackets
    ('覆盖率（%）') with no entry of its own is put together from its two parts."""
    if not english():
        return text
    if text in EN:
        return EN[text]
    label, bracket, note = text.partition("（")
    if bracket and note.endswith("）"):
        shown = tr(note.removesuffix("）"))
        return with_unit(tr(label), shown) if shown else tr(label)
    return text


def with_unit(label: str, unit: str) -> str:
    """A label already in the chosen language with its unit: '覆盖率（%）' / 'Coverage (%)'."""
    return f"{label} ({unit})" if english() else f"{label}（{unit}）"


def month_label(month: str) -> str:
    """'2026-03' as '2026年3月', or 'Mar 2026' in English."""
    year, number = int(month[:4]), int(month[5:7])
    return f"{MONTHS[number - 1]} {year}" if english() else f"{year}年{number}月"


def day_label(day: date) -> str:
    """A day as '2026年3月31日', or '31 Mar 2026' in English."""
    if english():
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


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
