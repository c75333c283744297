"""Reading an uploaded file into rows of text, as Chinese offices produce them:
UTF-8 with or without BOM or GBK/GB18030 CSV, or .xlsx, possibly with title rows
above the header.

Rows are read one at a time and reading stops at the first limit a file passes, so what
a file costs is bounded by the limits, not by what it says of itself or unpacks to. An
.xlsx is checked before openpyxl parses it (its unpacked size, the rows and cells of the
sheets it would parse, its shared strings), and its sheet is read to the last row
whatever its `<dimension>` tag claims (a stale tag made openpyxl drop rows silently).
"""

import csv
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import get_column_letter
from openpyxl.xml.constants import SHARED_STRINGS

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000  # rows below the header, blank ones included
HEADER_SEARCH_ROWS = 10  # title rows (merged cells) above the header are skipped
# the longest text stored is 200 characters (事项名称); columns the import does not read
# (备注, ...) keep room for notes
MAX_CELL_CHARS = 10_000
# an .xlsx unpacked: a full 10 MB file of 100,000 rows stays well below
MAX_UNPACKED = 200 * 1024 * 1024
MAX_COLUMNS = 16_384  # Excel's own limit: a row with more cells is no spreadsheet's
MAX_SHARED_STRINGS = 5 * MAX_ROWS  # five different texts a row, for the whole workbook
ENCODINGS = ("utf-8-sig", "gb18030")  # GB18030 reads GBK and GB2312 too
UNREADABLE = "无法读取该 Excel 文件：请确认是 .xlsx 格式且未加密。"
# Python's csv module stops at a field of 131,072 characters by default, with an error
# that names neither row nor column: let it read any cell a file can hold (the setting is
# the process's, raised once here), and refuse one over MAX_CELL_CHARS by name instead
csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))
TOO_MANY_ROWS = f"文件表头以下超过 {MAX_ROWS:,} 行，请拆分后分批导入。"


class FileRefused(ValueError):
    """The file as a whole cannot be read; the message says why, for the user."""


@dataclass(frozen=True)
class Sheet:
    header_row: int  # 1-based, as a spreadsheet numbers rows
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number, cells as text) below it; blank rows left out


# the rows after the first HEADER_SEARCH_ROWS, given how many columns the header has
Rest = Callable[[int], Iterator[list[str]]]


def read_sheet(
    content: bytes, file_name: str, *, required: list[str], max_bytes: int = MAX_BYTES
) -> Sheet:
    """The header row (the first of the top rows holding every `required` header) and
    the rows below it. FileRefused when the file is empty, too big, unreadable, lacks a
    required column or names one twice, has too many rows or a cell too long."""
    if not content:
        raise FileRefused("文件是空的。")
    if len(content) > max_bytes:
        raise FileRefused(f"文件大小超过上限（{_size(max_bytes)}），请拆分后分批导入。")
    name = file_name.lower()
    if name.endswith(".xlsx"):
        table = _xlsx_table(content)
    elif name.endswith(".csv"):
        table = _csv_table(content)
    else:
        raise FileRefused("只接受 .csv 或 .xlsx 文件（.xls 请在 Excel 中另存为 .xlsx）。")
    with table as (head, rest):
        return _with_header(head, rest, required)


@contextmanager
def _csv_table(content: bytes) -> Iterator[tuple[list[list[str]], Rest]]:
    text = _decoded(content)
    reader = csv.reader(io.StringIO(text, newline=""))

    def rows() -> Iterator[list[str]]:
        try:
            for row in reader:
                yield [cell.strip() for cell in row]
        except csv.Error as why:
            raise FileRefused(
                f"CSV 格式有误（第 {reader.line_num} 行附近：{why}），"
                "请在 Excel 或 WPS 中另存为 CSV 后重新上传。"
            ) from why

    lines = rows()
    yield list(itertools.islice(lines, HEADER_SEARCH_ROWS)), lambda width: lines


