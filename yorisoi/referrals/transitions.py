"""The referral lifecycle: 提案 → 調整中 → つながった / 不成立 / 取り下げ.

A proposal may also end at once (the person went on their own, or declined). The three outcomes
are final: trying again is a new referral, so each attempt keeps its own dates in the reports.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from yorisoi.referrals.models import ReferralStatus

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    ReferralStatus.PROPOSED: frozenset(
        {
            ReferralStatus.ARRANGING,
            ReferralStatus.CONNECTED,
            ReferralStatus.NOT_CONNECTED,
            ReferralStatus.WITHDRAWN,
        }
    ),
    ReferralStatus.ARRANGING: frozenset(
        {ReferralStatus.CONNECTED, ReferralStatus.NOT_CONNECTED, ReferralStatus.WITHDRAWN}
    ),
    ReferralStatus.CONNECTED: frozenset(),
    ReferralStatus.NOT_CONNECTED: frozenset(),
    ReferralStatus.WITHDRAWN: frozenset(),
}


class TransitionNotAllowed(ValidationError):
    pass


def ensure_transition(current: str, target: str) -> None:
    if target not in ALLOWED_TRANSITIONS.get(current, frozenset()):
        raise TransitionNotAllowed(
            _("「%(from)s」から「%(to)s」には変更できません。")
            % {"from": ReferralStatus(current).label, "to": ReferralStatus(target).label}
        )


def allowed_targets(current: str) -> list[str]:
    return [s for s in ReferralStatus.values if s in ALLOWED_TRANSITIONS.get(current, frozenset())]
