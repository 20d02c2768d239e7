"""What each access-log action is called for a manager: one Japanese label per action, defined here once.

``action`` strings are namespaced (``"case.view"``); a test reads every action the code writes
and fails on any without a label here.
"""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    # cases
    "case.view": _("ケースを閲覧"),
    "case.list": _("ケース一覧を閲覧"),
    "case.register": _("ケースを登録"),
    "case.update": _("ケースを編集"),
    "case.intake": _("ケースを受付に"),
    "case.initial": _("ケースを初回相談に"),
    "case.continuing": _("ケースを継続支援に"),
    "case.closed": _("ケースを終結"),
    "case.reopened": _("ケースを再開"),
    "case.stage": _("支援段階を記録"),
    "case.life_change": _("暮らしの変化を記録"),
    "case.flag_raise": _("注意を記録"),
    "case.flag_clear": _("注意を解除"),
    "case.achievement": _("できたことを記録"),
    "client.view": _("本人の情報を閲覧"),
    "client.create": _("本人を登録"),
    "client.update": _("本人の情報を編集"),
    "client.search": _("本人を検索"),
    "related_person.create": _("家族・関係者を追加"),
    "consent.view": _("同意を閲覧"),
    "consent.record": _("同意を記録"),
    "consent.withdraw": _("同意の撤回を記録"),
    "inquiry.view": _("問い合わせを閲覧"),
    "inquiry.list": _("問い合わせ一覧を閲覧"),
    "inquiry.create": _("問い合わせを記録"),
    "inquiry.status": _("問い合わせの状況を変更"),
    "inquiry.take": _("緊急の問い合わせを引き受け"),
    # consultations
    "record.view": _("相談記録を閲覧"),
    "record.create": _("相談記録を作成"),
    "record.update": _("相談記録を編集"),
    "plan.view": _("支援計画を閲覧"),
    "plan.create": _("支援計画を作成"),
    "goal.status": _("目標の状況を変更"),
    # referrals
    "agency.create": _("連携機関を登録"),
    "agency.update": _("連携機関を編集"),
    "referral.view": _("つなぎを閲覧"),
    "referral.list": _("つなぎ一覧を閲覧"),
    "referral.create": _("つなぎを記録"),
    "referral.follow_up": _("つなぎのフォローアップを予定"),
    "referral.proposed": _("つなぎを提案に"),
    "referral.arranging": _("つなぎを調整中に"),
    "referral.connected": _("つなぎを「つながった」に"),
    "referral.not_connected": _("つなぎを不成立に"),
    "referral.withdrawn": _("つなぎを取り下げ"),
    # appointments
    "appointment.view": _("予約を閲覧"),
    "appointment.list": _("予約一覧を閲覧"),
    "appointment.create": _("予約を作成"),
    "appointment.reschedule": _("予約を変更"),
    "appointment.cancel": _("予約を取り消し"),
    "appointment.hold": _("予約を実施済みに"),
    "appointment.no_show": _("予約を来られなかったに"),
    "booking.view": _("予約画面を閲覧"),
    "series.view": _("定期の予約を閲覧"),
    "series.create": _("定期の予約を作成"),
    "series.cancel": _("定期の予約を取り消し"),
    "follow_up.create": _("次の連絡予定を作成"),
    "follow_up.done": _("次の連絡を済みに"),
    "calendar_feed.export": _("予定表を書き出し"),
    "closure.create": _("休業日を追加"),
    "closure.delete": _("休業日を削除"),
    "workday.create": _("勤務日を追加"),
    "workday.delete": _("勤務日を削除"),
    "absence.create": _("不在を追加"),
    "absence.delete": _("不在を削除"),
    "scheduling_settings.update": _("予約の設定を変更"),
}


def action_label(action: str) -> str:
    """The manager's word for ``action``; an unknown one shows as written (a test forbids it)."""
    return str(ACTION_LABELS.get(action, action))
