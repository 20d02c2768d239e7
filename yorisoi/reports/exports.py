"""The report as an Excel workbook (one sheet per table) and as CSV (UTF-8 with BOM, for Excel)."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from yorisoi.reports.shown import ShownTable

INVALID_SHEET_CHARS = str.maketrans({c: "・" for c in "[]:*?/\\"})


def title_line(program, period, table: ShownTable) -> str:
    return f"{program.name}　{period.label}　{table.table.title}"


def sheet_name(title: str, used: set[str]) -> str:
    name = title.translate(INVALID_SHEET_CHARS)[:31]
    while name in used:
        name = f"{name[:28]}_{len(used)}"
    used.add(name)
    return name


def report_xlsx(program, period, tables: list[ShownTable]) -> bytes:
    """Row 1: program, period and table; row 2: headers; then the rows as on the page; then the definition."""
    book, used = Workbook(), set()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(sheet_name(table.table.title, used))
        sheet.append([title_line(program, period, table)])
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append(table.header())
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.body():
            sheet.append(row)
        sheet.append([])
        for text in filter(None, [table.table.definition, table.table.note, suppression_note(table)]):
            sheet.append([text])
            sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=False)
        sheet.column_dimensions["A"].width = 30
        for index in range(2, len(table.header()) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 12
        sheet.freeze_panes = "B3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_csv(program, period, tables: list[ShownTable]) -> bytes:
    """Every table one after another, each under its title line, a blank line between them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for table in tables:
        writer.writerow([title_line(program, period, table)])
        writer.writerow(table.header())
        writer.writerows(table.body())
        for text in filter(None, [table.table.definition, table.table.note, suppression_note(table)]):
            writer.writerow([text])
        writer.writerow([])
    return out.getvalue().encode("utf-8-sig")


def suppression_note(table: ShownTable) -> str:
    if not table.suppressed:
        return ""
    return "「*」は1〜4の数、または合計から1〜4の数がわかってしまうのを防ぐために伏せた数です。"
