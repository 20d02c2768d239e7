"""An appointment's life: 予約 → 実施 / キャンセル / 連絡なし欠席 / 変更 (a new appointment replaces it)."""

from django.utils.translation import gettext as _

from yorisoi.appointments.models import AppointmentStatus
from yorisoi.core.transitions import TransitionNotAllowed, TransitionTable

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    AppointmentStatus.BOOKED: frozenset(
        {
            AppointmentStatus.HELD,
            AppointmentStatus.CANCELLED,
            AppointmentStatus.NO_SHOW,
            AppointmentStatus.RESCHEDULED,
        }
    ),
    AppointmentStatus.HELD: frozenset(),
    AppointmentStatus.CANCELLED: frozenset(),
    AppointmentStatus.NO_SHOW: frozenset(),
    AppointmentStatus.RESCHEDULED: frozenset(),
}

TABLE = TransitionTable(AppointmentStatus, ALLOWED_TRANSITIONS)
allowed_targets = TABLE.targets


def ensure_transition(current: str, target: str) -> None:
    """Every end state is final, so the refusal says what the appointment already is."""
    if target not in ALLOWED_TRANSITIONS.get(current, frozenset()):
        raise TransitionNotAllowed(
            _("この予約はすでに「%(from)s」になっているため、「%(to)s」にはできません。")
            % {"from": AppointmentStatus(current).label, "to": AppointmentStatus(target).label}
        )


__all__ = ["ALLOWED_TRANSITIONS", "TransitionNotAllowed", "allowed_targets", "ensure_transition"]
