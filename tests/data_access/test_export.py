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
