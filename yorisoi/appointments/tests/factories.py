"""Appointments for tests, booked through the services so checks and audit rows are real."""

import datetime

from django.utils import timezone

from yorisoi.appointments import services
from yorisoi.appointments.availability import BookingSlot, at
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


def previous_open_day(program, *, before: datetime.date | None = None) -> datetime.date:
    """The last day before ``before`` (default today) the program is open."""
    day = (before or timezone.localdate()) - datetime.timedelta(days=1)
    while not is_open_on(program, day):
        day -= datetime.timedelta(days=1)
    return day


def make_past_appointment(*, program, actor, **fields):
    """An appointment that has already begun: booked a week before its day, as it was then."""
    day = previous_open_day(program)
    return make_appointment(
        program=program,
        actor=actor,
        day=day,
        now=at(day, datetime.time(0)) - datetime.timedelta(days=7),
        **fields,
    )


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
    booking = {name: fields.pop(name) for name in ("series", "now") if name in fields}
    slot = BookingSlot(
        kind=fields.pop("kind", AppointmentKind.CONTINUING if case is not None else AppointmentKind.INITIAL),
        place=fields.pop("place", None) or program.places.order_by("display_order", "id").first(),
        staff=staff or actor,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=minutes),
        **fields,
    )
    return services.appointment_book(
        program=program, actor=actor, slot=slot, case=case, inquiry=inquiry, **booking
    )


def one_room_only(place):
    """Take every room of ``place`` but its first out of use: the place holds one session at a time."""
    first = place.rooms.order_by("display_order", "id").first()
    place.rooms.exclude(pk=first.pk).update(is_active=False)
    return first
