"""The calendar's reads: days with their hours or why they are closed, appointments, other apps' items."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from yorisoi.appointments import calendar_sources
from yorisoi.appointments.availability import at, day_closed_reason, with_hours
from yorisoi.appointments.models import BUSY_STATUSES, Appointment, AppointmentStatus, FollowUpTask
from yorisoi.programs.calendar import closed_reason_on, closures_between, hours_on
from yorisoi.programs.permissions import Actor, person_scope, require_person_access

RELATED = ("case__client", "inquiry", "place", "room", "staff", "second_staff")


def scoped_appointments(actor: Actor) -> QuerySet[Appointment]:
    return person_scope(Appointment.objects.all(), actor).select_related(*RELATED)


def day_bounds(first: datetime.date, last: datetime.date):
    return at(first, datetime.time.min), at(last + datetime.timedelta(days=1), datetime.time.min)


def appointments_between(
    *,
    actor: Actor,
    first: datetime.date,
    last: datetime.date,
    staff_id: int | None = None,
    mine: bool = False,
) -> list[Appointment]:
    """The program's appointments from ``first`` to ``last`` (inclusive), by start time."""
    require_person_access(actor)
    start, end = day_bounds(first, last)
    qs = scoped_appointments(actor).filter(starts_at__gte=start, starts_at__lt=end)
    if mine:
        staff_id = actor.user.pk
    if staff_id:
        qs = qs.filter(Q(staff_id=staff_id) | Q(second_staff_id=staff_id))
    return list(qs.order_by("starts_at", "id"))


@dataclass
class CalendarDay:
    day: datetime.date
    closed_reason: str | None
    hours: list
    appointments: list = field(default_factory=list)
    regular_day_off: bool = False  # closed only because the program does not open on this weekday
    items: list = field(default_factory=list)  # other apps' items (calendar_sources)

    @property
    def booked_count(self) -> int:
        return sum(1 for a in self.appointments if a.status in BUSY_STATUSES)


def calendar_days(
    *,
    actor: Actor,
    first: datetime.date,
    last: datetime.date,
    staff_id: int | None = None,
    mine: bool = False,
) -> list[CalendarDay]:
    """Each day from ``first`` to ``last`` with its hours or why it is closed, its appointments and items."""
    program = with_hours(actor.program)
    closures = closures_between(program, first, last)
    by_day: dict[datetime.date, list] = {}
    for appointment in appointments_between(
        actor=actor, first=first, last=last, staff_id=staff_id, mine=mine
    ):
        by_day.setdefault(timezone.localtime(appointment.starts_at).date(), []).append(appointment)
    items = calendar_sources.items_between(actor=actor, start=first, end=last)
    days, day = [], first
    while day <= last:
        special = closed_reason_on(program, day, closures)
        hours = hours_on(program, day)
        days.append(
            CalendarDay(
                day,
                special or day_closed_reason(program, day, closures),
                hours,
                by_day.get(day, []),
                regular_day_off=special is None and not hours,
                items=items.get(day, []),
            )
        )
        day += datetime.timedelta(days=1)
    return days


def follow_ups_open(*, actor: Actor, mine: bool = True) -> list[FollowUpTask]:
    require_person_access(actor)
    qs = person_scope(FollowUpTask.objects.all(), actor).filter(done_at__isnull=True)
    if mine:
        qs = qs.filter(assigned_to=actor.user)
    return list(
        qs.select_related("appointment__case__client", "appointment__inquiry", "appointment__place").order_by(
            "due_on", "id"
        )[:50]
    )


def follow_up_get(*, actor: Actor, task_id) -> FollowUpTask:
    require_person_access(actor)
    return get_object_or_404(
        person_scope(FollowUpTask.objects.all(), actor).select_related("appointment"), public_id=task_id
    )


def booked_count_on(*, actor: Actor, day: datetime.date) -> int:
    """How many booked appointments the program has on ``day`` (after a closure is added there)."""
    start, end = day_bounds(day, day)
    return (
        Appointment.objects.with_scopes_disabled()
        .filter(
            program=actor.program, status=AppointmentStatus.BOOKED, starts_at__gte=start, starts_at__lt=end
        )
        .count()
    )