def _decoded(content: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:  # UTF-16 and binary files decode to NUL-ridden text
            break
        return text
    raise FileRefused("文件编码无法识别：请在 Excel 或 WPS 中另存为“CSV UTF-8”或 GBK 编码的 CSV。")


@contextmanager
def _xlsx_table(content: bytes) -> Iterator[tuple[list[list[str]], Rest]]:
    book = _open_book(content)
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # its <dimension> tag may be stale: read to the last row

        def rows(first: int, last: int | None, width: int | None) -> Iterator[list[str]]:
            try:
                # max_col: cells right of the header are not needed, nor padded to
                found = sheet.iter_rows(
                    min_row=first, max_row=last, max_col=width, values_only=True
                )
                for row in found:
                    yield [_cell_text(v) for v in row]
            except Exception as why:  # damaged XML, a shared string that is not there...
                raise FileRefused(UNREADABLE) from why

        head = list(rows(1, HEADER_SEARCH_ROWS, None))
        yield head, lambda width: rows(HEADER_SEARCH_ROWS + 1, None, width or None)
    finally:
        book.close()


def _open_book(content: bytes):
    """The workbook, read-only, once the parts openpyxl parses are known to stay within
    the limits: it unpacks to at most MAX_UNPACKED bytes, holds at most MAX_SHARED_STRINGS
    shared strings (read whole), and every sheet it parses through has at most MAX_ROWS +
    HEADER_SEARCH_ROWS rows of at most MAX_COLUMNS cells (each row is parsed whole)."""
    try:
        # data_only=False: a formula stays a formula ("=SUM(...)") and is refused later
        reader = ExcelReader(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as why:  # not a zip at all
        raise FileRefused(UNREADABLE) from why
    unpacked = sum(member.file_size for member in reader.archive.infolist())
    if unpacked > MAX_UNPACKED:
        raise FileRefused(
            f"该 Excel 文件解压后超过 {_size(MAX_UNPACKED)}（{unpacked / 1048576:,.0f} MB），"
            "请删除多余的工作表和格式，或拆分后分批导入。"
        )
    try:
        reader.read_manifest()
        strings = reader.package.find(SHARED_STRINGS)
        reader.read_workbook()
        sheets = [  # as openpyxl's read_worksheets finds them
            rel.target
            for _, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        ]
        if strings is not None and strings.PartName[1:] in reader.valid_files:
            _count_strings(reader.archive, strings.PartName[1:])
        for number, part in enumerate(sheets, start=1):
            # openpyxl reads the first sheet, and any other up to its <dimension> tag
            _count_cells(reader.archive, part, number=number)
        reader.read()
    except FileRefused:
        raise
    except Exception as why:  # openpyxl raises many kinds for a damaged or foreign file
        raise FileRefused(UNREADABLE) from why
    if not reader.wb.worksheets:
        raise FileRefused("该 Excel 文件中没有工作表。")
    return reader.wb


# start tags, with or without a namespace prefix; a scan counts them without parsing
_SHEET_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|dimension|sheetData)[\s/>]")
_STRING_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


def _chunks(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part unpacked piece by piece, each cut after a whole start tag's name."""
    with archive.open(part) as stream:
        tail = b""
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            cut = data.rfind(b"<")
            if cut < 0:
                cut = len(data)
            tail = data[cut:][:256]  # a tag's name and the character after it
            yield data[:cut]
        yield tail


def _count_cells(archive: zipfile.ZipFile, part: str, *, number: int) -> None:
    """Refuse the `number`th sheet (from 1) if a row has more than MAX_COLUMNS cells or
    the sheet more than MAX_ROWS + HEADER_SEARCH_ROWS rows, where openpyxl would parse it."""
    whole = number == 1
    rows = cells = 0
    for data in _chunks(archive, part):
        for tag in _SHEET_TAG.finditer(data):
            name = tag.group(1)
            if name == b"c":
                cells += 1
                if cells > MAX_COLUMNS:
                    raise FileRefused(
                        f"工作表中有一行超过 {MAX_COLUMNS:,} 个单元格（Excel 的上限），"
                        "文件可能已损坏。"
                    )
            elif name == b"row":
                rows, cells = rows + 1, 0
                if rows > MAX_ROWS + HEADER_SEARCH_ROWS:
                    raise FileRefused(
                        TOO_MANY_ROWS
                        if number == 1
                        else f"该 Excel 文件的第 {number} 个工作表超过 {MAX_ROWS:,} 行，"
                        "请只保留要导入的工作表。"
                    )
            elif name == b"dimension" and not whole:
                return  # openpyxl reads no further in this sheet
            elif name == b"sheetData":
                whole = True  # no <dimension> before the rows: openpyxl reads them all


def _count_strings(archive: zipfile.ZipFile, part: str) -> None:
    count = 0
    for data in _chunks(archive, part):
        count += len(_STRING_TAG.findall(data))
        if count > MAX_SHARED_STRINGS:
            raise FileRefused(
                f"该 Excel 文件含有超过 {MAX_SHARED_STRINGS:,} 个不同的文本，"
                "请删除多余的工作表，或拆分后分批导入。"
            )


def _cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and callable(value.date):  # datetime from a date cell
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _with_header(head: list[list[str]], rest: Rest, required: list[str]) -> Sheet:
    if not any(any(row) for row in head):
        raise FileRefused(f"文件中没有任何内容（表头应在前 {HEADER_SEARCH_ROWS} 行内）。")
    found = next((i for i, row in enumerate(head) if all(h in row for h in required)), None)
    if found is None:
        missing = [[h for h in required if h not in row] for row in head]
        best = min(range(len(head)), key=lambda i: len(missing[i]))
        raise FileRefused(
            f"缺少必填列：{'、'.join(missing[best])}（第 {best + 1} 行的表头中没有）。"
            "请使用下载的模板。"
        )
    header_row, headers = found + 1, head[found]
    _refuse_duplicates(headers, header_row)
    for number, cells in enumerate(head[:found], start=1):  # title rows
        _refuse_long_cells(number, cells, headers)
    width = len(headers)
    rows = []
    below = itertools.chain(  # read one at a time: reading stops at the first row too many
        enumerate(head[header_row:], start=header_row + 1),
        enumerate(rest(width), start=HEADER_SEARCH_ROWS + 1),
    )
    for number, cells in below:
        if number - header_row > MAX_ROWS:
            raise FileRefused(TOO_MANY_ROWS)
        cells = (cells + [""] * width)[:width]
        _refuse_long_cells(number, cells, headers)
        if any(cells):
            rows.append((number, cells))
    return Sheet(header_row=header_row, headers=headers, rows=rows)


def _refuse_duplicates(headers: list[str], header_row: int) -> None:
    """Two columns of one name: which one holds the data cannot be known."""
    for i, name in enumerate(headers):
        if name and name in headers[i + 1 :]:
            columns = [_column(j) for j, other in enumerate(headers) if other == name]
            raise FileRefused(
                f"表头（第 {header_row} 行）中“{name}”出现了 {len(columns)} 次"
                f"（{'、'.join(columns)} 列），请删除或改名重复的列。"
            )


def _refuse_long_cells(number: int, cells: list[str], headers: list[str]) -> None:
    for i, cell in enumerate(cells):
        if len(cell) > MAX_CELL_CHARS:
            where = f"“{headers[i]}”列" if i < len(headers) and headers[i] else f"{_column(i)} 列"
            raise FileRefused(
                f"第 {number} 行{where}有 {len(cell):,} 个字符，超过每个单元格 "
                f"{MAX_CELL_CHARS:,} 个字符的上限，请检查该单元格。"
            )


def _column(index: int) -> str:
    """A column as a spreadsheet names it (A, B, ... ZZZ), from 0."""
    return get_column_letter(index + 1) if index < 18_278 else f"第 {index + 1}"


def _size(limit: int) -> str:
    return f"{limit // 1048576} MB" if limit >= 1048576 else f"{limit:,} 字节"
