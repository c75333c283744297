"""Reading one cell by the kind of its column. A cell that cannot be read raises
CellError with the reason, in words for the user."""

import re
from datetime import date

from data_access import clock
from data_access.export import FORMULA_STARTS

# a plain number (-2, +3.5, 1,000, 1e3) is no formula, whatever sign it starts with
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*)?\.?\d+(?:[eE][+-]?\d+)?")
# characters that are not seen but change what is: controls (C0, DEL, C1: line breaks,
# tabs, escapes...), the line and paragraph separators, and the bidirectional marks,
# embeddings, overrides and isolates (U+202E shows "abc" as "cba")
HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
HIDDEN_NAMES = {
    "\n": "换行符",
    "\r": "回车符",
    "\t": "制表符",
    "\u2028": "行分隔符",
    "\u2029": "段落分隔符",
}
DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]0{1,2}:00(?::00)?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
EARLIEST = date(2000, 1, 1)


class CellError(ValueError):
    pass


def refuse_formula(text: str) -> None:
    """Every cell read: one holding hidden characters, or that a spreadsheet would run as
    a formula (it starts as the export guard's FORMULA_STARTS, and is no plain number), is
    refused, not stored."""
    refuse_hidden(text)
    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text):
        raise _formula(text)


def refuse_hidden(text: str) -> None:
    """Text holding a HIDDEN character is refused, naming it (the text is not quoted:
    shown, it would hide the character again)."""
    if found := HIDDEN.search(text):
        char = found.group()
        kind = "文字方向控制符" if ord(char) > 0x9F else "控制字符"
        name = HIDDEN_NAMES.get(char, f"{kind} U+{ord(char):04X}")
        raise CellError(f"第 {found.start() + 1} 个字符是看不见的{name}，请删除后重新导入")


def _formula(text: str) -> CellError:
    starts = "、".join(HIDDEN_NAMES.get(c, c) for c in FORMULA_STARTS)
    return CellError(
        f"“{text[:20]}”以 {HIDDEN_NAMES.get(text[0], text[0])} 开头，疑似公式"
        f"（以 {starts} 开头的文字会被表格软件当作公式）；请改为纯文本或数值"
    )


def code(text: str) -> str:
    if len(text) > 40 or not re.fullmatch(r"[0-9A-Za-z_.\-]+", text):
        raise CellError(f"编码“{text[:20]}”只能由字母、数字和 _ . - 组成，最长 40 位")
    return text


def title(text: str, *, longest: int = 200) -> str:
    """A name or title, shown as written: no hidden characters, and no formula start even
    where the rest is a number ("-2" is a number, not a name)."""
    refuse_hidden(text)
    if text.startswith(FORMULA_STARTS):
        raise _formula(text)
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
    value = _date(text)
    if not EARLIEST <= value <= clock.today():
        raise CellError(f"日期 {value} 不在 {EARLIEST} 至今天之间")
    return value


def deadline(text: str) -> date:
    """A day written as for `day`, which may lie ahead: up to five years from today."""
    value = _date(text)
    latest = clock.today().replace(year=clock.today().year + 5, day=1)
    if not EARLIEST <= value <= latest:
        raise CellError(f"日期 {value} 不在 {EARLIEST} 至 {latest} 之间")
    return value


def _date(text: str) -> date:
    for pattern in DATE_PATTERNS:
        if found := pattern.match(text):
            try:
                return date(*(int(part) for part in found.groups()))
            except ValueError:
                break
    raise CellError(f"“{text[:20]}”不是有效日期，应写作 2026-03-05 或 2026年3月5日")


def month(text: str) -> str:
    """2026-03, 2026/3 or 2026年3月, stored as '2026-03'."""
    found = re.fullmatch(r"(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*月?", text)
    if not found or not 1 <= int(found[2]) <= 12:
        raise CellError(f"“{text[:20]}”不是有效月份，应写作 2026-03 或 2026年3月")
    return f"{int(found[1]):04d}-{int(found[2]):02d}"


def measure(text: str) -> float:
    """A target or progress value: any number not below 0."""
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise CellError(f"“{text[:20]}”不是数值") from None
    if not 0 <= value < 1e12:
        raise CellError(f"{text} 应为不小于 0 的数值")
    return value


def whole_number(text: str, *, high: int, low: int = 0) -> int:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise CellError(f"“{text[:20]}”不是整数") from None
    if not value.is_integer() or not low <= value <= high:
        raise CellError(f"{text} 应为 {low} 至 {high:,} 之间的整数")
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
