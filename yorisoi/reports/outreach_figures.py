"""The outreach figures of the 実績報告 (普及啓発): events held, participants, supporters trained.

Each reads the count functions of ``yorisoi.outreach.selectors`` (hand-counted there) for the
report's program and period; like ``figures``, the first paragraph of each docstring is the Japanese
definition printed under its table.
"""

from yorisoi.outreach import selectors
from yorisoi.reports.figures import Counts, N
from yorisoi.reports.sources import ReportData


def _span(data: ReportData):
    return data.program, data.period.first, data.period.last


def outreach_events_by_kind(data: ReportData) -> Counts:
    """普及啓発の催し：期間中に開催日（各回）が1回以上ある、公開した催し（中止・下書きを除く）の数を種類別に数えます。複数回の研修も1件です。"""
    return {(kind, N): n for kind, n in selectors.events_held_by_kind(*_span(data)).items()}


def outreach_participants_by_category(data: ReportData) -> Counts:
    """普及啓発の参加者：延べ人数は期間中の各回に出席した人数の合計（当日参加を含む）、実人数は催しごとに1回以上出席した方を1人として数えます（別の催しに参加した同じ方は別に数えます）。中止した催しは数えません。"""
    program, first, last = _span(data)
    times = selectors.attendances_by_category(program, first, last)
    people = selectors.attendees_by_category(program, first, last)
    return {(c, "times"): n for c, n in times.items()} | {(c, "people"): n for c, n in people.items()}


def supporters_trained(data: ReportData) -> Counts:
    """サポーター養成：ひきこもりサポーター養成研修のすべての回に出席し、最後の回が期間中にあった方の数です。後に登録を取り消した方も数えます。"""
    return {("completed", N): selectors.supporters_completed(*_span(data))}
