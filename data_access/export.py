"""Tables as CSV and Excel files, safe to open in a spreadsheet."""

import io

import pandas as pd

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as formulas get a leading apostrophe."""
    out = frame.copy()
    for name in out.columns:
        if out[name].dtype == object or pd.api.types.is_string_dtype(out[name]):
            out[name] = out[name].map(
                lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
            )
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel on Chinese Windows shows the headers right."""
    return neutralise_formulas(frame).to_csv(index=False).encode("utf-8-sig")


def excel_bytes(frame: pd.DataFrame, *, sheet: str = "数据") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise_formulas(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()
