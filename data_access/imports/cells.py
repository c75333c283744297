"""Reading one cell by the kind of its column. A cell that cannot be read raises
CellError with the reason, in words for the user."""

import re
from datetime import date

from data_access import clock

FORMULA = re.compile(r"^[=+@]|^-[^\d.]")
DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]0{1,2}:00(?::00)?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
EARLIEST = date(2000, 1, 1)


class CellError(ValueError):
    pass


def refuse_formula(text: str) -> None:
    """Cells that a spreadsheet would run as a formula are refused, not stored."""
    if FORMULA.match(text):
        raise CellError(f"“{text[:20]}”以 = + - @ 开头，疑似公式；请改为纯文本或数值")


def code(text: str) -> str:
    if len(text) > 40 or not re.fullmatch(r"[0-9A-Za-z_.\-]+", text):
        raise CellError(f"编码“{text[:20]}”只能由字母、数字和 _ . - 组成，最长 40 位")
    return text


def title(text: str, *, longest: int = 200) -> str:
    if len(text) > longest:
        raise CellError(f"超过 {longest} 字（{len(text)} 字）")
    return text


def yes_no(text: str) -> bool:
    if text in ("是", "Y", "y", "1", "在职"):
        return True
    if text in ("否", "N", "n", "0", "不在职", "离退休"):
        return False
    raise CellError(f"“{text[:20]}”应填 是 或 否")


def day(text: str) -> date:
    """2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日 or 20260305; between 2000 and today."""
    for pattern in DATE_PATTERNS:
        if found := pattern.match(text):
            try:
                value = date(*(int(part) for part in found.groups()))
            except ValueError:
                break
            if not EARLIEST <= value <= clock.today():
                raise CellError(f"日期 {value} 不在 {EARLIEST} 至今天之间")
            return value
    raise CellError(f"“{text[:20]}”不是有效日期，应写作 2026-03-05 或 2026年3月5日")


def whole_number(text: str, *, high: int) -> int:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise CellError(f"“{text[:20]}”不是整数") from None
    if not value.is_integer() or not 0 <= value <= high:
        raise CellError(f"{text} 应为 0 至 {high:,} 之间的整数")
    return int(value)


def hours(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise CellError(f"“{text[:20]}”不是数值") from None
    if not 0 < value <= 24:
        raise CellError(f"时长 {text} 应大于 0 且不超过 24 小时")
    return value


def choice(text: str, labels: dict[str, str]) -> str:
    """A coded value, written as its Chinese name or its code."""
    for value, label in labels.items():
        if text in (label, value):
            return value
    raise CellError(f"“{text[:20]}”不是可选值（{'、'.join(labels.values())}）")
