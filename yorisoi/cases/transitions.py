"""The case lifecycle: 受付 → 初回相談 → 継続支援 → 終結 → 再開 (→ 継続支援)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from yorisoi.cases.models import CaseStatus

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStatus.INTAKE: frozenset({CaseStatus.INITIAL, CaseStatus.CLOSED}),
    CaseStatus.INITIAL: frozenset({CaseStatus.CONTINUING, CaseStatus.CLOSED}),
    CaseStatus.CONTINUING: frozenset({CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset({CaseStatus.REOPENED}),
    CaseStatus.REOPENED: frozenset({CaseStatus.CONTINUING, CaseStatus.CLOSED}),
}


class TransitionNotAllowed(ValidationError):
    pass


def ensure_transition(current: str, target: str) -> None:
    if target not in ALLOWED_TRANSITIONS.get(current, frozenset()):
        raise TransitionNotAllowed(
            _("「%(from)s」から「%(to)s」には変更できません。")
            % {"from": CaseStatus(current).label, "to": CaseStatus(target).label}
        )


def allowed_targets(current: str) -> list[str]:
    return [s for s in CaseStatus.values if s in ALLOWED_TRANSITIONS.get(current, frozenset())]
