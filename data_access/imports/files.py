"""Reading an uploaded file into rows of text, as Chinese offices produce them:
UTF-8 with or without BOM or GBK/GB18030 CSV, or .xlsx, possibly with title rows
above the header."""

import csv
import io
from dataclasses import dataclass

import openpyxl

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000
HEADER_SEARCH_ROWS = 10  # title rows (merged cells) above the header are skipped
ENCODINGS = ("utf-8-sig", "gb18030")  # GB18030 reads GBK and GB2312 too


class FileRefused(ValueError):
    """The file as a whole cannot be read; the message says why, for the user."""


@dataclass(frozen=True)
class Sheet:
    header_row: int  # 1-based, as a spreadsheet numbers rows
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number, cells as text) below it; blank rows left out


def read_sheet(
    content: bytes, file_name: str, *, required: list[str], max_bytes: int = MAX_BYTES
) -> Sheet:
    """The header row (the first of the top rows holding every `required` header) and
    the rows below it. FileRefused when the file is empty, too big, unreadable or
    lacks a required column."""
    if not content:
        raise FileRefused("文件是空的。")
    if len(content) > max_bytes:
        raise FileRefused(f"文件大小超过上限（{_size(max_bytes)}），请拆分后分批导入。")
    name = file_name.lower()
    if name.endswith(".xlsx"):
        table = _xlsx_rows(content)
    elif name.endswith(".csv"):
        table = _csv_rows(content)
    else:
        raise FileRefused("只接受 .csv 或 .xlsx 文件（.xls 请在 Excel 中另存为 .xlsx）。")
    if not any(any(cell for cell in row) for row in table):
        raise FileRefused("文件中没有任何内容。")
    if len(table) > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise FileRefused(f"文件超过 {MAX_ROWS:,} 行，请拆分后分批导入。")
    return _with_header(table, required)


def _csv_rows(content: bytes) -> list[list[str]]:
    for encoding in ENCODINGS:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:  # UTF-16 and binary files decode to NUL-ridden text
            break
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    raise FileRefused("文件编码无法识别：请在 Excel 或 WPS 中另存为“CSV UTF-8”或 GBK 编码的 CSV。")


def _xlsx_rows(content: bytes) -> list[list[str]]:
    try:
        # data_only=False: a formula stays a formula ("=SUM(...)") and is refused later
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as why:  # openpyxl raises many kinds for a damaged or foreign file
        raise FileRefused("无法读取该 Excel 文件：请确认是 .xlsx 格式且未加密。") from why
    sheet = book.worksheets[0]
    rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and callable(value.date):  # datetime from a date cell
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _with_header(table: list[list[str]], required: list[str]) -> Sheet:
    best, best_missing = 0, required
    for i, row in enumerate(table[:HEADER_SEARCH_ROWS]):
        missing = [h for h in required if h not in row]
        if not missing:
            width = len(row)
            rows = [
                (number, (cells + [""] * width)[:width])
                for number, cells in enumerate(table[i + 1 :], start=i + 2)
                if any(cells)
            ]
            return Sheet(header_row=i + 1, headers=row, rows=rows)
        if len(missing) < len(best_missing):
            best, best_missing = i, missing
    raise FileRefused(
        f"缺少必填列：{'、'.join(best_missing)}（第 {best + 1} 行的表头中没有）。请使用下载的模板。"
    )


def _size(limit: int) -> str:
    return f"{limit // 1048576} MB" if limit >= 1048576 else f"{limit:,} 字节"
