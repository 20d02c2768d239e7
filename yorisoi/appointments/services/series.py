"""Recurring sessions: create every N weeks (dateutil.rrule), move the rest of a series, stop it.

Each occurrence is an ordinary appointment booked through the one rule; a date the rule refuses
is skipped and reported. Changes made to single occurrences before a move stay as they are.
"""

import datetime

from dateutil.rrule import WEEKLY, rrule
from django.db import transaction
from django.utils.translation import gettext as _

from yorisoi.appointments.availability import BookingError, BookingSlot, at
from yorisoi.appointments.models import Appointment, AppointmentStatus, RecurringSeries
from yorisoi.appointments.services.booking import appointment_book, ensure_staff_of
from yorisoi.appointments.services.status import set_status
from yorisoi.audit.services import audit_record
from yorisoi.programs.permissions import ensure_same_program, user_of


def series_dates(
    first_on: datetime.date, until_on: datetime.date, interval_weeks: int, weekday: int | None = None
) -> list[datetime.date]:
    """Every ``interval_weeks`` weeks from ``first_on`` (or its first ``weekday``) to ``until_on``."""
    if weekday is not None:
        first_on += datetime.timedelta(days=(weekday - first_on.weekday()) % 7)
    rule = rrule(
        WEEKLY,
        interval=interval_weeks,
        dtstart=datetime.datetime.combine(first_on, datetime.time.min),
        until=datetime.datetime.combine(until_on, datetime.time.min),
    )
    return [moment.date() for moment in rule]


def _book_dates(*, series, actor, dates, start_time, outside_hours_reason="", now=None):
    skipped = []
    for day in dates:
        starts_at = at(day, start_time)
        slot = BookingSlot(
            kind=series.kind,
            place=series.place,
            staff=series.staff,
            second_staff=series.second_staff,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(minutes=series.duration_minutes),
            outside_hours_reason=outside_hours_reason,
        )
        try:
            appointment_book(
                program=series.program, actor=actor, slot=slot, case=series.case, series=series, now=now
            )
        except BookingError as error:
            skipped.append((day, error.message))
    return skipped


@transaction.atomic
def series_create(
    *,
    program,
    actor,
    case,
    kind,
    place,
    staff,
    first_on,
    until_on,
    start_time,
    duration_minutes: int,
    interval_weeks: int,
    second_staff=None,
    outside_hours_reason: str = "",
    now=None,
) -> tuple[RecurringSeries, list[tuple[datetime.date, str]]]:
    """Book every ``interval_weeks`` weeks; a date that cannot be booked is skipped and reported."""
    ensure_same_program(program.pk, case, place)
    ensure_staff_of(program, staff, second_staff)
    series = RecurringSeries.objects.create(
        program=program,
        kind=kind,
        case=case,
        place=place,
        staff=staff,
        second_staff=second_staff,
        first_on=first_on,
        until_on=until_on,
        start_time=start_time,
        duration_minutes=duration_minutes,
        interval_weeks=interval_weeks,
        created_by=user_of(actor),
    )
    audit_record(actor=actor, action="series.create", target=series, data={"interval_weeks": interval_weeks})
    skipped = _book_dates(
        series=series,
        actor=actor,
        dates=series_dates(first_on, until_on, interval_weeks),
        start_time=start_time,
        outside_hours_reason=outside_hours_reason,
        now=now,
    )
    return series, skipped


def _booked_from(series, from_on) -> list[Appointment]:
    return list(
        Appointment.objects.with_scopes_disabled()
        .select_for_update()
        .filter(series=series, status=AppointmentStatus.BOOKED, starts_at__gte=at(from_on, datetime.time.min))
        .order_by("starts_at", "id")
    )


@transaction.atomic
def series_move_from(
    *,
    series: RecurringSeries,
    actor,
    from_on: datetime.date,
    weekday: int,
    start_time: datetime.time,
    reason: str = "",
    now=None,
) -> tuple[int, list[tuple[datetime.date, str]]]:
    """Move the series to ``weekday`` at ``start_time`` from ``from_on`` to its last day.

    Its booked occurrences from ``from_on`` become 変更 and new ones are booked on the new
    weekday; occurrences before ``from_on`` — held, cancelled or moved one by one — stay as they are.
    Returns how many were booked and the dates skipped with the rule's reason.
    """
    last = series.ended_on - datetime.timedelta(days=1) if series.ended_on else series.until_on
    old = _booked_from(series, from_on)
    if from_on > last or not old:
        raise BookingError(
            _("この日より後には、この定期の予約は残っていません。"), "from_on", "no_occurrences"
        )
    for appointment in old:
        set_status(appointment, AppointmentStatus.RESCHEDULED, reason or _("定期の予約の曜日・時刻を変更"))
    series.start_time = start_time
    series.save(update_fields=["start_time"])
    audit_record(
        actor=actor,
        action="series.move",
        target=series,
        data={
            "from": from_on.isoformat(),
            "weekday": weekday,
            "start": f"{start_time:%H:%M}",
            "moved": len(old),
        },
    )
    dates = series_dates(from_on, last, series.interval_weeks, weekday=weekday)
    skipped = _book_dates(series=series, actor=actor, dates=dates, start_time=start_time, now=now)
    return len(dates) - len(skipped), skipped


@transaction.atomic
def series_cancel_from(*, series: RecurringSeries, actor, from_on: datetime.date, reason: str = "") -> int:
    """Stop the series from ``from_on``: its booked occurrences from then on are cancelled."""
    occurrences = _booked_from(series, from_on)
    for appointment in occurrences:
        set_status(appointment, AppointmentStatus.CANCELLED, reason)
    series.ended_on = from_on
    series.save(update_fields=["ended_on"])
    audit_record(
        actor=actor,
        action="series.cancel",
        target=series,
        data={"from": from_on.isoformat(), "cancelled": len(occurrences), "reason": reason},
    )
    return len(occurrences)
