"""Writing the organization-level security record (``SecurityEvent``)."""

from yorisoi.accounts.models import SecurityEvent

# One Japanese label per action, defined once (the admin's list shows these).
LABELS = {
    "mfa.enrol": "二段階認証を設定",
    "mfa.remove": "二段階認証を解除",
    "mfa.recovery_codes_issued": "回復コードを発行",
    "mfa.recovery_code_used": "回復コードでログイン",
    "password.change": "パスワードを変更",
    "session.end": "ログイン中の端末を終了",
    "session.end_all": "すべての端末からログアウト",
    "user.create": "職員を登録",
    "user.change": "職員の権限を変更",
    "pledge.accept": "守秘義務の誓約に同意",
    "feed.create": "予定表のURLを発行",
    "feed.revoke": "予定表のURLを無効化",
    "membership.request": "所属の付与を申請",
    "membership.confirm": "所属の付与を承認",
    "membership.refuse": "所属の付与を却下",
    "membership.end": "所属を終了",
}


def security_event_record(*, actor, action: str, subject_user=None, program=None, data=None) -> SecurityEvent:
    """Append one security event. ``actor`` may be an ``Actor`` or a user (None: the system itself)."""
    if action not in LABELS:
        raise ValueError(f"unknown security action {action!r}: add it to LABELS")
    return SecurityEvent.objects.create(
        actor=getattr(actor, "user", actor),
        action=action,
        subject_user=subject_user,
        program=program,
        data=dict(data or {}),
    )


def label_for(action: str) -> str:
    return LABELS.get(action, action)
