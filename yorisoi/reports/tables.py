"""The tables of the 実績報告, in page order, and how each is shown (exact, or suppressed for the city).

Adding a table is one figure function (``figures.py`` or a module beside it) and one entry in
``TABLES``; the page, the charts' text alternatives, the Excel sheets, the CSV and the print layout
all follow the registry.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from yorisoi.cases.models import AgeBand, CallerType, Channel, ClosureReason, Gender, InquiryStatus
from yorisoi.consultations.models import AccompanimentDestination, AccompanimentOutcome, ConsultationMode
from yorisoi.referrals.models import AgencyKind, ReferralStatus
from yorisoi.reports import figures
from yorisoi.reports.figures import UNRECORDED, N, definition, month_key
from yorisoi.reports.sources import NO_STAGE, UNKNOWN, WITHDRAWAL_BANDS, ReportData
from yorisoi.reports.suppression import suppress

SUPPRESSED = "*"
Labels = list[tuple[str, str]]
COUNT_COLUMN: Labels = [(N, "件数")]
PEOPLE_COLUMN: Labels = [(N, "人数")]


def choices(text_choices, *extra) -> Labels:
    return [(str(value), str(label)) for value, label in text_choices.choices] + list(extra)


def month_rows(data: ReportData) -> Labels:
    return [(month_key(m), f"{m.year}年{m.month}月") for m in data.period.months()]


def stage_rows(data: ReportData) -> Labels:
    return [*data.stages, (NO_STAGE, "未設定")]


MODE_ROWS = choices(ConsultationMode, ("web", "ウェブ（問い合わせ）"), ("other", "その他"))


@dataclass(frozen=True)
class ReportTable:
    key: str
    title: str
    figure: Callable[[ReportData], dict]
    rows: Labels | Callable[[ReportData], Labels]
    columns: Labels = field(default_factory=lambda: COUNT_COLUMN)
    totals: bool = True  # a 計 row (and, with several columns, a 計 column)
    note: str = ""

    @property
    def definition(self) -> str:
        return definition(self.figure)

    def row_labels(self, data: ReportData) -> Labels:
        return self.rows(data) if callable(self.rows) else self.rows


TABLES: list[ReportTable] = [
    ReportTable(
        "contacts",
        "延べ相談件数",
        figures.contacts_total,
        [("records", "相談記録"), ("inquiries", "問い合わせ（初回の連絡）")],
    ),
    ReportTable(
        "subjects",
        "相談実人数",
        figures.subjects_total,
        [("case", "ケース"), ("inquiry", "ケースにならなかった問い合わせ")],
        PEOPLE_COLUMN,
    ),
    ReportTable(
        "case_flow",
        "新規・継続・再開・終結",
        figures.case_flow,
        [("new", "新規"), ("continuing", "継続"), ("reopened", "再開"), ("closed", "終結")],
        totals=False,
    ),
    ReportTable("closures", "終結理由", figures.closures_by_reason, choices(ClosureReason)),
    ReportTable("modes", "相談の形別の延べ件数", figures.contacts_by_mode, MODE_ROWS),
    ReportTable(
        "parties",
        "参加した方別の延べ件数",
        figures.contacts_by_party,
        [("self", "本人"), ("family", "家族"), ("agency", "関係機関"), ("anonymous", "匿名（問い合わせ）")],
        totals=False,
        note="1回の相談に複数の方が参加した場合はそれぞれに数えます（重複あり）。",
    ),
    ReportTable(
        "monthly_modes",
        "月別・相談の形別の延べ件数",
        figures.contacts_by_month_and_mode,
        month_rows,
        MODE_ROWS,
    ),
    ReportTable("age_bands", "年代別の実人数", figures.subjects_by_age_band, choices(AgeBand), PEOPLE_COLUMN),
    ReportTable("genders", "性別の実人数", figures.subjects_by_gender, choices(Gender), PEOPLE_COLUMN),
    ReportTable(
        "withdrawal",
        "ひきこもり期間別の実人数",
        figures.subjects_by_withdrawal,
        [(key, label) for _, key, label in WITHDRAWAL_BANDS] + [(UNKNOWN, "不明")],
        PEOPLE_COLUMN,
    ),
    ReportTable("stages", "支援段階別の実人数", figures.subjects_by_stage, stage_rows, PEOPLE_COLUMN),
    ReportTable(
        "first_parties",
        "最初に相談した方別の実人数",
        figures.subjects_by_first_party,
        choices(CallerType, (UNKNOWN, "不明")),
        PEOPLE_COLUMN,
    ),
    ReportTable(
        "monthly_cases",
        "月別の新規・終結",
        figures.cases_new_and_closed_by_month,
        month_rows,
        [("new", "新規"), ("closed", "終結")],
        totals=False,
    ),
    ReportTable(
        "inquiries",
        "問い合わせ（受付の方法 × その後）",
        figures.inquiries_by_channel_and_outcome,
        choices(Channel),
        choices(InquiryStatus),
    ),
    ReportTable(
        "referrals",
        "連携・つなぎ（連携先の種類 × 結果）",
        figures.referrals_by_kind_and_outcome,
        choices(AgencyKind),
        choices(ReferralStatus),
    ),
    ReportTable(
        "accompaniments",
        "同行支援（同行先 × 結果）",
        figures.accompaniments_by_destination_and_outcome,
        choices(AccompanimentDestination, (UNRECORDED, "未記入")),
        choices(AccompanimentOutcome, (UNRECORDED, "未記入")),
    ),
]


# -- shown tables ---------------------------------------------------------------------------------


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
        return self.table.totals and len(self.columns) > 1

    def header(self) -> list[str]:
        return ["", *self.columns, *(["計"] if self.has_total_column else []), "前年同期"]

    def body(self) -> list[list]:
        """Every row as shown, the 計 row last: what the page, the Excel sheet and the CSV print."""
        rows = [*self.rows, *([self.total_row] if self.total_row else [])]
        return [
            [row.label, *row.cells, *([row.total] if self.has_total_column else []), row.previous]
            for row in rows
        ]

    def value(self, row_key: str, column_index: int = 0):
        """A shown cell by row key, for tests and charts."""
        return self.rows[self.row_keys.index(row_key)].cells[column_index]


def extended_grid(counts: dict, row_keys: list[str], column_keys: list[str], *, totals: bool):
    """The cells, with a 計 column (several columns) and a 計 row, as suppression sees them."""
    grid = [[counts.get((r, c), 0) for c in column_keys] for r in row_keys]
    row_totals = totals and len(column_keys) > 1
    if row_totals:
        grid = [row + [sum(row)] for row in grid]
    if totals:
        grid.append([sum(column) for column in zip(*grid, strict=True)] if grid else [])
    return grid, row_totals


def masked(grid, *, row_totals: bool, col_totals: bool, protect: bool):
    hidden = suppress(grid, row_totals=row_totals, col_totals=col_totals) if protect else set()
    return [[SUPPRESSED if (r, c) in hidden else v for c, v in enumerate(row)] for r, row in enumerate(grid)]


def show(table: ReportTable, data: ReportData, previous: ReportData, *, protect: bool) -> ShownTable:
    """``table`` for ``data``'s period beside ``previous``; small cells hidden when ``protect``."""
    rows = table.row_labels(data)
    row_keys, column_keys = [key for key, _ in rows], [key for key, _ in table.columns]
    grid, row_totals = extended_grid(table.figure(data), row_keys, column_keys, totals=table.totals)
    grid = masked(grid, row_totals=row_totals, col_totals=table.totals, protect=protect)
    # the year before is its own table (its row totals, and their sum), protected on its own
    # (rows by position: a month row sits beside the same month a year before)
    before = table.figure(previous)
    before_keys = [key for key, _ in table.row_labels(previous)][: len(row_keys)]
    before_keys += [""] * (len(row_keys) - len(before_keys))
    before_rows = [[sum(before.get((r, c), 0) for c in column_keys)] for r in before_keys]
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
