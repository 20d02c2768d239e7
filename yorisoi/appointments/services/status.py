"""Status changes of one appointment, through the transitions table."""

from django.utils import timezone

from yorisoi.appointments.models import Appointment
from yorisoi.appointments.transitions import ensure_transition


def set_status(appointment: Appointment, status: str, note: str = "") -> None:
    ensure_transition(appointment.status, status)
    appointment.status, appointment.status_note = status, note
    appointment.status_changed_at = timezone.now()
    appointment.save(update_fields=["status", "status_note", "status_changed_at", "updated_at"])


def locked(appointment: Appointment) -> Appointment:
    return Appointment.objects.with_scopes_disabled().select_for_update().get(pk=appointment.pk)
