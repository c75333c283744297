"""The ballot codes as handed out: a printable sheet, one card per code with its QR code
(the ballot's address with the code in it) and the code in print for typing, and a CSV
of the same. Made once, when the codes are issued: only their hashes are kept."""

from collections.abc import Callable
from html import escape

import pandas as pd
import segno

from dashboard.i18n import tr
from data_access.appraisal import shown

STYLE = """
body { font-family: "Noto Sans CJK SC", sans-serif; margin: 12mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; } p { margin: 0 0 6mm; color: #444; }
.cards { display: flex; flex-wrap: wrap; gap: 4mm; }
.card { width: 58mm; border: 1px dashed #999; padding: 3mm; text-align: center;
        break-inside: avoid; }
.code { font: 600 12pt monospace; letter-spacing: 1px; margin-top: 2mm; }
"""


def sheet(title: str, meeting: str, codes: list[str], address: Callable[[str], str]) -> str:
    """An HTML page of `codes`' cards; `address(code)` is the ballot's link."""
    cards = "".join(
        f'<div class="card">{segno.make(address(code), error="m").svg_inline(scale=3)}'
        f'<div class="code">{shown(code)}</div></div>'
        for code in codes
    )
    note = tr("手机扫码投票，或打开投票页输入投票码。每张投票码只能投一次，请勿外传。")
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{STYLE}</style></head><body><h1>{escape(title)}</h1>"
        f"<p>{escape(meeting)} · {escape(note)}</p>"
        f'<div class="cards">{cards}</div></body></html>'
    )


def table(codes: list[str], address: Callable[[str], str]) -> pd.DataFrame:
    return pd.DataFrame(
        {tr("投票码"): [shown(c) for c in codes], tr("投票链接"): [address(c) for c in codes]}
    )
