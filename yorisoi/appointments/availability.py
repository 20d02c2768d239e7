"""When a program takes appointments, when its staff are free, and which slots are left.

Built on the one calendar rule (``yorisoi.programs.calendar``): a day is closed for the reasons it
gives (closures, the year-end break, national holidays) and open during ``hours_on``. This module
adds staff schedules, absences, existing appointments and the time each session needs around it
(writing the record afterwards, travelling to and from a home).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from yorisoi.appointments.models import (
    BUSY_STATUSES,
    TRAVELLING_KINDS,
    Appointment,
    SchedulingSettings,
    StaffAbsence,
    StaffWorkday,
)
from yorisoi.programs.calendar import closed_reason_on, closures_between, hours_on
from yorisoi.programs.models import OpeningHours, PlaceKind, Program

# Places that hold one session at a time. A home or an accompaniment destination is not a room.
ROOM_KINDS = frozenset({PlaceKind.CENTER, PlaceKind.HEALTH_WELFARE_CENTER, PlaceKind.CITY_HALL_DESK})
MAX_SEARCH_DAYS = 31


def local_tz():
    return timezone.get_default_timezone()


def at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, local_tz())


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


def outside_hours_reason(
    program: Program, starts_at: datetime.datetime, ends_at: datetime.datetime
) -> str | None:
    """Why a session from ``starts_at`` to ``ends_at`` lies outside the program's hours, or None."""
    start, end = timezone.localtime(starts_at, local_tz()), timezone.localtime(ends_at, local_tz())
    day = start.date()
    reason = day_closed_reason(program, day, closures_between(program, day, day))
    if reason:
        return reason
    windows = hours_on(program, day)
    if any(at(day, opens) <= start and end <= at(day, closes) for opens, closes in windows):
        return None
    spans = "、".join(f"{o:%H:%M}〜{c:%H:%M}" for o, c in windows)
    return _("受付時間（%(hours)s）の外です") % {"hours": spans}


def padding(kind: str, settings: SchedulingSettings) -> tuple[datetime.timedelta, datetime.timedelta]:
    """Time a session of ``kind`` keeps free before and after it."""
    travel = datetime.timedelta(minutes=settings.travel_minutes if kind in TRAVELLING_KINDS else 0)
    return travel, travel + datetime.timedelta(minutes=settings.record_buffer_minutes)


@dataclass(frozen=True)
class Busy:
    starts_at: datetime.datetime  # padded
    ends_at: datetime.datetime  # padded

    def overlaps(self, starts_at, ends_at) -> bool:
        return self.starts_at < ends_at and starts_at < self.ends_at


@dataclass
class Slot:
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    staff: list = field(default_factory=list)  # users free for the whole slot


@dataclass
class DayAvailability:
    day: datetime.date
    closed_reason: str | None
    slots: list[Slot] = field(default_factory=list)
    is_past: bool = False

    @property
    def by_staff(self) -> list[tuple]:
        """(user, their free slots) for each staff member free at some time of the day."""
        rows: dict[int, tuple] = {}
        for slot in self.slots:
            for user in slot.staff:
                rows.setdefault(user.pk, (user, []))[1].append(slot)
        return list(rows.values())


def _workdays(program, staff_ids) -> tuple[dict, set]:
    by_user_day: dict[tuple[int, int], list] = defaultdict(list)
    for w in StaffWorkday.objects.filter(program=program, user_id__in=staff_ids).order_by("starts"):
        by_user_day[(w.user_id, w.weekday)].append((w.starts, w.ends))
    return by_user_day, {user_id for user_id, _day in by_user_day}


def absent_days(program, staff_ids, first, last) -> dict[int, set[datetime.date]]:
    days: dict[int, set[datetime.date]] = defaultdict(set)
    absences = StaffAbsence.objects.filter(
        user_id__in=staff_ids, starts_on__lte=last, ends_on__gte=first
    ).filter(Q(program__isnull=True) | Q(program=program))
    for a in absences:
        day = max(a.starts_on, first)
        while day <= min(a.ends_on, last):
            days[a.user_id].add(day)
            day += datetime.timedelta(days=1)
    return days


def _busy_of_staff(staff_ids, start, end, settings) -> dict[int, list[Busy]]:
    """Every program's appointments of these staff: one person's time is one, whichever program."""
    busy: dict[int, list[Busy]] = defaultdict(list)
    margin = datetime.timedelta(minutes=settings.travel_minutes * 2 + settings.record_buffer_minutes)
    rows = (
        Appointment.objects.with_scopes_disabled()
        .filter(status__in=BUSY_STATUSES, starts_at__lt=end + margin, ends_at__gt=start - margin)
        .filter(Q(staff_id__in=staff_ids) | Q(second_staff_id__in=staff_ids))
        .values_list("staff_id", "second_staff_id", "starts_at", "ends_at", "kind")
    )
    for staff_id, second_id, starts_at, ends_at, kind in rows:
        before, after = padding(kind, settings)
        for user_id in (staff_id, second_id):
            if user_id in staff_ids:
                busy[user_id].append(Busy(starts_at - before, ends_at + after))
    return busy


