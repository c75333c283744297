"""Reading uploaded files within their limits: an .xlsx is read to its last row whatever
its <dimension> tag says, a file past a limit is refused quickly and cheaply with the
reason (however small it is packed), and a cell too long or a header named twice is
refused by name instead of failing somewhere later."""

import io
import re
import time
import tracemalloc
import zipfile
from collections.abc import Iterable

import openpyxl
import pytest
from sqlalchemy import select

from data_access.imports import files
from data_access.imports.files import (
    HEADER_SEARCH_ROWS,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SHARED_STRINGS,
    MAX_UNPACKED,
    FileRefused,
    read_sheet,
)
from data_access.schema import import_audit
from tests.data_access.test_imports import HEADER, PROBLEMS, counts, do_import, xlsx

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def raw_xlsx(
    *sheets: Iterable[bytes], strings: Iterable[bytes] = (), dimension: bool = False
) -> bytes:
    """An .xlsx whose sheets hold the given rows of XML (`<row>...</row>`), written piece
    by piece so that millions of rows cost little to make; `strings` fill the shared
    strings (`<si>...</si>`). With `dimension` the sheets state a size (a stale one, A1);
    without, openpyxl has to read a sheet through to know it."""
    names = [f"sheet{n}.xml" for n in range(1, len(sheets) + 1)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/{name}" ContentType="{TYPE}.worksheet+xml"/>'
            for name in names
        )
        book.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="{RELS[:-8]}relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{TYPE}.sheet.main+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPE}.sharedStrings+xml"/>'
            f"{overrides}</Types>",
        )
        book.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        book.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>'
            + "".join(
                f'<sheet name="S{n}" sheetId="{n}" r:id="rId{n}"/>'
                for n in range(1, len(names) + 1)
            )
            + "</sheets></workbook>",
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{RELS}">'
            + "".join(
                f'<Relationship Id="rId{n}" Type="{DOC}/worksheet" Target="worksheets/{name}"/>'
                for n, name in enumerate(names, start=1)
            )
            + f'<Relationship Id="rIdS" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>",
        )
        with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(f'<sst xmlns="{MAIN}">'.encode())
            for piece in strings:
                part.write(piece)
            part.write(b"</sst>")
        for name, rows in zip(names, sheets, strict=True):
            with book.open(f"xl/worksheets/{name}", "w", force_zip64=True) as part:
                part.write(f'<worksheet xmlns="{MAIN}">'.encode())
                if dimension:
                    part.write(b'<dimension ref="A1"/>')
                part.write(b"<sheetData>")
                for piece in rows:
                    part.write(piece)
                part.write(b"</sheetData></worksheet>")
    return out.getvalue()


def text_row(*cells: str) -> bytes:
    inline = (f'<c t="inlineStr"><is><t>{cell}</t></is></c>' for cell in cells)
    return f"<row>{''.join(inline)}</row>".encode()


def repeated(piece: bytes, times: int, block: int = 10_000) -> Iterable[bytes]:
    """`piece` `times` times over, in blocks of `block`."""
    chunk = piece * block
    for _ in range(times // block):
        yield chunk
    yield piece * (times % block)


def refused(content: bytes, name: str = "f.xlsx", required=("编号",)) -> tuple[str, float, int]:
    """Why reading `content` is refused, in how many seconds, and its peak of memory
    allocated while reading (bytes); timed without tracing, then traced."""
    start = time.perf_counter()
    with pytest.raises(FileRefused) as timed:
        read_sheet(content, name, required=list(required))
    seconds = time.perf_counter() - start
    tracemalloc.start()
    try:
        with pytest.raises(FileRefused):
            read_sheet(content, name, required=list(required))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return str(timed.value), seconds, peak


MB = 1024 * 1024


def unpacked(content: bytes) -> int:
    return sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(content)).infolist())


def test_an_xlsx_bomb_of_three_million_tiny_rows_is_refused_in_seconds_and_little_memory():
    bomb = raw_xlsx([text_row("编号"), *repeated(b"<row><c><v>1</v></c></row>", 3_000_000)])
    # packed it is smaller than many a real file; unpacked, below the size cap: the rows
    # themselves are what must stop it, while reading
    assert len(bomb) < 1.3 * MB and 70 * MB < unpacked(bomb) < MAX_UNPACKED
    reason, seconds, peak = refused(bomb)
    assert reason == f"文件表头以下超过 {MAX_ROWS:,} 行，请拆分后分批导入。"
    assert seconds < 5 and peak < 200 * MB, (seconds, peak / MB)


def test_an_xlsx_that_unpacks_past_the_cap_is_refused_before_it_is_parsed():
    bomb = raw_xlsx([text_row("编号"), *repeated(b"<row><c><v>1</v></c></row>", 9_000_000)])
    assert len(bomb) < 1.3 * MB and unpacked(bomb) > MAX_UNPACKED
    reason, seconds, peak = refused(bomb)
    assert re.fullmatch(
        r"该 Excel 文件解压后超过 200 MB（\d+ MB），请删除多余的工作表和格式，或拆分后分批导入。",
        reason,
    )
    assert seconds < 5 and peak < 200 * MB, (seconds, peak / MB)


