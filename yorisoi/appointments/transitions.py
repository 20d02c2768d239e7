"""An appointment's life: 予約 → 実施 / キャンセル / 連絡なし欠席 / 変更 (a new appointment replaces it)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from yorisoi.appointments.models import AppointmentStatus

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


class TransitionNotAllowed(ValidationError):
    pass


def ensure_transition(current: str, target: str) -> None:
    if target not in ALLOWED_TRANSITIONS.get(current, frozenset()):
        raise TransitionNotAllowed(
            _("この予約はすでに「%(from)s」になっているため、「%(to)s」にはできません。")
            % {"from": AppointmentStatus(current).label, "to": AppointmentStatus(target).label}
        )


def allowed_targets(current: str) -> list[str]:
    return [s for s in AppointmentStatus.values if s in ALLOWED_TRANSITIONS.get(current, frozenset())]
