"""Numbers as a leader reads them: percentages, counts, and what is missing said in words;
and names shown as they are written."""

import math
import re
from collections.abc import Iterable

NOT_EXPECTED = "不适用"


def percent(value: float) -> str:
    return NOT_EXPECTED if value is None or math.isnan(value) else f"{value:.1%}"


def number(value: float, digits: int = 0) -> str:
    return NOT_EXPECTED if value is None or math.isnan(value) else f"{value:,.{digits}f}"


def point_change(now: float, before: float) -> str | None:
    """'+2.3 个百分点' style delta for st.metric; None when either side is missing."""
    if any(v is None or math.isnan(v) for v in (now, before)):
        return None
    return f"{(now - before) * 100:+.1f} 个百分点"


# Every ASCII punctuation character: CommonMark lets a backslash escape any of them, and
# they are all the syntax there is (emphasis, links, images, autolinks, code, HTML and
# entities, tables, strikethrough, headings and lists, and Streamlit's :directive[...]
# and $LaTeX$).
_SYNTAX = re.compile(r"([!-/:-@\[-`{-~])")
# Streamlit, and the GFM autolink step before it, also rewrite text after it is parsed,
# where escapes no longer count: "http://", "www." and "a@b.cn" become links,
# ":material_icon:", ":streamlit:" and emoji shortcodes become pictures, "->", "<-",
# "--", ">=", "<=", "~=" become symbols. An invisible word joiner breaks those sequences.
_REWRITTEN = re.compile(r"(?<=[:@])(?=\S)|(?<=www)(?=\.)|(?<=[<>~-])(?=[>=-])", re.IGNORECASE)
WORD_JOINER = "\u2060"


def plain(text: object) -> str:
    """`text` for a markdown element (st.markdown, st.caption, st.info/warning/error/
    success, headings, and the labels of metrics, expanders, tabs, buttons, radio
    options, help): shown literally, character for character. Use it on every name and
    message that comes from users, imports or the URL. Not for what shows text as it is
    (selectbox and multiselect options, st.text, tables, st.html): the backslashes
    would show there. (Checked in Streamlit 1.67's frontend.)"""
    return _SYNTAX.sub(r"\\\1", _REWRITTEN.sub(WORD_JOINER, str(text)))


def name_list(names: Iterable[object]) -> str:
    """'甲区、乙区' for a markdown element, each name shown as written."""
    return "、".join(map(plain, names))
