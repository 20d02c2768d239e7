"""The tables of the 実績報告, in page order, and how each is shown (exact, or suppressed for the city).

Adding a table is one figure function (``figures.py`` or a module beside it) and one entry in
``TABLES``; the page, the charts' text alternatives, the Excel sheets, the CSV and the print layout
all follow the registry.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from yorisoi.cases.models import AgeBand, CallerType, Channel, ClosureReason, Gender, InquiryStatus
from yorisoi.consultations.models import AccompanimentDestination, AccompanimentOutcome, ConsultationMode
from yorisoi.outreach.models import Category, EventKind
from yorisoi.referrals.models import AgencyKind, ReferralStatus
from yorisoi.reports import figures, outreach_figures
from yorisoi.reports.expressions import NO_STAGE, UNKNOWN, WITHDRAWAL_BANDS
from yorisoi.reports.figures import UNRECORDED, N, definition, month_key
from yorisoi.reports.sources import ReportData

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
    total_column: bool = True  # False when the columns are different things (回数, 参加者数)
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
    ReportTable(
        "outreach_events", "普及啓発の催し", outreach_figures.outreach_events_by_kind, choices(EventKind)
    ),
    ReportTable(
        "outreach_participants",
        "普及啓発の参加者",
        outreach_figures.outreach_participants_by_category,
        choices(Category),
        [("times", "延べ人数"), ("people", "実人数（催しごと）")],
        total_column=False,
    ),
    ReportTable(
        "supporters",
        "サポーター養成",
        outreach_figures.supporters_trained,
        [("completed", "修了した方")],
        PEOPLE_COLUMN,
        totals=False,
    ),
]
