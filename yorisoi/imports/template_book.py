"""The template workbook a manager downloads: one sheet per kind, Japanese headers, an example row."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from yorisoi.imports.fields import KINDS

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def template_workbook() -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for kind in KINDS.values():
        sheet = workbook.create_sheet(kind.label)
        sheet.append([c.header for c in kind.columns])
        sheet.append([c.example for c in kind.columns])
        for cell, column in zip(sheet[1], kind.columns, strict=True):
            cell.font = Font(bold=column.required)
            cell.fill = HEADER_FILL
            sheet.column_dimensions[cell.column_letter].width = max(12, len(column.header) * 2 + 4)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
