"""The referral lifecycle: 提案 → 調整中 → つながった / 不成立 / 取り下げ.

A proposal may also end at once (the person went on their own, or declined). The three outcomes
are final: trying again is a new referral, so each attempt keeps its own dates in the reports.
"""

from yorisoi.core.transitions import TransitionNotAllowed, TransitionTable  # noqa: F401 (re-exported)
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


TABLE = TransitionTable(ReferralStatus, ALLOWED_TRANSITIONS)
ensure_transition = TABLE.ensure
allowed_targets = TABLE.targets
