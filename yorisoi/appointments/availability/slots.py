"""Free slots: candidates on the program's grid, each judged by the one rule."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from yorisoi.appointments.availability import snapshot as snapshots
from yorisoi.appointments.availability.clock import MAX_SEARCH_DAYS, at, day_closed_reason
from yorisoi.appointments.availability.rule import BookingSlot, judge
from yorisoi.programs.calendar import hours_on
from yorisoi.programs.models import Program


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


def _candidates(snap, user, day, length, step):
    """Start times on the program's grid (9:00, 9:30, …) inside its hours and the user's workday."""
    for opens, closes in hours_on(snap.program, day):
        windows = (
            snap.workdays.get((user.pk, day.weekday()), [])
            if user.pk in snap.has_workdays
            else [(opens, closes)]
        )
        for w_start, w_end in windows:
            start, end = at(day, max(opens, w_start)), at(day, min(closes, w_end))
            cursor = at(day, opens)
            while cursor < start:
                cursor += step
            while cursor + length <= end:
                yield cursor
                cursor += step


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

    Every slot offered is one ``judge`` finds clean (bookable, and with the record time kept), for
    the given ``place`` and its rooms. A fixed number of queries, however many days or appointments.
    """
    now = now or timezone.now()
    days = max(1, min(days, MAX_SEARCH_DAYS))
    last = first + datetime.timedelta(days=days - 1)
    snap = snapshots.load(program, staff_ids=[u.pk for u in staff], places=[place], first=first, last=last)
    length = datetime.timedelta(minutes=duration_minutes)
    step = datetime.timedelta(minutes=max(5, snap.settings.slot_step_minutes))
    result = []
    for offset in range(days):
        day = first + datetime.timedelta(days=offset)
        reason = day_closed_reason(snap.program, day, snap.closures)
        availability = DayAvailability(day, reason, is_past=at(day, datetime.time.max) < now)
        result.append(availability)
        if reason:
            continue
        found: dict[datetime.datetime, Slot] = {}
        for user in staff:
            for start in _candidates(snap, user, day, length, step):
                if start <= now:
                    continue
                slot = BookingSlot(
                    kind=kind, place=place, staff=user, starts_at=start, ends_at=start + length
                )
                if judge(slot, snap, now).clean:
                    found.setdefault(start, Slot(start, start + length)).staff.append(user)
        availability.slots = [found[k] for k in sorted(found)]
    return result
