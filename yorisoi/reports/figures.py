"""Every figure of the 実績報告, defined once: one function each, cut from the cubes of ``sources``.

The first paragraph of each docstring is the Japanese definition printed under its table, in the
Excel file and on paper; the rest is for programmers. A figure returns counts keyed by
(row, column); a one-column table uses the column ``N``.
"""

import inspect
from collections import Counter, defaultdict
from functools import cache

from yorisoi.cases.models import CaseStatus, Channel
from yorisoi.consultations.models import ConsultationMode
from yorisoi.reports.sources import ACCOMPANIMENT, ReportData

N = "n"
UNRECORDED = "unrecorded"
# An inquiry counts under its channel; channels that are also consultation modes share their row.
CHANNEL_AS_MODE = {
    Channel.PHONE: ConsultationMode.PHONE,
    Channel.WALK_IN: ConsultationMode.CENTER_VISIT,
    Channel.EMAIL: ConsultationMode.MAIL,
    Channel.WEB: "web",
    Channel.OTHER: "other",
}
Counts = dict[tuple[str, str], int]


def definition(figure) -> str:
    """The Japanese definition: the docstring's first paragraph, on one line."""
    return " ".join(inspect.getdoc(figure).split("\n\n")[0].split())


def _sum(rows, key, where=None, value="n") -> Counts:
    counts: defaultdict = defaultdict(int)
    for row in rows if where is None else filter(where, rows):
        counts[key(row)] += row[value]
    return dict(counts)


@cache
def month_key(month) -> str:
    """「2026-04」: the row key of a month (a few months, looked up once per cube row)."""
    return f"{month:%Y-%m}"


# 延べ件数 -------------------------------------------------------------------------------------------


def contacts_total(data: ReportData) -> Counts:
    """延べ相談件数：期間中に行った相談記録の件数と、期間中に受け付けた問い合わせ（初回の電話・来所・ウェブ申込みなど。匿名の電話やケースにならなかったものも含む）の件数の合計です。

    Records by ``held_on``; inquiries by ``received_at`` (local date).
    """
    return {
        ("records", N): sum(row["n"] for row in data.record_cube),
        ("inquiries", N): sum(row["n"] for row in data.inquiry_cube),
    }


def contacts_by_mode(data: ReportData) -> Counts:
    """相談の形別の延べ件数：相談記録はその相談の形で、問い合わせは受付の方法（電話・来所・メール・ウェブなど）で数えます。合計は延べ相談件数と同じです。"""
    counts = Counter(_sum(data.record_cube, lambda row: (row["mode"], N)))
    counts.update(_sum(data.inquiry_cube, lambda row: (CHANNEL_AS_MODE[row["channel"]], N)))
    return dict(counts)


def contacts_by_party(data: ReportData) -> Counts:
    """参加した方別の延べ件数：相談記録は本人が参加したもの、家族が参加したもの、関係機関が参加したものをそれぞれ数え、問い合わせは連絡してきた方（本人・家族・関係機関・匿名）で数えます。1回の相談に本人と家族が参加した場合は両方に数えるため、合計は延べ相談件数より多くなることがあります。"""
    counts: Counter = Counter()
    for row in data.record_cube:
        counts[("self", N)] += row["client"]
        counts[("family", N)] += row["family"]
        counts[("agency", N)] += row["agency"]
    counts.update(_sum(data.inquiry_cube, lambda row: (row["caller_type"], N)))
    return dict(counts)


def contacts_by_month_and_mode(data: ReportData) -> Counts:
    """月別・相談の形別の延べ件数：相談の形別の延べ件数を、相談記録の日付・問い合わせの受付日の月ごとに分けたものです。"""
    counts = Counter(_sum(data.record_cube, lambda row: (month_key(row["month"]), row["mode"])))
    counts.update(
        _sum(data.inquiry_cube, lambda row: (month_key(row["month"]), CHANNEL_AS_MODE[row["channel"]]))
    )
    return dict(counts)


# 実人数 ---------------------------------------------------------------------------------------------


def subjects_total(data: ReportData) -> Counts:
    """相談実人数：期間中に一度でも接触（相談記録、またはそのケースになった問い合わせ）があったケースを1人、ケースにならなかった問い合わせを1人として数えます。同じ方が何度相談しても、再開しても1人です。"""
    return _sum(data.subject_cube, lambda row: (row["kind"], N))


