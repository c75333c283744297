"""The printable sheet of ballot codes: one card per code, each with the QR code of its
own ballot link and the code in print, and nothing but escaped text."""

import segno

from dashboard import ballot_sheet


def address(code: str) -> str:
    return f"https://dashboard.example.org/?ballot={code}"


CODES = ["ABCDEFGHJKLMNPQR", "STUVWXYZ23456789"]


def test_every_code_gets_a_card_with_its_own_qr_code_and_its_print():
    sheet = ballot_sheet.sheet("述职评议<测试>", "会议 & 测评", CODES, address)
    assert sheet.count('class="card"') == 2
    for code, shown in zip(CODES, ["ABCD-EFGH-JKLM-NPQR", "STUV-WXYZ-2345-6789"], strict=True):
        assert segno.make(address(code), error="m").svg_inline(scale=3) in sheet
        assert f'<div class="code">{shown}</div>' in sheet
    assert "述职评议&lt;测试&gt;" in sheet and "会议 &amp; 测评" in sheet
    assert "<测试>" not in sheet


def test_the_csv_lists_each_code_in_print_with_its_link():
    table = ballot_sheet.table(CODES, address)
    assert table.to_dict("records") == [
        {"投票码": "ABCD-EFGH-JKLM-NPQR", "投票链接": address(CODES[0])},
        {"投票码": "STUV-WXYZ-2345-6789", "投票链接": address(CODES[1])},
    ]
