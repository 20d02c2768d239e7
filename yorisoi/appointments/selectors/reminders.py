"""Tomorrow's appointments with each person's contact cautions and what happens about a reminder."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from yorisoi.appointments.models import Appointment, AppointmentStatus, Reminder
from yorisoi.appointments.selectors.calendar import scoped_appointments
from yorisoi.appointments.services.reminders import ReminderState, contact_of, email_state, tomorrow_bounds
from yorisoi.programs.permissions import Actor, require_person_access


@dataclass(frozen=True)
class TomorrowRow:
    appointment: Appointment
    cautions: str
    state: str

    @property
    def state_label(self) -> str:
        return ReminderState.LABELS[self.state]


def tomorrow(*, actor: Actor, today: datetime.date) -> list[TomorrowRow]:
    """Tomorrow's booked appointments of the program, in time order: two queries however many."""
    require_person_access(actor)
    start, end = tomorrow_bounds(today)
    rows = (
        scoped_appointments(actor)
        .filter(status=AppointmentStatus.BOOKED, starts_at__gte=start, starts_at__lt=end)
        .prefetch_related(Prefetch("reminders", queryset=Reminder.objects.with_scopes_disabled().all()))
        .order_by("starts_at", "id")
    )
    result = []
    for appointment in rows:
        sent = bool(appointment.reminders.all())
        result.append(TomorrowRow(appointment, contact_of(appointment)[1], email_state(appointment, sent)))
    return result
