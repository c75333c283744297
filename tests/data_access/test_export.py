import csv
import io

import openpyxl
import pandas as pd

from data_access.export import csv_bytes, excel_bytes, neutralise_formulas

FRAME = pd.DataFrame(
    {
        "单位": ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "东园社区"],
        "覆盖率": [0.5, 0.25, 1.0, 0.0, -0.5],
    }
)


def test_cells_that_would_run_as_formulas_are_neutralised_and_numbers_kept():
    out = neutralise_formulas(FRAME)
    assert out["单位"].tolist() == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "东园社区",
    ]
    assert out["覆盖率"].tolist() == [0.5, 0.25, 1.0, 0.0, -0.5]  # negative numbers untouched


def test_csv_has_a_byte_order_mark_for_excel_and_neutralised_cells():
    data = csv_bytes(FRAME)
    assert data.startswith("\ufeff".encode())
    assert "'=HYPERLINK" in data.decode("utf-8-sig")


def test_excel_round_trip_keeps_text_as_text():
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes(FRAME))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("单位", "覆盖率")
    assert rows[1] == ('\'=HYPERLINK("http://x")', 0.5)
    assert rows[5] == ("东园社区", -0.5)


# A cell with a line break is one cell only if it is quoted: a reader that takes a bare
# CR or LF as the end of a row would read the rest as a new row, starting with a formula.
BREAKS = pd.DataFrame({"单位": ["a\r=cmd|' /C calc'!A0", "b\n+1", "c\r\n@SUM(A1)", "东园社区"]})


def test_a_cell_holding_a_line_break_is_quoted_and_each_line_neutralised():
    expected = (
        "\ufeff单位\r\n"
        "\"a\r'=cmd|' /C calc'!A0\"\r\n"
        '"b\n\'+1"\r\n'
        '"c\r\n\'@SUM(A1)"\r\n'
        "东园社区\r\n"
    )
    assert csv_bytes(BREAKS) == expected.encode()


def test_a_line_break_inside_a_cell_stays_inside_it_when_read_back():
    text = csv_bytes(BREAKS).decode("utf-8-sig")
    cells = list(csv.reader(io.StringIO(text, newline="")))
    assert cells == [
        ["单位"],
        ["a\r'=cmd|' /C calc'!A0"],
        ["b\n'+1"],
        ["c\r\n'@SUM(A1)"],
        ["东园社区"],
    ]


def test_excel_cells_are_neutralised_line_by_line_too():
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes(BREAKS))).active
    # (XML reads every line break back as LF)
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "a\n'=cmd|' /C calc'!A0",
        "b\n'+1",
        "c\n'@SUM(A1)",
        "东园社区",
    ]
