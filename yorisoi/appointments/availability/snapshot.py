"""Everything the rule needs to judge bookings in a period, fetched in a fixed number of queries.

The slot search loads one snapshot for two weeks and judges hundreds of candidates in memory;
a booking loads one for its own day after taking its locks. Either way the decision is made by
``rule.judge`` — the snapshot only batches the data.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from yorisoi.appointments.availability.clock import (
    ROOM_KINDS,
    at,
    scheduling_settings,
    with_hours,
)
from yorisoi.appointments.models import (
    BUSY_STATUSES,
    Appointment,
    SchedulingSettings,
    StaffAbsence,
    StaffWorkday,
)
from yorisoi.programs.calendar import closures_between
from yorisoi.programs.models import Program, Room


@dataclass(frozen=True)
class Booked:
    """An appointment that occupies time: whose, where, when, and in which program."""

    pk: int
    staff_ids: tuple[int, ...]
    place_id: int
    room_id: int | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    kind: str
    program_id: int
    program_name: str

    def overlaps(self, starts_at, ends_at, before=datetime.timedelta(0), after=datetime.timedelta(0)) -> bool:
        """Whether this appointment, widened by ``before``/``after``, meets ``starts_at``–``ends_at``."""
        return self.starts_at - before < ends_at and starts_at < self.ends_at + after


@dataclass
class Snapshot:
    program: Program
    settings: SchedulingSettings
    first: datetime.date
    last: datetime.date
    closures: dict[datetime.date, str]
    workdays: dict[tuple[int, int], list[tuple[datetime.time, datetime.time]]]
    has_workdays: set[int]
    absences: dict[int, list[tuple[datetime.date, datetime.date, str]]]
    staff_busy: dict[int, list[Booked]]
    rooms: dict[int, list[Room]] = field(default_factory=dict)
    place_busy: dict[int, list[Booked]] = field(default_factory=dict)


def _booked(row) -> Booked:
    pk, staff_id, second_id, place_id, room_id, starts_at, ends_at, kind, program_id, program_name = row
    staff = tuple(i for i in (staff_id, second_id) if i)
    return Booked(pk, staff, place_id, room_id, starts_at, ends_at, kind, program_id, program_name)


BOOKED_FIELDS = (
    "pk",
    "staff_id",
    "second_staff_id",
    "place_id",
    "room_id",
    "starts_at",
    "ends_at",
    "kind",
    "program_id",
    "program__short_name",
)


def load(
    program: Program,
    *,
    staff_ids,
    places=(),
    first: datetime.date,
    last: datetime.date,
    exclude_pk: int | None = None,
) -> Snapshot:
    """The snapshot for ``staff_ids`` and ``places`` from ``first`` to ``last`` (whole days).

    Six queries, plus two when a place with rooms is involved, however many days or appointments.
    Appointments of every program count for the staff: one person's time is one, whichever program.
    """
    program = with_hours(program)
    settings = scheduling_settings(program)
    staff_ids = {i for i in staff_ids if i}
    margin = datetime.timedelta(minutes=settings.travel_minutes * 2 + settings.record_buffer_minutes)
    start, end = at(first, datetime.time.min), at(last + datetime.timedelta(days=1), datetime.time.min)

    workdays: dict[tuple[int, int], list] = defaultdict(list)
    for w in StaffWorkday.objects.filter(program=program, user_id__in=staff_ids).order_by("starts"):
        workdays[(w.user_id, w.weekday)].append((w.starts, w.ends))

    absences: dict[int, list] = defaultdict(list)
    for a in StaffAbsence.objects.filter(
        user_id__in=staff_ids, starts_on__lte=last, ends_on__gte=first
    ).filter(Q(program__isnull=True) | Q(program=program)):
        absences[a.user_id].append((a.starts_on, a.ends_on, a.note))

    busy = Appointment.objects.with_scopes_disabled().filter(status__in=BUSY_STATUSES)
    if exclude_pk:
        busy = busy.exclude(pk=exclude_pk)
    staff_busy: dict[int, list[Booked]] = defaultdict(list)
    rows = busy.filter(starts_at__lt=end + margin, ends_at__gt=start - margin).filter(
        Q(staff_id__in=staff_ids) | Q(second_staff_id__in=staff_ids)
    )
    for row in rows.values_list(*BOOKED_FIELDS):
        booked = _booked(row)
        for user_id in booked.staff_ids:
            if user_id in staff_ids:
                staff_busy[user_id].append(booked)

    snapshot = Snapshot(
        program=program,
        settings=settings,
        first=first,
        last=last,
        closures=closures_between(program, first, last),
        workdays=dict(workdays),
        has_workdays={user_id for user_id, _day in workdays},
        absences=dict(absences),
        staff_busy=dict(staff_busy),
    )
    room_places = [p.pk for p in places if p is not None and p.kind in ROOM_KINDS]
    if room_places:
        for room in Room.objects.filter(place_id__in=room_places, is_active=True).order_by(
            "display_order", "id"
        ):
            snapshot.rooms.setdefault(room.place_id, []).append(room)
        at_places = busy.filter(place_id__in=room_places, starts_at__lt=end, ends_at__gt=start)
        for row in at_places.values_list(*BOOKED_FIELDS):
            booked = _booked(row)
            snapshot.place_busy.setdefault(booked.place_id, []).append(booked)
    return snapshot