def subjects_by_age_band(data: ReportData) -> Counts:
    """年代別の実人数：期間中の最初の接触日の年齢で数えます。年齢は生年月日、なければ記録した年齢、なければ最初の問い合わせで伺った年齢・年代から。どれもなければ「不明」です。"""
    return _sum(data.subject_cube, lambda row: (row["age_band"], N))


def subjects_by_gender(data: ReportData) -> Counts:
    """性別の実人数：本人の記録の性別で数えます（本人の記録がなければ最初の問い合わせで伺った性別）。「回答しない」「不明」も数えます。"""
    return _sum(data.subject_cube, lambda row: (row["gender"], N))


def subjects_by_withdrawal(data: ReportData) -> Counts:
    """ひきこもり期間別の実人数：「ひきこもり状態になった時期」から期間中の最初の接触日までの長さで数えます。時期の記録がない方、ケースにならなかった問い合わせは「不明」です。"""
    return _sum(data.subject_cube, lambda row: (row["withdrawal"], N))


def subjects_by_stage(data: ReportData) -> Counts:
    """支援段階別の実人数：期間の最終日の時点の支援段階で数えます。段階をまだ記録していないケースと、ケースにならなかった問い合わせは「未設定」です。"""
    return _sum(data.subject_cube, lambda row: (row["stage"], N))


def subjects_by_first_party(data: ReportData) -> Counts:
    """最初に相談した方別の実人数：ケースの最初の問い合わせで連絡してきた方（本人・家族・関係機関・匿名）で数えます。問い合わせの記録がないケースは「不明」です。"""
    return _sum(data.subject_cube, lambda row: (row["first_party"], N))


# ケースの動き --------------------------------------------------------------------------------------


def case_flow(data: ReportData) -> Counts:
    """新規・継続・再開・終結：新規は期間中に登録したケース、継続は期間中に接触があり期間より前に登録したケース、再開は期間中に再開したケース、終結は期間中に終結したケースの数です。1つのケースが複数に入ることがあるため、合計はありません。"""
    return {
        ("new", N): sum(data.registrations_by_month.values()),
        ("continuing", N): sum(row["n"] for row in data.subject_cube if row["continuing"]),
        ("reopened", N): sum(
            row["n"] for row in data.status_change_cube if row["to_status"] == CaseStatus.REOPENED
        ),
        ("closed", N): sum(
            row["n"] for row in data.status_change_cube if row["to_status"] == CaseStatus.CLOSED
        ),
    }


def closures_by_reason(data: ReportData) -> Counts:
    """終結理由別の件数：期間中に終結した件数を終結理由ごとに数えます（同じケースが期間中に終結・再開・終結した場合は2件です）。"""
    return _sum(
        data.status_change_cube,
        lambda row: (row["reason"] or "other", N),
        where=lambda row: row["to_status"] == CaseStatus.CLOSED,
    )


def cases_new_and_closed_by_month(data: ReportData) -> Counts:
    """月別の新規・終結：月ごとの新規登録ケース数と終結の件数です。"""
    counts = {(month_key(month), "new"): n for month, n in data.registrations_by_month.items()}
    counts.update(
        _sum(
            data.status_change_cube,
            lambda row: (month_key(row["month"]), "closed"),
            where=lambda row: row["to_status"] == CaseStatus.CLOSED,
        )
    )
    return counts


# 問い合わせ・連携・同行 ----------------------------------------------------------------------------


def inquiries_by_channel_and_outcome(data: ReportData) -> Counts:
    """問い合わせ：期間中に受け付けた問い合わせを、受付の方法と、その後どうなったか（現在の状況）で数えます。"""
    return _sum(data.inquiry_cube, lambda row: (row["channel"], row["status"]))


def referrals_by_kind_and_outcome(data: ReportData) -> Counts:
    """連携・つなぎ：期間中に提案したつなぎを、連携先の種類と、現在の状況（結果）で数えます。"""
    return _sum(data.referral_cube, lambda row: (row["kind"], row["state"]))


def accompaniments_by_destination_and_outcome(data: ReportData) -> Counts:
    """同行支援：期間中の相談の形が「同行支援」の相談記録を、同行先と結果で数えます。記入のないものは「未記入」です。"""
    return _sum(
        data.record_cube,
        lambda row: (
            row["accompaniment_destination"] or UNRECORDED,
            row["accompaniment_outcome"] or UNRECORDED,
        ),
        where=lambda row: row["mode"] == ACCOMPANIMENT,
    )