def _busy_of_room(place, start, end) -> list[Busy]:
    if place is None or place.kind not in ROOM_KINDS:
        return []
    rows = (
        Appointment.objects.with_scopes_disabled()
        .filter(place=place, status__in=BUSY_STATUSES, starts_at__lt=end, ends_at__gt=start)
        .values_list("starts_at", "ends_at")
    )
    return [Busy(s, e) for s, e in rows]


def free_slots(
    program: Program,
    *,
    staff: list,
    first: datetime.date,
    days: int,
    kind: str,
    duration_minutes: int,
    place=None,
    now: datetime.datetime | None = None,
) -> list[DayAvailability]:
    """Free slots from ``first`` for ``days`` days, for a session of ``kind`` lasting ``duration_minutes``.

    A slot lies inside the program's opening hours on an open day, inside the staff member's
    workday for this program (if any are set; none set means "works whenever the program is
    open"), not on their absence, and keeps the record buffer and travel time clear of their other
    appointments in every program. A room (center, health-welfare center, city hall desk) holds one
    session at a time. A fixed number of queries, however many days or appointments.
    """
    program = with_hours(program)
    settings = scheduling_settings(program)
    now = now or timezone.now()
    days = max(1, min(days, MAX_SEARCH_DAYS))
    last = first + datetime.timedelta(days=days - 1)
    range_start, range_end = (
        at(first, datetime.time.min),
        at(last + datetime.timedelta(days=1), datetime.time.min),
    )
    staff_ids = [u.pk for u in staff]
    closures = closures_between(program, first, last)
    workdays, has_workdays = _workdays(program, staff_ids)
    absent = absent_days(program, staff_ids, first, last)
    busy = _busy_of_staff(set(staff_ids), range_start, range_end, settings)
    room = _busy_of_room(place, range_start, range_end)
    before, after = padding(kind, settings)
    length = datetime.timedelta(minutes=duration_minutes)
    step = datetime.timedelta(minutes=max(5, settings.slot_step_minutes))

    result = []
    for offset in range(days):
        day = first + datetime.timedelta(days=offset)
        reason = day_closed_reason(program, day, closures)
        availability = DayAvailability(day, reason, is_past=at(day, datetime.time.max) < now)
        result.append(availability)
        if reason:
            continue
        slots: dict[datetime.datetime, Slot] = {}
        for opens, closes in hours_on(program, day):
            for user in staff:
                if day in absent.get(user.pk, ()):
                    continue
                windows = (
                    workdays.get((user.pk, day.weekday()), [])
                    if user.pk in has_workdays
                    else [(opens, closes)]
                )
                for w_start, w_end in windows:
                    start = at(day, max(opens, w_start))
                    end = at(day, min(closes, w_end))
                    cursor = at(day, opens)
                    while cursor < start:  # keep slots on the program's grid (9:00, 9:30, …)
                        cursor += step
                    while cursor + length <= end:
                        needed_from, needed_to = cursor - before, cursor + length + after
                        if (
                            cursor > now
                            and not any(b.overlaps(needed_from, needed_to) for b in busy.get(user.pk, ()))
                            and not any(b.overlaps(cursor, cursor + length) for b in room)
                        ):
                            slots.setdefault(cursor, Slot(cursor, cursor + length)).staff.append(user)
                        cursor += step
        availability.slots = [slots[k] for k in sorted(slots)]
    return result


# --- checks at booking time ------------------------------------------------------------------------


def staff_conflict(*, staff_ids, starts_at, ends_at, exclude_pk=None) -> Appointment | None:
    """An appointment (in any program) that one of these staff already has at that time."""
    qs = (
        Appointment.objects.with_scopes_disabled()
        .filter(status__in=BUSY_STATUSES, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .filter(Q(staff_id__in=staff_ids) | Q(second_staff_id__in=staff_ids))
        .select_related("staff", "second_staff", "program")
        .order_by("starts_at")
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


def room_conflict(*, place, starts_at, ends_at, exclude_pk=None) -> Appointment | None:
    if place.kind not in ROOM_KINDS:
        return None
    qs = Appointment.objects.with_scopes_disabled().filter(
        place=place, status__in=BUSY_STATUSES, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.order_by("starts_at").first()


def staff_absence_on(*, program, user, day: datetime.date) -> StaffAbsence | None:
    return (
        StaffAbsence.objects.filter(user=user, starts_on__lte=day, ends_on__gte=day)
        .filter(Q(program__isnull=True) | Q(program=program))
        .first()
    )


def outside_workday(*, program, user, starts_at, ends_at) -> bool:
    """True when the staff member has workdays set for this program and none covers the session."""
    rows = list(
        StaffWorkday.objects.filter(program=program, user=user).values_list("weekday", "starts", "ends")
    )
    if not rows:
        return False
    start, end = timezone.localtime(starts_at, local_tz()), timezone.localtime(ends_at, local_tz())
    day = start.date()
    return not any(
        weekday == day.weekday() and at(day, s) <= start and end <= at(day, e) for weekday, s, e in rows
    )
