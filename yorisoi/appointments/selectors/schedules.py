"""Reads of closures, staff schedules and the staff member's own calendar row (no person data)."""

import datetime

from django.db.models import Q
from django.shortcuts import get_object_or_404

from yorisoi.appointments.models import StaffAbsence, StaffCalendar, StaffWorkday
from yorisoi.programs.calendar import closed_reason_on
from yorisoi.programs.models import Closure, Program
from yorisoi.programs.permissions import Actor
from yorisoi.programs.selectors import consultants_of


def closures_upcoming(*, program: Program, today: datetime.date) -> list[Closure]:
    return list(Closure.objects.filter(program=program, date__gte=today).order_by("date"))


def automatic_closures(*, program: Program, today: datetime.date, days: int = 183) -> list[tuple]:
    """National holidays and the year-end break ahead: closed without anyone entering them."""
    found = []
    for offset in range(days + 1):
        day = today + datetime.timedelta(days=offset)
        reason = closed_reason_on(program, day, {})
        if reason:
            found.append((day, reason))
    return found


def closure_get(*, actor: Actor, closure_id: int) -> Closure:
    return get_object_or_404(Closure.objects.filter(program=actor.program), pk=closure_id)


def workdays(*, program: Program) -> list[StaffWorkday]:
    return list(
        StaffWorkday.objects.filter(program=program).select_related("user").order_by("user", "weekday")
    )


def workday_get(*, actor: Actor, workday_id: int) -> StaffWorkday:
    return get_object_or_404(StaffWorkday.objects.filter(program=actor.program), pk=workday_id)


def absences(*, program: Program, today: datetime.date) -> list[StaffAbsence]:
    staff_ids = consultants_of(program).values("pk")
    return list(
        StaffAbsence.objects.filter(user_id__in=staff_ids, ends_on__gte=today)
        .filter(Q(program__isnull=True) | Q(program=program))
        .select_related("user", "program")
        .order_by("starts_on", "id")
    )


def absence_get(*, actor: Actor, absence_id: int) -> StaffAbsence:
    """An absence of a staff member of the actor's program (their own-program or all-program rows)."""
    staff_ids = consultants_of(actor.program).values("pk")
    return get_object_or_404(
        StaffAbsence.objects.filter(user_id__in=staff_ids).filter(
            Q(program__isnull=True) | Q(program=actor.program)
        ),
        pk=absence_id,
    )


def staff_calendar(*, user) -> StaffCalendar | None:
    return StaffCalendar.objects.filter(user=user).first()
