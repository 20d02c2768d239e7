"""Free slots keep time for writing the record after a session and for travel around home visits."""

import datetime

import pytest

from yorisoi.appointments.availability import free_slots
from yorisoi.appointments.models import AppointmentKind, SchedulingSettings, StaffAbsence, StaffWorkday
from yorisoi.appointments.tests.conftest import jst
from yorisoi.appointments.tests.factories import make_appointment, one_room_only
from yorisoi.cases.tests.factories import make_case
from yorisoi.programs.models import PlaceKind, Role

NOW = jst(2026, 11, 20, 9, 0)
TUESDAY = datetime.date(2026, 11, 24)


def _starts(program, user, kind=AppointmentKind.CONTINUING, place=None, day=TUESDAY, minutes=60):
    (only,) = free_slots(
        program, staff=[user], first=day, days=1, kind=kind, duration_minutes=minutes, place=place, now=NOW
    )
    return [f"{s.starts_at:%H:%M}" for s in only.slots]


def _book(program, user, start, *, kind=AppointmentKind.CONTINUING, place=None, day=TUESDAY, minutes=60):
    case = make_case(program=program, actor=user)
    place = place or program.places.get(
        kind=PlaceKind.HOME if kind == AppointmentKind.HOME_VISIT else PlaceKind.CENTER
    )
    return make_appointment(
        program=program,
        actor=user,
        case=case,
        day=day,
        start=start,
        minutes=minutes,
        kind=kind,
        place=place,
        outside_hours_reason="",
        now=NOW,
    )


def test_the_record_buffer_keeps_fifteen_minutes_after_each_session(chiba, chiba_counselor):
    # given a session 10:00–11:00 (default: 15 minutes to write the record)
    _book(chiba, chiba_counselor, datetime.time(10))
    # when an hour-long session is looked for
    starts = _starts(chiba, chiba_counselor)
    # then 9:00 is refused too (its record would run into 10:00) and 11:00 (the record until 11:15)
    assert "09:00" not in starts and "10:00" not in starts and "11:00" not in starts
    assert starts[:2] == ["11:30", "12:00"]


def test_travel_time_before_and_after_a_home_visit(chiba, chiba_counselor):
    # given a home visit 13:00–14:00: 30 minutes' travel each way, then the record
    _book(chiba, chiba_counselor, datetime.time(13), kind=AppointmentKind.HOME_VISIT)
    # then a desk session must end by 12:30 and start after 14:45
    desk = _starts(chiba, chiba_counselor)
    assert "11:00" in desk and "11:30" not in desk
    assert "14:30" not in desk and "15:00" in desk
    # and another home visit also needs its own travel before it
    visit = _starts(chiba, chiba_counselor, kind=AppointmentKind.HOME_VISIT)
    assert "10:30" in visit and "11:00" not in visit
    assert "15:00" not in visit and "15:30" in visit


def test_buffers_follow_the_programs_setting(chiba, chiba_counselor):
    SchedulingSettings.objects.create(program=chiba, record_buffer_minutes=0, travel_minutes=0)
    _book(chiba, chiba_counselor, datetime.time(10))
    starts = _starts(chiba, chiba_counselor)
    assert "09:00" in starts and "11:00" in starts and "10:30" not in starts


def test_workdays_limit_a_part_time_consultant_to_their_hours(chiba, chiba_counselor):
    StaffWorkday.objects.create(
        user=chiba_counselor, program=chiba, weekday=1, starts=datetime.time(13), ends=datetime.time(17)
    )
    assert _starts(chiba, chiba_counselor) == ["13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00"]
    assert _starts(chiba, chiba_counselor, day=TUESDAY + datetime.timedelta(days=1)) == []  # not a workday


def test_an_absence_takes_the_staff_member_out(chiba, chiba_counselor):
    StaffAbsence.objects.create(user=chiba_counselor, starts_on=TUESDAY, ends_on=TUESDAY, note="研修")
    assert _starts(chiba, chiba_counselor) == []
    assert _starts(chiba, chiba_counselor, day=TUESDAY + datetime.timedelta(days=1)) != []


def test_a_room_holds_one_session_at_a_time(chiba, staff):
    a, b = staff("chiba", Role.COUNSELOR), staff("chiba", Role.COUNSELOR)
    center = chiba.places.get(kind=PlaceKind.CENTER)
    one_room_only(center)  # given a center with a single room in use
    _book(chiba, a, datetime.time(10), place=center)
    assert "10:00" not in _starts(chiba, b, place=center)
    assert "10:00" in _starts(chiba, b)  # elsewhere, b is free
    home = chiba.places.get(kind=PlaceKind.HOME)
    assert "10:00" in _starts(chiba, b, place=home)  # a home is not a room


def test_a_consultant_of_both_programs_is_busy_in_chiba_while_in_urayasu(chiba, urayasu, staff):
    both = staff("chiba", Role.COUNSELOR)
    from yorisoi.programs.models import Membership

    Membership.objects.create(user=both, program=urayasu, role=Role.COUNSELOR)
    _book(urayasu, both, datetime.time(10), place=urayasu.places.get(kind=PlaceKind.CITY_HALL_DESK))
    starts = _starts(chiba, both)
    assert "10:00" not in starts and "11:30" in starts


def test_slots_in_the_past_are_not_offered(chiba, chiba_counselor):
    (today,) = free_slots(
        chiba,
        staff=[chiba_counselor],
        first=TUESDAY,
        days=1,
        kind=AppointmentKind.CONTINUING,
        duration_minutes=60,
        now=jst(2026, 11, 24, 12, 10),
    )
    assert today.slots[0].starts_at == jst(2026, 11, 24, 12, 30)


@pytest.mark.parametrize("appointments", [1, 12])
def test_slot_search_costs_the_same_queries_however_many_appointments(
    appointments, chiba, staff, django_assert_num_queries
):
    people = [staff("chiba", Role.COUNSELOR) for _ in range(3)]
    for i in range(appointments):
        _book(chiba, people[i % 3], datetime.time(9 + i % 8), day=TUESDAY + datetime.timedelta(days=i // 8))
    chiba.refresh_from_db()
    with django_assert_num_queries(6):
        free_slots(
            chiba,
            staff=people,
            first=TUESDAY,
            days=14,
            kind=AppointmentKind.CONTINUING,
            duration_minutes=60,
            now=NOW,
        )
