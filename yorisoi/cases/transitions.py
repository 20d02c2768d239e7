"""The case lifecycle: 受付 → 初回相談 → 継続支援 → 終結 → 再開 (→ 継続支援)."""

from yorisoi.cases.models import CaseStatus
from yorisoi.core.transitions import TransitionNotAllowed, TransitionTable  # noqa: F401 (re-exported)

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.INTAKE: frozenset({CaseStatus.INITIAL, CaseStatus.CLOSED}),
    CaseStatus.INITIAL: frozenset({CaseStatus.CONTINUING, CaseStatus.CLOSED}),
    CaseStatus.CONTINUING: frozenset({CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset({CaseStatus.REOPENED}),
    CaseStatus.REOPENED: frozenset({CaseStatus.CONTINUING, CaseStatus.CLOSED}),
}


TABLE = TransitionTable(CaseStatus, ALLOWED_TRANSITIONS)
ensure_transition = TABLE.ensure
allowed_targets = TABLE.targets
