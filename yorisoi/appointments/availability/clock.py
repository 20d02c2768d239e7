"""Dates, hours and the time each session keeps around it: the pieces the one rule is made of.

Built on the program's calendar rule (``yorisoi.programs.calendar``): a day is closed for the
reasons it gives (closures, the year-end break, national holidays) and open during ``hours_on``.
"""

import datetime

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from yorisoi.appointments.models import TRAVELLING_KINDS, SchedulingSettings
from yorisoi.programs.calendar import closed_reason_on, hours_on
from yorisoi.programs.models import OpeningHours, PlaceKind, Program

# Places whose sessions take a room: a home or an accompaniment destination takes none.
ROOM_KINDS = frozenset({PlaceKind.CENTER, PlaceKind.HEALTH_WELFARE_CENTER, PlaceKind.CITY_HALL_DESK})
MAX_SEARCH_DAYS = 31


def local_tz():
    return timezone.get_default_timezone()


def at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, local_tz())


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, local_tz()).date()


def scheduling_settings(program: Program) -> SchedulingSettings:
    """The program's settings, or the defaults (unsaved) when a manager has not set them yet."""
    return SchedulingSettings.objects.filter(program=program).first() or SchedulingSettings(program=program)


def with_hours(program: Program) -> Program:
    """Fetch the opening hours once, so ``hours_on`` costs no query per day."""
    prefetch_related_objects([program], "opening_hours")
    return program


def day_closed_reason(program: Program, day: datetime.date, closures: dict) -> str | None:
    """Why the program takes no appointments on ``day``: the calendar rule's reason, or no hours."""
    reason = closed_reason_on(program, day, closures)
    if reason:
        return reason
    if not hours_on(program, day):
        return _("受付日ではありません（%(weekday)s）") % {
            "weekday": OpeningHours.Weekday(day.weekday()).label
        }
    return None


def travel(kind: str, settings: SchedulingSettings) -> datetime.timedelta:
    """Travel time a session of ``kind`` needs on each side (home visits, accompaniments)."""
    return datetime.timedelta(minutes=settings.travel_minutes if kind in TRAVELLING_KINDS else 0)


def padding(kind: str, settings: SchedulingSettings) -> tuple[datetime.timedelta, datetime.timedelta]:
    """Time a session of ``kind`` keeps free before and after it: travel, then writing the record."""
    way = travel(kind, settings)
    return way, way + datetime.timedelta(minutes=settings.record_buffer_minutes)


def when(value: datetime.datetime) -> str:
    return f"{timezone.localtime(value, local_tz()):%m月%d日 %H:%M}"


def hhmm(value: datetime.datetime) -> str:
    return f"{timezone.localtime(value, local_tz()):%H:%M}"