def test_a_row_of_more_cells_than_excel_allows_is_refused_before_it_is_parsed():
    wide = raw_xlsx([text_row("编号"), b"<row>" + b"<c><v>1</v></c>" * 2_000_000 + b"</row>"])
    reason, seconds, peak = refused(wide)
    assert reason == "工作表中有一行超过 16,384 个单元格（Excel 的上限），文件可能已损坏。"
    assert seconds < 5 and peak < 200 * MB, (seconds, peak / MB)


def test_a_row_of_as_many_cells_as_excel_allows_is_read():
    def sheet(width: int) -> bytes:
        return raw_xlsx([text_row("编号"), b"<row>" + b"<c><v>7</v></c>" * width + b"</row>"])

    assert read_sheet(sheet(MAX_COLUMNS), "f.xlsx", required=["编号"]).rows == [(2, ["7"])]
    with pytest.raises(FileRefused, match="超过 16,384 个单元格"):
        read_sheet(sheet(MAX_COLUMNS + 1), "f.xlsx", required=["编号"])


def test_a_cell_far_to_the_right_is_not_padded_to_on_every_row():
    """Cells right of the header are not read: a value in column XFD of each of 100,000
    rows is no 1.6 billion empty cells."""
    far = b'<row><c><v>1</v></c><c r="XFD%d"><v>1</v></c></row>'
    rows = (far % n for n in range(2, MAX_ROWS + 2))
    sheet = raw_xlsx([text_row("编号"), *rows])
    start = time.perf_counter()
    read = read_sheet(sheet, "f.xlsx", required=["编号"])
    assert time.perf_counter() - start < 20
    assert len(read.rows) == MAX_ROWS and read.rows[-1] == (MAX_ROWS + 1, ["1"])


def test_shared_strings_past_the_limit_are_refused_before_they_are_read():
    strings = repeated(b"<si><t>x</t></si>", MAX_SHARED_STRINGS + 1)
    bomb = raw_xlsx([text_row("编号")], strings=strings)
    reason, seconds, peak = refused(bomb)
    assert reason.startswith("该 Excel 文件含有超过 500,000 个不同的文本")
    assert seconds < 5 and peak < 200 * MB, (seconds, peak / MB)


def test_shared_strings_up_to_the_limit_are_read(monkeypatch):
    monkeypatch.setattr(files, "MAX_SHARED_STRINGS", 3)
    strings = ["<si><t>编号</t></si>".encode(), b"<si><t>a</t></si>", b"<si><t>b</t></si>"]
    rows = [b'<row><c t="s"><v>0</v></c></row>', b'<row><c t="s"><v>2</v></c></row>']
    assert read_sheet(raw_xlsx(rows, strings=strings), "f.xlsx", required=["编号"]).rows == [
        (2, ["b"])
    ]
    with pytest.raises(FileRefused, match="超过 3 个不同的文本"):
        read_sheet(raw_xlsx(rows, strings=[*strings, b"<si/>"]), "f.xlsx", required=["编号"])


def test_other_sheets_count_only_where_openpyxl_would_read_them(monkeypatch):
    """openpyxl reads a second sheet up to its <dimension> tag, or all of it without one."""
    monkeypatch.setattr(files, "MAX_ROWS", 5)
    first, second = [text_row("编号"), text_row("a")], [text_row("x")] * 20
    stated = raw_xlsx(first, second, dimension=True)
    assert read_sheet(stated, "f.xlsx", required=["编号"]).rows == [(2, ["a"])]
    with pytest.raises(FileRefused, match="第 2 个工作表超过 5 行"):
        read_sheet(raw_xlsx(first, second), "f.xlsx", required=["编号"])


def csv_rows(data_rows: int, title_rows: int = 0) -> bytes:
    return ("标题\n" * title_rows + "编号\n" + "1\n" * data_rows).encode()


def xlsx_rows(data_rows: int, title_rows: int = 0) -> bytes:
    return raw_xlsx(
        [
            *[text_row("标题")] * title_rows,
            text_row("编号"),
            *repeated(b"<row><c><v>1</v></c></row>", data_rows),
        ]
    )


@pytest.mark.parametrize(("make", "name"), [(csv_rows, "f.csv"), (xlsx_rows, "f.xlsx")])
@pytest.mark.parametrize("title_rows", [0, HEADER_SEARCH_ROWS - 1])
def test_as_many_rows_as_the_limit_below_the_header_are_read_and_one_more_is_refused(
    make, name, title_rows
):
    sheet = read_sheet(make(MAX_ROWS, title_rows), name, required=["编号"])
    assert (sheet.header_row, len(sheet.rows)) == (title_rows + 1, MAX_ROWS)
    assert sheet.rows[-1] == (title_rows + 1 + MAX_ROWS, ["1"])
    with pytest.raises(FileRefused, match=f"表头以下超过 {MAX_ROWS:,} 行"):
        read_sheet(make(MAX_ROWS + 1, title_rows), name, required=["编号"])


