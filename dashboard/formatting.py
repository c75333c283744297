"""Numbers as a leader reads them: percentages, counts, and what is missing said in words."""

import math

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
