"""The confidentiality pledge (守秘義務の誓約): versioned text staff accept before working.

The text lives here, in code, with its version: changing the wording means adding a new version,
and everyone accepts again at their next login. Whether a session still owes the pledge is
decided at login and kept in the session, so ordinary pages cost no query.
"""

from django.db import transaction

from yorisoi.accounts.models import PledgeAcceptance
from yorisoi.accounts.security_events import security_event_record

SESSION_KEY = "pledge_pending"

# version -> paragraphs. Add a new version; never edit one staff have already accepted.
PLEDGES: dict[int, list[str]] = {
    1: [
        "私は、ひきこもり相談の業務で知り得たご本人・ご家族・関係者の秘密を、"
        "在職中はもちろん、退職した後も、正当な理由なく他に漏らしません。",
        "個人情報は、担当する事業の業務に必要な範囲でのみ見て、使います。"
        "興味や確認のためだけに、担当外のケースを開きません。",
        "記録を事業所の外に持ち出したり、私物の端末や個人のアカウントに写したりしません。"
        "書き出しや印刷は、必要なときだけ行い、使い終えたら適切に処分します。",
        "パスワード・認証アプリ・回復コードは自分だけで管理し、他の人に使わせません。"
        "席を離れるときはログアウトします。",
        "漏えいのおそれに気づいたときは、すぐに事業の管理者に報告します。",
        "このシステムでは、個人情報を見たこと・書き出したことがすべて記録され、"
        "管理者が確認することを理解しています。",
    ],
}


def current_version() -> int:
    return max(PLEDGES)


def current_text() -> list[str]:
    return PLEDGES[current_version()]


def has_accepted_current(user) -> bool:
    return PledgeAcceptance.objects.filter(user=user, version=current_version()).exists()


@transaction.atomic
def pledge_accept(*, user, version: int) -> PledgeAcceptance:
    """Record that ``user`` accepted ``version`` (the one they were shown); accepting twice is harmless."""
    acceptance, created = PledgeAcceptance.objects.get_or_create(user=user, version=version)
    if created:
        security_event_record(
            actor=user, action="pledge.accept", subject_user=user, data={"version": version}
        )
    return acceptance
