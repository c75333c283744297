"""Blank files to fill in, with the Chinese headers the importer expects."""

import io

import openpyxl
import pandas as pd
from openpyxl.styles import Font

from data_access.export import csv_bytes
from data_access.imports.entities import Entity


def template_csv(entity: Entity) -> bytes:
    """The header row only, UTF-8 with BOM so that Excel opens it in Chinese."""
    return csv_bytes(pd.DataFrame(columns=[f.header for f in entity.fields]))


def template_xlsx(entity: Entity) -> bytes:
    """Sheet 1: the header row to fill below. Sheet 2 (填写说明): each column, whether it
    is required, how to fill it and an example."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = entity.label
    sheet.append([f.header for f in entity.fields])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 18
    notes = book.create_sheet("填写说明")
    notes.append(["列名", "必填", "填写要求", "示例"])
    for f in entity.fields:
        notes.append([f.header, "是" if f.required else "否", f.note, f.example])
    notes.append([])
    key = "、".join(entity.header(name) for name in entity.key_fields)
    if entity.append_only:
        notes.append(
            [
                f"{key}相同的行是同一条记录：同一文件重复导入不会产生重复数据；"
                "已有记录只增不改，如需更正，请另增一条记录并填写要更正的记录。"
            ]
        )
    else:
        notes.append([f"{key}相同的行会更新已有记录；同一文件重复导入不会产生重复数据。"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
