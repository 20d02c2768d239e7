"""Appointments for tests, booked through the services so checks and audit rows are real."""

import datetime

from django.utils import timezone

from yorisoi.appointments import services
from yorisoi.appointments.availability import at
from yorisoi.appointments.models import AppointmentKind
from yorisoi.programs.calendar import is_open_on


def next_open_day(
    program, *, after: datetime.date | None = None, weekday: int | None = None
) -> datetime.date:
    """The first day after ``after`` (default today) the program is open, optionally on ``weekday``."""
    day = (after or timezone.localdate()) + datetime.timedelta(days=1)
    while not (is_open_on(program, day) and (weekday is None or day.weekday() == weekday)):
        day += datetime.timedelta(days=1)
    return day


def make_appointment(
    *,
    program,
    actor,
    staff=None,
    case=None,
    inquiry=None,
    day=None,
    start=datetime.time(10),
    minutes=60,
    **fields,
):
    day = day or next_open_day(program)
    starts_at = at(day, start)
    defaults = {
        "kind": AppointmentKind.CONTINUING if case is not None else AppointmentKind.INITIAL,
        "place": program.places.order_by("display_order", "id").first(),
    }
    return services.appointment_book(
        program=program,
        actor=actor,
        staff=staff or actor,
        case=case,
        inquiry=inquiry,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=minutes),
        **{**defaults, **fields},
    )
