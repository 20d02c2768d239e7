"""A table as shown: the figures of a period beside the year before, exact or protected for the city."""

from dataclasses import dataclass

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from yorisoi.reports.sources import ReportData
from yorisoi.reports.suppression import suppress
from yorisoi.reports.tables import TABLES, ReportTable

SUPPRESSED = "*"


@dataclass
class ShownRow:
    label: str
    cells: list  # int, or SUPPRESSED
    total: object = None  # the 計 column of a multi-column table
    previous: object = None  # the same row a year before (its total, for a multi-column table)


@dataclass
class ShownTable:
    table: ReportTable
    row_keys: list[str]
    columns: list[str]
    rows: list[ShownRow]
    total_row: ShownRow | None
    suppressed: bool

    @property
    def has_total_column(self) -> bool:
        return has_total_column(self.table)

    def header(self) -> list[str]:
        return ["区分", *self.columns, *(["計"] if self.has_total_column else []), "前年同期"]

    def body(self) -> list[list]:
        """Every row as shown, the 計 row last: what the page, the Excel sheet and the CSV print."""
        rows = [*self.rows, *([self.total_row] if self.total_row else [])]
        return [
            [row.label, *row.cells, *([row.total] if self.has_total_column else []), row.previous]
            for row in rows
        ]

    def html_rows(self) -> list[tuple[str, bool, str]]:
        """(label, is the 計 row, the row's ``<td>`` cells): the template only prints them.

        The cells are joined here: a year's table has hundreds, and a template loop costs more per
        cell than the rest of the page's rendering together.
        """
        rows = self.body()
        return [
            (
                row[0],
                i == len(self.rows),
                mark_safe("".join(_cell(v, last=j == len(row) - 1) for j, v in enumerate(row) if j)),  # nosec B308 B703
            )
            for i, row in enumerate(rows)
        ]


def _cell(value, *, last: bool) -> str:
    """One ``<td>``: a count is written as it is (digits need no escaping: a year's table has
    thousands of cells), anything else is escaped."""
    css = "num previous" if last else "num"
    if value == SUPPRESSED:
        return f'<td class="{css} suppressed">{SUPPRESSED}</td>'
    text = str(value) if type(value) is int else conditional_escape(value)
    return f'<td class="{css}">{text}</td>'


def has_total_column(table: ReportTable) -> bool:
    return table.totals and table.total_column and len(table.columns) > 1


def extended_grid(table: ReportTable, counts: dict, row_keys: list[str], column_keys: list[str]):
    """The cells, with a 計 column (several columns) and a 計 row, as suppression sees them."""
    grid = [[counts.get((r, c), 0) for c in column_keys] for r in row_keys]
    if has_total_column(table):
        grid = [row + [sum(row)] for row in grid]
    if table.totals:
        grid.append([sum(column) for column in zip(*grid, strict=True)] if grid else [])
    return grid


def masked(grid, *, row_totals: bool, col_totals: bool, protect: bool):
    hidden = suppress(grid, row_totals=row_totals, col_totals=col_totals) if protect else set()
    return [[SUPPRESSED if (r, c) in hidden else v for c, v in enumerate(row)] for r, row in enumerate(grid)]


def show(table: ReportTable, data: ReportData, previous: ReportData, *, protect: bool) -> ShownTable:
    """``table`` for ``data``'s period beside ``previous``; small cells hidden when ``protect``."""
    rows = table.row_labels(data)
    row_keys, column_keys = [key for key, _ in rows], [key for key, _ in table.columns]
    row_totals = has_total_column(table)
    grid = extended_grid(table, table.figure(data), row_keys, column_keys)
    grid = masked(grid, row_totals=row_totals, col_totals=table.totals, protect=protect)
    # the year before is its own table (its row totals, or its first column when the columns are
    # different things, and their sum), protected on its own
    # (rows by position: a month row sits beside the same month a year before)
    before = table.figure(previous)
    before_keys = [key for key, _ in table.row_labels(previous)][: len(row_keys)]
    before_keys += [""] * (len(row_keys) - len(before_keys))
    before_columns = column_keys if row_totals or len(column_keys) == 1 else column_keys[:1]
    before_rows = [[sum(before.get((r, c), 0) for c in before_columns)] for r in before_keys]
    if table.totals:
        before_rows.append([sum(row[0] for row in before_rows)])
    before_rows = masked(before_rows, row_totals=False, col_totals=table.totals, protect=protect)
    width = len(column_keys)
    shown = [
        ShownRow(label, grid[i][:width], grid[i][width] if row_totals else None, before_rows[i][0])
        for i, (_, label) in enumerate(rows)
    ]
    total_row = None
    if table.totals:
        last = grid[-1]
        total_row = ShownRow("計", last[:width], last[width] if row_totals else None, before_rows[-1][0])
    return ShownTable(table, row_keys, [label for _, label in table.columns], shown, total_row, protect)


def build_report(program, period, *, protect: bool, keys=None) -> list[ShownTable]:
    """Every table (or those named in ``keys``) of ``program`` over ``period``, beside the year before."""
    data, previous = ReportData(program, period), ReportData(program, period.year_before())
    previous.stages = data.stages  # the same labels; saves a query
    return [
        show(table, data, previous, protect=protect) for table in TABLES if keys is None or table.key in keys
    ]
