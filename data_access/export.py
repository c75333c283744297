"""Tables as CSV and Excel files, safe to open in a spreadsheet."""

import io
import re

import pandas as pd

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Where a line starts inside a cell: a reader that splits rows at a bare CR or LF (even
# inside quotes) starts a new cell there.
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


def _neutralised(value: str) -> str:
    """An apostrophe before the cell and before every line in it that starts a formula."""
    head, *rest = _LINE_BREAK.split(value)  # text, then (break, text) pairs
    parts = [f"'{head}" if value.startswith(FORMULA_STARTS) else head]
    for i, part in enumerate(rest):
        parts.append(f"'{part}" if i % 2 and part.startswith(FORMULA_STARTS) else part)
    return "".join(parts)


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as formulas get a leading apostrophe,
    and so does every line inside a cell that would."""
    out = frame.copy()
    for name in out.columns:
        if out[name].dtype == object or pd.api.types.is_string_dtype(out[name]):
            out[name] = out[name].map(lambda v: _neutralised(v) if isinstance(v, str) else v)
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel on Chinese Windows shows the headers right.

    Rows end in CRLF (RFC 4180). That also quotes every cell holding a CR or an LF: the
    csv module quotes only the characters of its line terminator (Python 3.11), and
    pandas' default terminator, "\\n", left a bare CR unquoted, a row break to some readers.
    """
    data = neutralise_formulas(frame).to_csv(index=False, lineterminator="\r\n")
    return data.encode("utf-8-sig")


def excel_bytes(frame: pd.DataFrame, *, sheet: str = "数据") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise_formulas(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()
