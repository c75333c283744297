"""Numbers as a leader reads them: percentages, counts, and what is missing said in words;
and names shown as they are written."""

import math
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

NOT_EXPECTED = "不适用"
NO_CHANGE = "—"


def missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def half_up(value: float, digits: int = 0, *, scale: int = 1) -> Decimal:
    """`value` times `scale`, rounded half away from zero at `digits` decimals (四舍五入,
    as Chinese statistics round): 462.5 -> 463 and 0.0625 x 100 -> 6.3, where Python's
    round() and format() give 462 and 6.2 (half to even). The value is read as it is
    written (its repr), so 2.675 -> 2.68, not the 2.67 of its binary neighbour."""
    exact = Decimal(repr(float(value))) * scale
    # + 0: a negative value that rounds to zero is 0, not -0
    return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP) + 0


def rounded(value: float, digits: int = 0, *, scale: int = 1) -> float:
    """half_up() as a float, for a table or a file that still sorts and computes."""
    return float("nan") if missing(value) else float(half_up(value, digits, scale=scale))


def percent(value: float, digits: int = 1) -> str:
    """0.0625 -> '6.3%'."""
    return NOT_EXPECTED if missing(value) else f"{half_up(value, digits, scale=100):,f}%"


def number(value: float, digits: int = 0) -> str:
    """24614.5 -> '24,614.5' with digits=1; 462.5 -> '463'."""
    return NOT_EXPECTED if missing(value) else f"{half_up(value, digits):,f}"


def flag(value: object) -> str:
    return "是" if value is True or value == 1 else "否"


def rank_change(change: float) -> str:
    """Places moved up (+) or down (-) since the previous period: '▲2', '▼1', '—'."""
    if missing(change) or change == 0:
        return NO_CHANGE
    return f"{'▲' if change > 0 else '▼'}{abs(int(change))}"


def point_change(now: float, before: float, unit: str = "个百分点") -> str | None:
    """'+2.3 个百分点' style delta for st.metric; None when either side is missing."""
    if missing(now) or missing(before):
        return None
    change = half_up(now - before, 1, scale=100)
    return f"{'+' if change >= 0 else ''}{change:f} {unit}"


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