def stale(content: bytes, ref: str) -> bytes:
    """The .xlsx with its first sheet's <dimension> tag saying `ref`, as some programs
    leave it after adding rows."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data, changed = re.subn(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), data
                )
                assert changed == 1
            target.writestr(info, data)
    return out.getvalue()


def test_an_xlsx_whose_dimension_tag_is_stale_imports_every_row(city):
    rows = [line.split(",") for line in PROBLEMS.splitlines()]
    rows += [
        ["WT004", "M1", "", "热线", "2026-03-02", ""],
        ["WT005", "M2", "", "热线", "2026-03-03", ""],
    ]
    content = stale(xlsx(rows), "A1:F2")
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    assert len(list(book.worksheets[0].values)) == 2  # what trusting the tag reads
    plan = do_import(city, "problems", content, "问题.xlsx")
    assert plan.ok, plan.problems
    assert [row["code"] for _, row in plan.inserts] == ["WT001", "WT002", "WT003", "WT004", "WT005"]


def long_cell(length: int, kind: str) -> tuple[bytes, str]:
    header = ["问题编号", "社区编码", "网格编码", "问题来源", "发现日期", "解决日期", "备注"]
    row = ["WT001", "M1", "", "热线", "2026-03-01", "", "长" * length]
    if kind == "csv":
        return (",".join(header) + "\n" + ",".join(row) + "\n").encode(), "p.csv"
    return xlsx([header, row]), "p.xlsx"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_cell_as_long_as_the_limit_is_read_and_one_character_more_is_refused_by_name(kind):
    content, name = long_cell(MAX_CELL_CHARS, kind)
    sheet = read_sheet(content, name, required=["问题编号"])
    assert len(sheet.rows[0][1][6]) == MAX_CELL_CHARS
    content, name = long_cell(MAX_CELL_CHARS + 1, kind)
    with pytest.raises(FileRefused) as why:
        read_sheet(content, name, required=["问题编号"])
    assert str(why.value) == (
        "第 2 行“备注”列有 10,001 个字符，超过每个单元格 10,000 个字符的上限，请检查该单元格。"
    )


def test_a_csv_cell_past_the_readers_own_limit_is_refused_by_row_and_column_and_audited(city):
    """Python's csv module stops at 131,072 characters a field; the reason must still name
    the row and the column, change nothing, and be audited like any refusal."""
    content, name = long_cell(200_000, "csv")
    before = counts(city)
    plan = do_import(city, "problems", content, name)
    assert [(p.row, p.column, p.reason) for p in plan.problems] == [
        (
            0,
            "",
            "第 2 行“备注”列有 200,000 个字符，"
            "超过每个单元格 10,000 个字符的上限，请检查该单元格。",
        )
    ]
    assert counts(city) == before
    with city.connect() as conn:
        audit = conn.execute(select(import_audit)).mappings().one()
    assert (audit["outcome"], audit["inserted"], audit["file_name"]) == ("refused", 0, name)


def test_a_header_named_twice_is_refused_naming_it(city):
    # the second 问题编号 is the one left empty: it was read, and reported as 必填
    content = f"问题编号,{HEADER},备注\nWT009,,M1,,热线,2026-03-01,,\n".encode()
    plan = do_import(city, "problems", content, "p.csv")
    assert [(p.row, p.column, p.reason) for p in plan.problems] == [
        (0, "", "表头（第 1 行）中“问题编号”出现了 2 次（A、B 列），请删除或改名重复的列。")
    ]


def test_a_blank_header_cell_may_repeat():
    sheet = read_sheet(b"\xe7\xbc\x96\xe5\x8f\xb7,,\n1,,\n", "f.csv", required=["编号"])
    assert (sheet.headers, sheet.rows) == (["编号", "", ""], [(2, ["1", "", ""])])


def test_a_csv_with_old_mac_line_ends_is_read():
    sheet = read_sheet("编号,名称\r1,甲\r2,乙\r".encode(), "f.csv", required=["编号"])
    assert sheet.rows == [(2, ["1", "甲"]), (3, ["2", "乙"])]


@pytest.mark.parametrize(
    ("content", "name", "reason"),
    [
        (b"not a zip", "f.xlsx", "无法读取该 Excel 文件"),
        (b"\n,,\n" * 3, "f.csv", "文件中没有任何内容"),
        (csv_rows(1, title_rows=HEADER_SEARCH_ROWS), "f.csv", "缺少必填列：编号（第 1 行"),
    ],
)
def test_files_that_cannot_be_read_say_why(content, name, reason):
    with pytest.raises(FileRefused, match=re.escape(reason)):
        read_sheet(content, name, required=["编号"])
