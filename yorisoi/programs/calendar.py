"""Is a program open at a given moment, and when does it next open?

The one rule used by the public site and the staff UI alike: weekly opening hours, minus
national holidays (jpholiday), the year-end break and closures the staff add.
"""

import datetime
from dataclasses import dataclass

import jpholiday
from django.utils import timezone
from django.utils.translation import gettext as _

from yorisoi.programs.models import Closure, Program, month_day

LOOKAHEAD_DAYS = 62


@dataclass(frozen=True)
class OpenStatus:
    is_open: bool
    closes_at: datetime.datetime | None  # when open: today's closing time
    next_opens_at: datetime.datetime | None  # when closed: the next opening
    closed_reason: str | None  # when closed all day: 祝日名, 年末年始, a staff-entered reason


def in_year_end_break(program: Program, day: datetime.date) -> bool:
    start, end = month_day(program.year_end_break_start), month_day(program.year_end_break_end)
    key = (day.month, day.day)
    if start <= end:
        return start <= key <= end
    return key >= start or key <= end  # the break spans the new year


def closed_reason_on(program: Program, day: datetime.date, closures: dict[datetime.date, str]) -> str | None:
    """Why the program is closed all day on ``day`` although it may be a weekday it opens."""
    if day in closures:
        return closures[day]
    if in_year_end_break(program, day):
        return _("年末年始のお休み")
    if program.closed_on_national_holidays:
        holiday = jpholiday.is_holiday_name(day)
        if holiday:
            return _("祝日（%(name)s）") % {"name": holiday}
    return None


def hours_on(program: Program, day: datetime.date) -> list[tuple[datetime.time, datetime.time]]:
    return [(h.opens_at, h.closes_at) for h in program.opening_hours.all() if h.weekday == day.weekday()]


def closures_between(program: Program, first: datetime.date, last: datetime.date) -> dict[datetime.date, str]:
    return dict(
        Closure.objects.filter(program=program, date__range=(first, last)).values_list("date", "reason")
    )


def open_status(program: Program, at: datetime.datetime | None = None) -> OpenStatus:
    """Whether ``program`` takes consultations at ``at`` (default: now), and if not, when next."""
    tz = timezone.get_default_timezone()
    at = timezone.localtime(at or timezone.now(), tz)
    today = at.date()
    closures = closures_between(program, today, today + datetime.timedelta(days=LOOKAHEAD_DAYS))

    reason_today = closed_reason_on(program, today, closures)
    if reason_today is None:
        for opens, closes in hours_on(program, today):
            if opens <= at.time() < closes:
                return OpenStatus(True, datetime.datetime.combine(today, closes, tz), None, None)

    for offset in range(LOOKAHEAD_DAYS + 1):
        day = today + datetime.timedelta(days=offset)
        if closed_reason_on(program, day, closures):
            continue
        for opens, _closes in hours_on(program, day):
            start = datetime.datetime.combine(day, opens, tz)
            if start > at:
                return OpenStatus(False, None, start, reason_today)
    return OpenStatus(False, None, None, reason_today)


def is_open_on(program: Program, day: datetime.date) -> bool:
    """Whether ``program`` takes consultations at some time on ``day``."""
    return (
        bool(hours_on(program, day))
        and closed_reason_on(program, day, closures_between(program, day, day)) is None
    )
